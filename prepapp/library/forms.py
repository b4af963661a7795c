"""GET filter forms of the library pages.

The choices come from rows the view has already fetched, so building a form
costs no query. An unknown slug is a field error that the view reports and
ignores: a stale bookmark still shows the page.
"""

from __future__ import annotations

from collections.abc import Iterable

from django import forms

from prepapp.library.search import SEARCH_MAX_LENGTH
from prepapp.select_widget import InlineSelect


def _choices(rows: Iterable, label: str, everything: str) -> list[tuple[str, str]]:
    return [("", everything), *((row.slug, label.format(row=row)) for row in rows)]


class QuestionFilterForm(forms.Form):
    round = forms.ChoiceField(
        required=False,
        widget=InlineSelect,
        error_messages={"invalid_choice": "There is no round “%(value)s”; showing every round."},
    )
    topic = forms.ChoiceField(
        required=False,
        widget=InlineSelect,
        error_messages={"invalid_choice": "There is no topic “%(value)s”; showing every topic."},
    )
    q = forms.CharField(
        label="Search",
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        # A SearchInput, not attrs={"type": ...}: a TextInput would write a second `type`.
        widget=forms.SearchInput(attrs={"autocomplete": "off"}),
        error_messages={
            "max_length": "Searches are limited to %(limit_value)d characters; "
            "shorten it to search (yours has %(show_value)d)."
        },
    )

    def __init__(self, data=None, *, rounds: Iterable = (), topics: Iterable = ()):
        super().__init__(data)
        self.fields["round"].choices = _choices(
            rounds, "{row.name} ({row.length_display})", "All rounds"
        )
        self.fields["topic"].choices = _choices(topics, "{row.name}", "All topics")

    def filters(self) -> dict[str, str]:
        """The valid filters; a field with an error is left out rather than failing the page."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "round_slug": data.get("round") or "",
            "topic_slug": data.get("topic") or "",
            "text": data.get("q") or "",
        }


class TopicFilterForm(forms.Form):
    topic = forms.ChoiceField(
        required=False,
        widget=InlineSelect,
        error_messages={"invalid_choice": "There is no topic “%(value)s”; showing every topic."},
    )

    def __init__(self, data=None, *, topics: Iterable = ()):
        super().__init__(data)
        self.fields["topic"].choices = _choices(topics, "{row.name}", "All topics")

    def topic_slug(self) -> str:
        self.is_valid()
        return getattr(self, "cleaned_data", {}).get("topic") or ""
