"""/robots.txt, /.well-known/security.txt, /.well-known/change-password, /favicon.ico."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from tests.security.walker import dummy_url, url_names
from tests.test_site import ROOT

pytestmark = pytest.mark.django_db


def _robots_allows(robots: str, path: str) -> bool:
    """RFC 9309 section 2.2.2: the longest matching rule wins; `*` is any run, `$` the end."""
    best = (-1, True)
    for line in robots.splitlines():
        field, _, value = line.partition(":")
        field, value = field.strip().lower(), value.strip()
        if field not in ("allow", "disallow") or not value:
            continue
        pattern = "".join(".*" if c == "*" else "$" if c == "$" else re.escape(c) for c in value)
        if re.match(pattern, path) and len(value) >= best[0]:
            allow = field == "allow"
            # On a tie the allow rule wins (2.2.2).
            if len(value) > best[0] or allow:
                best = (len(value), allow)
    return best[1]


def test_robots_allows_the_landing_page_only(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    robots = response.content.decode()
    assert "User-agent: *" in robots
    assert _robots_allows(robots, "/")
    for name in url_names():
        if name != "landing":
            path = dummy_url(name)
            assert not _robots_allows(robots, path), path
    assert not _robots_allows(robots, "/admin/")


def test_security_txt_names_the_contact_and_expiry_from_settings(client, settings):
    settings.SECURITY_CONTACT = "mailto:security@prep.example.org"
    settings.SECURITY_TXT_EXPIRES = datetime(2027, 6, 1, tzinfo=UTC)
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines())
    assert fields["Contact"] == "mailto:security@prep.example.org"
    assert fields["Expires"] == "2027-06-01T00:00:00Z"
    assert fields["Canonical"] == "http://testserver/.well-known/security.txt"
    assert fields["Preferred-Languages"] == "en"


def test_security_txt_default_expiry_is_within_a_year(client):
    body = client.get("/.well-known/security.txt").content.decode()
    expires = re.search(r"^Expires: (\S+)$", body, re.M).group(1)
    when = datetime.strptime(expires, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    # RFC 9116 2.5.5: in the future, and less than a year ahead.
    assert datetime.now(UTC) < when < datetime.now(UTC) + timedelta(days=365)


def test_security_txt_expiry_from_the_environment(tmp_path):
    code = "from django.conf import settings; print(settings.SECURITY_TXT_EXPIRES.isoformat())"
    base = {
        **os.environ,
        "PREPAPP_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "prepapp.settings",
    }
    run = [sys.executable, "-c", f"import django; django.setup(); {code}"]
    good = subprocess.run(
        run,
        cwd=ROOT,
        env={**base, "DJANGO_SECURITY_TXT_EXPIRES": "2027-03-01"},
        capture_output=True,
        text=True,
    )
    assert good.stdout.strip() == "2027-03-01T00:00:00+00:00", good.stderr
    bad = subprocess.run(
        run,
        cwd=ROOT,
        env={**base, "DJANGO_SECURITY_TXT_EXPIRES": "next spring"},
        capture_output=True,
        text=True,
    )
    assert bad.returncode != 0
    assert "DJANGO_SECURITY_TXT_EXPIRES must be an ISO 8601" in bad.stderr


def test_change_password_redirects_to_the_password_page(client, auth_client):
    response = auth_client.get("/.well-known/change-password")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_change")
    assert auth_client.get(response["Location"]).status_code == 200


def test_favicon_is_an_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/vnd.microsoft.icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # ICONDIR: reserved 0, type 1 (icon)
    assert "max-age" in response["Cache-Control"]
