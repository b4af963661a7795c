"""feed_rotate: the feed created once, then its secret replaced."""

from __future__ import annotations

import pytest

from prepapp.mocks.feeds import feed_rotate
from prepapp.mocks.models import CalendarFeed
from tests.mocks.factories import CalendarFeedFactory

pytestmark = pytest.mark.django_db


def test_the_first_call_creates_the_feed(user):
    feed, created = feed_rotate(user)
    assert created
    assert CalendarFeed.objects.get(user=user) == feed


def test_a_later_call_replaces_the_secret_and_the_old_one_stops_working(user, other_user):
    old = CalendarFeedFactory(user=user)
    theirs = CalendarFeedFactory(user=other_user)
    feed, created = feed_rotate(user)
    assert not created
    assert feed.pk == old.pk and feed.token != old.token and feed.created_at >= old.created_at
    assert not CalendarFeed.objects.filter(token=old.token).exists()
    assert CalendarFeed.objects.get(user=other_user).token == theirs.token
    assert CalendarFeed.objects.count() == 2
