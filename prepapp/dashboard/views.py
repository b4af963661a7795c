from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe

from prepapp.dashboard.overview import overview_build

# The overview depends on the user's data (versioned on the user row, moved by every write
# service: prepapp/accounts/data_version.py) and on the clock (due reviews, upcoming mocks,
# the countdown): a minute's staleness at most.
CACHE_SECONDS = 60


def overview_cache_key(user, now) -> list:
    """What the cached overview varies on (home.html's {% cache %} fragment)."""
    minute = int(now.timestamp() // CACHE_SECONDS)
    # The zone too: the overview shows local dates and times, and "today" depends on it.
    return [user.pk, user.data_version, user.time_zone, minute]


@require_safe
def home(request):
    now = timezone.now()
    context = {
        # Built only when the template's cached fragment is missing: on a hit the page
        # costs the session and the user, nothing more.
        "o": SimpleLazyObject(lambda: overview_build(request.user, now=now)),
        "overview_key": overview_cache_key(request.user, now),
        "cache_seconds": CACHE_SECONDS * 2,
    }
    return render(request, "dashboard/home.html", context)
