"""Settings, Reminders and the unsubscribe pages."""

from __future__ import annotations

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from prepapp.reminders.models import ReminderSettings
from prepapp.reminders.unsubscribe import unsubscribe_token
from tests.reminders.factories import ReminderSettingsFactory

pytestmark = pytest.mark.django_db

URL = reverse("reminders:settings")
FORM = {
    "digest": "weekly",
    "digest_weekday": "4",
    "send_hour": "7",
    "mock_reminder": "on",
}


def test_settings_links_to_reminders(auth_client):
    assert f'href="{URL}"' in auth_client.get(reverse("accounts:settings")).content.decode()


def test_all_off_until_turned_on(auth_client, user):
    response = auth_client.get(URL)
    assert response.status_code == 200
    assert response.context["form"].initial["digest"] == "off"
    assert not ReminderSettings.objects.filter(user=user).exists()


def test_save(auth_client, user):
    response = auth_client.post(URL, FORM)
    assert response.status_code == 302
    saved = ReminderSettings.objects.get(user=user)
    assert (saved.digest, saved.digest_weekday, saved.send_hour) == ("weekly", 4, 7)
    assert (saved.mock_reminder, saved.countdown) == (True, False)


def test_saving_unchanged_changes_nothing(auth_client, user):
    # Defaults posted back by a user with no row: still no row.
    response = auth_client.post(URL, {"digest": "off", "digest_weekday": "0", "send_hour": "8"})
    assert response.status_code == 302
    assert not ReminderSettings.objects.filter(user=user).exists()
    auth_client.post(URL, FORM)
    saved = ReminderSettings.objects.get(user=user)
    response = auth_client.post(URL, FORM, follow=True)
    assert "Nothing changed." in response.content.decode()
    assert ReminderSettings.objects.get(user=user).pk == saved.pk


@pytest.mark.parametrize(
    ("field", "value"), [("send_hour", "24"), ("digest", "hourly"), ("digest_weekday", "x" * 5000)]
)
def test_bad_input_rerenders_with_the_rest_kept(auth_client, user, field, value):
    response = auth_client.post(URL, {**FORM, field: value})
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == [field]
    assert form["mock_reminder"].value() is True
    assert not ReminderSettings.objects.filter(user=user).exists()


def test_each_user_sees_only_their_own(auth_client, other_user):
    ReminderSettingsFactory(user=other_user, digest="weekly", send_hour=21)
    form = auth_client.get(URL).context["form"]
    assert form.instance.pk is None
    assert form["send_hour"].value() == 8


def test_anonymous_redirects_to_sign_in(client):
    for response in (client.get(URL), client.post(URL, FORM)):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_wrong_method(auth_client):
    assert auth_client.put(URL).status_code == 405


@pytest.fixture
def subscribed(user):
    return ReminderSettingsFactory(user=user, digest="daily", mock_reminder=True)


def _unsubscribe_url(user, kind="digest", name="reminders:unsubscribe"):
    return reverse(name, args=[unsubscribe_token(user, kind)])


def test_unsubscribe_link_asks_first_then_turns_that_kind_off_signed_out(user, subscribed):
    browser = Client(enforce_csrf_checks=True)
    url = _unsubscribe_url(user)
    page = browser.get(url)
    assert page.status_code == 200
    assert "Stop the “Digest” reminder mails?" in page.content.decode()
    subscribed.refresh_from_db()
    assert subscribed.digest == "daily"  # a GET (a link scanner) changes nothing
    token = page.cookies["csrftoken"].value
    done = browser.post(url, {"csrfmiddlewaretoken": token})
    assert done.status_code == 302
    assert done["Location"] == url
    subscribed.refresh_from_db()
    assert (subscribed.digest, subscribed.mock_reminder) == ("off", True)
    page = browser.get(url).content.decode()
    assert "You get no “Digest” reminders." in page
    assert "Unsubscribe</button>" not in page


def test_the_confirm_form_needs_its_csrf_token(user, subscribed):
    response = Client(enforce_csrf_checks=True).post(_unsubscribe_url(user))
    assert response.status_code == 403
    subscribed.refresh_from_db()
    assert subscribed.digest == "daily"


def test_one_click_is_post_only(user, subscribed):
    token = unsubscribe_token(user, "mock")  # timestamped: one token for both URLs
    url = reverse("reminders:one_click", args=[token])
    assert Client().get(url).status_code == 405
    response = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 302
    assert response["Location"] == reverse("reminders:unsubscribe", args=[token])
    subscribed.refresh_from_db()
    assert (subscribed.digest, subscribed.mock_reminder) == ("daily", False)


@pytest.mark.parametrize(
    "token",
    [
        "nonsense",
        signing.dumps({"u": 1, "k": "digest"}),  # signed, but for something else
        signing.dumps({"u": 1, "k": "everything"}, salt="prepapp.reminders.unsubscribe"),
    ],
)
@pytest.mark.parametrize("name", ["reminders:unsubscribe", "reminders:one_click"])
def test_a_bad_token_is_a_404_and_changes_nothing(user, subscribed, token, name):
    response = Client().post(reverse(name, args=[token]))
    assert response.status_code == 404
    subscribed.refresh_from_db()
    assert subscribed.digest == "daily"


def test_a_tampered_token_cannot_reach_another_user(user, other_user, subscribed):
    theirs = ReminderSettingsFactory(user=other_user)
    mine = unsubscribe_token(user, "digest")
    payload, stamp, signature = mine.split(":")
    theirs_payload = signing.b64_encode(f'{{"u":{other_user.pk},"k":"digest"}}'.encode()).decode()
    forged = ":".join([theirs_payload, stamp, signature])
    assert Client().post(reverse("reminders:one_click", args=[forged])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.digest == "daily"
