"""The worker's send: the mail's headers and reasons, retries, and never twice."""

from __future__ import annotations

import smtplib
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.test import Client

from prepapp.reminders.models import ReminderSent, ReminderSettings
from prepapp.reminders.scheduling import reminders_enqueue
from prepapp.reminders.tasks import reminder_deliver
from tests.practice.factories import ReviewCardFactory
from tests.reminders.factories import ReminderSettingsFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def due_digest(user, clock):
    ReminderSettingsFactory(user=user)
    ReviewCardFactory(user=user, due=clock.now - timedelta(hours=1))
    return ReminderSent.objects.create(user=user, kind="digest", period="2026-12-02")


def test_digest_mail_says_why_and_unsubscribes_in_one_click(user, due_digest, settings):
    settings.SITE_URL = "https://prep.example.org"
    reminder_deliver.call(due_digest.pk)
    (message,) = mail.outbox
    assert message.to == [user.email]
    assert message.subject == "1 review due: your prepapp day"
    assert (
        "Why you got this: you asked for a daily digest at 08:00 (Europe/London)" in message.body
    )
    assert "https://prep.example.org/accounts/settings/reminders/" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    one_click = message.extra_headers["List-Unsubscribe"]
    assert one_click.startswith("<https://prep.example.org/") and one_click.endswith(
        "/one-click/>"
    )
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    # RFC 8058: a POST with no cookie and no CSRF token turns the digest off.
    provider = Client(enforce_csrf_checks=True)
    path = one_click[1:-1].removeprefix("https://prep.example.org")
    response = provider.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 302
    assert ReminderSettings.objects.get(user=user).digest == "off"


def test_sent_once_even_if_enqueued_twice(due_digest):
    assert reminder_deliver.call(due_digest.pk) == "sent"
    assert reminder_deliver.call(due_digest.pk) == "already sent or being sent"
    assert len(mail.outbox) == 1
    due_digest.refresh_from_db()
    assert due_digest.sent_at is not None
    assert due_digest.attempts == 1


def test_a_send_in_progress_is_not_repeated(due_digest, clock):
    # A worker killed mid-send leaves the claim: the mail may have gone, so no resend.
    ReminderSent.objects.filter(pk=due_digest.pk).update(sending_since=clock.now)
    assert reminder_deliver.call(due_digest.pk) == "already sent or being sent"
    assert mail.outbox == []


def test_refused_send_is_released_for_a_retry(due_digest, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    with pytest.raises(smtplib.SMTPServerDisconnected):
        reminder_deliver.call(due_digest.pk)
    due_digest.refresh_from_db()
    assert (due_digest.sent_at, due_digest.sending_since, due_digest.attempts) == (None, None, 1)
    monkeypatch.undo()
    assert reminder_deliver.call(due_digest.pk) == "sent"
    assert len(mail.outbox) == 1


def test_unsubscribed_after_queueing_sends_nothing(user, due_digest):
    ReminderSettings.objects.filter(user=user).update(digest="off")
    assert reminder_deliver.call(due_digest.pk) == "nothing to say"
    assert mail.outbox == []


def test_reviewed_meanwhile_sends_nothing(user, due_digest):
    user.review_cards.update(due=datetime(2027, 1, 1, tzinfo=UTC))
    assert reminder_deliver.call(due_digest.pk) == "nothing to say"
    assert mail.outbox == []


def test_account_deletion_removes_the_reminder_rows(auth_client, user, due_digest):
    from tests.factories import PASSWORD

    response = auth_client.post("/accounts/delete/", {"password": PASSWORD})
    assert response.status_code == 302
    assert not ReminderSettings.objects.filter(user_id=user.pk).exists()
    assert not ReminderSent.objects.filter(user_id=user.pk).exists()
    assert reminders_enqueue() == 0
