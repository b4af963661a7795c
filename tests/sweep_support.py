"""Shared by the object-access walk and the bad-input sweep: URL discovery and row snapshots.

Both read the URL patterns from the resolver (through test_url_walk's `_walk`), so a new
URL is covered, or makes a test fail until it is, without anyone remembering to list it.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import get_resolver, reverse

from tests.test_url_walk import PUBLIC, _walk

# The apps whose tables hold a user's own rows (the content pack in `library` is shared).
USER_APPS = ("accounts", "checklist", "practice", "mocks", "sharing")
# Django's permission tables: the app never writes them, so snapshots skip them.
UNUSED = {"accounts.User_groups", "accounts.User_user_permissions"}
# Bumped by any successful POST (cache versioning) or by signing in, or the calendar
# feed's validators (the ETag last served and when it changed, stored by the feed's GET so
# its Last-Modified is honest): not the user's data.
# When a coach or a link holder last looked at a share: the candidate's audit, written by
# the coach's GET.
VOLATILE = {"data_version", "last_login", "etag", "changed_at", "last_seen_at"}
# Rows two users have a hand in: a share (its candidate and, once accepted, its coach) and
# a coach's comment (its author, and the candidate whose answer or mock it is on, who
# resolves it). Both users' snapshots hold them.
SHARED_ROWS = {
    "sharing.Share": lambda pk: Q(candidate=pk) | Q(coach=pk),
    "sharing.Comment": lambda pk: Q(author=pk) | Q(answer__user=pk) | Q(mock__user=pk),
}

# Values for converters that point at nothing: resolvable, never a real row.
DUMMY = {
    "IntConverter": 999999,
    "SlugConverter": "no-such-thing",
    "StringConverter": "no-such-thing",
    "PathConverter": "no/such/thing",
}

SCRIPT = "<script>alert(1)</script>"


def url_patterns() -> dict:
    """Every named URL (admin aside): name -> the URLPattern."""
    return {name: pattern for name, _route, pattern in _walk(get_resolver().url_patterns)}


def url_names() -> list[str]:
    return sorted(url_patterns())


def parametrised_names() -> list[str]:
    """Names of the URLs that take a value from the path (an id, a slug, a token)."""
    return sorted(name for name, p in url_patterns().items() if p.pattern.converters)


def dummy_kwargs(name: str) -> dict:
    pattern = url_patterns()[name]
    return {
        key: DUMMY.get(type(converter).__name__, "nothing")
        for key, converter in pattern.pattern.converters.items()
    }


def dummy_url(name: str) -> str:
    return reverse(name, kwargs=dummy_kwargs(name))


def post_accepting_names() -> list[str]:
    """The URLs that accept a POST from a signed-in user (anything but a 405)."""
    from django.test import Client

    from tests.factories import UserFactory

    client = Client()
    user = UserFactory()
    found = []
    for name in url_names():
        client.force_login(user)  # logout's POST signs out
        if client.post(dummy_url(name)).status_code != 405:
            found.append(name)
    return found


def is_public(name: str) -> bool:
    return name in PUBLIC


def _owner_path(model, depth: int = 0) -> str | None:
    """The lookup from `model` to the user who owns its rows, or None for shared rows."""
    user_model = get_user_model()
    if model is user_model:
        return "pk"
    relations = [
        f for f in model._meta.concrete_fields if f.is_relation and (f.many_to_one or f.one_to_one)
    ]
    for field in relations:
        if field.related_model is user_model:
            return field.name
    if depth == 0:
        for field in relations:
            sub = _owner_path(field.related_model, depth + 1)
            if sub and sub != "pk":
                return f"{field.name}__{sub}"
    return None


def owned_models() -> list[tuple]:
    """(model, lookup to owner) for every table holding a user's rows, m2m tables included."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label not in USER_APPS or model._meta.label in UNUSED:
            continue
        if (path := _owner_path(model)) is not None:
            found.append((model, path))
    return found


def snapshot(user) -> dict[str, list[dict]]:
    """Every row the user owns, field by field: equal snapshots mean nothing of theirs changed."""
    rows = {}
    for model, path in owned_models():
        shared = SHARED_ROWS.get(model._meta.label)
        lookup = shared(user.pk) if shared else Q(**{path: user.pk})
        values = model.objects.filter(lookup).order_by("pk").values()
        rows[model._meta.label] = [
            {k: v for k, v in row.items() if k not in VOLATILE} for row in values
        ]
    return rows


def snapshot_diff(before: dict, after: dict) -> list[str]:
    """The tables whose rows differ, for a readable assertion message."""
    return [label for label in before if before[label] != after.get(label)]


def throttle_counts_clear() -> None:
    """Forget sign-in failures and rate-limit counts, so a sweep's next value reaches the form."""
    from axes.models import AccessAttempt
    from django.core.cache import caches

    AccessAttempt.objects.all().delete()
    caches["ratelimit"].clear()


def location_is_safe(location: str, base: str = "http://testserver/some/page/") -> bool:
    """A redirect a browser would follow to this site only.

    Browsers drop tabs and newlines, strip leading control characters and spaces and
    read a backslash as a slash, so the Location is normalised the same way first.
    """
    normalised = "".join(c for c in location if c not in "\t\r\n").strip(
        "".join(map(chr, range(33)))
    )
    normalised = normalised.replace("\\", "/")
    target = urlsplit(urljoin(base, normalised))
    return target.scheme in ("http", "https") and target.netloc == "testserver"


@pytest.fixture
def fast_render():
    """Render without the test client's template capture, for sweeps of many requests.

    The capture copies the context on every template render, and a form page renders
    hundreds of widget templates: it costs about 40% of a sweep. Tests that use this
    never read `response.context`.
    """
    from django.template import Template
    from django.test import utils

    saved = getattr(getattr(utils._TestState, "saved_data", None), "template_render", None)
    if saved is None:
        yield
        return
    instrumented = Template._render
    Template._render = saved
    try:
        yield
    finally:
        Template._render = instrumented
