"""The "reset link sent" page says where the mail went when it only reaches the console."""

from __future__ import annotations

import pytest
from django.urls import reverse

from prepapp.accounts.mail import mailer_prints_to_console

pytestmark = pytest.mark.django_db

CONSOLE = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
SMTP = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend"}}


def test_the_default_settings_print_mail_to_the_console():
    """With no EMAIL_HOST, prepapp/settings.py picks the console mailer (the case this is for)."""
    from prepapp import settings as project_settings

    assert project_settings.MAILERS == CONSOLE


def test_console_mailer_detected(settings):
    settings.MAILERS = CONSOLE
    assert mailer_prints_to_console()
    settings.MAILERS = SMTP
    assert not mailer_prints_to_console()


def test_sent_page_with_console_mailer_sends_reader_to_the_administrator(
    client, user, settings, capsys
):
    settings.MAILERS = CONSOLE
    response = client.post(reverse("accounts:password_reset"), {"email": user.email}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "prints mail to its console" in page
    assert "Ask its administrator for the link" in page
    assert "Check your email" not in page
    # And the link did go to the console.
    assert "/accounts/reset/" in capsys.readouterr().out


def test_sent_page_with_a_real_mailer_says_check_your_email(client, user, settings):
    settings.MAILERS = SMTP
    response = client.get(reverse("accounts:password_reset_done"))
    page = response.content.decode()
    assert "Check your email" in page
    assert "console" not in page


def test_readme_says_where_reset_mail_goes_by_default():
    from pathlib import Path

    from django.conf import settings as django_settings

    readme = (Path(django_settings.BASE_DIR) / "README.md").read_text()
    assert "prints mail to its console" in readme
