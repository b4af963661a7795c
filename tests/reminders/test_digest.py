"""The digest's contents: due by the end of the user's own day, mocks still to come."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from prepapp.library.models import Question
from prepapp.reminders.digest import digest_build
from tests.mocks.factories import MockInterviewFactory
from tests.practice.factories import ReviewCardFactory, UserQuestionFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 2, 13, 30, tzinfo=UTC)


def _card(user, index, due):
    return ReviewCardFactory(user=user, question=Question.objects.order_by("pk")[index], due=due)


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        # Dec 2 ends at 05:00 UTC Dec 3 in New York, at 00:00 UTC in London.
        ("America/New_York", [0, 1, 2]),
        ("Europe/London", [0, 1]),
        # Dec 2 ends at 13:00 UTC Dec 2 in Auckland (UTC+13): 13:30 UTC is already Dec 3.
        ("Pacific/Auckland", [0, 1, 2]),
    ],
)
def test_reviews_due_by_the_end_of_the_users_day(user, zone, expected, django_assert_num_queries):
    user.time_zone = zone
    user.save()
    dues = [
        NOW - timedelta(days=3),  # overdue
        NOW + timedelta(hours=2),  # later today everywhere but Auckland's new day
        datetime(2026, 12, 3, 4, 0, tzinfo=UTC),  # 23:00 Dec 2 in New York
        datetime(2026, 12, 4, 12, 0, tzinfo=UTC),  # beyond every zone's day
    ]
    cards = [_card(user, i, due) for i, due in enumerate(dues)]
    with django_assert_num_queries(3):
        digest = digest_build(user, NOW, days_ahead=1)
    texts = [" ".join(cards[i].question.text.split()) for i in expected]
    assert digest.review_texts == texts
    assert digest.reviews_due == len(expected)


def test_own_questions_are_listed_and_other_users_cards_are_not(user, other_user):
    own = UserQuestionFactory(user=user, text="How would you  price\na telehealth visit?")
    ReviewCardFactory(user=user, question=None, user_question=own, due=NOW)
    _card(other_user, 0, NOW)
    digest = digest_build(user, NOW, days_ahead=1)
    assert digest.review_texts == ["How would you price a telehealth visit?"]


def test_mocks_listed_within_the_window_in_the_users_zone(user, other_user):
    user.time_zone = "Asia/Tokyo"  # NOW is 22:30 on Dec 2 there
    user.save()
    soon = MockInterviewFactory(user=user, scheduled_at=NOW + timedelta(hours=3))
    tomorrow = MockInterviewFactory(user=user, scheduled_at=NOW + timedelta(hours=20))
    # 01:30 on Dec 4 in Tokyo (still Dec 3 in UTC): the day after tomorrow there.
    MockInterviewFactory(user=user, scheduled_at=NOW + timedelta(hours=27))
    MockInterviewFactory(user=user, scheduled_at=NOW - timedelta(hours=1))  # started
    MockInterviewFactory(user=user, scheduled_at=NOW + timedelta(hours=4), status="cancelled")
    MockInterviewFactory(user=user, scheduled_at=NOW + timedelta(days=5))  # not in a daily
    MockInterviewFactory(user=other_user, scheduled_at=NOW + timedelta(hours=3))
    daily = digest_build(user, NOW, days_ahead=1)
    assert [m.path for m in daily.mocks] == [soon.get_absolute_url(), tomorrow.get_absolute_url()]
    assert daily.mocks[0].when.utcoffset() == timedelta(hours=9)
    assert len(digest_build(user, NOW, days_ahead=6).mocks) == 4


def test_empty_digest(user):
    assert digest_build(user, NOW, days_ahead=6).is_empty
