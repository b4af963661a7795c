"""Rate limits on sign-up and password reset (prepapp/throttle.py), and their counter store."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_ratelimit.core import _split_rate

from prepapp.accounts.models import User
from prepapp.throttle import (
    RESET_PER_EMAIL,
    RESET_PER_IP,
    SIGNUP_PER_EMAIL,
    SIGNUP_PER_IP,
    CounterCache,
    _expires_read,
)
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def limit(rate: str) -> int:
    return _split_rate(rate)[0]


def _from(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def _signup(client, email):
    return client.post(
        reverse("accounts:signup"), {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )


def _reset(client, email):
    return client.post(reverse("accounts:password_reset"), {"email": email})


def test_signup_per_address():
    client = _from("203.0.113.1")
    for n in range(limit(SIGNUP_PER_IP)):
        assert _signup(client, f"new{n}@example.org").status_code == 302
        client.logout()
    response = _signup(client, "one-more@example.org")
    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()
    assert int(response["Retry-After"]) > 0
    assert not User.objects.filter(email="one-more@example.org").exists()
    # Another address is not limited.
    assert _signup(_from("203.0.113.2"), "one-more@example.org").status_code == 302


def test_signup_per_email_across_addresses(user):
    """Probing whether one address has an account, from many addresses, is limited too."""
    for n in range(limit(SIGNUP_PER_EMAIL)):
        response = _signup(_from(f"198.51.100.{n}"), user.email.upper())
        # By design sign-up says when an email is taken (SECURITY.md).
        assert response.status_code == 200
        assert "already exists" in response.content.decode()
    assert _signup(_from("198.51.100.200"), user.email).status_code == 429


def test_signup_get_is_not_counted():
    client = _from("203.0.113.3")
    for _ in range(limit(SIGNUP_PER_IP) + 2):
        assert client.get(reverse("accounts:signup")).status_code == 200
    assert _signup(client, "fresh@example.org").status_code == 302


def test_password_reset_mails_per_address(user):
    client = _from("203.0.113.4")
    targets = [UserFactory() for _ in range(limit(RESET_PER_IP))]
    for target in targets:
        assert _reset(client, target.email).status_code == 302
    assert len(mail.outbox) == limit(RESET_PER_IP)
    assert _reset(client, user.email).status_code == 429
    assert len(mail.outbox) == limit(RESET_PER_IP)


def test_password_reset_mails_per_email(user):
    for n in range(limit(RESET_PER_EMAIL)):
        assert _reset(_from(f"198.51.100.{n}"), user.email).status_code == 302
    # Spelling it differently is the same address.
    assert _reset(_from("198.51.100.99"), f"  {user.email.upper()} ").status_code == 429
    assert len(mail.outbox) == limit(RESET_PER_EMAIL)
    # Another account's mail still goes out.
    assert _reset(_from("198.51.100.100"), UserFactory().email).status_code == 302


def test_password_reset_limit_does_not_reveal_accounts(user):
    """An unknown address is counted and refused exactly like a registered one."""
    codes = {}
    for email in (user.email, "nobody@example.org"):
        codes[email] = [
            _reset(_from(f"192.0.2.{n}"), email).status_code
            for n in range(limit(RESET_PER_EMAIL) + 1)
        ]
    assert codes[user.email] == codes["nobody@example.org"]
    assert codes[user.email][-1] == 429


def test_flooding_one_address_adds_no_email_counters():
    client = _from("203.0.113.5")
    for n in range(limit(RESET_PER_IP) + 20):
        _reset(client, f"spray{n}@example.org")
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM prepapp_ratelimit")
        rows = cursor.fetchone()[0]
    # One counter for the address, one per email sent while under its limit.
    assert rows == 1 + limit(RESET_PER_IP)


def test_counts_live_in_the_shared_database_table():
    """Every worker and host reads the same counts: they are rows in the database."""
    assert isinstance(caches["ratelimit"], CounterCache)
    _signup(_from("203.0.113.6"), "counted@example.org")
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM prepapp_ratelimit")
        assert cursor.fetchone()[0] == 2  # the address and the email


# ---------------------------------------------------------------- the counter store


def test_incr_keeps_the_expiry():
    cache = caches["ratelimit"]
    cache.add("window", 1, 3600)
    for _ in range(3):
        cache.incr("window")
    with connection.cursor() as cursor:
        cursor.execute("SELECT expires FROM prepapp_ratelimit")
        expires = _expires_read(connection, cursor.fetchone()[0])
    assert cache.get("window") == 4
    # Django's own DatabaseCache.incr resets it to the default timeout, 300 s.
    assert expires > timezone.now() + timedelta(seconds=3000)


def test_incr_of_a_missing_or_expired_key_raises():
    cache = caches["ratelimit"]
    with pytest.raises(ValueError):
        cache.incr("never-added")
    cache.add("gone", 1, -1)
    with pytest.raises(ValueError):
        cache.incr("gone")


def test_many_keys_do_not_push_a_live_counter_out():
    """Django's default MAX_ENTRIES (300) would cull a third of the rows, live ones too."""
    cache = caches["ratelimit"]
    cache.add("aaa-victim", 3, 3600)
    for n in range(400):
        cache.add(f"zzz-{n}", 1, 3600)
    assert cache.get("aaa-victim") == 3


