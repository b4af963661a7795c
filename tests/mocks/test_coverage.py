from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from prepapp.library.models import Round
from prepapp.mocks.coverage import coverage_compute, upcoming_mocks
from tests.mocks.factories import MockInterviewFactory, mocks_bulk

pytestmark = pytest.mark.django_db


def test_every_round_in_loop_order_with_done_mocks_only(user, other_user):
    technical = Round.objects.get(slug="technical")
    now = timezone.now()
    MockInterviewFactory(
        user=user,
        round=technical,
        status="done",
        overall_rating=2,
        scheduled_at=now - timedelta(days=9),
    )
    last = MockInterviewFactory(
        user=user,
        round=technical,
        status="done",
        overall_rating=5,
        scheduled_at=now - timedelta(days=2),
    )
    MockInterviewFactory(
        user=user,
        round=technical,
        status="done",
        scheduled_at=now - timedelta(days=1),
        overall_rating=None,
    )
    MockInterviewFactory(user=user, round=technical, status="cancelled", overall_rating=1)
    MockInterviewFactory(user=user, round=technical)  # upcoming
    MockInterviewFactory(user=other_user, round=technical, status="done", overall_rating=1)

    coverage = coverage_compute(user)
    assert [c.round.slug for c in coverage] == list(Round.objects.values_list("slug", flat=True))
    row = next(c for c in coverage if c.round == technical)
    assert row.done_count == 3
    assert row.avg_rating == 3.5  # unrated done mocks don't pull the average down
    assert row.last_at > last.scheduled_at
    assert row.scheduled_count == 1
    assert row.mocked
    others = [c for c in coverage if c.round != technical]
    assert all(not c.mocked and c.avg_rating is None and c.last_at is None for c in others)


@pytest.mark.parametrize("count", [1, 200])
def test_coverage_query_count(user, django_assert_num_queries, count):
    mocks_bulk(user, count)
    with django_assert_num_queries(2):
        coverage_compute(user)
    rounds = list(Round.objects.all())
    with django_assert_num_queries(1):
        coverage_compute(user, rounds=rounds)


def test_upcoming_mocks_soonest_first_and_limited(user, other_user):
    now = timezone.now()
    later = MockInterviewFactory(user=user, scheduled_at=now + timedelta(days=5))
    soon = MockInterviewFactory(user=user, scheduled_at=now + timedelta(hours=2))
    MockInterviewFactory(user=user, scheduled_at=now - timedelta(hours=2))  # overdue
    MockInterviewFactory(user=user, status="cancelled", scheduled_at=now + timedelta(days=1))
    MockInterviewFactory(user=other_user, scheduled_at=now + timedelta(hours=1))
    assert upcoming_mocks(user) == [soon, later]
    assert upcoming_mocks(user, limit=1) == [soon]


@pytest.mark.parametrize("count", [1, 200])
def test_upcoming_mocks_is_one_query(user, django_assert_num_queries, count):
    mocks_bulk(user, count, status="scheduled")
    with django_assert_num_queries(1):
        mocks = upcoming_mocks(user)
        names = [m.round.name for m in mocks]
    assert len(names) == min(5, (count + 1) // 2)
