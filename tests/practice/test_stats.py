from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from prepapp.library.models import MistakePair, Question
from prepapp.practice.feedback import CHECKS
from prepapp.practice.models import Answer, Finding
from prepapp.practice.stats import (
    WEEKS,
    answers_latest,
    answers_stats,
    mistakes_recurring,
)
from tests.practice.factories import AnswerFactory, UserQuestionFactory
from tests.practice.helpers import answers_bulk

pytestmark = pytest.mark.django_db


def test_empty(user):
    stats = answers_stats(user)
    assert stats.total == 0 and stats.average is None
    assert len(stats.weeks) == WEEKS and all(w.count == 0 for w in stats.weeks)
    assert stats.rounds == [] and mistakes_recurring(user) == []


def test_totals_weeks_rounds_and_mistakes(user, other_user):
    technical = Question.objects.filter(round__slug="technical").first()
    culture = Question.objects.filter(round__slug="culture-fit").first()
    a1 = AnswerFactory(user=user, question=technical, score_structure=2)
    a2 = AnswerFactory(user=user, question=technical, score_structure=4)
    a3 = AnswerFactory(user=user, question=culture, score_structure=5)
    Answer.objects.filter(pk=a3.pk).update(created_at=timezone.now() - timedelta(weeks=3))
    old = AnswerFactory(user=user, question=culture)
    Answer.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(weeks=20))
    AnswerFactory(user=user, question=None, user_question=UserQuestionFactory(user=user))
    AnswerFactory(user=other_user, question=technical, score_structure=1)
    pairs = list(MistakePair.objects.order_by("pk")[:2])
    Finding.objects.create(answer=a1, code="x", message="m", mistake=pairs[0])
    Finding.objects.create(answer=a2, code="x", message="m", mistake=pairs[0])
    a1.mistakes.add(pairs[0], pairs[1])

    stats = answers_stats(user)
    assert stats.total == 5
    assert stats.average == pytest.approx((2 + 4 + 5) / 3, abs=0.01)
    assert stats.weeks[-1].count == 3 and stats.weeks[-1].average == 3.0
    assert stats.weeks[-4].count == 1 and stats.weeks[-4].average == 5.0
    assert sum(w.count for w in stats.weeks) == 4  # the 20-week-old answer is out of range
    assert stats.weeks[-1].week.weekday() == 0
    by_round = {r.slug: r for r in stats.rounds}
    assert by_round["technical"].count == 2 and by_round["technical"].average == 3.0
    assert by_round["culture-fit"].count == 2
    assert by_round[None].name == "No round" and by_round[None].count == 1
    # a2 is the latest attempt at the technical question: a1's finding and tags were fixed.
    assert [(m.key, m.count) for m in mistakes_recurring(user)] == [
        ("finding:x", 1),
    ]


@pytest.mark.parametrize("count", [1, 200])
def test_query_counts_are_fixed(user, django_assert_num_queries, count):
    answers_bulk(user, count)
    with django_assert_num_queries(3):
        answers_stats(user)


# ------------------------------------------------ recurring mistakes: what still stands


CHECK_PAIRS = {check.code: check.mistake_slug for check in CHECKS}


def _attempt(user, *, codes=(), tags=(), ago=0, **target) -> Answer:
    """An answer written `ago` hours back with these findings (by check code) and tags."""
    answer = AnswerFactory(user=user, **target)
    Answer.objects.filter(pk=answer.pk).update(created_at=timezone.now() - timedelta(hours=ago))
    pairs = MistakePair.objects.in_bulk(field_name="slug")
    for code in codes:
        slug = CHECK_PAIRS.get(code, "mistake-failing-to-quantify-impact")
        Finding.objects.create(answer=answer, code=code, message="m", mistake=pairs[slug])
    answer.mistakes.add(*(pairs[slug] for slug in tags))
    return answer


def _counts(user) -> dict[str, int]:
    return {m.key: m.count for m in mistakes_recurring(user)}


