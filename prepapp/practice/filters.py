"""Filtering and searching a user's answers for the review list."""

from __future__ import annotations

from django import forms
from django.db.models import Q, QuerySet

from prepapp.fields import BoundedModelChoiceField
from prepapp.library.models import Round, Topic
from prepapp.library.search import SEARCH_MAX_LENGTH, search_terms
from prepapp.widgets import IsoDateField


class AnswerFilterForm(forms.Form):
    round = BoundedModelChoiceField(
        queryset=Round.objects.all(), required=False, to_field_name="slug", empty_label="Any"
    )
    topic = BoundedModelChoiceField(
        queryset=Topic.objects.all(), required=False, to_field_name="slug", empty_label="Any"
    )
    date_from = IsoDateField(required=False, label="From")
    date_to = IsoDateField(required=False, label="To")
    min_score = forms.DecimalField(
        required=False,
        min_value=1,
        max_value=5,
        decimal_places=1,
        label="Min. score",
        widget=forms.NumberInput(attrs={"step": "0.5"}),
    )
    has_findings = forms.ChoiceField(
        choices=[("", "Any"), ("yes", "Yes"), ("no", "No")], required=False, label="Findings"
    )
    q = forms.CharField(
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        label="Search",
        widget=forms.SearchInput,
    )

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            # No answer can fall in that range: say so rather than list nothing, and apply
            # neither date (the form keeps both as typed, so one edit fixes it).
            self.add_error(
                None,
                f"“From” is after “To” ({date_from:%-d %b %Y} is later than "
                f"{date_to:%-d %b %Y}): the dates are not applied. Swap them or change one.",
            )
            del cleaned["date_from"], cleaned["date_to"]
        return cleaned

    def filters(self) -> dict:
        """The filters that are valid; a bad one is dropped rather than failing the page."""
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}


def answers_filter(queryset: QuerySet, filters: dict) -> QuerySet:
    """Answers matching every given filter; `q` must find each of its words somewhere."""
    if round_ := filters.get("round"):
        queryset = queryset.filter(Q(question__round=round_) | Q(user_question__round=round_))
    if topic := filters.get("topic"):
        queryset = queryset.filter(Q(question__topic=topic) | Q(user_question__topic=topic))
    if date_from := filters.get("date_from"):
        queryset = queryset.filter(created_at__date__gte=date_from)
    if date_to := filters.get("date_to"):
        queryset = queryset.filter(created_at__date__lte=date_to)
    if (min_score := filters.get("min_score")) is not None:
        queryset = queryset.filter(score_avg__gte=float(min_score))
    if filters.get("has_findings") == "yes":
        queryset = queryset.filter(finding_count__gt=0)
    elif filters.get("has_findings") == "no":
        queryset = queryset.filter(finding_count=0)
    for term in search_terms(filters.get("q", "")):
        queryset = queryset.filter(
            Q(question__text__icontains=term)
            | Q(user_question__text__icontains=term)
            | Q(body__icontains=term)
        )
    return queryset
