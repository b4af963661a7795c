"""A user's practice: their own questions, their answers, findings and review cards."""

from __future__ import annotations

import hashlib
import unicodedata
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import UUID4
from django.urls import reverse
from django.utils import timezone

from prepapp.library.models import MistakePair, Question, Round, Topic
from prepapp.library.rubric import RubricScores, score_constraints
from prepapp.owned import OwnedQuerySet, exactly_one_of
from prepapp.practice import feedback
from prepapp.reversing import url_reverse

BODY_MAX_LENGTH = 20_000
MAX_SECONDS = 6 * 60 * 60


def question_text_key(text: str) -> str:
    """What makes two own questions the same: their text, whitespace and case aside.

    A digest, not the folded text itself: a unique index on up to 1,000 characters of
    text can pass PostgreSQL's index row limit (about 2,700 bytes), and SQLite's LOWER()
    folds only ASCII. Python folds every script the same way on both databases.
    """
    folded = " ".join(unicodedata.normalize("NFC", text).split()).casefold()
    return hashlib.sha256(folded.encode()).hexdigest()


def one_per_question(prefix: str) -> list:
    """The constraints of a row kept once per user and question, pack or own (a review card,
    a draft): at most one per question of either kind, and exactly one of the two set."""
    return [
        models.UniqueConstraint(
            fields=["user", "question"],
            condition=Q(question__isnull=False),
            name=f"{prefix}_one_per_question",
        ),
        models.UniqueConstraint(
            fields=["user", "user_question"],
            condition=Q(user_question__isnull=False),
            name=f"{prefix}_one_per_own_question",
        ),
        models.CheckConstraint(
            condition=exactly_one_of("question", "user_question"),
            name=f"{prefix}_one_question",
        ),
    ]


class QuestionTextKeyField(models.CharField):
    """question_text_key of the row's `text`, computed whenever the row is written.

    In pre_save, so bulk_create sets it too (as it does auto_now_add); only a
    queryset update() of the text would bypass it, and nothing does that.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = question_text_key(model_instance.text)
        setattr(model_instance, self.attname, value)
        return value


class UserQuestion(models.Model):
    """A question the user wrote themselves, practised like one from the bank."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="own_questions"
    )
    text = models.TextField(max_length=1000)
    # One own question per text and user: see question_text_key.
    text_key = QuestionTextKeyField()
    round = models.ForeignKey(Round, on_delete=models.SET_NULL, null=True, blank=True)
    topic = models.ForeignKey(Topic, on_delete=models.SET_NULL, null=True, blank=True)
    # Identity across export and import, so rows alike in content (a cancelled mock and
    # its replacement) stay distinct. Unique per user, not site-wide: a file can go into a
    # second account here. db_default so the previous release can insert during upgrades.
    uid = models.UUIDField(default=uuid.uuid4, db_default=UUID4(), editable=False)
    # Defaults, not auto_now_add, here and below: an import keeps the original times.
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # Typing the same question twice reuses it (practice.own_questions).
            models.UniqueConstraint(
                fields=["user", "text_key"], name="practice_userquestion_once"
            ),
            models.UniqueConstraint(fields=["user", "uid"], name="practice_userquestion_uid_once"),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def save(self, *args, **kwargs):
        # An edit of the text alone must rewrite its key as well.
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "text" in update_fields:
            kwargs["update_fields"] = {*update_fields, "text_key"}
        super().save(*args, **kwargs)

    def clean(self):
        # Forms (the admin) skip the constraint, whose text_key they do not edit: say it here.
        twins = UserQuestion.objects.filter(
            user_id=self.user_id, text_key=question_text_key(self.text or "")
        ).exclude(pk=self.pk)
        if self.user_id and twins.exists():
            raise ValidationError({"text": "This user already has this question."})


class Answer(RubricScores):
    """One attempt at a question. Every attempt is kept; none overwrites another."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, null=True, blank=True, related_name="answers"
    )
    user_question = models.ForeignKey(
        UserQuestion, on_delete=models.CASCADE, null=True, blank=True, related_name="answers"
    )
    body = models.TextField(max_length=BODY_MAX_LENGTH)
    # Rendered and sanitised once on save, so lists never run markdown per row.
    body_html = models.TextField(blank=True, editable=False)
    seconds_spent = models.PositiveIntegerField(null=True, blank=True)
    mistakes = models.ManyToManyField(MistakePair, blank=True, related_name="tagged_answers")
    finding_count = models.PositiveSmallIntegerField(default=0, editable=False)
    # Identity across export and import, so rows alike in content (a cancelled mock and
    # its replacement) stay distinct. Unique per user, not site-wide: a file can go into a
    # second account here. db_default so the previous release can insert during upgrades.
    uid = models.UUIDField(default=uuid.uuid4, db_default=UUID4(), editable=False)
    # The checks' version that produced the findings: `feedback_refresh` re-runs older ones.
    feedback_version = models.CharField(max_length=32, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=exactly_one_of("question", "user_question"),
                name="practice_answer_one_question",
            ),
            models.CheckConstraint(
                condition=Q(seconds_spent__isnull=True) | Q(seconds_spent__lte=MAX_SECONDS),
                name="practice_answer_seconds_bounded",
            ),
            *score_constraints("practice_answer"),
            models.UniqueConstraint(fields=["user", "uid"], name="practice_answer_uid_once"),
        ]
        indexes = [
            # The answers list and the dashboard: a user's answers, newest first.
            models.Index(fields=["user", "-created_at"], name="practice_answer_user_recent"),
            # A question page's attempt history.
            models.Index(fields=["user", "question", "created_at"], name="practice_answer_user_q"),
        ]

    def __str__(self) -> str:
        return f"Answer {self.pk} to {self.question_text[:40]}"

    @property
    def question_text(self) -> str:
        if self.question_id:
            return self.question.text
        return self.user_question.text if self.user_question_id else ""

    @property
    def round(self):
        return (
            self.question.round if self.question_id else getattr(self.user_question, "round", None)
        )

    def get_absolute_url(self) -> str:
        return url_reverse("practice:answer", args=[self.pk])


class Finding(models.Model):
    """One automatic feedback finding on an answer, naming the mistake pair it matches."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="findings")
    code = models.CharField(max_length=40)
    message = models.TextField()
    mistake = models.ForeignKey(
        MistakePair, on_delete=models.SET_NULL, null=True, blank=True, related_name="findings"
    )
    # The answer's own sentences that triggered it (highlighted on the page); empty when the
    # finding is about something missing.
    evidence = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["answer", "code"], name="practice_finding_once"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def title(self) -> str:
        """Its own check's title: two checks can name one pair ("too short", "no structure")."""
        return finding_title(self.code, self.mistake.title if self.mistake_id else None)


