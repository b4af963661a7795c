from __future__ import annotations

from django import forms

from prepapp.sharing.models import COMMENT_MAX_LENGTH, LABEL_MAX_LENGTH, Share
from prepapp.sharing.services import LINK_DAYS_CHOICES, LINK_DAYS_DEFAULT


class InviteForm(forms.Form):
    email = forms.EmailField(
        label="Your coach's email",
        max_length=254,
        help_text="They get a link to sign in (or sign up) and accept.",
    )
    scope = forms.ChoiceField(
        label="Answers they see",
        choices=Share.Scope.choices,
        initial=Share.Scope.MARKED,
        widget=forms.RadioSelect,
    )

    def __init__(self, candidate, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidate = candidate

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if email.lower() == self.candidate.email.lower():
            raise forms.ValidationError("That is your own email: invite your coach's.")
        return email


class ScopeForm(forms.Form):
    scope = forms.ChoiceField(label="Answers they see", choices=Share.Scope.choices)


class LinkForm(forms.Form):
    label = forms.CharField(
        label="Who it is for (only you see this)",
        max_length=LABEL_MAX_LENGTH,
        required=False,
    )
    # A few choices rather than any number: a choice is refused unless typed exactly so.
    days = forms.TypedChoiceField(
        label="Works for",
        choices=[(d, f"{d} day{'s' if d > 1 else ''}") for d in LINK_DAYS_CHOICES],
        coerce=int,
        initial=LINK_DAYS_DEFAULT,
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Your comment (markdown)",
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class MarkForm(forms.Form):
    shared = forms.BooleanField(required=False)
