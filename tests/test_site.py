"""Site-wide guarantees: health check, security headers, CSP, deploy checks, sign-in walls."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import DatabaseError
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "a-production-secret-key-that-is-long-and-random-0123456789abcdefghij",
    "DJANGO_ALLOWED_HOSTS": "prep.example.org",
    "DJANGO_HTTPS": "true",
    "EMAIL_HOST": "smtp.example.org",
}


def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_healthz_503_when_database_fails(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def broken(self, sql, params=None):
        raise DatabaseError("down")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503


def test_landing_page_public_and_invites_sign_up(client):
    response = client.get("/")
    assert response.status_code == 200
    assert reverse("accounts:signup") in response.content.decode()


def test_landing_redirects_signed_in_user(auth_client):
    assert auth_client.get("/")["Location"] == reverse("dashboard:home")


@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/accounts/signup/"])
def test_csp_header_is_strict(client, url):
    response = client.get(url)
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self' 'nonce-" in csp
    assert "frame-ancestors 'none'" in csp
    assert "form-action 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    # The htmx script tag carries the same nonce as the header.
    nonce = csp.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.content.decode()


def test_no_inline_style_attributes_on_public_pages(client):
    for url in ["/", "/accounts/login/", "/accounts/signup/"]:
        assert " style=" not in client.get(url).content.decode()


def test_check_deploy_is_clean_with_production_environment(tmp_path):
    env = {**os.environ, **PRODUCTION_ENV, "PREPAPP_VAR_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    # The browser tests set this for Playwright in this process; production never has it.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr


def test_bad_boolean_in_environment_is_refused(tmp_path):
    env = {**os.environ, "DJANGO_DEBUG": "maybe", "PREPAPP_VAR_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be a boolean" in result.stderr


def test_secret_key_generated_once_and_kept(tmp_path):
    env = {**os.environ, "PREPAPP_VAR_DIR": str(tmp_path)}
    env.pop("DJANGO_SECRET_KEY", None)
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    keys = [
        subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {code}"],
            cwd=ROOT,
            env={**env, "DJANGO_SETTINGS_MODULE": "prepapp.settings"},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for _ in range(2)
    ]
    assert keys[0] == keys[1]
    assert len(keys[0]) > 50
    assert (tmp_path / "secret_key").exists()


def test_argon2_is_the_production_hasher():
    from prepapp import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_sqlite_runs_in_wal_with_immediate_transactions(db):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite-only settings")
    assert connection.transaction_mode == "IMMEDIATE"
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000


def test_landing_page_shows_what_the_app_looks_like(client):
    from django.contrib.staticfiles import finders
    from django.templatetags.static import static

    from prepapp.views import PREVIEW_IMAGE, preview_size

    html = client.get("/").content.decode()
    img = re.search(r'<figure class="preview">\s*<img ([^>]*)>', html)
    assert img, "the landing page has no preview image"
    attrs = dict(re.findall(r'([a-z-]+)="([^"]*)"', img.group(1)))
    assert attrs["src"] == static(PREVIEW_IMAGE)
    assert len(attrs["alt"]) > 40 and "dashboard" in attrs["alt"]
    # The file is there, and the page reserves its real size.
    path = finders.find(PREVIEW_IMAGE)
    assert path
    with open(path, "rb") as image:
        assert image.read(8) == b"\x89PNG\r\n\x1a\n"
    assert (int(attrs["width"]), int(attrs["height"])) == preview_size()
    assert preview_size()[0] == 1280
