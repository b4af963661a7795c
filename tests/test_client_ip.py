"""The client address that the lockout and the rate limits count (prepapp/client_ip.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from django.test import RequestFactory

from prepapp.client_ip import client_ip_address
from tests.test_site import PRODUCTION_ENV, ROOT

PROXY = "10.0.0.2"


def _request(xff: str | None = None, remote: str = PROXY):
    headers = {"REMOTE_ADDR": remote}
    if xff is not None:
        headers["HTTP_X_FORWARDED_FOR"] = xff
    return RequestFactory().get("/", **headers)


@pytest.mark.parametrize(
    ("count", "xff", "expected"),
    [
        # No proxy: the header is the client's to forge, so it is never read.
        (0, "203.0.113.9", PROXY),
        (0, None, PROXY),
        # One nginx hop that overwrites the header: a single entry, the client.
        (1, "203.0.113.9", "203.0.113.9"),
        # One hop that appends: whatever the client sent sits to the left and is ignored.
        (1, "198.51.100.66, 203.0.113.9", "203.0.113.9"),
        (1, "198.51.100.66,203.0.113.9", "203.0.113.9"),
        # A balancer, then nginx: the second from the right; nginx's own entry is the first.
        (2, "198.51.100.66, 203.0.113.9, 10.0.0.1", "203.0.113.9"),
        (2, "203.0.113.9, 10.0.0.1", "203.0.113.9"),
        # Shorter than the proxies configured, or not an address: REMOTE_ADDR.
        (2, "203.0.113.9", PROXY),
        (1, "", PROXY),
        (1, None, PROXY),
        (1, "unknown", PROXY),
        (1, "203.0.113.9, <script>", PROXY),
        # Ports, brackets, IPv6, IPv4 mapped into IPv6: one spelling per client.
        (1, "203.0.113.9:51234", "203.0.113.9"),
        (1, "[2001:db8::1]:443", "2001:db8::1"),
        (1, "2001:DB8:0:0::1", "2001:db8::1"),
        (1, "::ffff:203.0.113.9", "203.0.113.9"),
    ],
)
def test_client_is_the_nth_address_from_the_right(settings, count, xff, expected):
    settings.PROXY_COUNT = count
    assert client_ip_address(_request(xff)) == expected


def test_direct_connection_ipv6(settings):
    settings.PROXY_COUNT = 0
    assert client_ip_address(_request(remote="::ffff:192.0.2.1")) == "192.0.2.1"


def test_axes_and_the_rate_limits_count_this_address(settings):
    from axes.helpers import get_client_ip_address
    from django_ratelimit.core import _get_ip

    settings.PROXY_COUNT = 1
    request = _request("198.51.100.66, 203.0.113.9")
    assert get_client_ip_address(request) == "203.0.113.9"
    assert _get_ip(request) == "203.0.113.9"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-1", "DJANGO_PROXY_COUNT must be 0 or more"),
        ("one", "DJANGO_PROXY_COUNT must be an integer"),
    ],
)
def test_negative_proxy_count_stops_the_app(tmp_path, value, message):
    env = {**os.environ, "DJANGO_PROXY_COUNT": value, "PREPAPP_VAR_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert message in result.stderr


# Runs in a fresh process with the production environment and DJANGO_PROXY_COUNT=1,
# as the README's deployment has it: one nginx in front that overwrites the header.
PRODUCTION_LOCKOUT = textwrap.dedent(
    """
    import django
    django.setup()
    from django.conf import settings
    from django.test.utils import override_settings

    # Templates render without `collectstatic`, as in tests/conftest.py; nothing else changes.
    override_settings(STORAGES={
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }).enable()
    from django.core.management import call_command
    from django.test import Client
    from prepapp.accounts.models import User

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    User.objects.create_user("victim@example.org", "the right pass phrase 1")

    def sign_in(client_ip, password):
        client = Client(
            HTTP_HOST="prep.example.org",
            HTTP_X_FORWARDED_PROTO="https",
            HTTP_X_FORWARDED_FOR=client_ip,
            REMOTE_ADDR="127.0.0.1",
        )
        data = {"username": "victim@example.org", "password": password}
        return client.post("/accounts/login/", data, secure=True).status_code

    attacker = [sign_in("203.0.113.66", "wrong") for _ in range(5)]
    print("attacker", attacker)
    print("attacker-again", sign_in("203.0.113.66", "the right pass phrase 1"))
    print("victim", sign_in("198.51.100.7", "the right pass phrase 1"))
    # The attacker's own forged prefix changes nothing: nginx appends the real address.
    print("forged", sign_in("198.51.100.7, 203.0.113.66", "the right pass phrase 1"))
    """
)


def test_lockout_behind_one_proxy_counts_each_client(tmp_path):
    env = {
        **os.environ,
        **PRODUCTION_ENV,
        "DJANGO_PROXY_COUNT": "1",
        "PREPAPP_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "prepapp.settings",
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_LOCKOUT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    assert lines["attacker"] == "[200, 200, 200, 200, 429]"
    assert lines["attacker-again"] == "429"
    # The victim, from another address behind the same proxy, signs in.
    assert lines["victim"] == "302"
    assert lines["forged"] == "429"
