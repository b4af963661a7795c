"""The session store: Django's database sessions, read with one fixed statement."""

from __future__ import annotations

from datetime import timedelta
from importlib import import_module
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db.models.options import Options
from django.urls import reverse
from django.utils import timezone

from prepapp.accounts.session_store import SessionStore
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_site_uses_it():
    assert import_module(settings.SESSION_ENGINE).SessionStore is SessionStore


def test_it_reads_what_djangos_store_wrote_in_one_query(django_assert_num_queries):
    written = db.SessionStore()
    written["answer"] = {"n": 42, "text": "ünïcode"}
    written.create()
    store = SessionStore(written.session_key)
    with django_assert_num_queries(1):
        assert store.load() == {"answer": {"n": 42, "text": "ünïcode"}}
    assert store.session_key == written.session_key


@pytest.mark.parametrize("problem", ["expired", "unknown", "tampered"])
def test_a_session_it_cannot_read_is_empty_as_with_django(problem):
    written = db.SessionStore()
    written["secret"] = 1
    written.create()
    key = written.session_key
    if problem == "expired":
        Session.objects.filter(pk=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    elif problem == "unknown":
        key = "x" * 32
    else:
        Session.objects.filter(pk=key).update(session_data="not-signed:data")
    ours, djangos = SessionStore(key), db.SessionStore(key)
    assert ours.load() == djangos.load() == {}
    assert ours.session_key == djangos.session_key


def test_signing_in_and_out_goes_through_it(client, user):
    client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    assert client.get(reverse("dashboard:home")).status_code == 200
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert SessionStore(key).load()["_auth_user_id"] == str(user.pk)
    client.post(reverse("accounts:logout"))
    assert SessionStore(key).load() == {}
    assert client.get(reverse("dashboard:home")).status_code == 302


def test_the_statement_is_built_once_per_process_not_per_request():
    written = db.SessionStore()
    written["n"] = 1
    written.create()
    SessionStore(written.session_key).load()
    with mock.patch.object(Options, "get_field", autospec=True) as get_field:
        # A new store per request, as SessionMiddleware makes: nothing is looked up again.
        assert SessionStore(written.session_key).load() == {"n": 1}
    assert get_field.call_count == 0
