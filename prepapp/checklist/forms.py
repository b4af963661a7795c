from __future__ import annotations

from django import forms

from prepapp.checklist.models import NOTE_MAX_LENGTH, TEXT_MAX_LENGTH, OwnItem
from prepapp.fields import BoundedModelChoiceField
from prepapp.library.models import Topic


class TickForm(forms.Form):
    # An explicit target state, not a toggle: a repeated click asks for the same thing.
    done = forms.TypedChoiceField(
        choices=[("1", "Done"), ("0", "Not done")], coerce=lambda value: value == "1"
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        label="Note",
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=f"Up to {NOTE_MAX_LENGTH} characters. Leave empty to remove the note.",
    )


class OwnItemForm(forms.ModelForm):
    topic = BoundedModelChoiceField(queryset=Topic.objects.all(), empty_label="Choose a topic")
    text = forms.CharField(
        label="Item",
        max_length=TEXT_MAX_LENGTH,
        help_text=f"What to do, in up to {TEXT_MAX_LENGTH} characters.",
    )

    class Meta:
        model = OwnItem
        fields = ["topic", "text"]
