"""The whole path, for real: scheduler -> task row in the database -> the db_worker ->
SMTP on loopback (aiosmtpd) -> the RFC 8058 one-click unsubscribe -> no next digest."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django_tasks_db.models import DBTaskResult

from prepapp.library.models import Question
from prepapp.reminders.models import ReminderSent, ReminderSettings
from tests.accounts.test_mail_over_smtp import (  # noqa: F401 - smtp is a fixture
    Inbox,
    _body,
    _free_port,
    _smtp_settings,
    smtp,
)
from tests.mocks.factories import MockInterviewFactory
from tests.practice.factories import ReviewCardFactory
from tests.reminders.factories import ReminderSettingsFactory

# The worker and the scheduler check their connections between runs (close_old_connections),
# which closes one held in a test's transaction: these run with real commits, as in production.
pytestmark = pytest.mark.django_db(transaction=True)


def _scheduler_and_worker() -> None:
    call_command("reminders_enqueue", verbosity=0)
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def test_digest_arrives_once_with_the_users_day_and_stops_after_unsubscribe(
    smtp,  # noqa: F811
    pack,
    task_queue,
    clock,
    settings,
    user,
):
    settings.SITE_URL = "http://testserver"
    user.time_zone = "America/New_York"
    user.save()
    ReminderSettingsFactory(user=user, digest="daily", send_hour=8)
    questions = list(Question.objects.order_by("pk")[:3])
    # The clock says 08:30 on Wednesday 2 December in New York (13:30 UTC).
    ReviewCardFactory(user=user, question=questions[0], due=clock.now - timedelta(days=2))
    # 23:00 in New York: today for this user, though already Dec 3 in UTC.
    ReviewCardFactory(user=user, question=questions[1], due=datetime(2026, 12, 3, 4, tzinfo=UTC))
    # 01:00 on Dec 3 in New York: tomorrow's.
    ReviewCardFactory(user=user, question=questions[2], due=datetime(2026, 12, 3, 6, tzinfo=UTC))
    MockInterviewFactory(user=user, scheduled_at=datetime(2026, 12, 2, 19, tzinfo=UTC))

    call_command("reminders_enqueue", verbosity=0)
    assert smtp.messages == []  # queued, not sent: sending is the worker's
    assert ReminderSent.objects.get(user=user).sent_at is None

    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    ((_sender, recipients, message),) = smtp.messages
    assert recipients == [user.email]
    assert mail.outbox == []  # over SMTP, not the test outbox
    body = _body(message)
    assert message["Subject"] == "2 reviews due, 1 mock coming up: your prepapp day"
    assert "Your prepapp day, Wednesday 2 December 2026." in body
    listed = [line[2:] for line in body.splitlines() if line.startswith("- ")]
    texts = [" ".join(q.text.split()) for q in questions]
    assert [line[:40] for line in listed[:2]] == [texts[0][:40], texts[1][:40]]
    assert not any(texts[2][:40] in line for line in listed)
    assert "Wednesday 2 December, 14:00 EST" in listed[2]  # the mock, in the user's zone
    assert "Why you got this: you asked for a daily digest at 08:00 (America/New_York)" in body

    # Run again, and again later the same day: still one mail.
    _scheduler_and_worker()
    clock.set(clock.now + timedelta(hours=6))
    _scheduler_and_worker()
    assert len(smtp.messages) == 1

    # The mail provider's one-click POST, from the header, with no cookie and no token.
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    one_click = message["List-Unsubscribe"].strip("<>").removeprefix("http://testserver")
    response = Client(enforce_csrf_checks=True).post(
        one_click, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 302
    assert ReminderSettings.objects.get(user=user).digest == "off"

    # The next morning the reviews are still due, but no digest comes.
    clock.set(datetime(2026, 12, 3, 13, 30, tzinfo=UTC))
    _scheduler_and_worker()
    assert len(smtp.messages) == 1
    assert ReminderSent.objects.filter(user=user).count() == 1


def test_a_refused_digest_is_retried_by_the_worker_and_sent_once(
    task_queue, clock, settings, user, pack
):
    port = _free_port()
    _smtp_settings(settings, port)  # nothing listens there yet
    ReminderSettingsFactory(user=user, digest="daily", send_hour=8)
    ReviewCardFactory(user=user, due=clock.now - timedelta(hours=1))
    _scheduler_and_worker()
    sent = ReminderSent.objects.get(user=user)
    assert (sent.attempts, sent.sent_at, sent.sending_since) == (1, None, None)
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after == clock.now + timedelta(minutes=1)

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        _scheduler_and_worker()  # the retry is not due yet
        assert inbox.messages == []
        clock.set(clock.now + timedelta(minutes=2))
        _scheduler_and_worker()
        _scheduler_and_worker()
    finally:
        controller.stop()
    assert len(inbox.messages) == 1
    sent.refresh_from_db()
    assert sent.attempts == 2
    assert sent.sent_at == clock.now
