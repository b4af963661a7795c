"""The files browsers, crawlers, password managers and researchers look for at fixed paths."""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

DAY = 60 * 60 * 24

# RFC 9309: the longest matching rule wins and `$` ends a path, so only "/" is allowed.
ROBOTS = "User-agent: *\nAllow: /$\nDisallow: /\n"


def _text(body: str, max_age: int = DAY) -> HttpResponse:
    response = HttpResponse(body, content_type="text/plain; charset=utf-8")
    patch_cache_control(response, public=True, max_age=max_age)
    return response


@login_not_required
@require_safe
def robots_txt(request):
    """Crawlers may index the landing page; everything else is private or a form."""
    return _text(ROBOTS)


def security_txt_body(canonical: str) -> str:
    """RFC 9116: where to report a vulnerability, and until when that is true."""
    expires = settings.SECURITY_TXT_EXPIRES.strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        f"Contact: {settings.SECURITY_CONTACT}\n"
        f"Expires: {expires}\n"
        "Preferred-Languages: en\n"
        f"Canonical: {canonical}\n"
    )


@login_not_required
@require_safe
def security_txt(request):
    return _text(security_txt_body(request.build_absolute_uri()))


@login_not_required
@require_safe
def change_password(request):
    """The W3C "well-known URL for changing passwords": password managers link here."""
    return redirect(reverse("accounts:password_change"))


@cache
def _favicon() -> bytes:
    return (settings.BASE_DIR / "static" / "img" / "favicon.ico").read_bytes()


@login_not_required
@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links; the SVG is linked too."""
    response = HttpResponse(_favicon(), content_type="image/vnd.microsoft.icon")
    patch_cache_control(response, public=True, max_age=7 * DAY)
    return response
