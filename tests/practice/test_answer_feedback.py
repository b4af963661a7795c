"""The answer page shows each finding's evidence, what was expected, and the last attempt."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from prepapp.library.models import Question
from prepapp.practice.answers import answer_save
from prepapp.practice.models import Answer

pytestmark = pytest.mark.django_db

VANITY = (
    "## Plan\n\n- reminders for patients after discharge\n- nurses call the ones who miss\n\n"
    "At my last company I led this with the care team. **Success means more downloads and "
    "DAU**, and we will report them every month."
)


def _save(user, body, slug="q-dau-mau-vs-health-outcomes", minutes_ago=0) -> Answer:
    answer = answer_save(Answer(user=user, question=Question.objects.get(slug=slug), body=body))
    if minutes_ago:
        Answer.objects.filter(pk=answer.pk).update(
            created_at=answer.created_at - timedelta(minutes=minutes_ago)
        )
        answer.refresh_from_db()
    return answer


def _page(client, answer) -> str:
    response = client.get(reverse("practice:answer", args=[answer.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_evidence_is_marked_in_the_answer_across_markdown(auth_client, user):
    answer = _save(user, VANITY)
    assert "vanity-metrics-only" in set(answer.findings.values_list("code", flat=True))
    html = _page(auth_client, answer)
    # The sentence runs across <strong>: each piece is marked inside its own element.
    assert re.search(
        r'<strong><mark class="evidence" id="evidence-vanity-metrics-only">Success means more '
        r'downloads and DAU</mark></strong><mark class="evidence">, and we will report them '
        r"every month</mark>",
        html,
    )
    assert 'href="#evidence-vanity-metrics-only"' in html
    assert "In your answer" in html


def test_marking_keeps_the_answer_safe(auth_client, user):
    body = VANITY.replace("DAU**", "DAU <script>alert(1)</script>**")
    html = _page(auth_client, _save(user, body))
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html


def test_a_missing_thing_shows_what_the_question_expected(auth_client, user):
    question = Question.objects.get(slug="q-healthcare-product-launch-challenges")
    answer = _save(user, "We launched it and it went well. " * 20, slug=question.slug)
    assert "not-quantified" in set(answer.findings.values_list("code", flat=True))
    html = _page(auth_client, answer)
    assert "What this question expected:" in html
    assert question.round.feedback_checks["not-quantified"] in html


def test_findings_compare_with_the_previous_attempt(auth_client, user):
    _save(user, VANITY, minutes_ago=10)
    fixed_vanity = VANITY.replace("more downloads and DAU", "fewer readmissions")
    second = _save(user, fixed_vanity + " " + "We keep it going over time. " * 3)
    html = _page(auth_client, second)
    assert "Fixed since last time:" in html
    assert "Vanity metrics without an outcome" in html.split("Fixed since last time:")[1][:300]
    third = _save(user, VANITY.replace("## Plan", "## Plan again"))
    html = _page(auth_client, third)
    assert "new</span>" in html
    fourth = _save(user, VANITY.replace("## Plan", "## Plan once more"))
    assert "still there</span>" in _page(auth_client, fourth)


def test_practice_page_says_what_will_be_checked(auth_client):
    question = Question.objects.get(slug="q-dau-mau-vs-health-outcomes")
    response = auth_client.get(reverse("practice:new") + f"?question={question.slug}")
    html = response.content.decode()
    assert "This answer will be checked for…" in html
    assert "Vanity metrics without an outcome" in html
    assert question.feedback_checks_added["metrics-no-baseline"] in html
    assert "Nothing quantified" not in html  # dropped by this question
    # The mistakes no check reads are listed to check yourself, BAD beside GOOD.
    assert "Check these yourself" in html
    assert "Memorizing acronyms" in html.split("Check these yourself")[1]
