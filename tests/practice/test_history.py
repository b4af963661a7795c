from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from prepapp.library.models import Question
from prepapp.practice.attempts import ScoreChange
from prepapp.practice.feedback import CHECKS
from prepapp.practice.models import Answer, Finding
from prepapp.practice.scheduling import card_for_question
from tests.practice.factories import AnswerFactory, UserQuestionFactory
from tests.practice.helpers import answers_bulk

pytestmark = pytest.mark.django_db


def _question() -> Question:
    return Question.objects.filter(round__slug="culture-fit").order_by("pk").first()


def _url(question) -> str:
    return reverse("practice:history", args=[question.slug])


def test_attempts_oldest_first_with_changes(auth_client, user, other_user):
    question = _question()
    first = AnswerFactory(user=user, question=question, score_structure=2, score_examples=3)
    second = AnswerFactory(user=user, question=question, score_structure=4, score_examples=3)
    Answer.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(days=2))
    Finding.objects.create(answer=first, code="too-short", message="m")
    Finding.objects.create(answer=first, code="not-quantified", message="m")
    Finding.objects.create(answer=second, code="not-quantified", message="m")
    Finding.objects.create(answer=second, code="no-stakeholders", message="m")
    AnswerFactory(user=other_user, question=question)
    card_for_question(user, question=question)

    response = auth_client.get(_url(question))
    assert response.status_code == 200
    attempts = response.context["attempts"]
    assert [a.answer.pk for a in attempts] == [first.pk, second.pk]
    assert attempts[1].average_change == 1.0  # 2.5 -> 3.5
    assert attempts[1].scores[0].change == 2
    assert attempts[1].scores[1].change == 0
    assert attempts[1].fixed == ["too-short"]
    assert attempts[1].new == ["no-stakeholders"]
    html = response.content.decode()
    assert "(+1.0)" in html and "(+2)" in html and "(±0)" in html
    # Titles, not codes: the candidate reads what the check is about.
    titles = {check.code: check.title for check in CHECKS}
    assert f"Fixed: {titles['too-short']}" in html
    assert f"New: {titles['no-stakeholders']}" in html
    assert "too-short" not in html.split("<tbody>")[1]
    assert question.text in html
    assert f"?question={question.slug}" in html
    assert "Next review due" in html


def test_no_attempts_yet(auth_client):
    response = auth_client.get(_url(_question()))
    assert response.status_code == 200
    assert "You have not answered this question yet." in response.content.decode()


def test_own_question_history(auth_client, user):
    own = UserQuestionFactory(user=user, text="My own question")
    answer = AnswerFactory(user=user, question=None, user_question=own)
    response = auth_client.get(reverse("practice:own_history", args=[own.pk]))
    assert response.status_code == 200
    assert [a.answer.pk for a in response.context["attempts"]] == [answer.pk]
    assert f"?own={own.pk}" in response.content.decode()


def test_another_users_own_question_is_404(auth_client, other_user):
    own = UserQuestionFactory(user=other_user)
    assert auth_client.get(reverse("practice:own_history", args=[own.pk])).status_code == 404


def test_unknown_question_is_404(auth_client):
    assert auth_client.get(reverse("practice:history", args=["no-such"])).status_code == 404
    assert auth_client.get(reverse("practice:own_history", args=[999999])).status_code == 404


@pytest.mark.parametrize("count", [1, 200])
def test_query_count_is_fixed(auth_client, user, django_assert_num_queries, count):
    question = Question.objects.order_by("pk").first()
    answers = answers_bulk(user, count)
    Answer.objects.filter(pk__in=[a.pk for a in answers]).update(question=question)
    # session, user, question, answers, their findings, card
    with django_assert_num_queries(6):
        response = auth_client.get(_url(question))
    assert len(response.context["attempts"]) == count


def test_a_score_cell_reads_as_the_template_wrote_it():
    assert ScoreChange("Structure", 4, 1).shown == '4 <span class="change">(+1)</span>'
    assert ScoreChange("Structure", 3, -2).shown == '3 <span class="change">(-2)</span>'
    assert ScoreChange("Structure", 3, 0).shown == '3 <span class="change">(±0)</span>'
    assert ScoreChange("Structure", 5, None).shown == "5"
    assert ScoreChange("Structure", None, None).shown == "–"


def test_the_history_reads_no_answer_text(auth_client, user):
    question = _question()
    AnswerFactory(user=user, question=question, body="A long body " * 500)
    response = auth_client.get(_url(question))
    answer = response.context["attempts"][0].answer
    assert {"body", "body_html"} <= answer.get_deferred_fields()
