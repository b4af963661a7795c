from __future__ import annotations

from django import forms


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Export file (.json)",
        help_text="A file downloaded from “Download everything (JSON)”. At most 10 MB.",
    )
