"""Per-request user state: the data version after a change, and the user's time zone."""

from __future__ import annotations

import re
from functools import cache

from django.apps import apps
from django.db import connection
from django.db.models import F
from django.utils import timezone

from prepapp.accounts.models import User

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}

# The apps whose tables hold what a user's pages show (the content pack is the same for all).
USER_DATA_APPS = ("accounts", "checklist", "practice", "mocks")

_WRITE = re.compile(
    r"""^\s*(?P<verb>INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+["`]?(?P<table>\w+)""",
    re.IGNORECASE,
)


@cache
def user_data_tables() -> frozenset[str]:
    return frozenset(
        model._meta.db_table
        for label in USER_DATA_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    )


class _WriteWatch:
    """A database execute wrapper that notes whether any user-data row was written.

    Sessions, the cache table (rate limits), django-axes and the task queue are not the
    user's data, so writes to them do not count; nor does an UPDATE or DELETE that matched
    no row (a second tick of a ticked item, a grade refused as already given).
    """

    def __init__(self):
        self.wrote = False

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        match = None if self.wrote else _WRITE.match(sql)
        if match and match["table"] in user_data_tables():
            # -1: the driver does not know how many rows; count it as a write.
            inserted = match["verb"][:6].upper() == "INSERT"
            self.wrote = inserted or context["cursor"].rowcount != 0
        return result


class DataVersionMiddleware:
    """Bump `User.data_version` after a signed-in user's request that wrote their data.

    Read-heavy pages (the dashboard) cache per (user, version), so the version must move
    on every change and only then. A response code cannot tell: an invalid form re-renders
    with 200 just like an htmx success. So this watches the SQL the request runs and bumps
    when a row of the user's data was inserted, updated or deleted (and the response is not
    an error). The app changes state only on unsafe methods, so GETs are not watched.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user_id = request.user.pk if request.user.is_authenticated else None
        if not user_id or request.method in SAFE_METHODS:
            return self.get_response(request)
        watch = _WriteWatch()
        with connection.execute_wrapper(watch):
            response = self.get_response(request)
        if watch.wrote and response.status_code < 400:
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
