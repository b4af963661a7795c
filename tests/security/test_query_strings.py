"""Hostile query strings on every page and every filter: below 500, nothing echoed live,
nothing changed. The pages come from the walker, each pointing at the user's own rows.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.mocks.factories import MockInterviewFactory
from tests.security.hostile import (
    HUGE,
    RTL,
    SCRIPT,
    SQL,
    UNICODE_DIGITS,
    failure,
    location_is_safe,
)
from tests.security.rows import snapshot
from tests.security.walker import site_urls

pytestmark = pytest.mark.django_db

HOSTILE_QUERY = f"{RTL} {SCRIPT} {SQL}"
QUERY_VALUES = ["999999", "-1", str(10**30), "\x00", HOSTILE_QUERY, HUGE, ["todo", SCRIPT]]
# Parameters parsed as numbers or dates also get the near misses.
NUMERIC_PARAMS = {"page", "min_score", "date_from", "date_to", "own"}
NUMERIC_VALUES = ["1.5", "2026-02-30", "1e3", "0", *UNICODE_DIGITS]
# The partials echo the same values: asked with the two most likely to break one.
HTMX_VALUES = [HOSTILE_QUERY, HUGE]

# The query parameters each page reads. Pages with htmx partials are asked both ways.
GET_FILTERS = {
    "library:questions": ["round", "topic", "q"],
    "library:mistakes": ["topic"],
    "practice:answers": [
        "round",
        "topic",
        "q",
        "page",
        "date_from",
        "date_to",
        "min_score",
        "has_findings",
    ],
    "practice:due": ["page"],
    "mocks:list": ["round", "status", "page"],
    "checklist:index": ["show"],
    "practice:new": ["question", "own"],
    "mocks:create": ["round"],
}
HTMX_PAGES = {"library:questions", "library:mistakes", "practice:answers", "mocks:list"}
FILTER_CASES = [(name, param) for name, params in GET_FILTERS.items() for param in params]


def _get_failures(client, name, url, query, *, htmx=False) -> list[str]:
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.get(url, query, headers=headers)
    label = f"{name} GET {str(query)[:60]!r}{' (htmx)' if htmx else ''}"
    if response.status_code >= 500:
        return [failure(label, "", "", response)]
    problems = []
    if SCRIPT in response.content.decode(errors="replace"):
        problems.append(f"{label}: echoes a live <script>")
    if response.status_code in (301, 302, 303) and not location_is_safe(response["Location"]):
        problems.append(f"{label}: redirects off-site to {response['Location']!r}")
    return problems


@pytest.mark.parametrize(
    ("name", "param"), FILTER_CASES, ids=[f"{n}-{p}" for n, p in FILTER_CASES]
)
@pytest.mark.usefixtures("fast_render")
def test_hostile_query_strings_on_filter_pages(seeded, name, param):
    client = Client(raise_request_exception=False)
    client.force_login(seeded)
    MockInterviewFactory(user=seeded)
    url = reverse(name)
    before = snapshot(seeded)
    failures: list[str] = []
    for value in QUERY_VALUES + (NUMERIC_VALUES if param in NUMERIC_PARAMS else []):
        failures += _get_failures(client, name, url, {param: value})
        if name in HTMX_PAGES and value in HTMX_VALUES:
            failures += _get_failures(client, name, url, {param: value}, htmx=True)
    assert snapshot(seeded) == before, "a GET changed the user's rows"
    assert not failures, "\n".join(failures)


@pytest.mark.usefixtures("fast_render")
def test_page_numbers_out_of_range(seeded):
    client = Client(raise_request_exception=False)
    client.force_login(seeded)
    failures: list[str] = []
    for name in ("practice:answers", "practice:due", "mocks:list"):
        for page in (
            "-1",
            "0",
            "abc",
            "999999",
            str(10**30),
            "1e3",
            "last",
            "2.0",
            *UNICODE_DIGITS,
        ):
            failures += _get_failures(client, name, reverse(name), {"page": page})
    assert not failures, "\n".join(failures)


# Every GET page, with every filter at once, for the values most likely to break a page.
COMBINED_VALUES = [
    SCRIPT,
    HUGE,
    "\x00",
    "-1",
    str(10**30),
    "https://evil.example/",
    *UNICODE_DIGITS,
]
COMBINED_PARAMS = ["round", "topic", "q", "page", "show", "status", "question", "own", "next"]


@pytest.mark.usefixtures("fast_render")
def test_hostile_query_strings_on_every_page(seeded):
    client = Client(raise_request_exception=False)
    client.force_login(seeded)
    urls = site_urls(seeded)
    before = snapshot(seeded)
    failures: list[str] = []
    for name, url in urls.items():
        if name == "accounts:logout":
            continue  # POST only, and signing out would end the sweep
        for value in COMBINED_VALUES:
            failures += _get_failures(client, name, url, dict.fromkeys(COMBINED_PARAMS, value))
    assert snapshot(seeded) == before, "a GET changed the user's rows"
    assert not failures, "\n".join(failures)
