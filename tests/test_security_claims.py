"""SECURITY.md's claims that no other test pins. SECURITY.md lists every claim with its test."""

from __future__ import annotations

import base64
import json
import os
import stat
import subprocess
import sys
import textwrap

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from prepapp.accounts.models import User
from prepapp.mocks.models import CalendarFeed
from tests.factories import PASSWORD
from tests.security.rows import snapshot
from tests.security.test_object_access import OWNED
from tests.security.walker import dummy_url, post_accepting_names, url_names
from tests.test_site import PRODUCTION_ENV, ROOT

pytestmark = pytest.mark.django_db

NEW = "another sturdy phrase 7"


def _sign_in(client, user) -> None:
    response = client.post(
        reverse("accounts:login"), {"username": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302


# ---------------------------------------------------------------- authentication


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("short1!", "too short"),
        ("password123", "too common"),
        ("8437261905", "entirely numeric"),
        ("ada.lovelace.prep", "too similar"),
    ],
)
def test_sign_up_applies_the_password_validators(client, password, why):
    response = client.post(
        reverse("accounts:signup"),
        {"email": "ada.lovelace.prep@example.org", "password1": password, "password2": password},
    )
    assert response.status_code == 200
    assert why in response.content.decode()
    assert not User.objects.exists()


def test_a_successful_sign_in_resets_the_failure_count(client, user):
    url = reverse("accounts:login")
    for _ in range(4):
        client.post(url, {"username": user.email, "password": "wrong"})
    _sign_in(client, user)
    client.post(reverse("accounts:logout"))
    for _ in range(4):
        assert client.post(url, {"username": user.email, "password": "wrong"}).status_code == 200
    _sign_in(client, user)


def test_reset_form_answers_the_same_for_unknown_addresses(client, user):
    url = reverse("accounts:password_reset")
    known = client.post(url, {"email": user.email})
    unknown = Client().post(url, {"email": "nobody@example.org"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])


# ---------------------------------------------------------------- sessions


def test_sessions_are_server_side_and_two_weeks_long(client, user):
    response = client.post(
        reverse("accounts:login"), {"username": user.email, "password": PASSWORD}
    )
    cookie = response.cookies["sessionid"]
    assert Session.objects.filter(session_key=cookie.value).exists()
    assert int(cookie["max-age"]) == 14 * 24 * 60 * 60
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_sign_in_rotates_the_session_key_and_sign_out_flushes_it(client, user):
    session = client.session
    session["before"] = "sign-in"
    session.save()
    before = session.session_key
    client.cookies["sessionid"] = before
    _sign_in(client, user)
    after = client.cookies["sessionid"].value
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()
    client.post(reverse("accounts:logout"))
    assert not Session.objects.filter(session_key=after).exists()


def test_password_change_keeps_this_session_and_ends_the_others(user):
    here, elsewhere = Client(), Client()
    _sign_in(here, user)
    _sign_in(elsewhere, user)
    response = here.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
    )
    assert response.status_code == 302
    assert here.get(reverse("dashboard:home")).status_code == 200
    assert elsewhere.get(reverse("dashboard:home")).status_code == 302


PRODUCTION_PROBE = textwrap.dedent(
    """
    import django, json
    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.test.utils import override_settings

    override_settings(STORAGES={
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }).enable()
    plain = Client(HTTP_HOST="prep.example.org").get("/healthz")
    secure = Client(HTTP_HOST="prep.example.org", HTTP_X_FORWARDED_PROTO="https").get("/healthz")
    print(json.dumps({
        "debug": settings.DEBUG,
        "session_secure": settings.SESSION_COOKIE_SECURE,
        "session_httponly": settings.SESSION_COOKIE_HTTPONLY,
        "session_samesite": settings.SESSION_COOKIE_SAMESITE,
        "csrf_secure": settings.CSRF_COOKIE_SECURE,
        "plain_status": plain.status_code,
        "plain_location": plain.get("Location"),
        "hsts": secure.get("Strict-Transport-Security"),
    }))
    """
)


def _probe(env_extra: dict, tmp_path) -> dict:
    env = {**os.environ, **env_extra, "PREPAPP_VAR_DIR": str(tmp_path)}
    env["DJANGO_SETTINGS_MODULE"] = "prepapp.settings"
    for name in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_DEBUG", "DJANGO_HTTPS"):
        if name not in env_extra:
            env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_cookies_redirect_and_hsts(tmp_path):
    seen = _probe(PRODUCTION_ENV, tmp_path)
    assert seen["debug"] is False
    assert seen["session_secure"] and seen["session_httponly"] and seen["csrf_secure"]
    assert seen["session_samesite"] == "Lax"
    assert seen["plain_status"] == 301
    assert seen["plain_location"].startswith("https://prep.example.org/")
    assert seen["hsts"] == "max-age=31536000; includeSubDomains; preload"


def test_debug_is_off_with_no_environment(tmp_path):
    assert _probe({}, tmp_path)["debug"] is False


def test_generated_secret_key_file_is_mode_600(tmp_path):
    env = {
        **os.environ,
        "PREPAPP_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "prepapp.settings",
    }
    env.pop("DJANGO_SECRET_KEY", None)
    subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], cwd=ROOT, env=env, check=True
    )
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600


# ---------------------------------------------------------------- access and browser


def test_calendar_feed_token_holds_256_random_bits(auth_client, user):
    auth_client.post(reverse("mocks:feed_reset"))
    token = CalendarFeed.objects.get(user=user).token
    assert len(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))) == 32


# RFC 8058's one-click unsubscribe is POSTed by the mail provider, with no cookie: its
# signed token is the credential (tests/reminders/test_views.py). The only exemption.
CSRF_EXEMPT = {"reminders:one_click"}


def test_every_post_view_refuses_a_missing_csrf_token(user, pack):
    client = Client(enforce_csrf_checks=True)
    assert set(post_accepting_names()) >= CSRF_EXEMPT
    for name in sorted(set(post_accepting_names()) - CSRF_EXEMPT):
        client.force_login(user)
        url = reverse(name, kwargs=OWNED[name](user).kwargs) if name in OWNED else dummy_url(name)
        for headers in ({}, {"HX-Request": "true"}):
            response = client.post(url, {}, headers=headers)
            assert response.status_code == 403, (
                f"{name} without a CSRF token: {response.status_code}"
            )


def test_no_get_changes_anything(user, pack):
    """GET (and HEAD) every page as the owner of every object: the user's rows stay as they were."""
    client = Client()
    client.force_login(user)
    urls = []
    for name in url_names():
        urls.append(
            reverse(name, kwargs=OWNED[name](user).kwargs) if name in OWNED else dummy_url(name)
        )
    before = snapshot(user)
    for url in urls:
        for response in (client.get(url), client.get(url, headers={"HX-Request": "true"})):
            assert response.status_code < 500, url
        client.head(url)
    assert snapshot(user) == before


def test_security_headers(client):
    response = client.get(reverse("landing"))
    csp = response["Content-Security-Policy"]
    for directive in ("base-uri 'none'", "object-src 'none'"):
        assert directive in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_htmx_runs_without_eval(client):
    html = client.get(reverse("landing")).content.decode()
    config = html.split('name="htmx-config" content=\'', 1)[1].split("'", 1)[0]
    assert json.loads(config)["allowEval"] is False
