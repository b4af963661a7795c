"""Requests carrying a NUL character are refused before any view sees them."""

from __future__ import annotations

from django.http import HttpResponseBadRequest

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
