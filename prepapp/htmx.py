"""One URL, two answers: the whole page, or the fragment an htmx filter swaps in.

Every view that answers GET with a partial goes through `render_partial_or_page`, so
each gets both rules right:

- htmx asks for the whole page when it restores history (Back after a pushed URL
  that is not in its cache): that request carries HX-Request too, and a fragment
  there would replace the whole body.
- The response varies on HX-Request, so a browser's or a proxy's cache never hands
  the fragment to a normal visit of the same URL (Back from another page).
"""

from __future__ import annotations

from collections.abc import Callable

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
    if partial_wanted(request):
        response = render(request, f"{template}#{partial}", context)
    else:
        extra = page_context() if page_context else {}
        response = render(request, template, {**context, **extra})
    patch_vary_headers(response, ("HX-Request",))
    return response
