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


def test_anonymous_is_sent_to_login(client, question):
    response = client.get(url(question.slug))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_shows_the_question_with_everything_needed_to_practise(auth_client, question):
    response = auth_client.get(url(question.slug))
    assert response.status_code == 200
    body = response.content.decode()
    assert escape(question.text) in body
    assert escape(question.guidance) in body
    assert "What a strong answer covers" in body
    assert f"{escape(question.round.name)}</a> ({question.round.length_display})" in body
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


def test_wrong_method(auth_client, question):
    assert auth_client.post(url(question.slug)).status_code == 405
    assert auth_client.delete(url(question.slug)).status_code == 405


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


def test_a_quoted_question_says_it_was_asked_in_real_interviews(auth_client, pack):
    quoted = Question.objects.filter(kind=Question.Kind.QUOTED).first()
    body = auth_client.get(url(quoted.slug)).content.decode()
    assert "Asked in real interviews (quoted)" in body
    # Where it was quoted stays in the citation.
    assert quoted.sources.exists()
    for source in quoted.sources.all():
        assert f"<cite>{escape(source.title)}</cite>" in body


def test_a_derived_question_carries_no_article_jargon(auth_client, question):
    assert question.kind == Question.Kind.DERIVED
    body = auth_client.get(url(question.slug)).content.decode()
    assert "Drawn from an article" not in body
    assert "<dt>Kind</dt>" not in body
    assert "Asked in real interviews" not in body
