"""Site-wide request guards: NUL characters refused, signed-in responses kept out of caches."""

from __future__ import annotations

from django.http import HttpResponseBadRequest
from django.utils.cache import patch_cache_control

NUL = "\x00"

REFUSAL = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bad request · prepapp</title></head>
<body><h1>Bad request</h1>
<p>The address or the form contained a character that is not allowed (NUL). Nothing was changed.</p>
<p><a href="/">Back to prepapp</a></p></body></html>
"""


class NulCharacterMiddleware:
    """Answer 400 when the path, the query string or a form value holds a NUL.

    No text a person types contains one, forms already refuse it, and PostgreSQL
    cannot store or even compare it: left to the views, a NUL in a slug or a
    token would reach a query and fail there with a 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request):
            return HttpResponseBadRequest(REFUSAL)
        return self.get_response(request)


def _has_nul(request) -> bool:
    if NUL in request.path:
        return True
    if any(NUL in key or NUL in "".join(values) for key, values in request.GET.lists()):
        return True
    if request.method == "POST" and request.content_type in {
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    }:
        return any(NUL in key or NUL in "".join(values) for key, values in request.POST.lists())
    return False


class PrivateCacheMiddleware:
    """`Cache-Control: private, no-store` on every response to a signed-in user.

    Pages, htmx partials and downloads (export.json, answers.md) hold the user's own
    data: no shared cache may keep them, and neither may the browser's back-button
    cache once they sign out. A request that signs in or out counts as signed in.
    Static files never get here (whitenoise answers first) and stay cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        signed_in = request.user.is_authenticated
        response = self.get_response(request)
        if signed_in or request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
