"""Where to send the user after a form: back where they came from, never off-site."""

from __future__ import annotations

from django.utils.http import url_has_allowed_host_and_scheme


def next_url_safe(request, default: str) -> str:
    """The `next` the form carried (POST, then GET) if it stays on this site, else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    # Only a path on this site: a bare word would be read by redirect() as a URL name.
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default
