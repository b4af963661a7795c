"""Deciding which reminders are due: run every few minutes by `manage.py reminders_enqueue`.

Why a management command on a loop (the Procfile's `scheduler`, or a systemd timer) and
not a task that re-enqueues itself: a self-re-enqueuing chain breaks silently the first
time one link fails or is pruned, and two chains started by accident double the work.
A run here is idempotent (each reminder is a row unique per user, kind and period, and
only a newly created row is enqueued), so running it late, twice, or on every host at
once sends nothing twice, and a run missed while the server was down is made up by the
next one, for the period still open.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from prepapp.mocks.models import MockInterview
from prepapp.reminders.digest import digest_build
from prepapp.reminders.messages import digest_days_ahead
from prepapp.reminders.models import ReminderSent, ReminderSettings
from prepapp.reminders.tasks import reminder_deliver

# The countdown note goes this many days before the interview date.
COUNTDOWN_DAYS = 7


def digest_period(preferences: ReminderSettings, local_now: datetime) -> str | None:
    """The digest period open at `local_now` (a local time), or None if none is."""
    if preferences.digest == ReminderSettings.Digest.DAILY:
        return local_now.date().isoformat()
    if (
        preferences.digest == ReminderSettings.Digest.WEEKLY
        and local_now.weekday() == preferences.digest_weekday
    ):
        year, week, _day = local_now.isocalendar()
        return f"{year}-W{week:02d}"
    return None


def _mocks_tomorrow(user_ids: list[int], now: datetime) -> dict[int, list[MockInterview]]:
    # Tomorrow is a local day, so take the widest window any zone could mean (now to
    # 50 hours on) in one query and let each user's zone pick from it.
    by_user = defaultdict(list)
    mocks = MockInterview.objects.filter(
        user_id__in=user_ids,
        status=MockInterview.Status.SCHEDULED,
        scheduled_at__gt=now,
        scheduled_at__lt=now + timedelta(hours=50),
    ).only("user_id", "uid", "scheduled_at")
    for mock in mocks:
        by_user[mock.user_id].append(mock)
    return by_user


def reminders_due(preferences: ReminderSettings, now: datetime, mocks) -> list[tuple[str, str]]:
    """(kind, period) of every reminder this user should get at `now`."""
    user = preferences.user
    local_now = now.astimezone(user.zone)
    if local_now.hour < preferences.send_hour:
        return []
    today = local_now.date()
    due = []
    if period := digest_period(preferences, local_now):
        due.append((ReminderSent.Kind.DIGEST, period))
    if preferences.mock_reminder:
        for mock in mocks:
            day = mock.scheduled_at.astimezone(user.zone).date()
            if day == today + timedelta(days=1):
                due.append((ReminderSent.Kind.MOCK, f"{mock.uid}@{day.isoformat()}"))
    if (
        preferences.countdown
        and user.interview_date
        and user.interview_date - timedelta(days=COUNTDOWN_DAYS) == today
    ):
        due.append((ReminderSent.Kind.COUNTDOWN, user.interview_date.isoformat()))
    return due


def _digest_has_news(preferences: ReminderSettings, now: datetime) -> bool:
    return not digest_build(preferences.user, now, digest_days_ahead(preferences)).is_empty


def reminders_enqueue(now: datetime | None = None) -> int:
    """Record and enqueue every reminder due at `now` not yet recorded; return how many."""
    now = now or timezone.now()
    opted_in = list(
        ReminderSettings.objects.filter(
            ~Q(digest=ReminderSettings.Digest.OFF) | Q(mock_reminder=True) | Q(countdown=True),
            user__is_active=True,
        ).select_related("user")
    )
    mocks = _mocks_tomorrow([p.user_id for p in opted_in if p.mock_reminder], now)
    recorded = set(
        ReminderSent.objects.filter(
            user_id__in=[p.user_id for p in opted_in], created_at__gte=now - timedelta(days=9)
        ).values_list("user_id", "kind", "period")
    )
    enqueued = 0
    for preferences in opted_in:
        for kind, period in reminders_due(preferences, now, mocks.get(preferences.user_id, [])):
            if (preferences.user_id, kind, period) in recorded:
                continue
            # An empty digest is not recorded: reviews may fall due later in the day.
            if kind == ReminderSent.Kind.DIGEST and not _digest_has_news(preferences, now):
                continue
            try:
                with transaction.atomic():
                    # The row and its task commit together: never a row without a send.
                    sent = ReminderSent.objects.create(
                        user_id=preferences.user_id, kind=kind, period=period
                    )
                    reminder_deliver.enqueue(sent.pk)
            except IntegrityError:
                continue  # another run recorded it first
            enqueued += 1
    return enqueued
