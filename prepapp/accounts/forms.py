from __future__ import annotations

from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    BaseUserCreationForm,
    PasswordChangeForm,
    PasswordResetForm,
)
from django.template import loader

from prepapp.accounts.lockout import password_attempt_check
from prepapp.accounts.mail import mail_send
from prepapp.accounts.models import User
from prepapp.accounts.timezones import TimeZoneField, time_zone_clean
from prepapp.widgets import IsoDateField


class SignUpForm(BaseUserCreationForm):
    time_zone = TimeZoneField(
        help_text="Times you enter and see, and your calendar feed, use this zone."
    )

    class Meta:
        model = User
        fields = ("email", "display_name", "time_zone")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            # static/js/time-zone.js picks the browser's zone here; without JS the site's
            # zone stays selected. Not on a re-rendered form: the user's choice stands.
            self.fields["time_zone"].widget.attrs["data-browser-time-zone"] = ""

    def clean_time_zone(self) -> str:
        return time_zone_clean(self)

    def clean_email(self) -> str:
        email = User.objects.normalize_email(self.cleaned_data["email"])
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("An account with this email address already exists.")
        return email


class SignInForm(AuthenticationForm):
    username = forms.EmailField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )


class ProfileForm(forms.ModelForm):
    # The sign-in email is not here: it changes only with the password (EmailChangeForm).
    time_zone = TimeZoneField(
        help_text="Times you enter and see, and your calendar feed, use this zone."
    )

    class Meta:
        model = User
        fields = ("display_name", "interview_date", "time_zone")
        # ISO, or the browser shows an empty field and the next save stores null.
        field_classes = {"interview_date": IsoDateField}

    def clean_time_zone(self) -> str:
        return time_zone_clean(self)


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, but the mail goes to the worker: the page answers at once,
    and as fast for an unknown address as for a known one."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        html = None
        if html_email_template_name is not None:
            html = loader.render_to_string(html_email_template_name, context)
        mail_send(
            loader.render_to_string(subject_template_name, context),
            loader.render_to_string(email_template_name, context),
            [to_email],
            html=html,
        )


def current_password_field(label: str) -> forms.CharField:
    """The current password, as every form that asks for it again takes it."""
    return forms.CharField(
        label=label,
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class DeleteAccountForm(forms.Form):
    password = current_password_field("Your password")

    def __init__(self, user, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.request = request

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not password_attempt_check(self.request, self.user, password):
            raise forms.ValidationError("That is not your password. Nothing was deleted.")
        return password


class CountedPasswordChangeForm(PasswordChangeForm):
    """Django's password change, with a wrong current password counted like a failed sign-in."""

    def __init__(self, user, *args, request, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.request = request

    def clean_old_password(self) -> str:
        old_password = self.cleaned_data["old_password"]
        if not password_attempt_check(self.request, self.user, old_password):
            raise forms.ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old_password


class EmailChangeForm(forms.Form):
    """A new sign-in email, allowed only with the current password (counted like sign-in)."""

    email = forms.EmailField(
        label="New email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = current_password_field("Your current password")

    def __init__(self, user, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.request = request

    def clean_email(self) -> str:
        email = User.objects.normalize_email(self.cleaned_data["email"])
        if email == self.user.email:
            raise forms.ValidationError("That is already your sign-in email.")
        if User.objects.filter(email__iexact=email).exclude(pk=self.user.pk).exists():
            raise forms.ValidationError("An account with this email address already exists.")
        return email

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not password_attempt_check(self.request, self.user, password):
            raise forms.ValidationError("That is not your password. Nothing was changed.")
        return password
