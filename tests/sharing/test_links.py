"""Read-only links: a hashed 256-bit token, an expiry, revocable, noindex, nothing else."""

from __future__ import annotations

import hashlib
import re

import pytest
from django.test import Client
from django.urls import reverse

from prepapp.demo.seeding import demo_seed
from prepapp.sharing.models import ReadOnlyLink, SharedAnswer
from prepapp.sharing.services import LINK_DAYS_DEFAULT
from tests.mocks.factories import MockInterviewFactory
from tests.practice.factories import AnswerFactory
from tests.sharing.factories import CommentFactory, link_expired, link_for, shared_answer

pytestmark = pytest.mark.django_db


def _created_token(response) -> str:
    url = re.search(r'value="http://testserver/sharing/link/([^/"]+)/"', response.content.decode())
    return url.group(1)


def test_create_shows_the_token_once_and_stores_only_its_hash(auth_client, user):
    response = auth_client.post(reverse("sharing:link_create"), {"days": "7", "label": "Mentor"})

    assert response.status_code == 200
    token = _created_token(response)
    assert len(token) == 43  # secrets.token_urlsafe(32): 256 bits
    link = ReadOnlyLink.objects.get(candidate=user)
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in {str(v) for v in ReadOnlyLink.objects.values_list().get()}
    days = (link.expires_at - link.created_at).total_seconds() / 86400
    assert round(days) == LINK_DAYS_DEFAULT
    settings_page = auth_client.get(reverse("sharing:settings")).content.decode()
    assert "Mentor" in settings_page
    assert token not in settings_page


@pytest.mark.parametrize("days", ["0", "31", "x", ""])
def test_a_bad_expiry_rerenders_and_creates_nothing(auth_client, days):
    response = auth_client.post(reverse("sharing:link_create"), {"days": days, "label": "Kept"})
    assert response.status_code == 200
    assert 'value="Kept"' in response.content.decode()
    assert not ReadOnlyLink.objects.exists()


def test_the_link_shows_progress_and_marked_answers_only(user):
    shared_answer(user, body="Shared body")
    AnswerFactory(user=user, body="Unshared body")
    marked = shared_answer(user, body="Commented body")
    CommentFactory(answer=marked, body="Coach only", body_html="<p>Coach only</p>")
    MockInterviewFactory(user=user, strengths="Mock strengths")
    link, token = link_for(user)

    response = Client().get(reverse("sharing:link_view", args=[token]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Readiness" in html and "Checklist" in html
    assert "Shared body" in html and "Commented body" in html
    for hidden in ("Unshared body", "Coach only", "Mock strengths", user.email):
        assert hidden not in html
    assert '<meta name="robots" content="noindex, nofollow, noarchive">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow, noarchive"
    assert "no-store" in response["Cache-Control"]
    link.refresh_from_db()
    assert link.last_seen_at is not None


def test_expired_revoked_or_altered_tokens_are_404(auth_client, user):
    _link, expired = link_expired(user)
    link, token = link_for(user)
    anonymous = Client()
    for bad in (expired, token[:-1], token.upper(), token + "x", "x" * 43):
        if bad != token:
            assert anonymous.get(reverse("sharing:link_view", args=[bad])).status_code == 404

    auth_client.post(reverse("sharing:link_revoke", args=[link.pk]))

    assert anonymous.get(reverse("sharing:link_view", args=[token])).status_code == 404
    assert anonymous.post(reverse("sharing:link_view", args=[token])).status_code in (404, 405)


@pytest.mark.parametrize("size", [1, 40])
def test_query_count_is_fixed(user, pack, size, django_assert_num_queries):
    demo_seed(user, answers=size, mocks=2)
    SharedAnswer.objects.bulk_create(SharedAnswer(answer=a) for a in user.answers.all())
    _link, token = link_for(user)
    # link (with its candidate), last seen, the candidate's overview (13), answers
    with django_assert_num_queries(16):
        response = Client().get(reverse("sharing:link_view", args=[token]))
    assert len(response.context["answers"]) == size


def test_wrong_method(auth_client, user):
    _link, token = link_for(user)
    assert Client().post(reverse("sharing:link_view", args=[token])).status_code == 405
    assert auth_client.get(reverse("sharing:link_create")).status_code == 405
