"""Everything that changes a share, a link or a comment: one function per action."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.core import signing
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from prepapp.accounts.mail import mail_send
from prepapp.practice.markdown import markdown_render
from prepapp.sharing.models import Comment, ReadOnlyLink, Share, SharedAnswer

INVITE_SALT = "prepapp.sharing.invite"
# Long enough for a coach to find the mail after a weekend, short enough that a forgotten
# invitation stops working by itself.
INVITE_MAX_AGE = timedelta(days=14)
LINK_DAYS_DEFAULT = 7
LINK_DAYS_CHOICES = (1, 7, 14, 30)


class ShareRefused(Exception):
    """The action cannot be done; the message says why, for the page."""


def invite_token(share: Share) -> str:
    return signing.TimestampSigner(salt=INVITE_SALT).sign(str(share.pk))


def invite_share_id(token: str) -> int | None:
    """The share a signed invitation names, or None when forged, altered or too old."""
    try:
        value = signing.TimestampSigner(salt=INVITE_SALT).unsign(token, max_age=INVITE_MAX_AGE)
    except signing.BadSignature:
        return None
    return int(value) if value.isdigit() else None


def share_invite(candidate, email: str, scope: str, accept_url_for) -> Share:
    """Create the invitation and mail its signed link to `email`.

    `accept_url_for(path)` makes the absolute URL (the request knows the host).
    """
    share = Share.objects.create(candidate=candidate, invite_email=email, scope=scope)
    path = reverse("sharing:accept", args=[invite_token(share)])
    context = {
        "candidate": candidate,
        "url": accept_url_for(path),
        "days": INVITE_MAX_AGE.days,
    }
    mail_send(
        render_to_string("sharing/invite_subject.txt", context).strip(),
        render_to_string("sharing/invite_email.txt", context),
        [email],
    )
    return share


def share_accept(share: Share, user) -> Share:
    """Make `user` the share's coach.

    The accepting account's email need not be the invited one: coaches often read mail
    at one address and sign in with another. The signed link is the credential (single
    use, 14 days), and the candidate's Sharing page shows which account accepted, flagged
    when its email differs from the invitation, with a one-click revoke.
    """
    if share.revoked_at or share.accepted_at:
        raise ShareRefused("This invitation has already been used or withdrawn.")
    if share.candidate_id == user.pk:
        raise ShareRefused("This is your own invitation: send the link to your coach.")
    share.coach = user
    share.accepted_at = timezone.now()
    try:
        with transaction.atomic():
            # Only a still-pending row is taken: two accepts at once cannot both win.
            taken = Share.objects.filter(
                pk=share.pk, accepted_at__isnull=True, revoked_at__isnull=True
            ).update(coach=user, accepted_at=share.accepted_at)
    except IntegrityError:
        raise ShareRefused(
            "You can already see this candidate's preparation: see Shared with me."
        ) from None
    if not taken:
        raise ShareRefused("This invitation has already been used or withdrawn.")
    return share


def share_revoke(share: Share) -> None:
    if share.revoked_at is None:
        share.revoked_at = timezone.now()
        share.save(update_fields=["revoked_at"])


def share_scope_set(share: Share, scope: str) -> None:
    share.scope = scope
    share.save(update_fields=["scope"])


def answer_mark(answer, shared: bool) -> None:
    if shared:
        SharedAnswer.objects.get_or_create(answer=answer)
    else:
        SharedAnswer.objects.filter(answer=answer).delete()


def comment_add(author, body: str, *, answer=None, mock=None) -> Comment:
    return Comment.objects.create(
        author=author, answer=answer, mock=mock, body=body, body_html=markdown_render(body)
    )


def comment_resolve(comment: Comment, resolved: bool = True) -> None:
    comment.resolved_at = timezone.now() if resolved else None
    comment.save(update_fields=["resolved_at"])


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def link_create(
    candidate, days: int = LINK_DAYS_DEFAULT, label: str = ""
) -> tuple[ReadOnlyLink, str]:
    """A new link and its token: the token is shown once and never stored."""
    token = secrets.token_urlsafe(32)
    link = ReadOnlyLink.objects.create(
        candidate=candidate,
        token_hash=token_hash(token),
        label=label,
        expires_at=timezone.now() + timedelta(days=days),
    )
    return link, token


def link_revoke(link: ReadOnlyLink) -> None:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])


def seen_mark(model, pk: int) -> None:
    """When the coach or link last looked, for the candidate's list (metadata, one UPDATE)."""
    model.objects.filter(pk=pk).update(last_seen_at=timezone.now())
