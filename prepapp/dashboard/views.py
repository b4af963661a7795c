from __future__ import annotations

from django.core.cache import cache
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from prepapp.dashboard.overview import overview_build

# The overview depends on the user's data (versioned on the user row) and on the
# clock (due reviews, upcoming mocks, the countdown): a minute's staleness at most.
CACHE_SECONDS = 60


def overview_cache_key(user, now) -> str:
    minute = int(now.timestamp() // CACHE_SECONDS)
    # The zone too: the overview shows local dates and times, and "today" depends on it.
    return f"dashboard:{user.pk}:{user.data_version}:{user.time_zone}:{minute}"


@require_safe
def home(request):
    now = timezone.now()
    key = overview_cache_key(request.user, now)
    html = cache.get(key)
    if html is None:
        overview = overview_build(request.user, now=now)
        # Until there is any data, first steps rather than a page of empty widgets.
        template = "dashboard/_first_steps.html" if overview.is_new else "dashboard/_overview.html"
        html = render_to_string(template, {"o": overview, "user": request.user}, request=None)
        cache.set(key, html, CACHE_SECONDS * 2)
    return render(request, "dashboard/home.html", {"overview_html": mark_safe(html)})
