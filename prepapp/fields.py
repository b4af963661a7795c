"""Form fields that choose rows by id, refusing ids no database column can hold.

Django's model choice fields pass the submitted id straight to a query; an id
beyond 64 bits then raises OverflowError on SQLite (and an error on PostgreSQL)
instead of "not one of the available choices". These fields check first.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

PK_MAX = 2**63 - 1


def _pk_in_range(value) -> bool:
    try:
        return abs(int(str(value).strip())) <= PK_MAX
    except ValueError:
        return True  # not a number at all: Django's own check refuses it


class BoundedModelChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and not _pk_in_range(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for pk in value if isinstance(value, list | tuple) else []:
            if not _pk_in_range(pk):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": str(pk)[:20]},
                )
        return super()._check_values(value)
