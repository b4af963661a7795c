"""The mails that matter, through a real SMTP server on loopback (aiosmtpd), not the outbox.

The other tests read Django's locmem outbox; these send through the production SMTP
backend, as configured in settings.MAILERS, so the backend options, the headers and the
addresses are what a mail server really receives.
"""

from __future__ import annotations

import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


class Inbox:
    """An aiosmtpd handler that keeps every message it is handed."""

    def __init__(self):
        self.messages: list[tuple[str, list[str], email.message.EmailMessage]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _smtp_settings(settings, port: int) -> None:
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "use_tls": False, "timeout": 5},
        }
    }
    settings.DEFAULT_FROM_EMAIL = "prepapp <noreply@prep.example.org>"


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    _smtp_settings(settings, port)
    yield inbox
    controller.stop()


def _body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_email_change_notice_reaches_the_old_address(smtp, auth_client, user):
    old = user.email
    response = auth_client.post(
        reverse("accounts:email_change"), {"email": "moved@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert mail.outbox == []  # it really went over SMTP
    ((sender, recipients, message),) = smtp.messages
    assert sender == "noreply@prep.example.org"
    assert recipients == [old]
    assert message["To"] == old
    assert "changed" in message["Subject"]
    body = _body(message)
    assert old in body
    assert "moved@example.org" in body
    user.refresh_from_db()
    assert user.email == "moved@example.org"


def test_reset_mail_over_smtp_carries_a_working_link(smtp, client, user):
    response = client.post(reverse("accounts:password_reset"), {"email": user.email})
    assert response.status_code == 302
    ((_sender, recipients, message),) = smtp.messages
    assert recipients == [user.email]
    body = _body(message)
    assert "one hour" in body
    link = next(line for line in body.splitlines() if "/accounts/reset/" in line)
    page = Client().get(link.split("testserver", 1)[1], follow=True)
    assert page.context["validlink"] is True


def test_unknown_address_gets_no_mail_over_smtp(smtp, client):
    assert client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert smtp.messages == []


def _worker_run() -> None:
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


# The worker checks its connection between tasks (close_old_connections), which closes one
# held in a test's transaction: this test runs with real commits, as in production.
@pytest.mark.django_db(transaction=True)
def test_mail_server_down_delays_the_notice_and_a_retry_sends_it_once(
    task_queue, settings, auth_client, user
):
    from django_tasks_db.models import DBTaskResult

    port = _free_port()
    _smtp_settings(settings, port)  # nothing listens there yet
    old = user.email
    response = auth_client.post(
        reverse("accounts:email_change"), {"email": "moved@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302  # the request never waits for the mail server
    user.refresh_from_db()
    assert user.email == "moved@example.org"

    _worker_run()
    failed, retry = DBTaskResult.objects.order_by("enqueued_at")
    assert failed.status == "FAILED"
    assert "ConnectionRefusedError" in failed.exception_class_path
    assert retry.status == "READY"
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert retry.run_after > timezone.now()  # later, not in a tight loop

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        _worker_run()  # not due yet: nothing sent
        assert inbox.messages == []
        DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
        _worker_run()
        _worker_run()  # a second pass finds nothing more to send
    finally:
        controller.stop()
    ((_sender, recipients, message),) = inbox.messages
    assert recipients == [old]
    assert "moved@example.org" in _body(message)
