from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from prepapp.library.models import Question, Round
from prepapp.practice.models import Answer
from tests.practice.factories import AnswerFactory, UserQuestionFactory
from tests.practice.helpers import answers_bulk

pytestmark = pytest.mark.django_db

URL = reverse("practice:answers")


def _listed(response) -> list[int]:
    return [a.pk for a in response.context["page"].object_list]


def test_lists_only_own_answers_newest_first(auth_client, user, other_user):
    older = AnswerFactory(user=user, body="older")
    newer = AnswerFactory(user=user, body="newer")
    Answer.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(days=1))
    AnswerFactory(user=other_user, body="not mine")
    response = auth_client.get(URL)
    assert response.status_code == 200
    assert _listed(response) == [newer.pk, older.pk]
    html = response.content.decode()
    assert newer.question.text[:60] in html
    assert newer.get_absolute_url() in html


def test_empty_list_invites_practice(auth_client):
    response = auth_client.get(URL)
    assert "No answers yet" in response.content.decode()


def test_filter_by_round_and_topic_covers_own_questions(auth_client, user):
    culture = Question.objects.filter(round__slug="culture-fit").first()
    technical = Question.objects.filter(round__slug="technical").first()
    in_round = AnswerFactory(user=user, question=culture)
    AnswerFactory(user=user, question=technical)
    own = UserQuestionFactory(user=user, round=Round.objects.get(slug="culture-fit"))
    own_answer = AnswerFactory(user=user, question=None, user_question=own)
    response = auth_client.get(URL, {"round": "culture-fit"})
    assert set(_listed(response)) == {in_round.pk, own_answer.pk}
    response = auth_client.get(URL, {"topic": technical.topic.slug})
    assert technical.pk in {a.question_id for a in response.context["page"].object_list}
    assert all(
        a.question and a.question.topic == technical.topic for a in response.context["page"]
    )


def test_filter_by_date_score_and_findings(auth_client, user):
    old = AnswerFactory(user=user, score_structure=5)
    Answer.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=10), finding_count=2
    )
    new = AnswerFactory(user=user, score_structure=2)
    today = timezone.localdate()
    assert _listed(auth_client.get(URL, {"date_from": today.isoformat()})) == [new.pk]
    assert _listed(auth_client.get(URL, {"date_to": (today - timedelta(days=5)).isoformat()})) == [
        old.pk
    ]
    assert _listed(auth_client.get(URL, {"min_score": "4"})) == [old.pk]
    assert _listed(auth_client.get(URL, {"has_findings": "yes"})) == [old.pk]
    assert _listed(auth_client.get(URL, {"has_findings": "no"})) == [new.pk]


def test_search_in_question_own_question_and_answer_text(auth_client, user):
    question = Question.objects.filter(text__icontains="HIPAA").first()
    by_question = AnswerFactory(user=user, question=question, body="plain")
    by_body = AnswerFactory(user=user, body="We reduced readmissions by 12%")
    own = UserQuestionFactory(user=user, text="Tell me about a hospital pilot")
    by_own = AnswerFactory(user=user, question=None, user_question=own, body="plain")
    AnswerFactory(user=user, body="unrelated")
    assert by_question.pk in _listed(auth_client.get(URL, {"q": "hipaa"}))
    assert _listed(auth_client.get(URL, {"q": "READMISSIONS 12%"})) == [by_body.pk]
    assert _listed(auth_client.get(URL, {"q": "hospital pilot"})) == [by_own.pk]


@pytest.mark.parametrize(
    "params",
    [
        {"round": "no-such-round"},
        {"topic": "999"},
        {"date_from": "not-a-date"},
        {"min_score": "11"},
        {"min_score": "abc"},
        {"has_findings": "maybe"},
        {"q": "x" * 500},
        {"page": "abc"},
        {"page": "999"},
        {"page": "-1"},
    ],
)
def test_bad_filters_do_not_fail(auth_client, user, params):
    answer = AnswerFactory(user=user)
    response = auth_client.get(URL, params)
    assert response.status_code == 200
    # An invalid filter is dropped, so the list still shows the answer.
    if "q" not in params:
        assert _listed(response) == [answer.pk]


def test_pagination_keeps_filters(auth_client, user):
    answers_bulk(user, 45)
    response = auth_client.get(URL, {"has_findings": "yes", "page": "2"})
    assert response.context["page"].number == 2
    assert len(_listed(response)) == 20
    html = response.content.decode()
    assert "?has_findings=yes&amp;page=3" in html
    assert "Page 2 of 3" in html


