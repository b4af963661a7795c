"""The user's time zone: chosen at sign-up and in Settings, active on every page."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from prepapp.accounts.models import User
from tests.factories import UserFactory
from tests.mocks.factories import MockInterviewFactory

pytestmark = pytest.mark.django_db

SIGNUP = reverse("accounts:signup")
SETTINGS = reverse("accounts:settings")


def _signup(client, **extra):
    data = {
        "email": "new@example.org",
        "password1": "a sturdy pass phrase 42",
        "password2": "a sturdy pass phrase 42",
        **extra,
    }
    return client.post(SIGNUP, data)


def test_signup_offers_every_zone_with_the_sites_preselected(client):
    html = client.get(SIGNUP).content.decode()
    select = re.search(r'<select name="time_zone"[^>]*>', html).group(0)
    assert "data-browser-time-zone" in select
    assert f'<option value="{settings.TIME_ZONE}" selected>' in html
    assert '<option value="America/New_York">' in html
    assert '<option value="Pacific/Auckland">' in html


def test_signup_script_is_a_static_file_not_inline(client):
    html = client.get(SIGNUP).content.decode()
    assert re.search(r'<script src="/static/js/time-zone\.js" defer></script>', html)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)  # no inline script


def test_signup_stores_the_chosen_zone(client):
    assert _signup(client, time_zone="America/New_York").status_code == 302
    assert User.objects.get().time_zone == "America/New_York"


def test_signup_without_a_zone_takes_the_sites(client):
    assert _signup(client).status_code == 302
    assert User.objects.get().time_zone == settings.TIME_ZONE


@pytest.mark.parametrize("bad", ["Mars/Olympus_Mons", "../../etc/passwd", "x" * 300, "local"])
def test_signup_refuses_an_unknown_zone_and_keeps_the_email(client, bad):
    response = _signup(client, time_zone=bad)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Select a valid choice" in html
    assert 'value="new@example.org"' in html
    # The re-rendered form keeps the user's own pick; the script must not override it.
    assert "data-browser-time-zone" not in html
    assert not User.objects.exists()


def test_settings_changes_the_zone(auth_client, user):
    response = auth_client.post(
        SETTINGS, {"display_name": "", "email": user.email, "time_zone": "Asia/Kolkata"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.time_zone == "Asia/Kolkata"
    html = auth_client.get(SETTINGS).content.decode()
    assert '<option value="Asia/Kolkata" selected>' in html


def test_settings_refuses_an_unknown_zone(auth_client, user):
    response = auth_client.post(
        SETTINGS, {"display_name": "Kept", "email": user.email, "time_zone": "Nowhere/City"}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert 'value="Kept"' in response.content.decode()
    user.refresh_from_db()
    assert user.time_zone == settings.TIME_ZONE and user.display_name != "Kept"


def test_pages_show_times_in_the_users_zone(client):
    when = datetime.now(UTC).replace(hour=23, minute=30, second=0, microsecond=0) + timedelta(
        days=3
    )
    for zone in ["Asia/Tokyo", "America/Los_Angeles", "Europe/London"]:
        user = UserFactory(time_zone=zone)
        MockInterviewFactory(user=user, scheduled_at=when)
        client.force_login(user)
        html = client.get(reverse("mocks:list")).content.decode()
        local = when.astimezone(ZoneInfo(zone))
        assert f"{local.day} {local:%b %Y}, {local:%H:%M}</time>" in html, zone


def test_the_zone_does_not_leak_to_the_next_request(client):
    client.force_login(UserFactory(time_zone="Asia/Tokyo"))
    client.get(reverse("mocks:list"))
    assert timezone.get_current_timezone_name() == settings.TIME_ZONE


def test_an_unknown_stored_zone_falls_back_to_the_sites(auth_client, user):
    User.objects.filter(pk=user.pk).update(time_zone="Gone/Removed")
    user.refresh_from_db()
    assert user.zone.key == settings.TIME_ZONE
    assert auth_client.get(reverse("mocks:list")).status_code == 200


def test_dashboard_cache_follows_the_zone(auth_client, user):
    from django.test import RequestFactory

    from prepapp.page_cache import page_cache_key

    request = RequestFactory().get(reverse("dashboard:home"))
    request.user = user
    before = page_cache_key(request)
    user.time_zone = "Asia/Tokyo"
    assert page_cache_key(request) != before
