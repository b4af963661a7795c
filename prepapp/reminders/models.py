"""Which reminder mails a user asked for, and every one the scheduler has decided to send."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q

from prepapp.owned import OwnedQuerySet


class ReminderSettings(models.Model):
    """A user's reminder choices. No row means everything off: reminders are opt-in."""

    class Digest(models.TextChoices):
        OFF = "off", "Off"
        DAILY = "daily", "Every day"
        WEEKLY = "weekly", "Once a week"

    class Weekday(models.IntegerChoices):
        # date.weekday()'s numbering.
        MONDAY = 0, "Monday"
        TUESDAY = 1, "Tuesday"
        WEDNESDAY = 2, "Wednesday"
        THURSDAY = 3, "Thursday"
        FRIDAY = 4, "Friday"
        SATURDAY = 5, "Saturday"
        SUNDAY = 6, "Sunday"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_settings"
    )
    digest = models.CharField(
        "digest of reviews due and mocks coming up",
        max_length=8,
        choices=Digest.choices,
        default=Digest.OFF,
    )
    digest_weekday = models.PositiveSmallIntegerField(
        "day of the weekly digest", choices=Weekday.choices, default=Weekday.MONDAY
    )
    send_hour = models.PositiveSmallIntegerField(
        "hour to send at",
        validators=[MaxValueValidator(23)],
        default=8,
        help_text="In your time zone. Digests and reminders go out in this hour.",
    )
    mock_reminder = models.BooleanField(
        "a reminder the day before each scheduled mock", default=False
    )
    countdown = models.BooleanField("a note one week before your interview date", default=False)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "reminder settings"
        constraints = [
            models.CheckConstraint(condition=Q(send_hour__lte=23), name="reminders_hour_valid"),
            models.CheckConstraint(
                condition=Q(digest_weekday__lte=6), name="reminders_weekday_valid"
            ),
            models.CheckConstraint(
                condition=Q(digest__in=["off", "daily", "weekly"]), name="reminders_digest_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"Reminders of {self.user}"

    def wants(self, kind: str) -> bool:
        """Whether these settings ask for that kind of reminder (a ReminderSent.Kind)."""
        return {
            "digest": self.digest != self.Digest.OFF,
            "mock": self.mock_reminder,
            "countdown": self.countdown,
        }[kind]


class ReminderSent(models.Model):
    """One reminder mail, decided once per user, kind and period.

    The unique key is the idempotency key: the scheduler may run twice, on two hosts, or
    again after a crash, and still creates one row, and only a new row is enqueued. The
    worker sends a row only while `sent_at` is empty and stamps it in the same step.
    """

    class Kind(models.TextChoices):
        DIGEST = "digest", "Digest"
        MOCK = "mock", "Mock tomorrow"
        COUNTDOWN = "countdown", "One week to go"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders_sent"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    # A digest: its local day ("2026-12-02") or ISO week ("2026-W49"); a mock: its uid
    # and local day (moved to another day, it gets a new reminder); the countdown: the
    # interview date it counts down to.
    period = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # Set while a worker is handing the mail to the server. Left set by a worker killed
    # mid-send, it keeps the row from being sent again: whether the server took that
    # mail is unknown, and a missed reminder is better than a repeated one.
    sending_since = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "period"], name="reminders_sent_once_per_period"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["digest", "mock", "countdown"]), name="reminders_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period} for {self.user}"

    @property
    def idempotency_key(self) -> str:
        return f"{self.user_id}:{self.kind}:{self.period}"
