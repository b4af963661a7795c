"""Every response to a signed-in user carries `Cache-Control: private, no-store`.

Walks every URL pattern from the resolver (admin aside): GET and POST as the owner of
the object the URL names (test_object_access.py's OWNED), or with dummy values
for the rest. Whatever the status (200, 302, 404, 405, 429), the header is there.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.cache import get_max_age

from tests.security.test_object_access import OWNED
from tests.security.walker import dummy_url, url_names

pytestmark = pytest.mark.django_db


def assert_private(response, what: str) -> None:
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    assert {"private", "no-store"} <= directives, (
        f"{what} answered {response.status_code} with Cache-Control {directives}"
    )
    assert "public" not in directives, what


def _url_for(name: str, owner) -> tuple[str, dict]:
    if name in OWNED:
        planted = OWNED[name](owner)
        return reverse(name, kwargs=planted.kwargs), planted.data
    return dummy_url(name), {}


@pytest.mark.parametrize("name", url_names())
def test_every_signed_in_response_is_private(user, pack, name):
    client = Client()
    client.force_login(user)
    url, data = _url_for(name, user)
    for method, response in (
        ("GET", client.get(url)),
        ("GET htmx", client.get(url, headers={"HX-Request": "true"})),
        ("POST", client.post(url, data)),
    ):
        assert_private(response, f"{method} {name} {url}")
        client.force_login(user)  # the POST may have signed out or deleted nothing yet


@pytest.mark.parametrize("name", ["accounts:export_json", "accounts:export_markdown"])
def test_downloads_are_private(auth_client, name):
    response = auth_client.get(reverse(name))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert_private(response, name)


def test_sign_in_and_sign_out_responses_are_private(client, user):
    from tests.factories import PASSWORD

    response = client.post(
        reverse("accounts:login"), {"username": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert_private(response, "the sign-in redirect")
    assert_private(client.get(reverse("dashboard:home")), "the dashboard")
    assert_private(client.post(reverse("accounts:logout")), "the sign-out redirect")


def test_lockout_page_for_a_signed_in_user_is_private(auth_client):
    for _ in range(5):
        response = auth_client.post(reverse("accounts:delete"), {"password": "wrong"})
    assert response.status_code == 429
    assert_private(response, "the lockout page")


def test_not_found_for_a_signed_in_user_is_private(auth_client):
    response = auth_client.get("/no/such/page/")
    assert response.status_code == 404
    assert_private(response, "404")


def test_anonymous_pages_are_not_marked_private(client):
    """The header is about a user's data: the public pages may be cached as usual."""
    for url in (reverse("landing"), reverse("accounts:signup")):
        response = client.get(url)
        assert response.status_code == 200
        assert "private" not in response.get("Cache-Control", ""), url
        assert get_max_age(response) is None
