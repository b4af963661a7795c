"""How this server sends mail: always through a task, never in the request path.

`mail_send` is the one entry point for a plain message (password reset, the email-change
notice, invitations): it enqueues `message_deliver`, which the worker (`manage.py
db_worker`) runs. Enqueued inside a transaction, the task row commits or rolls back with
the change the mail is about, so a notice is never lost and never sent for a change that
did not happen.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives, mailers
from django.core.mail.backends.console import EmailBackend as ConsoleBackend
from django.core.mail.handler import DEFAULT_MAILER_ALIAS, DEFAULT_MAILER_BACKEND
from django.tasks import task
from django.utils import timezone
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)

# A mail server that refuses or is unreachable gets this many tries in all, the waits
# growing: 1, 4, 16, 64 minutes, so an outage of about an hour and a half loses nothing.
DELIVERY_ATTEMPTS = 5
# The errors that mean "the server did not take the message": safe to try again.
DELIVERY_ERRORS = (smtplib.SMTPException, OSError)


def delivery_retry_at(attempt: int):
    """When to try again after failed attempt number `attempt` (1-based)."""
    return timezone.now() + timedelta(minutes=4 ** (attempt - 1))


def mailer_prints_to_console(alias: str = DEFAULT_MAILER_ALIAS) -> bool:
    """True when the mailer writes messages to the server's console instead of sending them.

    That is the default set-up (no EMAIL_HOST), where "check your email" would send a
    candidate to an inbox that never receives anything.
    """
    config = mailers.settings.get(alias, {})
    backend = import_string(config.get("BACKEND", DEFAULT_MAILER_BACKEND))
    return issubclass(backend, ConsoleBackend)


def message_build(
    subject: str,
    body: str,
    to: list[str],
    *,
    html: str | None = None,
    headers: dict[str, str] | None = None,
) -> EmailMultiAlternatives:
    # A subject is one line: a newline in it would be a header injection.
    message = EmailMultiAlternatives(
        " ".join(subject.split()), body, None, list(to), headers=headers or {}
    )
    if html:
        message.attach_alternative(html, "text/html")
    return message


def mail_send(
    subject: str,
    body: str,
    to: list[str],
    *,
    html: str | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    """Queue one message for the worker. Everything here must be JSON: it is stored."""
    message_deliver.enqueue(subject, body, list(to), html=html, headers=headers or {})


@task
def message_deliver(
    subject: str,
    body: str,
    to: list[str],
    html: str | None = None,
    headers: dict[str, str] | None = None,
    attempt: int = 1,
) -> None:
    """Hand one message to the mail server; if it did not take it, queue a later try.

    Only a refusal is retried (the server said no, or could not be reached), so a
    message the server accepted is never sent again. This attempt still fails, so the
    task's result records the error.
    """
    try:
        message_build(subject, body, to, html=html, headers=headers).send()
    except DELIVERY_ERRORS:
        if attempt < DELIVERY_ATTEMPTS and message_deliver.get_backend().supports_defer:
            message_deliver.using(run_after=delivery_retry_at(attempt)).enqueue(
                subject, body, to, html=html, headers=headers, attempt=attempt + 1
            )
        else:
            log.error("mail to %s given up after %d attempts", ", ".join(to), attempt)
        raise
