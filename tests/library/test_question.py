from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from prepapp.library.models import MistakePair, Question
from tests.library.factories import QuestionFactory, mistakes_bulk_create

pytestmark = pytest.mark.django_db

# Session, user, question (round and topic joined), its sources, the topic's mistakes, their sources.
QUERIES = 6


def url(slug: str) -> str:
    return reverse("library:question", args=[slug])


@pytest.fixture
def question(pack):
    # A topic with mistake pairs, so the "mistakes to avoid here" list has rows.
    return (
        Question.objects.select_related("round", "topic")
        .filter(topic__slug="regulation-compliance")
        .first()
    )


def test_shows_the_question_with_everything_needed_to_practise(auth_client, question):
    response = auth_client.get(url(question.slug))
    assert response.status_code == 200
    body = response.content.decode()
    assert escape(question.text) in body
    assert "What a strong answer covers" in body
    assert (
        f'{escape(question.round.name)}</a> <span class="tag">{question.round.length_display}'
        in body
    )
    for point in question.guidance_points + question.app_guidance_points:
        assert f"<li>{escape(point)}</li>" in body
    assert escape(question.topic.name) in body
    for source in question.sources.all():
        assert source.title in body
    assert f'href="{reverse("practice:new")}?question={question.slug}"' in body
    assert f'href="{reverse("practice:history", args=[question.slug])}"' in body
    assert "Practise this question" in body
    assert "Your attempts" in body


def test_lists_mistakes_of_the_same_topic_only(auth_client, question):
    response = auth_client.get(url(question.slug))
    body = response.content.decode()
    same_topic = MistakePair.objects.filter(topic=question.topic)
    assert same_topic.exists()
    assert list(response.context["mistakes"]) == list(same_topic)
    for pair in same_topic:
        assert escape(pair.title) in body
        assert escape(pair.bad) in body
        assert escape(pair.good) in body
    other = MistakePair.objects.exclude(topic=question.topic).first()
    assert escape(other.title) not in body
    assert 'class="bad"' in body
    assert 'class="good"' in body


def test_topic_without_mistakes_says_so(auth_client, pack):
    question = Question.objects.filter(topic__slug="career-transition").first()
    assert not MistakePair.objects.filter(topic__slug="career-transition").exists()
    body = auth_client.get(url(question.slug)).content.decode()
    assert "No mistake pairs for this topic yet" in body


def test_unknown_slug_is_404(auth_client, pack):
    assert auth_client.get(url("no-such-question")).status_code == 404


def test_staff_added_question_has_a_page(auth_client, pack):
    added = QuestionFactory(text="How would you launch a FHIR API?")
    response = auth_client.get(added.get_absolute_url())
    assert response.status_code == 200
    assert "How would you launch a FHIR API?" in response.content.decode()


def test_query_count_is_fixed(auth_client, question, django_assert_num_queries):
    with django_assert_num_queries(QUERIES):
        auth_client.get(url(question.slug))
    mistakes_bulk_create(200, topic_slug=question.topic.slug)
    with django_assert_num_queries(QUERIES):
        response = auth_client.get(url(question.slug))
    assert len(response.context["mistakes"]) > 200


def test_a_quoted_question_says_it_was_asked_with_the_sentence_one_click_away(auth_client, pack):
    for quoted in Question.objects.filter(kind=Question.Kind.QUOTED):
        body = auth_client.get(url(quoted.slug)).content.decode()
        assert "<dd>Asked in a real loop (quoted)</dd>" in body
        start = body.index('<details class="excerpt">')
        details = body[start : body.index("</details>", start)]
        assert "<summary>Where it was asked</summary>" in details
        assert escape(quoted.excerpt) in details
        assert quoted.sources.exists()
        for source in quoted.sources.all():
            assert f"<cite>{escape(source.title)}</cite>" in details


def test_a_derived_question_says_it_is_drawn_from_a_section(auth_client, pack):
    derived = Question.objects.get(slug="q-physician-adoption-barriers")
    assert derived.kind == Question.Kind.DERIVED
    body = auth_client.get(url(derived.slug)).content.decode()
    assert "<dd>Drawn from a cited section</dd>" in body
    assert "Asked in a real loop" not in body
    assert "<summary>The passage it is drawn from</summary>" in body
    assert escape(derived.excerpt) in body


def test_a_question_without_an_excerpt_has_no_empty_details(auth_client, question):
    assert question.excerpt == ""
    body = auth_client.get(url(question.slug)).content.decode()
    main = body[body.index("<main") :]  # the header's menu is a <details> of its own
    assert "<details" not in main
    assert "<dt>Kind</dt>" not in body


def test_app_guidance_is_labelled_apart_from_what_sources_say(auth_client, pack):
    question = Question.objects.get(slug="q-cpt-codes-adoption")
    body = auth_client.get(url(question.slug)).content.decode()
    cited, _, app = body.partition("<strong>App guidance</strong>")
    assert app, "the app's points carry the label"
    for point in question.guidance_points:
        assert escape(point) in cited
    for point in question.app_guidance_points:
        assert escape(point) in app and escape(point) not in cited
    # The round's suggested length is the app's, and says so.
    assert "suggested time: app guidance" in cited


def test_every_mistake_shows_its_example_and_sources_here(auth_client, pack):
    pair = MistakePair.objects.get(slug="mistake-failing-to-quantify-impact")
    question = Question.objects.filter(topic=pair.topic).first()
    body = auth_client.get(url(question.slug)).content.decode()
    for same_topic in MistakePair.objects.filter(topic=pair.topic).exclude(example=""):
        assert f"<strong>Example:</strong> {escape(same_topic.example)}" in body
    assert "<cite>Healthcare PM Job Description: Roles and Responsibilities</cite>" in body
