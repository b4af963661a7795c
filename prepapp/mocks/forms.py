from __future__ import annotations

from datetime import timedelta
from itertools import groupby

from django import forms
from django.utils import timezone

from prepapp.fields import BoundedModelChoiceField, BoundedModelMultipleChoiceField
from prepapp.library import rubric
from prepapp.library.models import MistakePair, Question, Round
from prepapp.mocks.models import MINUTES_MAX, MockInterview
from prepapp.practice.models import Answer
from prepapp.widgets import IsoDateTimeLocalInput
from prepapp.zoned import LocalDateTimeField

DATETIME_INPUT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
# How far from today a mock may be placed: far enough for any real plan, near enough
# to catch a mistyped year.
DATE_SPAN = timedelta(days=5 * 366)
# The answers offered to link: the most recent ones plus any already linked. Older
# answers still validate, they are just not listed.
ANSWER_CHOICES_LIMIT = 100

LEVEL_WORDS = {level: text.split(":", 1)[0] for level, text in rubric.LEVELS.items()}


def scale_choices(empty_label: str) -> list[tuple[str, str]]:
    return [("", empty_label)] + [
        (str(level), f"{level} · {LEVEL_WORDS[level]}") for level in rubric.SCALE
    ]


def scale_field(label: str, empty_label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=scale_choices(empty_label),
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )


class MockInterviewForm(forms.ModelForm):
    scheduled_at = LocalDateTimeField(
        label="Date and time",
        input_formats=DATETIME_INPUT_FORMATS,
        widget=IsoDateTimeLocalInput(input_formats=DATETIME_INPUT_FORMATS),
    )
    minutes = forms.IntegerField(
        label="Length in minutes",
        min_value=1,
        max_value=MINUTES_MAX,
        required=False,
        help_text="Leave empty for the round's typical length.",
    )
    overall_rating = scale_field("Overall rating", "Not rated")

    class Meta:
        model = MockInterview
        fields = [
            "round",
            "scheduled_at",
            "status",
            "format",
            "interviewer",
            "minutes",
            "questions",
            "typed_questions",
            "answers",
            "overall_rating",
            *rubric.score_fields(),
            "strengths",
            "improvements",
            "mistakes",
        ]
        field_classes = {
            "round": BoundedModelChoiceField,
            "questions": BoundedModelMultipleChoiceField,
            "answers": BoundedModelMultipleChoiceField,
            "mistakes": BoundedModelMultipleChoiceField,
        }
        widgets = {
            "status": forms.RadioSelect,
            "format": forms.RadioSelect,
            "questions": forms.CheckboxSelectMultiple,
            "answers": forms.CheckboxSelectMultiple,
            "mistakes": forms.CheckboxSelectMultiple,
            "typed_questions": forms.Textarea(attrs={"rows": 4}),
            "strengths": forms.Textarea(attrs={"rows": 4}),
            "improvements": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["scheduled_at"].help_text = f"In your time zone, {user.zone.key} (Settings)."
        self.fields["round"].queryset = Round.objects.all()
        self.fields["round"].empty_label = "Choose a round"
        for dimension in rubric.ALL_DIMENSIONS:
            name = rubric.score_field(dimension)
            self.fields[name] = scale_field(rubric.Dimension(dimension).label, "Not scored")
            self.fields[name].help_text = rubric.ANCHORS[dimension]

        questions = self.fields["questions"]
        questions.queryset = Question.objects.all()
        # Grouped by round in loop order; one query with the round joined.
        questions.choices = [
            (round_name, [(q.pk, q.text) for q in group])
            for round_name, group in groupby(
                Question.objects.select_related("round").order_by("round__order", "slug"),
                key=lambda q: q.round.name,
            )
        ]

        answers = self.fields["answers"]
        # Only the user's own answers validate: another user's id is "not one of the choices".
        answers.queryset = Answer.objects.for_user(user)
        shown = list(
            Answer.objects.for_user(user).select_related("question", "user_question")[
                :ANSWER_CHOICES_LIMIT
            ]
        )
        if self.instance.pk:
            # The edit view prefetches these with their questions.
            shown_ids = {a.pk for a in shown}
            shown += [a for a in self.instance.answers.all() if a.pk not in shown_ids]
        answers.choices = [(a.pk, answer_label(a)) for a in shown]
        answers.help_text = "" if shown else "You have no practice answers yet."

        self.fields["mistakes"].queryset = MistakePair.objects.all()
        self.fields["mistakes"].choices = [
            (m.pk, m.title) for m in MistakePair.objects.select_related("topic")
        ]

    def clean_scheduled_at(self):
        value = self.cleaned_data["scheduled_at"]
        stored = self.instance.scheduled_at if self.instance.pk else None
        if stored and _wall_minute(stored) == _wall_minute(value):
            # The same minute as shown: keep the stored instant, its seconds and its fold
            # (the second 01:30 of a fall-back night), so saving unchanged changes nothing.
            return stored
        now = timezone.now()
        if not now - DATE_SPAN <= value <= now + DATE_SPAN:
            raise forms.ValidationError("Choose a date within five years of today.")
        return value

    def clean(self):
        cleaned = super().clean()
        round_ = cleaned.get("round")
        if cleaned.get("minutes") is None and round_ is not None:
            cleaned["minutes"] = round_.typical_minutes
        when = cleaned.get("scheduled_at")
        done = MockInterview.Status.DONE
        # Only when this save makes it so: a row already done in the future (older data, an
        # import) can still get its feedback saved without being forced to a new date.
        already = self.instance.pk and self.instance.status == done
        made_now = not already or when != self.instance.scheduled_at
        if cleaned.get("status") == done and when and when > timezone.now() and made_now:
            # As "Mark done" refuses: a done mock in the future would count towards readiness
            # before it happened.
            self.add_error(
                "status",
                "A mock still to come cannot be done. Set its date and time to when it "
                "happened, or keep it scheduled.",
            )
        return cleaned

    def save(self, commit=True):
        self.instance.user = self.user
        return super().save(commit=commit)

    def rubric_fields(self):
        """Score fields for the chosen round's dimensions first, then the rest."""
        round_ = self.instance.round if self.instance.round_id else None
        primary = rubric.round_dimensions(round_.slug if round_ else None)
        first = [self[rubric.score_field(d)] for d in primary]
        rest = [self[rubric.score_field(d)] for d in rubric.ALL_DIMENSIONS if d not in primary]
        return first, rest


def _wall_minute(value):
    return timezone.localtime(value).replace(tzinfo=None, fold=0, second=0, microsecond=0)


def answer_label(answer: Answer) -> str:
    text = answer.question_text
    if len(text) > 90:
        text = text[:89] + "…"
    return f"{text} ({timezone.localtime(answer.created_at):%d %b %Y})"


class MockFilterForm(forms.Form):
    """List filters. An unknown value is ignored rather than an error page."""

    round = forms.ChoiceField(required=False)
    status = forms.ChoiceField(
        required=False, choices=[("", "Any status"), *MockInterview.Status.choices]
    )

    def __init__(self, *args, rounds: list[Round], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].choices = [("", "Any round")] + [(r.slug, r.name) for r in rounds]

    def filters(self) -> dict[str, str]:
        """Each filter's value, or "" when it is missing or not one of the choices."""
        values = {}
        for name, field in self.fields.items():
            try:
                values[name] = field.clean(self.data.get(name, ""))
            except forms.ValidationError:
                values[name] = ""
        return values
