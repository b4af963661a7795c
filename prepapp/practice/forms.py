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
        # The pairs come in already fetched, so validating a tick costs no extra lookup.
        self.mistake_pairs = list(mistake_pairs)
        self.fields["mistakes"].queryset = MistakePair.objects.filter(
            pk__in=[pair.pk for pair in self.mistake_pairs]
        )
        self.dimensions = tuple(dimensions)
        for dimension in self.dimensions:
            name = score_field(dimension)
            self.fields[name] = forms.TypedChoiceField(
                label=Dimension(dimension).label,
                help_text=ANCHORS[dimension],
                choices=SCORE_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
            )
            if self.instance.pk:
                value = getattr(self.instance, name)
                self.initial[name] = "" if value is None else str(value)

    def score_fields(self):
        return [self[score_field(d)] for d in self.dimensions]

    def mistake_groups(self, first_topic=None) -> dict:
        """The pairs grouped by topic, each with its ticked state; the question's topic apart.

        Returns {"first": (topic, pairs) or None, "others": [(topic, pairs)], "others_ticked": bool}.
        """
        ticked = {str(v) for v in (self["mistakes"].value() or [])}
        groups: dict = {}
        for pair in self.mistake_pairs:
            groups.setdefault(pair.topic, []).append((pair, str(pair.pk) in ticked))
        first = (first_topic, groups.pop(first_topic)) if first_topic in groups else None
        others = list(groups.items())
        return {
            "first": first,
            "others": others,
            "others_ticked": any(t for _, pairs in others for _, t in pairs),
        }

    def save(self, commit=True):
        answer = super().save(commit=False)
        for dimension in self.dimensions:
            name = score_field(dimension)
            setattr(answer, name, self.cleaned_data.get(name))
        return answer


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
