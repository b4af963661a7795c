"""Every POST view is throttled, or is listed here with the reason it need not be.

The list of POST views comes from the resolver (tests/security/walker.py), so a new view
that accepts POST fails `test_every_post_view_is_listed` until it joins THROTTLED (with
an attempt that counts, tested to reach a 429) or NOT_THROTTLED (with its reason).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import count

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_ratelimit.core import _split_rate

from prepapp.sharing.models import Share
from prepapp.sharing.views import COMMENT_PER_IP, INVITE_PER_EMAIL
from prepapp.throttle import RESET_PER_EMAIL, SIGNUP_PER_IP
from tests.factories import PASSWORD
from tests.mocks.factories import MockInterviewFactory
from tests.practice.factories import AnswerFactory
from tests.security.walker import post_accepting_names
from tests.sharing.factories import ShareFactory

pytestmark = pytest.mark.django_db

_n = count()


@dataclass(frozen=True)
class Throttle:
    by: str  # what counts: the sign-in lockout (axes) or a rate limit (django-ratelimit)
    attempt: Callable  # (user) -> one POST that counts against the limit
    refused_at: int  # the attempt that first answers 429


def _anonymous() -> Client:
    return Client(REMOTE_ADDR="203.0.113.50")


def _signed_in(user) -> Client:
    client = Client(REMOTE_ADDR="203.0.113.50")
    client.force_login(user)
    return client


def _post(name: str, data: Callable, signed_in: bool):
    def attempt(user):
        client = _signed_in(user) if signed_in else _anonymous()
        return client.post(reverse(name), data(user))

    return attempt


def _comment(target: str):
    """One comment per attempt by the user, coach of a candidate sharing everything."""

    def attempt(user):
        share = Share.objects.filter(coach=user).first() or ShareFactory(coach=user, scope="all")
        if target == "answer":
            answer = AnswerFactory(user=share.candidate)
            url = reverse("sharing:coach_answer", args=[share.pk, answer.pk])
        else:
            mock = MockInterviewFactory(user=share.candidate)
            url = reverse("sharing:coach_mock", args=[share.pk, mock.pk])
        return _signed_in(user).post(url, {"body": "Try a metric first."})

    return attempt


WRONG = "not the password"
LOCKOUT = settings.AXES_FAILURE_LIMIT


def _limit(rate: str) -> int:
    return _split_rate(rate)[0]


THROTTLED = {
    "accounts:login": Throttle(
        "axes",
        _post("accounts:login", lambda u: {"username": u.email, "password": WRONG}, False),
        LOCKOUT,
    ),
    "accounts:password_change": Throttle(
        "axes",
        _post(
            "accounts:password_change",
            lambda u: {
                "old_password": WRONG,
                "new_password1": "x" * 20,
                "new_password2": "x" * 20,
            },
            True,
        ),
        LOCKOUT,
    ),
    "accounts:delete": Throttle(
        "axes", _post("accounts:delete", lambda u: {"password": WRONG}, True), LOCKOUT
    ),
    "accounts:email_change": Throttle(
        "axes",
        _post(
            "accounts:email_change",
            lambda u: {"email": "new@example.org", "password": WRONG},
            True,
        ),
        LOCKOUT,
    ),
    "accounts:signup": Throttle(
        "ratelimit",
        _post(
            "accounts:signup",
            lambda u: {
                "email": f"newcomer{next(_n)}@example.org",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
            False,
        ),
        _limit(SIGNUP_PER_IP) + 1,
    ),
    "accounts:password_reset": Throttle(
        "ratelimit",
        _post("accounts:password_reset", lambda u: {"email": u.email}, False),
        _limit(RESET_PER_EMAIL) + 1,
    ),
    "sharing:settings": Throttle(
        "ratelimit",
        _post("sharing:settings", lambda u: {"email": "coach@example.org", "scope": "all"}, True),
        _limit(INVITE_PER_EMAIL) + 1,
    ),
    "sharing:coach_answer": Throttle("ratelimit", _comment("answer"), _limit(COMMENT_PER_IP) + 1),
    "sharing:coach_mock": Throttle("ratelimit", _comment("mock"), _limit(COMMENT_PER_IP) + 1),
}

OWN_ROWS = "signed in; writes only the caller's own rows, no password checked, no mail sent"
NOT_THROTTLED = {
    "accounts:logout": "ends the caller's own session",
    "accounts:settings": "signed in; the caller's own profile (the email changes elsewhere)",
    "accounts:import": "signed in; the caller's own rows, at most 10 MB, validated whole first",
    "accounts:password_reset_confirm": (
        "the link's token is the credential: an HMAC, one hour, single use; not guessable"
    ),
    "checklist:tick": OWN_ROWS,
    "checklist:note": OWN_ROWS,
    "checklist:own_add": OWN_ROWS,
    "checklist:own_edit": OWN_ROWS,
    "checklist:own_delete": OWN_ROWS,
    "checklist:own_tick": OWN_ROWS,
    "checklist:own_note": OWN_ROWS,
    "mocks:create": OWN_ROWS,
    "mocks:edit": OWN_ROWS,
    "mocks:delete": OWN_ROWS,
    "mocks:done": OWN_ROWS,
    "mocks:feed_reset": "signed in; replaces the caller's own feed token",
    "practice:new": OWN_ROWS,
    "practice:edit": OWN_ROWS,
    "practice:delete": OWN_ROWS,
    "practice:review": OWN_ROWS,
    "reminders:settings": "signed in; the caller's own reminder settings",
    "reminders:unsubscribe": "the signed token is the credential; it only turns a reminder off",
    "reminders:one_click": "the signed token is the credential; it only turns a reminder off",
    "practice:session_new": OWN_ROWS,
    "practice:session": OWN_ROWS,
    "practice:draft": "signed in; one draft per question of the caller's, overwritten in place",
    "practice:preview": "signed in; renders the text sent, writes nothing",
    "sharing:share_scope": OWN_ROWS,
    "sharing:share_revoke": OWN_ROWS,
    "sharing:link_create": "signed in; the caller's own link, no mail sent",
    "sharing:link_revoke": OWN_ROWS,
    "sharing:answer_mark": OWN_ROWS,
    "sharing:comment_resolve": "signed in; a comment on the caller's own answer or mock",
    "sharing:accept": (
        "the signed invitation is the credential (an HMAC, 14 days, single use); no mail sent"
    ),
}


def test_every_post_view_is_listed(pack):
    accepting = set(post_accepting_names())
    listed = set(THROTTLED) | set(NOT_THROTTLED)
    assert not set(THROTTLED) & set(NOT_THROTTLED)
    assert accepting - listed == set(), "POST views in neither THROTTLED nor NOT_THROTTLED"
    assert listed - accepting == set(), "listed views that no longer accept POST"


@pytest.mark.parametrize("name", sorted(THROTTLED))
def test_throttled_view_answers_429(user, name):
    throttle = THROTTLED[name]
    codes = [throttle.attempt(user).status_code for _ in range(throttle.refused_at)]
    assert 429 not in codes[:-1], f"{name} refused early: {codes}"
    assert codes[-1] == 429, f"{name} never refused: {codes}"


def test_admin_sign_in_is_locked_like_sign_in(user):
    """The admin's login is Django's auth too: axes counts and locks it."""
    user.is_staff = True
    user.save()
    url = reverse("admin:login")
    codes = [
        _anonymous().post(url, {"username": user.email, "password": WRONG}).status_code
        for _ in range(LOCKOUT)
    ]
    assert codes[-1] == 429, codes
    response = _anonymous().post(url, {"username": user.email, "password": PASSWORD})
    assert response.status_code == 429
