from __future__ import annotations

from django import forms

from prepapp.sharing.models import COMMENT_MAX_LENGTH, LABEL_MAX_LENGTH, Share
from prepapp.sharing.services import LINK_DAYS_DEFAULT, LINK_DAYS_MAX


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
    days = forms.IntegerField(
        label="Works for (days)",
        min_value=1,
        max_value=LINK_DAYS_MAX,
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
