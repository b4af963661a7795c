from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy
from django.views.decorators.http import require_http_methods

from prepapp.accounts import views
from prepapp.accounts.forms import QueuedPasswordResetForm, SignInForm
from prepapp.accounts.lockout import password_attempts_guarded
from prepapp.throttle import RESET_PER_EMAIL, RESET_PER_IP, post_throttled

# Django's form views treat PUT like POST; only GET and POST are ours to answer.
get_or_post = require_http_methods(["GET", "HEAD", "POST"])

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path(
        "login/",
        get_or_post(
            auth_views.LoginView.as_view(
                authentication_form=SignInForm, redirect_authenticated_user=True
            )
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("settings/", views.settings_page, name="settings"),
    path("email/", views.email_change_page, name="email_change"),
    path("delete/", views.delete_account, name="delete"),
    path(
        "password/",
        get_or_post(password_attempts_guarded(views.PasswordChangeView.as_view())),
        name="password_change",
    ),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "password-reset/",
        get_or_post(
            post_throttled("password_reset", per_ip=RESET_PER_IP, per_email=RESET_PER_EMAIL)(
                auth_views.PasswordResetView.as_view(
                    form_class=QueuedPasswordResetForm,
                    success_url=reverse_lazy("accounts:password_reset_done"),
                    email_template_name="registration/password_reset_email.txt",
                )
            )
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        views.PasswordResetSentView.as_view(),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        get_or_post(
            auth_views.PasswordResetConfirmView.as_view(
                success_url=reverse_lazy("accounts:password_reset_complete")
            )
        ),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