def finding_title(code: str, mistake_title: str | None = None) -> str:
    """A check's title by its code; for a code no check has (an old import), its pair's title."""
    titles = {check.code: check.title for check in feedback.CHECKS}
    return titles.get(code) or mistake_title or code


class ReviewCard(models.Model):
    """The spaced-review schedule of one question for one user (fsrs state)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_cards"
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, null=True, blank=True, related_name="review_cards"
    )
    user_question = models.ForeignKey(
        UserQuestion, on_delete=models.CASCADE, null=True, blank=True, related_name="review_cards"
    )
    due = models.DateTimeField()
    state = models.JSONField(default=dict, help_text="fsrs.Card.to_dict()")
    last_reviewed_at = models.DateTimeField(null=True, blank=True)
    review_count = models.PositiveIntegerField(default=0)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["due"]
        constraints = [
            *one_per_question("practice_reviewcard"),
        ]
        indexes = [
            # The "due for review" queue: a user's cards due before now.
            models.Index(fields=["user", "due"], name="practice_card_user_due"),
        ]

    def __str__(self) -> str:
        return f"Card {self.pk} due {self.due:%Y-%m-%d}"

    @property
    def is_due(self) -> bool:
        """Due for review now: only then can it be graded (scheduling.card_review)."""
        return self.due <= timezone.now()


class ReviewLog(models.Model):
    class Rating(models.IntegerChoices):
        AGAIN = 1, "Again"
        HARD = 2, "Hard"
        GOOD = 3, "Good"
        EASY = 4, "Easy"

    card = models.ForeignKey(ReviewCard, on_delete=models.CASCADE, related_name="logs")
    answer = models.ForeignKey(Answer, on_delete=models.SET_NULL, null=True, blank=True)
    rating = models.PositiveSmallIntegerField(choices=Rating.choices)
    reviewed_at = models.DateTimeField(default=timezone.now, editable=False)
    due_after = models.DateTimeField()

    class Meta:
        ordering = ["-reviewed_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=4), name="practice_reviewlog_rating_1_to_4"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_rating_display()} at {self.reviewed_at:%Y-%m-%d}"


class AnswerDraft(models.Model):
    """What the user has typed for a question and not saved yet, kept as they type.

    One per user and question, so coming back to the question (another tab, another
    device, after a crash) restores the text; saving the answer deletes it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="answer_drafts"
    )
    question = models.ForeignKey(Question, on_delete=models.CASCADE, null=True, blank=True)
    user_question = models.ForeignKey(
        UserQuestion, on_delete=models.CASCADE, null=True, blank=True
    )
    body = models.TextField(max_length=BODY_MAX_LENGTH)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        constraints = [
            *one_per_question("practice_draft"),
        ]

    def __str__(self) -> str:
        return f"Draft {self.pk}"


class PracticeSession(models.Model):
    """A run of a few questions picked for the user ("Practise now"), step by step.

    Kept in the database rather than the signed-in session, so it survives a change of
    device and its summary can be shown afterwards. `steps` lists what happened, in order:
    {"question": id, "answer": id or null, "skipped": bool, "graded": bool}; the last
    step is the current one until it is answered and assessed, or skipped.
    """

    LENGTHS = (3, 5, 10)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_sessions"
    )
    round = models.ForeignKey(Round, on_delete=models.SET_NULL, null=True, blank=True)
    length = models.PositiveSmallIntegerField(default=3)
    steps = models.JSONField(default=list, blank=True)
    started_at = models.DateTimeField(default=timezone.now, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(length__gte=1, length__lte=10), name="practice_session_length_1_to_10"
            ),
        ]

    def __str__(self) -> str:
        return f"Session {self.pk} of {self.length}"

    def get_absolute_url(self) -> str:
        return reverse("practice:session", args=[self.pk])