def test_htmx_gets_the_results_partial(auth_client, user):
    AnswerFactory(user=user)
    response = auth_client.get(URL, {"q": "answer"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="results"')
    assert "<html" not in html


@pytest.mark.parametrize("htmx", [False, True])
def test_from_after_to_is_a_form_error_and_keeps_what_was_typed(auth_client, user, htmx):
    older = AnswerFactory(user=user)
    Answer.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(days=10))
    newer = AnswerFactory(user=user, score_structure=5)
    today = timezone.localdate()
    params = {
        "date_from": today.isoformat(),
        "date_to": (today - timedelta(days=20)).isoformat(),
        "min_score": "4",
    }
    headers = {"HX-Request": "true"} if htmx else {}
    response = auth_client.get(URL, params, headers=headers)
    assert response.status_code == 200
    html = response.content.decode()
    # The message reaches the page whichever way the form was sent: inside the results.
    assert "“From” is after “To”" in html
    assert 'role="alert"' in html
    form = response.context["filter_form"]
    assert form.errors and form["date_from"].value() == params["date_from"]
    assert form["date_to"].value() == params["date_to"]
    if not htmx:
        # The filter form is re-shown with both dates as typed.
        assert f'value="{params["date_from"]}"' in html
        assert f'value="{params["date_to"]}"' in html
    # The impossible range is not applied; the other filters still are.
    assert _listed(response) == [newer.pk]


def test_from_equal_to_to_is_one_day(auth_client, user):
    answer = AnswerFactory(user=user)
    today = timezone.localdate().isoformat()
    response = auth_client.get(URL, {"date_from": today, "date_to": today})
    assert not response.context["filter_form"].errors
    assert _listed(response) == [answer.pk]


# ------------------------------------------------ each row: excerpt, score, findings, date


def test_a_row_shows_an_excerpt_the_score_the_findings_titles_and_the_date(auth_client, user):
    from prepapp.library.models import MistakePair
    from prepapp.practice.models import Finding

    body = "## Situation\n\nI led the **rollout** of `FHIR` at a clinic. " + "word " * 100
    answer = AnswerFactory(user=user, body=body, score_structure=4)
    pair = MistakePair.objects.order_by("pk").first()
    Finding.objects.create(answer=answer, code="too-short", message="m", mistake=pair)
    Finding.objects.create(answer=answer, code="not-quantified", message="m", mistake=pair)
    Answer.objects.filter(pk=answer.pk).update(finding_count=2)
    html = auth_client.get(URL).content.decode()
    # Markdown's markup is gone and the excerpt is cut with an ellipsis, not the whole body.
    assert "Situation I led the rollout of FHIR at a clinic. word" in html
    assert "…" in html and "word " * 60 not in html
    assert "Far too short for the round; Nothing quantified" in html
    assert "too-short" not in html and "not-quantified" not in html
    answer.refresh_from_db()
    assert f"<strong>{answer.score_avg:.1f}</strong>" in html
    assert f'datetime="{answer.created_at.astimezone(timezone.UTC):%Y-%m-%dT%H:%M:%S}' in html


def test_a_row_without_findings_says_so(auth_client, user):
    AnswerFactory(user=user, body="Short.")
    html = auth_client.get(URL).content.decode()
    assert "No findings" in html and "Short." in html


def test_an_old_imported_code_shows_its_pairs_title(auth_client, user):
    from prepapp.library.models import MistakePair
    from prepapp.practice.models import Finding

    answer = AnswerFactory(user=user)
    pair = MistakePair.objects.order_by("pk").first()
    Finding.objects.create(answer=answer, code="retired-check", message="m", mistake=pair)
    html = auth_client.get(URL).content.decode()
    assert pair.title in html and "retired-check" not in html


@pytest.mark.parametrize(
    ("markdown", "excerpt"),
    [
        ("# Title\n\n- one\n- two\n\n> quoted [link](https://x.org)", "Title one two quoted link"),
        ("short", "short"),
        ("a" * 300, "a" * 200 + "…"),
        # Cut at the last whole word within 200 characters, its comma dropped.
        ("word, " * 60, ("word, " * 33).rstrip(", ") + "…"),
    ],
)
def test_excerpt_plain(markdown, excerpt):
    from prepapp.practice.answer_list import excerpt_plain

    assert excerpt_plain(markdown) == excerpt
