"""prepapp/page_cache.py: what a cached list page varies on."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.test import RequestFactory

from prepapp.accounts.data_version import data_version_bump
from prepapp.page_cache import CACHE_SECONDS, page_cache_context, page_cache_key

pytestmark = pytest.mark.django_db


def _request(user, path="/practice/", csrf="a" * 32):
    request = RequestFactory().get(path)
    request.user = user
    request.META["CSRF_COOKIE"] = csrf
    return request


def test_the_key_moves_with_each_thing_the_rows_show(user, monkeypatch):
    now = datetime(2026, 12, 2, 9, 0, 5, tzinfo=UTC)
    monkeypatch.setattr("django.utils.timezone.now", lambda: now)
    first = page_cache_key(_request(user))
    assert page_cache_key(_request(user)) == first
    assert page_cache_key(_request(user, "/practice/?page=2")) != first
    data_version_bump(user)
    bumped = page_cache_key(_request(user))
    assert bumped != first
    user.time_zone = "America/New_York"
    zoned = page_cache_key(_request(user))
    assert zoned != bumped
    monkeypatch.setattr("django.utils.timezone.now", lambda: now.replace(minute=1))
    assert page_cache_key(_request(user)) != zoned


def test_rows_with_forms_vary_on_the_sessions_csrf_secret(user, other_user):
    plain = page_cache_key(_request(user, csrf="a" * 32))
    assert plain == page_cache_key(_request(user, csrf="b" * 32))
    with_forms = page_cache_key(_request(user, csrf="a" * 32), forms=True)
    assert with_forms != page_cache_key(_request(user, csrf="b" * 32), forms=True)
    # And never another user's, whatever else matches.
    assert page_cache_key(_request(other_user)) != plain


def test_a_request_without_a_csrf_cookie_gets_one_first(user):
    request = RequestFactory().get("/checklist/")
    request.user = user
    key = page_cache_key(request, forms=True)
    assert key[-1] == request.META["CSRF_COOKIE"] and len(key[-1]) == 32


def test_the_context_outlives_the_minute(user):
    context = page_cache_context(_request(user))
    assert context["page_cache_seconds"] == 2 * CACHE_SECONDS
    assert context["page_key"] == page_cache_key(_request(user))


def test_the_cache_keeps_the_pages_of_many_users():
    """Locmem's default, 300 entries, culls a third of them past that: a few dozen users
    browsing would evict each other's pages long before a minute is up."""
    from django.core.cache import cache

    for n in range(1_500):
        cache.set(f"page-{n}", "rows", 120)
    assert cache.get("page-0") == "rows" and cache.get("page-1499") == "rows"
