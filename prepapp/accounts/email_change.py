"""Changing the sign-in email: the current password first, and a notice to the old address."""

from __future__ import annotations

import logging
import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

log = logging.getLogger(__name__)


class EmailChangeFailed(Exception):
    """The change was not made; the message says why, for the form."""


def email_change(user, new_email: str) -> None:
    """Send the notice to the old address, then store the new one.

    The notice goes first: if it cannot be handed to the mail server nothing
    changes, because a change the owner never hears of is what an attacker
    holding a session would want.
    """
    old_email = user.email
    context = {
        "old_email": old_email,
        "new_email": new_email,
        "when": timezone.now(),
        "contact": settings.SECURITY_CONTACT,
    }
    try:
        send_mail(
            render_to_string("accounts/email_changed_subject.txt", context).strip(),
            render_to_string("accounts/email_changed_email.txt", context),
            None,
            [old_email],
        )
    except (smtplib.SMTPException, OSError):
        log.exception("email change notice to the old address failed; nothing changed")
        raise EmailChangeFailed(
            "We could not send the notice to your current address, so nothing was changed. "
            "Please try again later."
        ) from None
    user.email = new_email
    try:
        with transaction.atomic():
            user.save(update_fields=["email"])
    except IntegrityError:
        # Taken between the form's check and now.
        user.email = old_email
        raise EmailChangeFailed("An account with this email address already exists.") from None
