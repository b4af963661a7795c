"""One URL, two answers: the fragment htmx swaps in, or what a browser without it gets.

Every view that answers htmx differently goes through here: `render_partial_or_page` for
a GET page and its fragment, `partial_or_full` for a POST's fragment or its no-JavaScript
answer (a redirect, a page). So each gets both rules right:

- htmx asks for the whole page when it restores history (Back after a pushed URL
  that is not in its cache): that request carries HX-Request too, and a fragment
  there would replace the whole body.
- The response varies on HX-Request, so a browser's or a proxy's cache never hands
  the fragment to a normal visit of the same URL (Back from another page).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def partial_wanted(request) -> bool:
    """An htmx request for a fragment, not a history restore (which wants the page)."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def render_partial_or_page(
    request,
    template: str,
    partial: str,
    context: dict,
    *,
    page_context: Callable[[], dict] | None = None,
):
    """Render `template#partial` for htmx, else the page (with `page_context()` added:
    what only the whole page shows, computed only when it is shown)."""
    return partial_or_full(
        request,
        lambda: render(request, f"{template}#{partial}", context),
        lambda: render(request, template, {**context, **(page_context() if page_context else {})}),
    )


def partial_or_full(
    request, partial: Callable[[], HttpResponse], full: Callable[[], HttpResponse]
) -> HttpResponse:
    """`partial()` for an htmx request, else `full()`; only the one answered is built (so a
    message for the full answer is not queued for a fragment). Varies on HX-Request."""
    response = partial() if partial_wanted(request) else full()
    patch_vary_headers(response, ("HX-Request",))
    return response
