from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from prepapp.library.models import MistakePair, Question
from prepapp.practice.models import Answer, Finding, ReviewCard
from prepapp.practice.stats import WEEKS, answers_stats, due_count
from tests.practice.factories import AnswerFactory, UserQuestionFactory
from tests.practice.helpers import answers_bulk, cards_bulk

pytestmark = pytest.mark.django_db


def test_empty(user):
    stats = answers_stats(user)
    assert stats.total == 0 and stats.average is None
    assert len(stats.weeks) == WEEKS and all(w.count == 0 for w in stats.weeks)
    assert stats.rounds == [] and stats.mistakes == []
    assert due_count(user) == 0


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
    assert [(m.slug, m.count) for m in stats.mistakes] == [(pairs[0].slug, 3), (pairs[1].slug, 1)]


def test_due_count(user, other_user):
    cards_bulk(user, 3)
    future = ReviewCard.objects.filter(user=user).first()
    ReviewCard.objects.filter(pk=future.pk).update(due=timezone.now() + timedelta(days=1))
    cards_bulk(other_user, 4)
    assert due_count(user) == 2


@pytest.mark.parametrize("count", [1, 200])
def test_query_counts_are_fixed(user, django_assert_num_queries, count):
    answers_bulk(user, count)
    with django_assert_num_queries(5):
        answers_stats(user)
    with django_assert_num_queries(1):
        due_count(user)
