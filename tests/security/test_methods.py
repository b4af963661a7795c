"""Every URL answers only the methods it is for: a 405 for the rest, nothing changed.

ALLOWED is the one place a URL's methods are declared; a new URL fails
`test_every_url_declares_its_methods` until it is listed. HEAD answers like GET
(test_every_page.py).
"""

from __future__ import annotations

import pytest
from django.test import Client

from tests.security.rows import snapshot_all, snapshot_diff
from tests.security.walker import dummy_url, is_public, site_urls, url_names

pytestmark = pytest.mark.django_db

GET, POST, BOTH = {"GET"}, {"POST"}, {"GET", "POST"}

ALLOWED = {
    "accounts:delete": BOTH,
    "accounts:email_change": BOTH,
    "accounts:export_json": GET,
    "accounts:export_markdown": GET,
    "accounts:import": BOTH,
    "accounts:login": BOTH,
    "accounts:logout": POST,
    "accounts:password_change": BOTH,
    "accounts:password_change_done": GET,
    "accounts:password_reset": BOTH,
    "accounts:password_reset_complete": GET,
    "accounts:password_reset_confirm": BOTH,
    "accounts:password_reset_done": GET,
    "accounts:settings": BOTH,
    "accounts:signup": BOTH,
    "change_password": GET,
    "checklist:index": GET,
    "checklist:note": BOTH,
    "checklist:own_add": BOTH,
    "checklist:own_delete": BOTH,
    "checklist:own_edit": BOTH,
    "checklist:own_note": BOTH,
    "checklist:own_tick": POST,
    "checklist:tick": POST,
    "dashboard:home": GET,
    "favicon": GET,
    "healthz": GET,
    "landing": GET,
    "library:faq": GET,
    "library:mistakes": GET,
    "library:process": GET,
    "library:question": GET,
    "library:questions": GET,
    "mocks:create": BOTH,
    "mocks:delete": BOTH,
    "mocks:detail": GET,
    "mocks:done": POST,
    "mocks:edit": BOTH,
    "mocks:feed": GET,
    "mocks:feed_reset": POST,
    "mocks:ics": GET,
    "mocks:list": GET,
    "practice:answer": GET,
    "practice:answers": GET,
    "practice:delete": BOTH,
    "practice:due": GET,
    "practice:edit": BOTH,
    "practice:history": GET,
    "practice:new": BOTH,
    "practice:own_history": GET,
    "practice:review": POST,
    "practice:draft": POST,
    "practice:preview": POST,
    "practice:session": BOTH,
    "practice:session_new": BOTH,
    "practice:session_summary": GET,
    "reminders:one_click": POST,
    "reminders:settings": BOTH,
    "reminders:unsubscribe": BOTH,
    "robots_txt": GET,
    "sharing:accept": BOTH,
    "sharing:answer_mark": POST,
    "sharing:coach_answer": BOTH,
    "sharing:coach_mock": BOTH,
    "sharing:coach_view": GET,
    "sharing:coaching": GET,
    "sharing:comment_resolve": POST,
    "sharing:link_create": POST,
    "sharing:link_revoke": POST,
    "sharing:link_view": GET,
    "sharing:settings": BOTH,
    "sharing:share_revoke": POST,
    "sharing:share_scope": POST,
    "security_txt": GET,
}
NEVER = ["put", "patch", "delete"]


def test_every_url_declares_its_methods():
    names = set(url_names())
    assert names - set(ALLOWED) == set(), "URLs with no entry in ALLOWED"
    assert set(ALLOWED) - names == set(), "ALLOWED names that are no URL"


def test_methods_not_allowed_are_405_and_change_nothing(user, pack):
    """GET on a POST-only URL and POST on a GET-only one, signed in, at the user's own rows
    (or signed out, for public URLs): a 405 naming what is allowed, nothing written."""
    urls = site_urls(user)
    signed_in = Client(raise_request_exception=False)
    before = snapshot_all()
    failures = []
    for name, url in sorted(urls.items()):
        client = Client(raise_request_exception=False) if is_public(name) else signed_in
        signed_in.force_login(user)
        for method in {"GET", "POST"} - ALLOWED[name]:
            response = getattr(client, method.lower())(url)
            allow = {m.strip() for m in response.get("Allow", "").split(",")} - {"HEAD", ""}
            if response.status_code != 405 or allow - {"OPTIONS"} != ALLOWED[name]:
                failures.append(f"{name} {method}: {response.status_code}, Allow {allow}")
    after = snapshot_all()
    assert after == before, f"refused methods changed {snapshot_diff(before, after)}"
    assert not failures, "\n".join(failures)


def test_methods_allowed_are_not_405(user, pack):
    """The other half: what ALLOWED lists is served (at a dummy id: nothing is deleted)."""
    signed_in = Client(raise_request_exception=False)
    failures = []
    for name in url_names():
        client = Client(raise_request_exception=False) if is_public(name) else signed_in
        for method in ALLOWED[name]:
            signed_in.force_login(user)  # logout's POST signs out
            response = getattr(client, method.lower())(dummy_url(name))
            if response.status_code == 405:
                failures.append(f"{name} {method}: 405")
    assert not failures, "\n".join(failures)


def test_wrong_methods(user, pack):
    """PUT, PATCH and DELETE on every URL, at the user's own rows: 405 signed in; anonymous,
    302 to sign in (405 when the URL is public); nothing changed."""
    urls = site_urls(user)
    signed_in = Client(raise_request_exception=False)
    signed_in.force_login(user)
    anonymous = Client(raise_request_exception=False)
    before = snapshot_all()
    failures = []
    for name, url in sorted(urls.items()):
        answers = {m: getattr(signed_in, m)(url).status_code for m in NEVER}
        if answers != dict.fromkeys(NEVER, 405):
            failures.append(f"{name} signed in: {answers}")
        expected = 405 if is_public(name) else 302
        answers = {m: getattr(anonymous, m)(url).status_code for m in NEVER}
        if answers != dict.fromkeys(NEVER, expected):
            failures.append(f"{name} anonymous: {answers} (expected {expected})")
    after = snapshot_all()
    assert after == before, f"wrong methods changed {snapshot_diff(before, after)}"
    assert not failures, "\n".join(failures)
