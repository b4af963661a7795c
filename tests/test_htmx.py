"""prepapp/htmx.py: a view's htmx fragment and its no-JavaScript answer, each varying on
HX-Request, with only the one sent ever built."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django_htmx.middleware import HtmxDetails

from prepapp.htmx import partial_or_full
from tests.checklist.factories import pack_item

HTMX = {"HX-Request": "true"}


def _request(headers=None):
    request = RequestFactory().post("/", headers=headers or {})
    request.htmx = HtmxDetails(request)
    return request


def _never():
    raise AssertionError("built the answer that was not sent")


def test_htmx_gets_the_fragment_and_only_it_is_built():
    response = partial_or_full(_request(HTMX), lambda: HttpResponse(b"fragment"), _never)
    assert response.content == b"fragment"
    assert "HX-Request" in response["Vary"]


def test_without_htmx_the_full_answer_and_only_it_is_built():
    response = partial_or_full(_request(), _never, lambda: HttpResponse(b"page"))
    assert response.content == b"page"
    assert "HX-Request" in response["Vary"]


def test_partial_or_full_keeps_the_vary_the_answer_had():
    def full():
        response = HttpResponse()
        response["Vary"] = "Cookie"
        return response

    response = partial_or_full(_request(), _never, full)
    assert {v.strip() for v in response["Vary"].split(",")} == {"Cookie", "HX-Request"}


def _tick(client, headers):
    return client.post(
        reverse("checklist:tick", args=[pack_item().pk]), {"done": "1"}, headers=headers
    )


def _note(client, headers, text="A note"):
    return client.post(
        reverse("checklist:note", args=[pack_item().pk]), {"note": text}, headers=headers
    )


def _feed_reset(client, headers):
    return client.post(reverse("mocks:feed_reset"), headers=headers)


@pytest.mark.django_db
@pytest.mark.parametrize("post", [_tick, _note, _feed_reset])
def test_every_post_that_answers_htmx_varies_on_it_both_ways(auth_client, post):
    fragment = post(auth_client, HTMX)
    plain = post(auth_client, {})
    assert b"<html" not in fragment.content and fragment.status_code == 200
    assert plain.status_code == 302
    for response in (fragment, plain):
        assert "HX-Request" in response["Vary"]


@pytest.mark.django_db
def test_a_refused_note_varies_both_ways_too(auth_client):
    too_long = "x" * 5000
    fragment = _note(auth_client, HTMX, too_long)
    page = _note(auth_client, {}, too_long)
    assert fragment.status_code == 422 and b"<html" not in fragment.content
    assert page.status_code == 200 and b"<html" in page.content
    assert "HX-Request" in fragment["Vary"] and "HX-Request" in page["Vary"]
