"""The rendered rows of the signed-in pages (the dashboard's overview, the list pages' rows), cached.

Django's template engine costs most of a list page (the SQL is a fraction of a
millisecond; `make bench` and issue 15's note have the numbers). A page wraps its rows in

    {% cache page_cache_seconds "answers-rows" page_key %}...{% endcache %}

with `page_key` from `page_cache_key(request)`, and passes its querysets unevaluated, so a
hit costs neither the rendering nor the queries. What the key varies on is everything the
rows may show:

- the user and their `data_version`, which every write service moves
  (prepapp/accounts/data_version.py, checked form by form by tests/accounts/test_data_version.py):
  a change shows on the next visit, not a minute later;
- their time zone (local dates and times, "today");
- the minute: what depends on the clock ("due now", "in 3 days") is a minute stale at most;
- the full path, so each filter, sort and page is its own entry;
- with `forms=True`, the session's CSRF secret: rows with a form carry a token, and a token
  from another of the user's browsers would be refused.

What may not go inside such a block: anything a write by *another* user changes (a coach's
comment, a share), messages, and a bound form. The library's content changes only with
`sync_content`, which clears the cache (prepapp/library/content.py); the server is restarted
after it in any case, which empties each worker's memory cache.
"""

from __future__ import annotations

from django.middleware.csrf import get_token
from django.utils import timezone

CACHE_SECONDS = 60


def page_cache_key(request, *, forms: bool = False) -> list:
    """What a list page's cached rows vary on; `forms=True` when they hold a form."""
    user = request.user
    minute = int(timezone.now().timestamp() // CACHE_SECONDS)
    key = [user.pk, user.data_version, user.time_zone, minute, request.get_full_path()]
    if forms:
        get_token(request)  # makes sure the secret is set, as {% csrf_token %} would
        key.append(request.META["CSRF_COOKIE"])
    return key


def page_cache_context(request, *, forms: bool = False) -> dict:
    """The two names the templates' {% cache %} tags use."""
    return {
        "page_key": page_cache_key(request, forms=forms),
        # Twice the minute, so an entry outlives the minute that names it.
        "page_cache_seconds": CACHE_SECONDS * 2,
    }
