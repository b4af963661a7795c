from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe

from prepapp.dashboard.overview import overview_build
from prepapp.page_cache import page_cache_context

# The overview is cached as the list pages' rows are (prepapp/page_cache.py): per user, data
# version (moved by every write service), zone, minute and path. The clock matters to it
# (due reviews, upcoming mocks, the countdown): a minute's staleness at most.


@require_safe
def home(request):
    now = timezone.now()
    context = {
        # Built only when the template's cached fragment is missing: on a hit the page
        # costs the session and the user, nothing more.
        "o": SimpleLazyObject(lambda: overview_build(request.user, now=now)),
        **page_cache_context(request),
    }
    return render(request, "dashboard/home.html", context)
