"""Per-request user state: the data version after a change, and the user's time zone."""

from __future__ import annotations

from django.db.models import F
from django.utils import timezone

from prepapp.accounts.models import User

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


class DataVersionMiddleware:
    """Bump `User.data_version` after a successful unsafe request by a signed-in user.

    The app changes state only on POST (never on GET; the calendar feed stores its own
    ETag on GET, which is not user data), so this one place sees
    every change a user makes, whichever view makes it. The cost is one UPDATE
    per POST; in return read-heavy pages can cache per (user, version).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user_id = request.user.pk if request.user.is_authenticated else None
        response = self.get_response(request)
        if user_id and request.method not in SAFE_METHODS and response.status_code < 400:
            data_version_bump(user_id)
        return response


def data_version_bump(user_id: int) -> None:
    User.objects.filter(pk=user_id).update(data_version=F("data_version") + 1)


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
