"""prepapp/practice/answers.py: saving an answer runs the checks and schedules the review."""

from __future__ import annotations

import pytest

from prepapp.library.models import MistakePair, Question
from prepapp.practice import answers as answers_module
from prepapp.practice.answers import answer_expectations, answer_save
from prepapp.practice.feedback import FeedbackFinding
from prepapp.practice.models import Answer, Finding, ReviewCard
from tests.practice.factories import UserQuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def fake_feedback(monkeypatch):
    calls = []
    result: list[FeedbackFinding] = []

    def answer_feedback(text, *, checks, vocabulary, minutes=None):
        calls.append({"text": text, "checks": list(checks), "minutes": minutes})
        return list(result)

    monkeypatch.setattr(answers_module.feedback, "answer_feedback", answer_feedback)
    return calls, result


def test_findings_map_to_mistake_pairs_and_unknown_slugs_to_none(user, fake_feedback):
    calls, result = fake_feedback
    pair = MistakePair.objects.order_by("pk").first()
    result += [
        FeedbackFinding("known", "Known.", pair.slug),
        FeedbackFinding("unknown", "Unknown.", "no-such-pair"),
        FeedbackFinding("known", "Duplicate code, dropped.", pair.slug),
    ]
    question = Question.objects.select_related("round", "topic").order_by("pk").first()
    answer = answer_save(Answer(user=user, question=question, body="text"))
    expected = answer_expectations(question)
    assert calls == [
        {
            "text": "text",
            "checks": [e.code for e in expected],
            "minutes": question.round.typical_minutes,
        }
    ]
    # The question's own checks: its round's and topic's, as the pack says.
    assert {"too-short", "no-structure"} <= set(calls[0]["checks"])
    findings = {f.code: f for f in Finding.objects.filter(answer=answer)}
    assert set(findings) == {"known", "unknown"}
    assert findings["known"].mistake == pair and findings["known"].message == "Known."
    assert findings["unknown"].mistake is None
    answer.refresh_from_db()
    assert answer.finding_count == 2


def test_edit_replaces_findings(user, fake_feedback):
    _calls, result = fake_feedback
    result.append(FeedbackFinding("first", "First.", ""))
    answer = answer_save(Answer(user=user, question=Question.objects.first(), body="a"))
    result[:] = [FeedbackFinding("second", "Second.", "")]
    answer.body = "b"
    answer_save(answer)
    assert list(Finding.objects.values_list("code", flat=True)) == ["second"]
    result.clear()
    answer_save(answer)
    assert not Finding.objects.exists()
    answer.refresh_from_db()
    assert answer.finding_count == 0


def test_own_question_without_round_or_topic(user, fake_feedback):
    calls, _result = fake_feedback
    own = UserQuestionFactory(user=user)
    answer_save(Answer(user=user, user_question=own, body="x"))
    # No round or topic: the vocabulary's default checks for a question of your own.
    assert calls[0]["checks"] == ["too-short", "no-structure"]
    assert calls[0]["minutes"] is None
    assert ReviewCard.objects.get().user_question == own


def test_first_answer_creates_the_card_once(user, fake_feedback):
    question = Question.objects.first()
    answer_save(Answer(user=user, question=question, body="1"))
    answer_save(Answer(user=user, question=question, body="2"))
    assert ReviewCard.objects.filter(user=user, question=question).count() == 1


def test_tagged_mistakes_are_replaced_only_when_given(user, fake_feedback):
    pairs = list(MistakePair.objects.order_by("pk")[:2])
    answer = answer_save(
        Answer(user=user, question=Question.objects.first(), body="x"), mistakes=pairs
    )
    answer_save(answer)
    assert set(answer.mistakes.all()) == set(pairs)
    answer_save(answer, mistakes=[])
    assert not answer.mistakes.exists()


def test_long_codes_are_cut_to_the_column(user, fake_feedback):
    _calls, result = fake_feedback
    result.append(FeedbackFinding("x" * 60, "Long.", ""))
    answer = answer_save(Answer(user=user, question=Question.objects.first(), body="x"))
    assert Finding.objects.get(answer=answer).code == "x" * 40
