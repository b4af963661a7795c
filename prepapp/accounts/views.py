from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from prepapp.accounts.data_version import data_version_bump
from prepapp.accounts.deletion import account_delete
from prepapp.accounts.email_change import EmailChangeFailed, email_change
from prepapp.accounts.forms import (
    CountedPasswordChangeForm,
    DeleteAccountForm,
    EmailChangeForm,
    ProfileForm,
    SignUpForm,
)
from prepapp.accounts.lockout import password_attempts_guarded
from prepapp.accounts.mail import mailer_prints_to_console
from prepapp.throttle import SIGNUP_PER_EMAIL, SIGNUP_PER_IP, post_throttled


@login_not_required
@require_http_methods(["GET", "HEAD", "POST"])
@post_throttled("signup", per_ip=SIGNUP_PER_IP, per_email=SIGNUP_PER_EMAIL)
def signup(request):
    # Where sign-in would have gone (a coach's invitation, say): kept through sign-up too.
    next_url = _next_url(request)
    if request.user.is_authenticated:
        return redirect(next_url or "dashboard:home")
    form = SignUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Welcome to prepapp. Your account is ready.")
        return redirect(next_url or "dashboard:home")
    return render(request, "accounts/signup.html", {"form": form, "next": next_url})


def _next_url(request) -> str:
    """The `next` of the query or form when it is a path on this site, else nothing.

    A path only (a leading "/"): redirect() would take anything else for a view name.
    """
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    safe = candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return candidate if safe else ""


@require_http_methods(["GET", "HEAD", "POST"])
def settings_page(request):
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        # The dashboard shows the interview date and the zone's "today".
        data_version_bump(request.user)
        messages.success(request, "Your settings are saved.")
        return redirect("accounts:settings")
    return render(request, "accounts/settings.html", {"form": form})


@sensitive_post_parameters()
@require_http_methods(["GET", "HEAD", "POST"])
@password_attempts_guarded
def email_change_page(request):
    posted = request.method == "POST"
    form = EmailChangeForm(request.user, request.POST if posted else None, request=request)
    if posted and form.is_valid():
        try:
            email_change(request.user, form.cleaned_data["email"])
        except EmailChangeFailed as failed:
            form.add_error(None, str(failed))
        else:
            messages.success(request, "Your sign-in email is changed.")
            return redirect("accounts:settings")
    return render(request, "accounts/email_change.html", {"form": form})


@sensitive_post_parameters()
@require_http_methods(["GET", "HEAD", "POST"])
@password_attempts_guarded
def delete_account(request):
    form = DeleteAccountForm(
        request.user, request.POST if request.method == "POST" else None, request=request
    )
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        account_delete(user)
        messages.success(request, "Your account and all its data are deleted.")
        return redirect("landing")
    return render(request, "accounts/delete.html", {"form": form})


class PasswordResetSentView(auth_views.PasswordResetDoneView):
    """ "Check your email", or, when mail only reaches the server's console, where it went."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, mail_to_console=mailer_prints_to_console())


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's view with the counted form: see prepapp.accounts.lockout."""

    form_class = CountedPasswordChangeForm
    success_url = reverse_lazy("accounts:password_change_done")

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "request": self.request}
