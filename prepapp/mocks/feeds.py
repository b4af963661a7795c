"""A user's private calendar feed: the secret in its URL, created or replaced."""

from __future__ import annotations

from django.utils import timezone

from prepapp.accounts.data_version import data_version_bump
from prepapp.mocks.models import CalendarFeed, token_new


def feed_rotate(user) -> tuple[CalendarFeed, bool]:
    """Create the user's feed, or give it a new secret so the old URL stops working.

    Returns (feed, created). get_or_create leans on the one-feed-per-user constraint, so
    two tabs pressing "create" at once still leave one feed, never a 500.
    """
    feed, created = CalendarFeed.objects.get_or_create(user=user)
    if not created:
        feed.token = token_new()
        feed.created_at = timezone.now()
        feed.save(update_fields=["token", "created_at"])
    # The mocks list caches its calendar block with its rows (prepapp/page_cache.py).
    data_version_bump(user)
    return feed, created
