"""Date inputs that always carry ISO values, as browsers require.

`<input type="date">` accepts only `YYYY-MM-DD` and `datetime-local` only `YYYY-MM-DDTHH:MM`;
any other value (the locale's "24/12/2026", or a re-rendered "2026-12-24 18:00") shows as an
empty field, and the next save of the form would store nothing. These widgets render a
date object in ISO, and turn submitted text in any format the field accepts back into ISO.
Text that reads as no date at all is not put back into the input (a date input cannot hold
it): the field's error message quotes it instead, so what was typed is still on the page.
"""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats

ISO_DATE = "%Y-%m-%d"
ISO_DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


def _parsed(text: str, input_formats) -> datetime | None:
    for fmt in input_formats:
        try:
            return datetime.strptime(text.strip(), fmt)
        except ValueError:
            continue
    return None


class IsoDateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=ISO_DATE)

    def format_value(self, value):
        if isinstance(value, str):
            parsed = _parsed(value, [ISO_DATE, *formats.get_format("DATE_INPUT_FORMATS")])
            value = parsed.date() if parsed else None
        return super().format_value(value)


class IsoDateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None, input_formats=()):
        super().__init__(attrs, format=ISO_DATETIME_LOCAL)
        self.input_formats = [ISO_DATETIME_LOCAL, *input_formats]

    def format_value(self, value):
        if isinstance(value, str):
            parsed = _parsed(value, self.input_formats)
            value = parsed if parsed else None
        return super().format_value(value)


def typed_back(value) -> str:
    """What the user typed, shortened, for an error message that quotes it."""
    text = " ".join(str(value).split())
    return text if len(text) <= 40 else text[:39] + "…"


class IsoDateField(forms.DateField):
    """A date field on an IsoDateInput whose error quotes the text that was not a date."""

    widget = IsoDateInput

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError as error:
            if error.code != "invalid":
                raise
            raise ValidationError(
                "“%(value)s” is not a date: pick one, or type it as YYYY-MM-DD.",
                code="invalid",
                params={"value": typed_back(value)},
            ) from error
