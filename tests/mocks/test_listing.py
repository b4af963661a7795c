"""mock_lists and mock_mark_done: the mocks page's logic, without a request."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from prepapp.mocks.listing import mock_lists, mock_mark_done
from prepapp.mocks.models import MockInterview
from tests.mocks.factories import MockInterviewFactory

pytestmark = pytest.mark.django_db
DONE, SCHEDULED = MockInterview.Status.DONE, MockInterview.Status.SCHEDULED


def _mock(user, days: int, **fields):
    return MockInterviewFactory(
        user=user, scheduled_at=timezone.now() + timedelta(days=days), **fields
    )


def test_upcoming_soonest_first_and_past_newest_first_only_the_users(user, other_user):
    later, soon = _mock(user, 5), _mock(user, 1)
    old, older = _mock(user, -1, status=DONE), _mock(user, -9, status=DONE)
    overdue = _mock(user, -2)  # scheduled, but its time has gone: past
    _mock(other_user, 1)
    upcoming, past = mock_lists(user)
    assert upcoming == [soon, later]
    assert list(past) == [old, overdue, older]


def test_the_filters_narrow_both_lists(user):
    technical = _mock(user, 2, round_id=_round_id("technical"))
    _mock(user, 3)
    done = _mock(user, -3, status=DONE, round_id=_round_id("technical"))
    upcoming, past = mock_lists(user, round_slug="technical")
    assert (upcoming, list(past)) == ([technical], [done])
    assert mock_lists(user, status=DONE)[0] == []
    assert list(mock_lists(user, status=DONE)[1]) == [done]


def test_the_lists_cost_one_query_and_past_is_left_to_page(user, django_assert_num_queries):
    for days in (1, 2, -1, -2):
        _mock(user, days)
    with django_assert_num_queries(1):
        upcoming, past = mock_lists(user)
    with django_assert_num_queries(1):
        assert len(list(past[:1])) == 1 and len(upcoming) == 2


def test_mark_done_marks_a_started_mock_and_refuses_one_still_to_come(user):
    started, to_come = _mock(user, -1), _mock(user, 1)
    assert mock_mark_done(started) is True
    assert mock_mark_done(to_come) is False
    started.refresh_from_db()
    to_come.refresh_from_db()
    assert (started.status, to_come.status) == (DONE, SCHEDULED)


def _round_id(slug: str) -> int:
    from prepapp.library.models import Round

    return Round.objects.get(slug=slug).pk
