"""Facts about how this server sends mail, for pages that promise an email."""

from __future__ import annotations

from django.core.mail import mailers, send_mail
from django.core.mail.backends.console import EmailBackend as ConsoleBackend
from django.core.mail.handler import DEFAULT_MAILER_ALIAS, DEFAULT_MAILER_BACKEND
from django.utils.module_loading import import_string


def mailer_prints_to_console(alias: str = DEFAULT_MAILER_ALIAS) -> bool:
    """True when the mailer writes messages to the server's console instead of sending them.

    That is the default set-up (no EMAIL_HOST), where "check your email" would send a
    candidate to an inbox that never receives anything.
    """
    config = mailers.settings.get(alias, {})
    backend = import_string(config.get("BACKEND", DEFAULT_MAILER_BACKEND))
    return issubclass(backend, ConsoleBackend)


def mail_send(subject: str, body: str, to: list[str]) -> None:
    """Send one plain-text message from DEFAULT_FROM_EMAIL: the one way the app sends mail."""
    send_mail(subject, body, None, to)
