"""Ids from query strings and forms: parsed in one place, refusing what no row can have.

Django's model choice fields pass the submitted id straight to a query; an id
beyond 64 bits then raises OverflowError on SQLite (and an error on PostgreSQL)
instead of "not one of the available choices". And `str.isdigit()` is true for
"²", which `int()` then refuses, while `int()` reads "٣" and "５" as 3 and 5.
An id here is ASCII digits only, at least 1 and at most a 64-bit column's maximum.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

PK_MAX = 2**63 - 1


def id_parse(raw: object) -> int | None:
    """The id in `raw` (a query or form value), or None when it cannot name a row."""
    text = str(raw).strip() if raw is not None else ""
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(PK_MAX)):
        return None
    value = int(text)
    return value if 1 <= value <= PK_MAX else None


def _pk_acceptable(field, value) -> bool:
    # Choices by slug (to_field_name) are compared as text: only ids are parsed here.
    return bool(field.to_field_name) or id_parse(value) is not None


class BoundedModelChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and not _pk_acceptable(self, value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for pk in value if isinstance(value, list | tuple) else []:
            if not _pk_acceptable(self, pk):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": str(pk)[:20]},
                )
        return super()._check_values(value)


class IdField(forms.IntegerField):
    """An optional row id in a form: ASCII digits, 1 to PK_MAX, else "enter a whole number"."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if (parsed := id_parse(value)) is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed
