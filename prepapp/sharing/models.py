"""Letting someone else look: a coach with an account, or a read-only link without one.

Nothing here copies the candidate's data: a coach's pages read the candidate's own rows
through the apps' selectors, filtered by what the candidate chose to share.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from prepapp.mocks.models import MockInterview
from prepapp.owned import exactly_one_of
from prepapp.practice.models import Answer

COMMENT_MAX_LENGTH = 4000
LABEL_MAX_LENGTH = 100


class ShareQuerySet(models.QuerySet):
    def for_user(self, user):
        """The shares the user gave, as candidate (live, pending and revoked)."""
        return self.filter(candidate=user)

    def live(self):
        return self.filter(accepted_at__isnull=False, revoked_at__isnull=True)

    def for_coach(self, user):
        """The shares the user may read as coach: accepted and not revoked."""
        return self.live().filter(coach=user)


class Share(models.Model):
    """A candidate's invitation to one coach, and once accepted, that coach's access."""

    class Scope(models.TextChoices):
        MARKED = "marked", "Only the answers I mark as shared"
        ALL = "all", "All my answers"

    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shares_given"
    )
    # Null until accepted. CASCADE: deleting the coach's account removes their access.
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="shares_received",
    )
    invite_email = models.EmailField(max_length=254)
    scope = models.CharField(max_length=8, choices=Scope.choices, default=Scope.MARKED)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_seen_at = models.DateTimeField(null=True, blank=True)

    objects = ShareQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(coach=F("candidate")), name="sharing_share_not_self"
            ),
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(coach__isnull=False),
                name="sharing_share_accepted_has_coach",
            ),
            # One live access per coach and candidate: a second accept would be a twin.
            models.UniqueConstraint(
                fields=["candidate", "coach"],
                condition=Q(revoked_at__isnull=True, coach__isnull=False),
                name="sharing_share_one_live_per_coach",
            ),
        ]
        indexes = [
            # "Shared with me" and every coach page: a coach's live shares.
            models.Index(fields=["coach", "revoked_at"], name="sharing_share_coach"),
        ]

    def __str__(self) -> str:
        return f"{self.candidate} shared with {self.coach or self.invite_email}"

    @property
    def status(self) -> str:
        if self.revoked_at:
            return "revoked"
        return "active" if self.accepted_at else "invited"

    @property
    def email_differs(self) -> bool:
        """Accepted from an account whose email is not the one invited (see share_accept)."""
        return bool(self.coach_id) and self.coach.email.lower() != self.invite_email.lower()


class SharedAnswer(models.Model):
    """An answer the candidate marked as shared (what a "marked" share and links show).

    Its own table, keyed by the answer, rather than a flag on Answer: sharing stays out
    of the practice app's model, a deleted answer takes its mark with it, and the mark is
    the candidate's (it belongs to the answer, not to any one share).
    """

    answer = models.OneToOneField(
        Answer, on_delete=models.CASCADE, primary_key=True, related_name="shared_mark"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    def __str__(self) -> str:
        return f"Shared: answer {self.answer_id}"


class ReadOnlyLinkQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(candidate=user)

    def usable(self, now=None):
        return self.filter(revoked_at__isnull=True, expires_at__gt=now or timezone.now())


class ReadOnlyLink(models.Model):
    """A link that shows progress and shared answers to anyone holding it, until it ends.

    Only a SHA-256 of the token is stored: a leaked database (or backup) opens no link.
    """

    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="read_only_links"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    label = models.CharField(max_length=LABEL_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_seen_at = models.DateTimeField(null=True, blank=True)

    objects = ReadOnlyLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Read-only link of {self.candidate}"

    @property
    def status(self) -> str:
        if self.revoked_at:
            return "revoked"
        return "active" if self.expires_at > timezone.now() else "expired"


class CommentQuerySet(models.QuerySet):
    def for_candidate(self, user):
        """Comments on the user's own answers and mocks."""
        return self.filter(Q(answer__user=user) | Q(mock__user=user))

    def open(self):
        return self.filter(resolved_at__isnull=True)


class Comment(models.Model):
    """A coach's comment on one of the candidate's answers or mocks."""

    # CASCADE: deleting the coach's account removes what they wrote on others' work.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comments_written"
    )
    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, null=True, blank=True, related_name="coach_comments"
    )
    mock = models.ForeignKey(
        MockInterview,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="coach_comments",
    )
    body = models.TextField(max_length=COMMENT_MAX_LENGTH)
    # Rendered and sanitised once, by the answers' own renderer (practice.markdown).
    body_html = models.TextField(editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    resolved_at = models.DateTimeField(null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=exactly_one_of("answer", "mock"), name="sharing_comment_one_target"
            ),
        ]

    def __str__(self) -> str:
        return f"Comment by {self.author} on {'answer' if self.answer_id else 'mock'}"
