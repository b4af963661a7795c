"""The content pack: read-only preparation content that every user shares.

Every model has a slug as its natural key, so `loaddata` of the pack updates
rows in place instead of adding copies, and users' rows that point at content
survive a re-sync. Nothing here imports a user app.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

CHECK_REASON_MAX_LENGTH = 200


def feedback_checks_validate(value) -> None:
    """A map of feedback check codes to the short reason the check applies (or is dropped)."""
    if not isinstance(value, dict):
        raise ValidationError(
            'Give an object of check codes and reasons, e.g. {"too-short": "…"}.'
        )
    for code, reason in value.items():
        if not re.fullmatch(r"[a-z][a-z0-9-]{1,39}", code):
            raise ValidationError(f"{code!r} is not a check code (lower case, hyphens).")
        if not isinstance(reason, str) or not reason.strip():
            raise ValidationError(f"Give a short reason for {code!r}.")
        if len(reason) > CHECK_REASON_MAX_LENGTH:
            raise ValidationError(
                f"The reason for {code!r} is longer than {CHECK_REASON_MAX_LENGTH} characters."
            )


def _checks_field(help_text: str) -> models.JSONField:
    return models.JSONField(
        default=dict, blank=True, validators=[feedback_checks_validate], help_text=help_text
    )


class SlugManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class SluggedModel(models.Model):
    slug = models.SlugField(max_length=80, unique=True)

    objects = SlugManager()

    class Meta:
        abstract = True

    def natural_key(self):
        return (self.slug,)


class Source(SluggedModel):
    """One of the articles the pack was extracted from."""

    title = models.CharField(max_length=200)
    filename = models.CharField(max_length=120)

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.title


class Track(SluggedModel):
    name = models.CharField(max_length=120)
    summary = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.name


class Topic(SluggedModel):
    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="topics")
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    feedback_checks = _checks_field(
        "Feedback checks every question in this topic gets: check code → why it applies."
    )

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class LoopFact(SluggedModel):
    """A fact about the whole interview loop: how long it takes, how many rounds."""

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="loop_facts")
    label = models.CharField(max_length=120)
    detail = models.TextField()
    weeks_min = models.PositiveSmallIntegerField(null=True, blank=True)
    weeks_max = models.PositiveSmallIntegerField(null=True, blank=True)
    rounds_min = models.PositiveSmallIntegerField(null=True, blank=True)
    rounds_max = models.PositiveSmallIntegerField(null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    sources = models.ManyToManyField(Source, related_name="loop_facts")

    class Meta:
        ordering = ["order", "slug"]

    def __str__(self) -> str:
        return self.label


class Round(SluggedModel):
    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="rounds")
    name = models.CharField(max_length=120)
    order = models.PositiveSmallIntegerField(default=0)
    minutes_min = models.PositiveSmallIntegerField()
    minutes_max = models.PositiveSmallIntegerField()
    assesses = models.TextField()
    description = models.TextField(blank=True)
    sources = models.ManyToManyField(Source, related_name="rounds")
    feedback_checks = _checks_field(
        "Feedback checks every question in this round gets: check code → why it applies."
    )

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minutes_min__lte=models.F("minutes_max")),
                name="library_round_minutes_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def typical_minutes(self) -> int:
        """The length a practice answer or a mock defaults to: the upper bound."""
        return self.minutes_max

    @property
    def length_display(self) -> str:
        if self.minutes_min == self.minutes_max:
            return f"{self.minutes_max} min"
        return f"{self.minutes_min}–{self.minutes_max} min"


class Question(SluggedModel):
    class Kind(models.TextChoices):
        # What a candidate reads: the article behind a question is in its citation, not here.
        QUOTED = "quoted", "Asked in real interviews (quoted)"
        DERIVED = "derived", "Written from the articles' advice"

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="questions")
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="questions")
    text = models.TextField()
    guidance = models.TextField(help_text="What a strong answer covers.")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.DERIVED)
    sources = models.ManyToManyField(Source, related_name="questions")
    # The round and topic give default feedback checks; a question adds or drops a few.
    feedback_checks_added = _checks_field(
        "Checks this question adds to its round's and topic's: check code → why."
    )
    feedback_checks_dropped = _checks_field(
        "Checks of its round or topic this question does not get: check code → why not."
    )

    class Meta:
        ordering = ["round__order", "topic__order", "slug"]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return reverse("library:question", args=[self.slug])

    @property
    def is_quoted(self) -> bool:
        return self.kind == self.Kind.QUOTED


class MistakePair(SluggedModel):
    """A mistake to avoid: the BAD way, the GOOD way, and why it matters."""

    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="mistakes")
    title = models.CharField(max_length=160)
    bad = models.TextField()
    good = models.TextField()
    why = models.TextField(blank=True)
    example = models.TextField(blank=True)
    sources = models.ManyToManyField(Source, related_name="mistakes")

    class Meta:
        ordering = ["topic__order", "title"]

    def __str__(self) -> str:
        return self.title


class ChecklistItem(SluggedModel):
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="checklist_items")
    text = models.CharField(max_length=300)
    detail = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    sources = models.ManyToManyField(Source, related_name="checklist_items")

    class Meta:
        ordering = ["topic__order", "order", "slug"]

    def __str__(self) -> str:
        return self.text


class FaqEntry(SluggedModel):
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="faq_entries")
    question = models.CharField(max_length=300)
    answer = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)
    sources = models.ManyToManyField(Source, related_name="faq_entries")

    class Meta:
        ordering = ["order", "slug"]
        verbose_name_plural = "FAQ entries"

    def __str__(self) -> str:
        return self.question


class PackVersion(models.Model):
    """Which version of a pack file was last loaded, so start-up can skip an unchanged pack."""

    name = models.CharField(max_length=120, unique=True)
    fingerprint = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.name} @ {self.fingerprint[:12]}"
