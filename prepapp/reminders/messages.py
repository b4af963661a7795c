"""The reminder mails themselves: what each says, why it was sent, how to stop it."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from prepapp.accounts.mail import message_build
from prepapp.mocks.models import MockInterview
from prepapp.reminders.digest import digest_build, mocks_upcoming
from prepapp.reminders.models import ReminderSent, ReminderSettings
from prepapp.reminders.unsubscribe import unsubscribe_token


def site_url(path: str) -> str:
    return settings.SITE_URL + path


def _message_id(sent: ReminderSent) -> str:
    # The same for every attempt at one reminder, so a mail server or client that sees
    # it twice can tell it is one message.
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{sent.idempotency_key}".encode())
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<reminder.{digest.hexdigest()[:32]}@{host}>"


def digest_days_ahead(preferences: ReminderSettings) -> int:
    return 6 if preferences.digest == ReminderSettings.Digest.WEEKLY else 1


def reminder_context(sent: ReminderSent, now: datetime) -> dict | None:
    """What the mail for `sent` says now; None when it has nothing left to say."""
    user = sent.user
    preferences = user.reminder_settings
    if not preferences.wants(sent.kind):  # unsubscribed since it was queued
        return None
    context = {"user": user, "preferences": preferences}
    if sent.kind == ReminderSent.Kind.DIGEST:
        digest = digest_build(user, now, digest_days_ahead(preferences))
        if digest.is_empty:
            return None
        context["digest"] = digest
    elif sent.kind == ReminderSent.Kind.MOCK:
        uid = sent.period.split("@", 1)[0]
        mock = (
            MockInterview.objects.for_user(user)
            .filter(uid=uid, status=MockInterview.Status.SCHEDULED, scheduled_at__gt=now)
            .first()
        )
        if mock is None:  # cancelled, done or deleted since
            return None
        (context["mock"],) = mocks_upcoming(
            user, mock.scheduled_at, mock.scheduled_at + timedelta(seconds=1)
        )
    else:
        if user.interview_date is None or user.interview_date.isoformat() != sent.period:
            return None  # the date moved: a new countdown comes a week before it
        context["interview_date"] = user.interview_date
    return context


def reminder_message(sent: ReminderSent, now: datetime):
    """The mail for `sent`, or None when it has nothing left to say."""
    # Times in the mail are the user's: the worker has no request to set the zone.
    with timezone.override(sent.user.zone):
        return _message_render(sent, now)


def _message_render(sent: ReminderSent, now: datetime):
    context = reminder_context(sent, now)
    if context is None:
        return None
    token = unsubscribe_token(sent.user, sent.kind)
    context |= {
        "settings_url": site_url(reverse("reminders:settings")),
        "unsubscribe_url": site_url(reverse("reminders:unsubscribe", args=[token])),
        "site_url": settings.SITE_URL,
    }
    template = f"reminders/{sent.kind}_email"
    one_click = site_url(reverse("reminders:one_click", args=[token]))
    return message_build(
        render_to_string(f"{template}_subject.txt", context),
        render_to_string(f"{template}.txt", context),
        [sent.user.email],
        headers={
            "List-Unsubscribe": f"<{one_click}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            # RFC 3834: machine-sent, so no auto-replies back.
            "Auto-Submitted": "auto-generated",
            "Message-ID": _message_id(sent),
        },
    )
