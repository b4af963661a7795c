from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from prepapp.library.models import MistakePair, Question
from prepapp.library.rubric import LEVELS
from prepapp.practice.answers import answer_save
from prepapp.practice.models import Answer, Finding
from prepapp.practice.scheduling import card_for_question
from tests.practice.factories import AnswerFactory, UserQuestionFactory
from tests.sharing.factories import CommentFactory

pytestmark = pytest.mark.django_db


def _url(answer) -> str:
    return reverse("practice:answer", args=[answer.pk])


def _saved(user, body: str, question=None, **scores) -> Answer:
    question = question or Question.objects.order_by("pk").first()
    answer = Answer(user=user, question=question, body=body, **scores)
    return answer_save(answer, mistakes=[MistakePair.objects.order_by("pk").first()])


def test_shows_question_answer_time_scores_findings_and_review(auth_client, user):
    question = Question.objects.filter(round__slug="technical").first()
    answer = _saved(
        user,
        "We shipped **fast**.\n\n<script>alert(1)</script>",
        question=question,
        score_structure=4,
        seconds_spent=125,
    )
    response = auth_client.get(_url(answer))
    assert response.status_code == 200
    html = response.content.decode()
    assert question.text in html
    assert "<strong>fast</strong>" in html
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html
    assert "Time spent: <strong>02:05</strong>" in html
    # The suggested time is the question's (one answer), not the whole round's.
    assert f"about {question.suggested_seconds // 60:02d}:00" in html
    assert question.suggested_seconds < question.round.typical_minutes * 60
    assert LEVELS[4] in html
    finding = answer.findings.select_related("mistake").first()
    assert finding is not None  # a two-line answer trips the length check
    assert finding.message in html
    assert "BAD" in html and "GOOD" in html
    assert finding.mistake.bad[:40] in html and finding.mistake.good[:40] in html
    assert MistakePair.objects.order_by("pk").first().title in html
    card = card_for_question(user, question=question)
    assert reverse("practice:review", args=[card.pk]) in html
    assert 'name="rating" value="3"' in html
    assert reverse("practice:edit", args=[answer.pk]) in html
    assert reverse("practice:delete", args=[answer.pk]) in html


def test_finding_without_a_known_mistake_shows_its_code(auth_client, user):
    answer = AnswerFactory(user=user)
    Finding.objects.create(answer=answer, code="odd-check", message="Something odd.")
    html = auth_client.get(_url(answer)).content.decode()
    assert "odd-check" in html and "Something odd." in html


def test_own_question_answer(auth_client, user):
    own = UserQuestionFactory(user=user, text="Why us?")
    answer = answer_save(Answer(user=user, user_question=own, body="Because."))
    html = auth_client.get(_url(answer)).content.decode()
    assert "Why us?" in html
    assert reverse("practice:own_history", args=[own.pk]) in html
    assert f"?own={own.pk}" in html


def test_another_users_answer_is_404(auth_client, other_user):
    answer = AnswerFactory(user=other_user)
    assert auth_client.get(_url(answer)).status_code == 404


def test_unknown_id_is_404(auth_client):
    assert auth_client.get(reverse("practice:answer", args=[999999])).status_code == 404


@pytest.mark.parametrize("count", [1, 20])
def test_query_count_is_fixed(auth_client, user, django_assert_num_queries, count):
    answer = _saved(user, "short")
    pairs = list(MistakePair.objects.all()[:count])
    answer.mistakes.set(pairs)
    Finding.objects.bulk_create(
        Finding(answer=answer, code=f"c{i}", message="m", mistake=pairs[i % len(pairs)])
        for i in range(count)
    )
    CommentFactory.create_batch(count, answer=answer)
    # session, user, whether it is the user's, answer, card, findings, previous attempt,
    # its finding codes, tagged, shared mark, coaches' comments (with their authors); a
    # second visit reads only the first three and the last two (tests/practice/test_cached_pages.py)
    with django_assert_num_queries(11):
        auth_client.get(_url(answer))


def test_each_finding_shows_its_own_checks_title(auth_client, user):
    """A too-short answer is "Far too short for the round"; its pair is named beneath."""
    answer = _saved(user, "Too brief.")
    assert answer.findings.filter(code="too-short").exists()
    html = auth_client.get(_url(answer)).content.decode()
    assert re.search(r"<h3[^>]*>Far too short for the round[ <]", html)
    assert not re.search(r"<h3[^>]*>No clear framework", html)
    assert "The mistake to avoid: No clear framework." in html


def test_feedback_before_the_self_assessment_and_the_strong_answer_after(auth_client, user):
    question = Question.objects.exclude(guidance="").filter(round__slug="technical").first()
    answer = _saved(user, "We would ship it and count downloads.", question=question)
    html = auth_client.get(_url(answer)).content.decode()
    assert html.index('id="answer-heading"') < html.index('id="feedback-heading"')
    assert html.index('id="feedback-heading"') < html.index('id="guidance-heading"')
    assert html.index('id="guidance-heading"') < html.index('id="scores-heading"')
    for point in question.guidance_points:
        assert f"<li>{escape(point)}</li>" in html
    # Finding titles, not their codes.
    finding = answer.findings.first()
    assert finding is not None and f">{escape(finding.title)}" in html
