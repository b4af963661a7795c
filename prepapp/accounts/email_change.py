"""Changing the sign-in email: the current password first, and a notice to the old address."""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from prepapp.accounts.mail import mail_send


class EmailChangeFailed(Exception):
    """The change was not made; the message says why, for the form."""


def email_change(user, new_email: str) -> None:
    """Store the new address and queue the notice to the old one, in one transaction.

    The notice is a task row written with the change: both commit or neither does, so
    a change the owner never hears of (what an attacker holding a session would want)
    cannot happen, and a mail server that is down delays the notice (the worker retries)
    instead of losing it.
    """
    old_email = user.email
    context = {
        "old_email": old_email,
        "new_email": new_email,
        "when": timezone.now(),
        "contact": settings.SECURITY_CONTACT,
    }
    user.email = new_email
    try:
        with transaction.atomic():
            user.save(update_fields=["email"])
            mail_send(
                render_to_string("accounts/email_changed_subject.txt", context).strip(),
                render_to_string("accounts/email_changed_email.txt", context),
                [old_email],
            )
    except IntegrityError:
        # Taken between the form's check and now.
        user.email = old_email
        raise EmailChangeFailed("An account with this email address already exists.") from None
    except BaseException:
        user.email = old_email  # rolled back: the object says what the database says
        raise
