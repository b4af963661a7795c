"""Walks every URL of the site (tests/security/walker.py): HEAD answers like GET."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.security.walker import html_pages, is_public, site_urls

pytestmark = pytest.mark.django_db


def test_head_answers_like_get_everywhere(user, pack):
    """Uptime monitors and link checkers send HEAD: same status as GET, no body."""
    urls = site_urls(user)
    signed_in = Client()
    signed_in.force_login(user)
    failures = []
    for name, url in sorted(urls.items()):
        for client, who in ((signed_in, "signed in"), (Client(), "signed out")):
            get = client.get(url)
            head = client.head(url)
            if head.status_code != get.status_code or head.content:
                failures.append(
                    f"{name} {url} ({who}): GET {get.status_code}, HEAD {head.status_code}"
                    f"{' with a body' if head.content else ''}"
                )
    assert not failures, "\n".join(failures)
    # The walk did reach the pages, not only redirects to sign in.
    assert sum(1 for name in urls if not is_public(name)) > 20


def _is_page(response) -> bool:
    return b"<html" in response.content


def test_every_partial_view_gives_history_restores_the_page(user, pack):
    """Each GET page that answers htmx with a fragment (found by asking every page) gives a
    history restore the whole page, and varies on HX-Request whichever it sends."""
    client = Client()
    client.force_login(user)
    htmx = {"HX-Request": "true"}
    restore = {**htmx, "HX-History-Restore-Request": "true"}
    partial_views = []
    failures = []
    for name, url, signed_in in html_pages(user):
        if not signed_in:
            continue
        fragment = client.get(url, headers=htmx)
        if _is_page(fragment):
            continue
        partial_views.append(name)
        page = client.get(url, headers=restore)
        plain = client.get(url)
        if not _is_page(page):
            failures.append(f"{name}: a history restore got the fragment")
        for label, response in (("fragment", fragment), ("restore", page), ("page", plain)):
            if "HX-Request" not in response.get("Vary", ""):
                failures.append(f"{name}: no Vary: HX-Request on the {label}")
    assert not failures, "\n".join(failures)
    # The filtered lists; a new partial view is found, and checked, without listing it.
    assert {"library:questions", "library:mistakes", "practice:answers", "mocks:list"} <= set(
        partial_views
    )


# HTML's date, or global date and time: at most three digits of a second's fraction.
HTML_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2}))?"
)


def test_time_elements_carry_valid_datetimes(user, pack):
    """<time datetime> values parse as HTML dates (Python's isoformat writes microseconds)."""
    client = Client()
    client.force_login(user)
    seen, bad = 0, []
    for name, url, signed_in in html_pages(user):
        html = (client if signed_in else Client()).get(url).content.decode()
        for value in re.findall(r"<time[^>]*\bdatetime=\"([^\"]*)\"", html):
            seen += 1
            if not HTML_DATETIME.fullmatch(value):
                bad.append(f"{name}: {value}")
    assert not bad, "\n".join(bad)
    assert seen > 10
