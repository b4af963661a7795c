"""Site-wide pages that belong to no app: the landing page and the health check."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe


@login_not_required
@require_safe
def landing(request):
    if request.user.is_authenticated:
        return redirect("dashboard:home")
    return render(request, "landing.html")


@login_not_required
@never_cache
@require_http_methods(["GET", "HEAD"])
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@login_not_required
@require_safe
def favicon(request):
    # Browsers ask for /favicon.ico whatever the page links (Chromium on Back, for one).
    return redirect(static("img/favicon.svg"), permanent=True)


@login_not_required
@require_safe
def bench_hello(request):
    """The baseline of `make bench`: the cheapest response the full middleware stack can give.

    Routed only when PREPAPP_BENCH is set, so production never exposes it.
    """
    return HttpResponse("hello\n", content_type="text/plain")
