from __future__ import annotations

import pytest
from django.urls import reverse

from prepapp.mocks.models import CalendarFeed
from tests.mocks.factories import CalendarFeedFactory

pytestmark = pytest.mark.django_db

URL = reverse("mocks:feed_reset")


def test_first_post_creates_the_feed(auth_client, user):
    response = auth_client.post(URL)
    assert response.status_code == 302
    assert response["Location"] == reverse("mocks:list") + "#calendar"
    feed = CalendarFeed.objects.get(user=user)
    assert len(feed.token) >= 40


def test_reset_replaces_only_own_token(auth_client, user, other_user):
    mine = CalendarFeedFactory(user=user)
    theirs = CalendarFeedFactory(user=other_user)
    old = mine.token
    auth_client.post(URL)
    mine.refresh_from_db()
    theirs_token = theirs.token
    theirs.refresh_from_db()
    assert mine.token != old
    assert theirs.token == theirs_token
    assert CalendarFeed.objects.count() == 2


def test_safe_next_is_followed_and_unsafe_ignored(auth_client):
    assert (
        auth_client.post(URL, {"next": "/mocks/?status=done"})["Location"] == "/mocks/?status=done"
    )
    response = auth_client.post(URL, {"next": "https://evil.example/"})
    assert response["Location"] == reverse("mocks:list") + "#calendar"


def test_htmx_returns_the_feed_partial(auth_client, user):
    response = auth_client.post(URL, headers={"HX-Request": "true"})
    assert response.status_code == 200
    body = response.content.decode()
    feed = CalendarFeed.objects.get(user=user)
    assert body.lstrip().startswith('<div id="calendar-feed"')
    assert f"/mocks/calendar/{feed.token}.ics" in body
    assert "<html" not in body
