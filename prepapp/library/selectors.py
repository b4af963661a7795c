"""The content pack as other apps and its own pages read it: one query each, in the pack's order."""

from __future__ import annotations

from django.core.cache import cache
from django.utils import timezone

from prepapp.library.models import MistakePair, Round, Topic
from prepapp.page_cache import CACHE_SECONDS


def rounds_in_order() -> list[Round]:
    """Every round of the loop, in loop order."""
    return list(Round.objects.all())


def mistake_pairs_by_slug() -> dict[str, MistakePair]:
    """Every mistake pair (a few dozen rows), by slug: how findings and mocks name them."""
    return MistakePair.objects.in_bulk(field_name="slug")


def question_filter_rows() -> tuple[list[Round], list[Topic]]:
    """The rounds and topics the question bank's filter offers, read once a minute.

    Two small queries, but building them cost more than the page's cached rows (make
    bench). Content changes with sync_content, which clears the cache, or in the admin,
    which shows here within two minutes as on the cached rows (prepapp/page_cache.py).
    Only what the filter and its heading show is loaded.
    """
    key = f"library:question-filter-rows:{int(timezone.now().timestamp() // CACHE_SECONDS)}"
    rows = cache.get(key)
    if rows is None:
        rows = (
            list(Round.objects.only("slug", "name", "minutes_min", "minutes_max")),
            list(Topic.objects.only("slug", "name")),
        )
        cache.set(key, rows, CACHE_SECONDS * 2)
    return rows
