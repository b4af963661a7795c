"""`next` and the other values that steer a redirect never send the browser off the site."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.checklist.factories import OwnItemFactory, pack_item
from tests.factories import PASSWORD
from tests.practice.factories import ReviewCardFactory
from tests.security.forms import answer_for
from tests.security.hostile import HUGE, failure, location_is_safe

pytestmark = pytest.mark.django_db

EVIL_NEXT = [
    "https://evil.example/",
    "http://evil.example/",
    "//evil.example/",
    "///evil.example/",
    "/\\evil.example/",
    "\\\\evil.example/",
    "\\/evil.example/",
    "http:evil.example",
    "https:/evil.example",
    " //evil.example/",
    "\t//evil.example/",
    "/\t/evil.example/",
    "javascript:alert(1)",
    "http://testserver@evil.example/",
    "https://testserver.evil.example/",
    "data:text/html,<script>alert(1)</script>",
    "a\x00//evil.example",
    # Not URLs at all: redirect() would try them as view names.
    "dashboard",
    "a\x00b",
    "practice:due",
    "",
]


def _next_targets(user) -> dict[str, tuple[str, dict]]:
    """POST URLs that honour a `next` field, with the rest of a valid payload."""
    item = OwnItemFactory(user=user)
    answer = answer_for(user)
    card = ReviewCardFactory(user=user, question=answer.question)
    return {
        "checklist:tick": (reverse("checklist:tick", args=[pack_item().pk]), {"done": "1"}),
        "checklist:note": (reverse("checklist:note", args=[pack_item().pk]), {"note": "n"}),
        "checklist:own_tick": (reverse("checklist:own_tick", args=[item.pk]), {"done": "1"}),
        "checklist:own_note": (reverse("checklist:own_note", args=[item.pk]), {"note": "n"}),
        "practice:review": (reverse("practice:review", args=[card.pk]), {"rating": "3"}),
        "practice:review (bad rating)": (
            reverse("practice:review", args=[card.pk]),
            {"rating": "9"},
        ),
        "mocks:feed_reset": (reverse("mocks:feed_reset"), {}),
    }


@pytest.mark.usefixtures("fast_render")
def test_no_open_redirect_through_next_on_posts(seeded):
    client = Client(raise_request_exception=False)
    client.force_login(seeded)
    failures: list[str] = []
    for name, (url, data) in _next_targets(seeded).items():
        for evil in EVIL_NEXT:
            for response in (
                client.post(url, {**data, "next": evil}),
                client.post(f"{url}?next={evil}", data),
            ):
                if response.status_code >= 500:
                    failures.append(failure(name, "next", evil, response))
                elif response.status_code in (301, 302, 303) and not location_is_safe(
                    response["Location"]
                ):
                    failures.append(f"{name} next={evil!r} -> {response['Location']!r}")
    assert not failures, "\n".join(failures)


@pytest.mark.usefixtures("fast_render")
def test_no_open_redirect_through_next_on_sign_in_and_out(user):
    failures: list[str] = []
    for evil in EVIL_NEXT:
        anonymous = Client(raise_request_exception=False)
        responses = {
            "login POST": anonymous.post(
                f"/accounts/login/?next={evil}",
                {"username": user.email, "password": PASSWORD, "next": evil},
            ),
        }
        signed_in = Client(raise_request_exception=False)
        signed_in.force_login(user)
        responses["login GET signed in"] = signed_in.get("/accounts/login/", {"next": evil})
        responses["logout"] = signed_in.post("/accounts/logout/", {"next": evil})
        for label, response in responses.items():
            if response.status_code >= 500:
                failures.append(failure(label, "next", evil, response))
            elif response.status_code in (301, 302, 303) and not location_is_safe(
                response["Location"]
            ):
                failures.append(f"{label} next={evil!r} -> {response['Location']!r}")
    assert not failures, "\n".join(failures)


def test_checklist_show_cannot_steer_the_redirect(seeded):
    client = Client(raise_request_exception=False)
    client.force_login(seeded)
    url = reverse("checklist:tick", args=[pack_item().pk])
    for show in ["//evil.example", "todo#x", "done\r\nLocation: https://evil.example", HUGE]:
        response = client.post(url, {"done": "1", "show": show})
        assert response.status_code == 302
        assert location_is_safe(response["Location"])
        assert response["Location"].startswith(reverse("checklist:index"))