INCREMENTER = """
import django, sys
django.setup()
from django.core.cache import caches
for _ in range(int(sys.argv[1])):
    caches["ratelimit"].incr("busy")
"""


def test_concurrent_hits_are_all_counted(tmp_path):
    """Four worker processes increment one counter at once; not one hit is lost.

    Processes on the file database, as gunicorn's workers are: the test database's shared
    in-memory SQLite answers concurrent writers with "table is locked" at once, which
    production's file database (WAL, busy timeout) never does.
    """
    import os
    import subprocess
    import sys

    from tests.test_site import ROOT

    env = {**os.environ, "PREPAPP_VAR_DIR": str(tmp_path)}
    env["DJANGO_SETTINGS_MODULE"] = "prepapp.settings"
    env.pop("DATABASE_URL", None)
    run = {"cwd": ROOT, "env": env, "capture_output": True, "text": True, "timeout": 180}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], check=True, **run)
    subprocess.run([sys.executable, "manage.py", "createcachetable"], check=True, **run)
    seed = "import django; django.setup(); from django.core.cache import caches; "
    seed += 'caches["ratelimit"].add("busy", 0, 3600)'
    subprocess.run([sys.executable, "-c", seed], check=True, **run)
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", INCREMENTER, "25"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    failures = [err for w in workers if (err := w.communicate(timeout=180)[1]) and w.returncode]
    assert not failures
    count = "import django; django.setup(); from django.core.cache import caches; "
    count += 'print(caches["ratelimit"].get("busy"))'
    assert subprocess.run([sys.executable, "-c", count], check=True, **run).stdout.strip() == "100"


# Two processes over one database, as two hosts (or two gunicorn workers) would be.
HOST = """
import django, json, sys
django.setup()
from django.conf import settings
from django.test import Client
from django.test.utils import override_settings

override_settings(STORAGES={
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}).enable()
start, count = int(sys.argv[1]), int(sys.argv[2])
codes = []
for n in range(start, start + count):
    client = Client(REMOTE_ADDR="203.0.113.77", HTTP_HOST="127.0.0.1")
    data = {"email": f"host{n}@example.org", "password1": "pass phrase 42 x", "password2": "pass phrase 42 x"}
    codes.append(client.post("/accounts/signup/", data).status_code)
print(json.dumps(codes))
"""


def test_the_limit_holds_across_processes(tmp_path):
    import json
    import os
    import subprocess
    import sys

    from tests.test_site import ROOT

    env = {
        **os.environ,
        "PREPAPP_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "prepapp.settings",
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)

    def run(*args) -> str:
        return subprocess.run(
            [sys.executable, *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=180,
        ).stdout

    run("manage.py", "migrate", "--noinput", "-v0")
    run("manage.py", "createcachetable")
    first = limit(SIGNUP_PER_IP) // 2
    second = limit(SIGNUP_PER_IP) - first + 1
    a = json.loads(run("-c", HOST, "0", str(first)).splitlines()[-1])
    b = json.loads(run("-c", HOST, "100", str(second)).splitlines()[-1])
    # Each process alone stays under the limit; together they go over it.
    assert a == [302] * first
    assert b == [302] * (second - 1) + [429]


def test_switched_off_limits_let_everything_through(settings):
    settings.RATELIMIT_ENABLE = False
    client = _from("203.0.113.8")
    for n in range(limit(SIGNUP_PER_IP) + 1):
        assert _signup(client, f"free{n}@example.org").status_code == 302
        client.logout()
