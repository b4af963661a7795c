"""Walks every URL pattern: each needs sign-in unless it is on the short public list."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

# Reachable without signing in, by design (see SECURITY.md).
PUBLIC = {
    "landing",
    "healthz",
    "accounts:signup",
    "accounts:login",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "mocks:feed",
    "sharing:link_view",
    "robots_txt",
    "favicon",
    "security_txt",
    "change_password",
}

# Dummy values per converter class: good enough to resolve, pointing at nothing.
DUMMY = {
    "IntConverter": "999999",
    "SlugConverter": "no-such-thing",
    "StringConverter": "nothing",
    "PathConverter": "nothing",
    "UUIDConverter": "00000000-0000-0000-0000-000000000000",
}


def _walk(patterns, prefix="", namespace=None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue  # the admin has its own staff-only login
            ns = entry.namespace or namespace
            full_ns = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else ns
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), full_ns)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield name, prefix + str(entry.pattern), entry


def _concrete(route: str, pattern: URLPattern) -> str:
    path = route
    for key, converter in pattern.pattern.converters.items():
        value = DUMMY[type(converter).__name__]
        path = re.sub(rf"<(?:\w+:)?{key}>", value, path)
    assert "<" not in path, path
    return "/" + path.lstrip("^").rstrip("$")


ALL_URLS = sorted(
    {
        (name, _concrete(route, pattern))
        for name, route, pattern in _walk(get_resolver().url_patterns)
    }
)


def test_walk_found_the_apps():
    names = {name for name, _url in ALL_URLS}
    for expected in ["dashboard:home", "checklist:index", "practice:answers", "mocks:list"]:
        assert expected in names


@pytest.mark.parametrize(("name", "url"), [u for u in ALL_URLS if u[0] not in PUBLIC])
def test_private_url_needs_sign_in(client, name, url):
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 302, f"{name} {url} answered {response.status_code}"
        assert response["Location"].startswith("/accounts/login/"), name


@pytest.mark.parametrize(("name", "url"), [u for u in ALL_URLS if u[0] in PUBLIC])
def test_public_url_needs_no_sign_in(client, name, url):
    response = client.get(url)
    location = response.get("Location", "")
    assert not location.startswith("/accounts/login/"), name
    assert response.status_code < 500
