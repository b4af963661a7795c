"""Which reminders the scheduler decides on, when, in whose day, and only once."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core import mail

from prepapp.library.models import Question
from prepapp.reminders.models import ReminderSent, ReminderSettings
from prepapp.reminders.scheduling import reminders_enqueue
from tests.mocks.factories import MockInterviewFactory
from tests.practice.factories import ReviewCardFactory
from tests.reminders.factories import ReminderSettingsFactory

pytestmark = pytest.mark.django_db

# The clock fixture's start: 08:30 in New York (UTC-5 in December), 13:30 in London.
NOW = datetime(2026, 12, 2, 13, 30, tzinfo=UTC)


@pytest.fixture
def new_yorker(user):
    user.time_zone = "America/New_York"
    user.save()
    return user


def _cards(user, *dues):
    questions = Question.objects.order_by("pk")
    return [
        ReviewCardFactory(user=user, question=questions[i], due=due) for i, due in enumerate(dues)
    ]


def _run(clock, at: datetime) -> int:
    clock.set(at)
    return reminders_enqueue()


def _sent(user):
    return list(ReminderSent.objects.filter(user=user).values_list("kind", "period"))


def test_daily_digest_once_per_local_day(new_yorker, clock):
    ReminderSettingsFactory(user=new_yorker)
    _cards(new_yorker, NOW - timedelta(hours=1))
    assert _run(clock, NOW) == 1
    assert _run(clock, NOW + timedelta(minutes=5)) == 0  # the same day: nothing more
    assert _run(clock, NOW + timedelta(hours=10)) == 0  # 18:30 New York, still Dec 2
    assert _sent(new_yorker) == [("digest", "2026-12-02")]
    assert len(mail.outbox) == 1
    # Past local midnight, New York's Dec 3 is open at 08:00 there.
    assert _run(clock, datetime(2026, 12, 3, 12, 59, tzinfo=UTC)) == 0  # 07:59
    assert _run(clock, datetime(2026, 12, 3, 13, 0, tzinfo=UTC)) == 1
    assert _sent(new_yorker)[-1] == ("digest", "2026-12-03")


def test_nothing_before_the_chosen_hour_in_the_users_zone(new_yorker, clock):
    ReminderSettingsFactory(user=new_yorker, send_hour=9)
    _cards(new_yorker, NOW - timedelta(hours=1))
    # 13:30 UTC is past 9 in London but 08:30 in New York.
    assert _run(clock, NOW) == 0
    assert _run(clock, NOW + timedelta(minutes=30)) == 1


def test_empty_digest_is_not_sent_and_not_recorded(new_yorker, clock):
    ReminderSettingsFactory(user=new_yorker)
    assert _run(clock, NOW) == 0
    assert _sent(new_yorker) == []
    # A review falling due later that day still gets the day's digest.
    _cards(new_yorker, NOW + timedelta(hours=2))
    assert _run(clock, NOW + timedelta(hours=3)) == 1


def test_weekly_digest_on_the_chosen_weekday_once_per_iso_week(new_yorker, clock):
    # 2 December 2026 is a Wednesday.
    ReminderSettingsFactory(
        user=new_yorker,
        digest=ReminderSettings.Digest.WEEKLY,
        digest_weekday=ReminderSettings.Weekday.THURSDAY,
    )
    _cards(new_yorker, NOW - timedelta(days=1))
    assert _run(clock, NOW) == 0
    assert _run(clock, NOW + timedelta(days=1)) == 1
    assert _run(clock, NOW + timedelta(days=1, hours=2)) == 0
    assert _run(clock, NOW + timedelta(days=8)) == 1
    assert _sent(new_yorker) == [("digest", "2026-W49"), ("digest", "2026-W50")]


def test_mock_reminder_the_local_day_before(new_yorker, clock):
    ReminderSettingsFactory(
        user=new_yorker, digest=ReminderSettings.Digest.OFF, mock_reminder=True
    )
    # 20:00 New York on Dec 3 is 01:00 UTC on Dec 4: "tomorrow" is the user's day.
    mock = MockInterviewFactory(
        user=new_yorker, scheduled_at=datetime(2026, 12, 4, 1, 0, tzinfo=UTC)
    )
    MockInterviewFactory(user=new_yorker, scheduled_at=NOW + timedelta(days=4))  # later
    MockInterviewFactory(user=new_yorker, scheduled_at=NOW + timedelta(days=1), status="cancelled")
    assert _run(clock, NOW) == 1
    assert _run(clock, NOW + timedelta(hours=1)) == 0
    assert _sent(new_yorker) == [("mock", f"{mock.uid}@2026-12-03")]
    (message,) = mail.outbox
    assert "Thursday 3 December 2026, 20:00 EST" in message.body


def test_a_moved_mock_gets_a_reminder_for_its_new_day(new_yorker, clock):
    ReminderSettingsFactory(user=new_yorker, digest="off", mock_reminder=True)
    mock = MockInterviewFactory(user=new_yorker, scheduled_at=NOW + timedelta(days=1))
    assert _run(clock, NOW) == 1
    mock.scheduled_at = NOW + timedelta(days=2)
    mock.save()
    assert _run(clock, NOW + timedelta(days=1)) == 1
    assert [period for _kind, period in _sent(new_yorker)] == [
        f"{mock.uid}@2026-12-03",
        f"{mock.uid}@2026-12-04",
    ]


def test_countdown_one_week_before_the_interview(new_yorker, clock):
    new_yorker.interview_date = date(2026, 12, 9)
    new_yorker.save()
    ReminderSettingsFactory(user=new_yorker, digest="off", countdown=True)
    assert _run(clock, NOW - timedelta(days=1)) == 0
    assert _run(clock, NOW) == 1
    assert _run(clock, NOW + timedelta(hours=1)) == 0
    assert _sent(new_yorker) == [("countdown", "2026-12-09")]
    assert "one week from today, on Wednesday 9 December 2026" in mail.outbox[0].body


def test_opted_out_and_inactive_users_get_nothing(new_yorker, other_user, clock):
    ReminderSettingsFactory(user=new_yorker, digest="off")
    ReminderSettingsFactory(user=other_user)
    other_user.is_active = False
    other_user.save()
    for user in (new_yorker, other_user):
        _cards(user, NOW - timedelta(hours=1))
        MockInterviewFactory(user=user, scheduled_at=NOW + timedelta(days=1))
    assert _run(clock, NOW) == 0
    assert mail.outbox == []


def test_no_settings_row_means_no_mail(new_yorker, clock):
    _cards(new_yorker, NOW - timedelta(hours=1))
    assert _run(clock, NOW) == 0
    assert mail.outbox == []


def test_scheduler_queries_do_not_grow_with_users(django_assert_max_num_queries, clock):
    from tests.factories import UserFactory

    def run_with(users: int) -> None:
        for _ in range(users):
            ReminderSettingsFactory(user=UserFactory(), digest="off", mock_reminder=True)
        ReminderSent.objects.all().delete()
        with django_assert_max_num_queries(3):
            _run(clock, NOW)

    run_with(1)
    run_with(50)
