"""What django-axes counts failures against."""

from __future__ import annotations


def lockout_username(request, credentials) -> str | None:
    # Emails are case-insensitive here, so "A@x.org" and "a@x.org" share one counter.
    value = (credentials or {}).get("username") or request.POST.get("username")
    return value.strip().lower() if value else None
