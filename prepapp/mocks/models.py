"""A user's mock interviews (planned and done) and their private calendar feed."""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import UUID4
from django.urls import reverse
from django.utils import timezone

from prepapp.library.models import MistakePair, Question, Round
from prepapp.library.rubric import RubricScores, score_constraints
from prepapp.owned import OwnedQuerySet
from prepapp.practice.models import Answer
from prepapp.reversing import url_reverse

TEXT_MAX_LENGTH = 4000
MINUTES_MAX = 480
RATING_MAX = 5


class MockInterview(RubricScores):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "Cancelled"

    class Format(models.TextChoices):
        PEER = "peer", "Peer"
        COACH = "coach", "Coach"
        SELF_RECORDED = "self_recorded", "Self-recorded"
        OTHER = "other", "Other"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mock_interviews"
    )
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="mock_interviews")
    scheduled_at = models.DateTimeField("date and time")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SCHEDULED)
    format = models.CharField(max_length=16, choices=Format.choices, default=Format.PEER)
    interviewer = models.CharField(max_length=120, blank=True)
    minutes = models.PositiveSmallIntegerField(
        "length in minutes",
        validators=[MinValueValidator(1), MaxValueValidator(MINUTES_MAX)],
    )
    questions = models.ManyToManyField(
        Question,
        blank=True,
        related_name="mock_interviews",
        verbose_name="questions from the bank",
    )
    typed_questions = models.TextField(
        "other questions asked",
        max_length=TEXT_MAX_LENGTH,
        blank=True,
        help_text="One question a line.",
    )
    answers = models.ManyToManyField(
        Answer, blank=True, related_name="mock_interviews", verbose_name="practice answers"
    )
    overall_rating = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(RATING_MAX)],
    )
    strengths = models.TextField(max_length=TEXT_MAX_LENGTH, blank=True)
    improvements = models.TextField("things to improve", max_length=TEXT_MAX_LENGTH, blank=True)
    mistakes = models.ManyToManyField(
        MistakePair, blank=True, related_name="mock_interviews", verbose_name="mistakes observed"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Identity across export and import, so rows alike in content (a cancelled mock and
    # its replacement) stay distinct. Unique per user, not site-wide: a file can go into a
    # second account here. db_default so the previous release can insert during upgrades.
    uid = models.UUIDField(default=uuid.uuid4, db_default=UUID4(), editable=False)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-scheduled_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=1, minutes__lte=MINUTES_MAX),
                name="mocks_mock_minutes_bounded",
            ),
            models.CheckConstraint(
                condition=Q(overall_rating__isnull=True)
                | Q(overall_rating__gte=1, overall_rating__lte=RATING_MAX),
                name="mocks_mock_rating_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["scheduled", "done", "cancelled"]),
                name="mocks_mock_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(format__in=["peer", "coach", "self_recorded", "other"]),
                name="mocks_mock_format_valid",
            ),
            *score_constraints("mocks_mock"),
            models.UniqueConstraint(fields=["user", "uid"], name="mocks_mock_uid_once"),
        ]
        indexes = [
            # The mocks list (upcoming and past), the calendar feed and the dashboard's
            # upcoming_mocks: a user's mocks ordered by date.
            models.Index(fields=["user", "scheduled_at"], name="mocks_mock_user_when"),
        ]

    def __str__(self) -> str:
        return f"Mock interview: {self.round} ({self.scheduled_at:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return url_reverse("mocks:detail", args=[self.pk])

    @property
    def typed_question_list(self) -> list[str]:
        return [line.strip() for line in self.typed_questions.splitlines() if line.strip()]

    @property
    def is_scheduled(self) -> bool:
        return self.status == self.Status.SCHEDULED

    @property
    def has_started(self) -> bool:
        """Only a mock that has started can be done (and get feedback)."""
        return self.scheduled_at <= timezone.now()


def token_new() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """The secret that makes a user's feed of scheduled mocks readable without signing in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mock_calendar_feed"
    )
    # Unique, so the feed view looks the owner up by token and never compares secrets itself.
    token = models.CharField(max_length=64, unique=True, default=token_new)
    created_at = models.DateTimeField(auto_now_add=True)
    # The ETag of the feed as last served, and when it last differed from the one before:
    # the feed's Last-Modified. Kept here because no row's updated_at can tell: a deleted
    # mock, a done one ageing out of the 90 days or a new time zone change the feed too.
    etag = models.CharField(max_length=80, blank=True, editable=False)
    changed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = OwnedQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"

    def get_absolute_url(self) -> str:
        return reverse("mocks:feed", args=[self.token])
