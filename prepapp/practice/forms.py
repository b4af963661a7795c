from __future__ import annotations

from django import forms

from prepapp.fields import (
    BoundedModelChoiceField,
    BoundedModelMultipleChoiceField,
    IdField,
)
from prepapp.library.models import MistakePair, Round, Topic
from prepapp.library.rubric import ANCHORS, LEVELS, SCALE, Dimension, score_field
from prepapp.practice.models import BODY_MAX_LENGTH, MAX_SECONDS, Answer, ReviewLog, UserQuestion

SCORE_CHOICES = [("", "Not scored"), *((str(n), f"{n}: {LEVELS[n]}") for n in SCALE)]


class AnswerForm(forms.ModelForm):
    """An answer, its self-assessment on the round's dimensions, and the mistakes it fell into."""

    body = forms.CharField(
        label="Your answer",
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text="Markdown: **bold**, *italic*, lists, headings, links. HTML is shown as typed.",
        error_messages={"required": "Write your answer before saving."},
    )
    seconds_spent = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=MAX_SECONDS,
        widget=forms.HiddenInput,
        error_messages={
            "min_value": "The time spent must be between 0 and 6 hours.",
            "max_value": "The time spent must be between 0 and 6 hours.",
            "invalid": "The time spent must be a whole number of seconds.",
        },
    )
    mistakes = BoundedModelMultipleChoiceField(
        queryset=MistakePair.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Mistakes this answer fell into",
    )

    class Meta:
        model = Answer
        fields = ["body", "seconds_spent", "mistakes"]

    def __init__(self, *args, dimensions, mistake_pairs, **kwargs):
        super().__init__(*args, **kwargs)
        _assessment_fields_add(self, dimensions, mistake_pairs)

    def score_fields(self):
        return [self[score_field(d)] for d in self.dimensions]

    def mistake_groups(self, first_topic=None, likely=()) -> dict:
        return _mistake_groups(self, first_topic, likely)

    def save(self, commit=True):
        answer = super().save(commit=False)
        for dimension in self.dimensions:
            name = score_field(dimension)
            setattr(answer, name, self.cleaned_data.get(name))
        return answer


def _assessment_fields_add(form, dimensions, mistake_pairs) -> None:
    """One 1-5 choice per rubric dimension and the mistakes to tick, on either form."""
    # The pairs come in already fetched, so validating a tick costs no extra lookup.
    form.mistake_pairs = list(mistake_pairs)
    form.fields["mistakes"].queryset = MistakePair.objects.filter(
        pk__in=[pair.pk for pair in form.mistake_pairs]
    )
    form.dimensions = tuple(dimensions)
    instance = getattr(form, "instance", None)
    for dimension in form.dimensions:
        name = score_field(dimension)
        form.fields[name] = forms.TypedChoiceField(
            label=Dimension(dimension).label,
            help_text=ANCHORS[dimension],
            choices=SCORE_CHOICES,
            coerce=int,
            empty_value=None,
            required=False,
            widget=forms.RadioSelect,
        )
        if instance is not None and instance.pk:
            value = getattr(instance, name)
            form.initial[name] = "" if value is None else str(value)


def _mistake_groups(form, first_topic=None, likely=()) -> dict:
    """The pairs to tick: the likely ones first (the question's topic and the findings'
    mistakes), the rest grouped by topic. Each with its ticked state.

    Returns {"likely": [(pair, ticked)], "first": (topic, pairs) or None,
    "others": [(topic, pairs)], "others_ticked": bool}.
    """
    ticked = {str(v) for v in (form["mistakes"].value() or [])}
    likely_ids = {getattr(p, "pk", p) for p in likely}
    likely_pairs, groups = [], {}
    for pair in form.mistake_pairs:
        entry = (pair, str(pair.pk) in ticked)
        if pair.pk in likely_ids:
            likely_pairs.append(entry)
        else:
            groups.setdefault(pair.topic, []).append(entry)
    first = (first_topic, groups.pop(first_topic)) if first_topic in groups else None
    others = list(groups.items())
    return {
        "likely": likely_pairs,
        "first": first,
        "others": others,
        "others_ticked": any(t for _, pairs in others for _, t in pairs),
    }


class SelfAssessmentForm(forms.Form):
    """After the feedback: the scores, the mistakes recognised, and the recall grade."""

    mistakes = BoundedModelMultipleChoiceField(
        queryset=MistakePair.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Mistakes this answer fell into",
    )
    rating = forms.TypedChoiceField(
        choices=ReviewLog.Rating.choices,
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": "Pick Again, Hard, Good or Easy."},
    )

    def __init__(self, *args, dimensions, mistake_pairs, instance=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance = instance
        _assessment_fields_add(self, dimensions, mistake_pairs)
        if instance is not None and instance.pk and not self.is_bound:
            self.initial["mistakes"] = [p.pk for p in instance.mistakes.all()]

    def score_fields(self):
        return [self[score_field(d)] for d in self.dimensions]

    def mistake_groups(self, first_topic=None, likely=()) -> dict:
        return _mistake_groups(self, first_topic, likely)

    def scores(self) -> dict:
        return {score_field(d): self.cleaned_data.get(score_field(d)) for d in self.dimensions}


class AnswerWriteForm(forms.Form):
    """The session's writing step: the answer and its time; scores come after the feedback."""

    body = AnswerForm.base_fields["body"]
    seconds_spent = AnswerForm.base_fields["seconds_spent"]


class SessionStartForm(forms.Form):
    round = BoundedModelChoiceField(
        queryset=Round.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label="Any round (the app picks)",
        label="Round",
    )
    length = forms.TypedChoiceField(
        choices=[(n, f"{n} questions") for n in (3, 5, 10)],
        coerce=int,
        initial=3,
        widget=forms.RadioSelect,
        label="Length",
        error_messages={"invalid_choice": "Pick 3, 5 or 10 questions."},
    )


class UserQuestionForm(forms.ModelForm):
    text = forms.CharField(
        label="Your question",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write the question you are answering."},
    )
    round = BoundedModelChoiceField(
        queryset=Round.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label="Any round",
        label="Round (optional)",
    )
    topic = BoundedModelChoiceField(
        queryset=Topic.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label="Any topic",
        label="Topic (optional)",
    )

    class Meta:
        model = UserQuestion
        fields = ["text", "round", "topic"]


class ReviewForm(forms.Form):
    rating = forms.TypedChoiceField(
        choices=ReviewLog.Rating.choices,
        coerce=int,
        error_messages={
            "required": "Pick how well you recalled it.",
            "invalid_choice": "Pick Again, Hard, Good or Easy.",
        },
    )
    answer = IdField(required=False, widget=forms.HiddenInput)
