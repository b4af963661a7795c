"""Every URL needs sign-in unless it is on the short public list (walker.PUBLIC).

Signed out, every private URL answers GET, POST and an htmx POST with a redirect to sign
in, whatever the method and whoever's row the URL names, and nothing is written.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.views import redirect_to_login
from django.test import Client
from django.urls import reverse

from tests.security.forms import FORMS
from tests.security.rows import snapshot_all, snapshot_diff
from tests.security.walker import PUBLIC, dummy_url, site_urls, url_names

pytestmark = pytest.mark.django_db

ALL_URLS = [(name, dummy_url(name)) for name in url_names()]
LOGIN = reverse("accounts:login")


def test_walk_found_the_apps():
    names = {name for name, _url in ALL_URLS}
    for expected in ["dashboard:home", "checklist:index", "practice:answers", "mocks:list"]:
        assert expected in names
    assert names >= PUBLIC, f"public names that are no URL: {PUBLIC - names}"


@pytest.mark.parametrize(("name", "url"), [u for u in ALL_URLS if u[0] not in PUBLIC])
def test_private_url_needs_sign_in(client, name, url):
    """To sign in, and back to the page asked for (query string included) after it."""
    for method in (client.get, client.post):
        for asked in (url, f"{url}?page=2&q=x"):
            response = method(asked)
            assert response.status_code == 302, f"{name} {asked} answered {response.status_code}"
            assert response["Location"] == redirect_to_login(asked)["Location"], name
            assert response["Location"].startswith(f"{LOGIN}?next="), name


@pytest.mark.parametrize(("name", "url"), [u for u in ALL_URLS if u[0] in PUBLIC])
def test_public_url_needs_no_sign_in(client, name, url):
    response = client.get(url)
    location = response.get("Location", "")
    assert not location.startswith(LOGIN), name
    assert response.status_code < 500


def test_signed_out_requests_to_real_rows_change_nothing(user, pack):
    """Each private URL, naming the user's own rows, with the payload its form accepts from
    the owner: signed out it is a redirect to sign in, and no row of anyone's changes."""
    urls = site_urls(user)
    before = snapshot_all()
    failures = []
    for name, url in sorted(urls.items()):
        if name in PUBLIC:
            continue
        data = FORMS[name].data(user) if name in FORMS else {}
        client = Client(raise_request_exception=False)
        for label, response in (
            ("GET", client.get(url)),
            ("GET htmx", client.get(url, headers={"HX-Request": "true"})),
            ("POST", client.post(url, data)),
            ("POST htmx", client.post(url, data, headers={"HX-Request": "true"})),
        ):
            location = response.get("Location", "")
            if response.status_code != 302 or not location.startswith(LOGIN):
                failures.append(f"{name} {label}: {response.status_code} {location}")
    after = snapshot_all()
    assert after == before, f"signed-out requests changed {snapshot_diff(before, after)}"
    assert not failures, "\n".join(failures)