def test_a_finding_fixed_by_a_later_attempt_no_longer_counts(user):
    question = Question.objects.order_by("pk")[0]
    _attempt(user, question=question, codes=["too-short", "not-quantified"], ago=5)
    _attempt(user, question=question, codes=["not-quantified"], ago=1)
    assert _counts(user) == {"finding:not-quantified": 1}


def test_counts_questions_whose_latest_attempt_shows_it(user, other_user):
    q1, q2, q3 = Question.objects.order_by("pk")[:3]
    _attempt(user, question=q1, codes=["too-short"], ago=3)
    _attempt(user, question=q1, codes=["too-short"], ago=2)  # the same question: once
    _attempt(user, question=q2, codes=["too-short"])
    _attempt(user, question=q3, codes=[])
    _attempt(other_user, question=q3, codes=["too-short"])
    assert _counts(user) == {"finding:too-short": 2}


def test_each_finding_under_its_own_title_not_its_pairs(user):
    """Two checks name the pair "No clear framework": each keeps its own title."""
    q1, q2 = Question.objects.order_by("pk")[:2]
    _attempt(user, question=q1, codes=["too-short"])
    _attempt(user, question=q2, codes=["no-structure"], tags=["mistake-no-clear-framework"])
    rows = {m.key: m for m in mistakes_recurring(user)}
    assert rows["finding:too-short"].title == "Far too short for the round"
    assert rows["finding:no-structure"].title == "No framework or structure"
    assert rows["pair:mistake-no-clear-framework"].title == "No clear framework"
    assert {m.mistake_slug for m in rows.values()} == {"mistake-no-clear-framework"}
    assert all(m.count == 1 for m in rows.values())


def test_tags_count_on_the_latest_attempt_only(user):
    question = Question.objects.order_by("pk")[0]
    _attempt(user, question=question, tags=["mistake-no-clear-framework"], ago=2)
    _attempt(user, question=question, tags=["mistake-failing-to-quantify-impact"], ago=1)
    assert _counts(user) == {"pair:mistake-failing-to-quantify-impact": 1}


def test_own_questions_have_their_own_latest_attempt(user):
    first, second = UserQuestionFactory(user=user), UserQuestionFactory(user=user)
    _attempt(user, question=None, user_question=first, codes=["too-short"], ago=2)
    _attempt(user, question=None, user_question=first, codes=[], ago=1)
    _attempt(user, question=None, user_question=second, codes=["too-short"], ago=3)
    # A bank answer written later does not hide the own questions' attempts.
    _attempt(user, codes=["too-short"])
    assert _counts(user) == {"finding:too-short": 2}


def test_two_attempts_written_the_same_instant_the_later_id_is_latest(user):
    question = Question.objects.order_by("pk")[0]
    a = _attempt(user, question=question, codes=["too-short"])
    b = _attempt(user, question=question, codes=[])
    Answer.objects.filter(pk__in=[a.pk, b.pk]).update(created_at=timezone.now())
    assert list(answers_latest(user).values_list("pk", flat=True)) == [b.pk]
    assert _counts(user) == {}


def test_an_unknown_finding_code_falls_back_to_its_pair_title_then_its_code(user):
    q1, q2 = Question.objects.order_by("pk")[:2]
    a = _attempt(user, question=q1)
    Finding.objects.create(
        answer=a, code="retired-check", message="m", mistake=MistakePair.objects.first()
    )
    b = _attempt(user, question=q2)
    Finding.objects.create(answer=b, code="orphan", message="m")
    titles = {m.key: m.title for m in mistakes_recurring(user)}
    assert titles == {
        "finding:retired-check": MistakePair.objects.first().title,
        "finding:orphan": "orphan",
    }


@pytest.mark.parametrize("count", [1, 200])
def test_recurring_mistakes_cost_two_queries(user, count, django_assert_num_queries):
    answers_bulk(user, count)
    with django_assert_num_queries(2):
        rows = mistakes_recurring(user)
    questions = min(count, Question.objects.count())
    assert {m.key: m.count for m in rows} == {
        "finding:too-short": questions,
        f"pair:{MistakePair.objects.order_by('pk').first().slug}": questions,
    }
