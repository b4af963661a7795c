"""One-click unsubscribe: a signed link per user and kind of reminder, good until used."""

from __future__ import annotations

from django.core import signing

from prepapp.reminders.models import ReminderSent, ReminderSettings

# Another salt than any other signed value on the site, so no other token opens this.
_SALT = "prepapp.reminders.unsubscribe"

# What turning each kind off means for the user's settings.
_OFF = {
    ReminderSent.Kind.DIGEST: {"digest": ReminderSettings.Digest.OFF},
    ReminderSent.Kind.MOCK: {"mock_reminder": False},
    ReminderSent.Kind.COUNTDOWN: {"countdown": False},
}


def unsubscribe_token(user, kind: str) -> str:
    # No expiry: RFC 8058 links are used long after the mail came, and the token can
    # only ever turn a reminder off.
    return signing.dumps({"u": user.pk, "k": str(kind)}, salt=_SALT)


def unsubscribe_token_read(token: str) -> tuple[int, str] | None:
    """(user id, kind) of a token this site signed; None for anything else."""
    try:
        data = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    user_id, kind = data.get("u"), data.get("k")
    if not isinstance(user_id, int) or kind not in ReminderSent.Kind.values:
        return None
    return user_id, kind


def reminder_unsubscribe(user_id: int, kind: str) -> bool:
    """Turn that kind of reminder off; True if it was on. A deleted account is a no-op."""
    return bool(
        ReminderSettings.objects.filter(user_id=user_id).exclude(**_OFF[kind]).update(**_OFF[kind])
    )
