"""Wrong current passwords outside sign-in count like failed sign-ins (prepapp.accounts.lockout)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from prepapp.accounts.models import User
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

NEW = "another sturdy phrase 7"
LIMIT = settings.AXES_FAILURE_LIMIT


def _change(client, old):
    return client.post(
        reverse("accounts:password_change"),
        {"old_password": old, "new_password1": NEW, "new_password2": NEW},
    )


def _delete(client, password):
    return client.post(reverse("accounts:delete"), {"password": password})


def _email(client, password):
    return client.post(
        reverse("accounts:email_change"), {"email": "new@example.org", "password": password}
    )


ATTEMPTS = {"password_change": _change, "delete": _delete, "email_change": _email}


def _signed_in(user, address="203.0.113.10") -> Client:
    client = Client(REMOTE_ADDR=address)
    client.force_login(user)
    return client


def _sign_in(address, user, password=PASSWORD) -> int:
    client = Client(REMOTE_ADDR=address)
    return client.post(
        reverse("accounts:login"), {"username": user.email, "password": password}
    ).status_code


@pytest.mark.parametrize("name", sorted(ATTEMPTS))
def test_wrong_passwords_lock_like_sign_in(user, name):
    attempt = ATTEMPTS[name]
    client = _signed_in(user)
    codes = [attempt(client, "wrong").status_code for _ in range(LIMIT)]
    assert codes == [200] * (LIMIT - 1) + [429]

    # Locked: the right password does nothing now, and gets the sign-in lockout page.
    response = attempt(client, PASSWORD)
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert user.email != "new@example.org"
    assert User.objects.filter(pk=user.pk).exists()
    # The same counter as sign-in: signing in from that address is locked too.
    assert _sign_in("203.0.113.10", user) == 429
    # Another address is not.
    assert _sign_in("198.51.100.20", user) == 302


@pytest.mark.parametrize("name", sorted(ATTEMPTS))
def test_failures_add_up_with_sign_in_failures(user, name):
    for _ in range(LIMIT - 1):
        assert _sign_in("203.0.113.11", user, "wrong") == 200
    assert ATTEMPTS[name](_signed_in(user, "203.0.113.11"), "wrong").status_code == 429


def test_the_right_password_resets_the_count(user):
    client = _signed_in(user)
    for _ in range(LIMIT - 1):
        _change(client, "wrong")
    assert _change(client, PASSWORD).status_code == 302
    assert not AccessAttempt.objects.exists()


def test_the_lock_ends_after_the_cool_off(user):
    client = _signed_in(user)
    for _ in range(LIMIT):
        _delete(client, "wrong")
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(minutes=1)
    )
    assert _delete(client, PASSWORD).status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()


@pytest.mark.parametrize("name", sorted(ATTEMPTS))
def test_get_is_never_locked(user, name):
    client = _signed_in(user)
    for _ in range(LIMIT):
        ATTEMPTS[name](client, "wrong")
    assert client.get(reverse(f"accounts:{name}")).status_code == 200


@pytest.mark.parametrize("name", sorted(ATTEMPTS))
def test_the_recorded_failure_holds_no_password(user, name):
    """axes keeps each failed request's form data, and the admin shows it."""
    client = _signed_in(user)
    typed = {
        "password_change": {
            "old_password": "typo-of-the-real-one",
            "new_password1": "the new secret 123",
            "new_password2": "the new secret 123",
        },
        "delete": {"password": "typo-of-the-real-one"},
        "email_change": {"email": "new@example.org", "password": "typo-of-the-real-one"},
    }[name]
    client.post(reverse(f"accounts:{name}"), typed)
    (attempt,) = AccessAttempt.objects.all()
    from axes.models import AccessFailureLog

    stored = attempt.post_data + attempt.get_data + str(list(AccessFailureLog.objects.values()))
    assert "typo-of-the-real-one" not in stored
    assert "the new secret 123" not in stored


@pytest.mark.parametrize("name", ["delete", "email_change", "password_change"])
def test_error_reports_hide_the_password(user, name):
    """Django's error mail and debug page show POST data: not the password fields."""
    from django.test import RequestFactory
    from django.urls import resolve
    from django.views.debug import SafeExceptionReporterFilter

    url = reverse(f"accounts:{name}")
    request = RequestFactory().post(
        url, {"password": "p1", "old_password": "p2", "email": "e@x.org"}
    )
    request.user = user
    request.session = {}
    request._dont_enforce_csrf_checks = True
    resolve(url).func(request)
    shown = SafeExceptionReporterFilter().get_post_parameters(request)
    for field, value in shown.items():
        assert value == SafeExceptionReporterFilter.cleansed_substitute, field
