from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from prepapp.accounts.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_signup_creates_user_and_signs_in(client):
    response = client.post(
        reverse("accounts:signup"),
        {"email": "Ada@Example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:home")
    user = User.objects.get()
    assert user.email == "ada@example.org"
    assert user.password.startswith("md5$")  # the test hasher; production is Argon2
    assert client.get(reverse("dashboard:home")).status_code == 200


def test_signup_rejects_duplicate_email_ignoring_case(client, user):
    response = client.post(
        reverse("accounts:signup"),
        {"email": user.email.upper(), "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert User.objects.count() == 1


def test_signup_bad_input_keeps_email(client):
    response = client.post(
        reverse("accounts:signup"),
        {"email": "kept@example.org", "password1": "short", "password2": "other"},
    )
    assert response.status_code == 200
    assert 'value="kept@example.org"' in response.content.decode()
    assert not User.objects.exists()


def test_login_is_case_insensitive(client, user):
    response = client.post(
        reverse("accounts:login"), {"username": user.email.upper(), "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:home")


def test_login_wrong_password_shows_error(client, user):
    response = client.post(reverse("accounts:login"), {"username": user.email, "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct" in response.content.decode()


def test_login_enforces_csrf(user):
    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post(
        reverse("accounts:login"), {"username": user.email, "password": PASSWORD}
    )
    assert response.status_code == 403


def test_lockout_after_five_failures_answers_429(client, user):
    url = reverse("accounts:login")
    for _ in range(5):
        client.post(url, {"username": user.email, "password": "wrong"})
    response = client.post(url, {"username": user.email.upper(), "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    # Another address from the same IP is not locked.
    other = UserFactory()
    assert client.post(url, {"username": other.email, "password": PASSWORD}).status_code == 302


def test_lockout_expires_after_cool_off(client, user, settings):
    from datetime import timedelta

    from axes.models import AccessAttempt
    from django.utils import timezone

    url = reverse("accounts:login")
    for _ in range(5):
        client.post(url, {"username": user.email, "password": "wrong"})
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    response = client.post(url, {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302


def test_logout_is_post_only(auth_client):
    assert auth_client.get(reverse("accounts:logout")).status_code == 405
    response = auth_client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert auth_client.get(reverse("dashboard:home")).status_code == 302


def test_password_change(auth_client, user):
    response = auth_client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "another sturdy phrase 7",
            "new_password2": "another sturdy phrase 7",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("another sturdy phrase 7")


def test_password_reset_sends_email_with_working_link(client, user):
    response = client.post(reverse("accounts:password_reset"), {"email": user.email.upper()})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    link = next(line for line in body.splitlines() if "/accounts/reset/" in line)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    response = client.post(
        set_url, {"new_password1": "brand new phrase 99", "new_password2": "brand new phrase 99"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("brand new phrase 99")


def test_password_reset_unknown_email_sends_nothing(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


class TestSettingsPage:
    def test_update_profile(self, auth_client, user):
        response = auth_client.post(
            reverse("accounts:settings"),
            {"display_name": "Ada", "email": user.email, "interview_date": "2027-01-15"},
        )
        assert response.status_code == 302
        user.refresh_from_db()
        assert user.display_name == "Ada"
        assert str(user.interview_date) == "2027-01-15"

    def test_bad_input_keeps_text(self, auth_client, user):
        response = auth_client.post(
            reverse("accounts:settings"),
            {"display_name": "x" * 200, "interview_date": "tomorrow"},
        )
        assert response.status_code == 200
        body = response.content.decode()
        assert 'value="xxxxxxxxxx' in body  # the refused name is typed back
        assert "“tomorrow” is not a date" in body
        user.refresh_from_db()
        assert user.display_name != "x" * 200

    # The email changes on its own page, with the password: see test_email_change.py.
