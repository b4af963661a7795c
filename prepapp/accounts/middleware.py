"""Per-request user state: the user's time zone."""

from __future__ import annotations

from django.utils import timezone


class TimeZoneMiddleware:
    """Activate the signed-in user's zone, so every page, form and date filter uses it.

    `request.user` is loaded anyway by LoginRequiredMiddleware, so this adds no query.
    Anonymous requests (sign-up, the token-only calendar feed) use the site's zone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            timezone.activate(request.user.zone)
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            # The thread serves another user next: never leave this one's zone active.
            timezone.deactivate()
