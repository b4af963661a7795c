"""Settings → Sharing's invitation, its mail and signed link, and accepting it."""

from __future__ import annotations

import re
import time
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.urls import reverse

from prepapp.sharing.models import Share
from prepapp.sharing.services import INVITE_MAX_AGE, invite_share_id, invite_token
from tests.factories import PASSWORD, UserFactory
from tests.sharing.factories import ShareFactory

pytestmark = pytest.mark.django_db

SETTINGS = "/sharing/"


def _invite(client, email="coach@example.org", scope="marked"):
    return client.post(reverse("sharing:settings"), {"email": email, "scope": scope})


def _link_in(mail) -> str:
    return re.search(r"http://testserver(/sharing/accept/\S+/)", mail.body).group(1)


def test_settings_links_to_sharing_once(auth_client):
    html = auth_client.get(reverse("accounts:settings")).content.decode()
    assert html.count(f'href="{SETTINGS}"') == 1


def test_invite_sends_a_signed_link_to_the_coach(auth_client, user, mailoutbox):
    response = _invite(auth_client, "Coach@Example.org", "all")

    assert response.status_code == 302
    share = Share.objects.get(candidate=user)
    assert (share.invite_email, share.scope, share.coach, share.accepted_at) == (
        "Coach@Example.org",
        "all",
        None,
        None,
    )
    (mail,) = mailoutbox
    assert mail.to == ["Coach@Example.org"]
    assert user.email in mail.subject
    # The link's token names this share. Not compared with a token made here: a timestamped
    # signature made a second later differs (CI's loaded PostgreSQL run crossed one).
    link = _link_in(mail)
    token = link.removeprefix(reverse("sharing:accept", args=["x"]).removesuffix("x/")).strip("/")
    assert link == reverse("sharing:accept", args=[token])
    assert invite_share_id(token) == share.pk
    page = auth_client.get(SETTINGS).content.decode()
    assert "Coach@Example.org" in page
    assert "Invited" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "not an email", "scope": "all"}, "Enter a valid email address."),
        ({"email": "coach@example.org", "scope": "everything"}, "Select a valid choice."),
        ({"email": "", "scope": "all"}, "This field is required."),
    ],
)
def test_bad_invite_rerenders_with_the_text_kept(auth_client, user, mailoutbox, data, message):
    response = auth_client.post(SETTINGS, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    if data["email"]:
        assert f'value="{data["email"]}"' in html
    assert not Share.objects.exists()
    assert mailoutbox == []


def test_inviting_yourself_is_refused(auth_client, user, mailoutbox):
    response = _invite(auth_client, user.email.upper())
    assert response.status_code == 200
    assert "your own email" in response.content.decode()
    assert mailoutbox == []


def test_signed_out_invitation_link_goes_to_sign_in_and_keeps_next(client, user, mailoutbox):
    client.force_login(user)
    _invite(client)
    client.logout()
    path = _link_in(mailoutbox[0])

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={quote(path)}"
    login = client.get(response["Location"]).content.decode()
    # The sign-in page's "Create an account" keeps it too.
    assert f'href="/accounts/signup/?next={quote(path)}"' in login


def test_sign_up_from_the_invitation_comes_back_to_it(client, user, mailoutbox):
    client.force_login(user)
    _invite(client)
    client.logout()
    path = _link_in(mailoutbox[0])

    page = client.get(f"/accounts/signup/?next={quote(path)}").content.decode()
    assert f'name="next" value="{path}"' in page
    response = client.post(
        "/accounts/signup/",
        {"email": "coach@example.org", "password1": PASSWORD, "password2": PASSWORD, "next": path},
    )

    assert response.status_code == 302
    assert response["Location"] == path
    assert client.get(path).status_code == 200


# A view name or a bare word is not a path: redirect() would look it up (a 500).
@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/x", "javascript:x", "-1", "practice:due"]
)
def test_sign_up_ignores_a_next_off_the_site(client, user, next_url):
    response = client.post(
        "/accounts/signup/",
        {"email": "n@example.org", "password1": PASSWORD, "password2": PASSWORD, "next": next_url},
    )
    assert response["Location"] == reverse("dashboard:home")
    # Signed in already: the same.
    response = client.get("/accounts/signup/", {"next": next_url})
    assert response["Location"] == reverse("dashboard:home")


def test_coach_accepts_and_sees_the_preparation(client, user):
    share = ShareFactory(candidate=user, coach=None, accepted_at=None, invite_email="c@x.org")
    coach = UserFactory(email="c@x.org")
    client.force_login(coach)
    url = reverse("sharing:accept", args=[invite_token(share)])

    page = client.get(url)
    assert page.status_code == 200
    assert user.email in page.content.decode()
    share.refresh_from_db()
    assert share.coach is None  # a GET accepts nothing

    response = client.post(url)

    assert response["Location"] == reverse("sharing:coach_view", args=[share.pk])
    share.refresh_from_db()
    assert share.coach == coach
    assert share.accepted_at is not None
    assert client.get(response["Location"]).status_code == 200
    # Single use: the link is spent.
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


def test_another_address_may_accept_and_the_candidate_sees_which(client, user):
    share = ShareFactory(candidate=user, coach=None, accepted_at=None, invite_email="home@x.org")
    coach = UserFactory(email="work@x.org")
    client.force_login(coach)
    client.post(reverse("sharing:accept", args=[invite_token(share)]))

    client.force_login(user)
    page = client.get(SETTINGS).content.decode()
    assert "work@x.org" in page
    assert "(invited as home@x.org)" in page


def test_the_candidate_cannot_accept_their_own_invitation(auth_client, user):
    share = ShareFactory(candidate=user, coach=None, accepted_at=None)
    url = reverse("sharing:accept", args=[invite_token(share)])
    assert "your own invitation" in auth_client.get(url).content.decode()
    auth_client.post(url)
    share.refresh_from_db()
    assert share.coach is None


def test_a_second_live_share_with_the_same_coach_is_refused(client, user):
    coach = UserFactory()
    ShareFactory(candidate=user, coach=coach)
    second = ShareFactory(candidate=user, coach=None, accepted_at=None)
    client.force_login(coach)
    response = client.post(reverse("sharing:accept", args=[invite_token(second)]), follow=True)
    assert "already see this candidate" in response.content.decode()
    second.refresh_from_db()
    assert second.coach is None


def test_forged_old_or_withdrawn_invitations_are_404(client, user, monkeypatch):
    share = ShareFactory(candidate=user, coach=None, accepted_at=None)
    token = invite_token(share)
    client.force_login(UserFactory())
    other = ShareFactory(coach=None, accepted_at=None)
    forged = [
        token[:-1] + ("A" if token[-1] != "A" else "B"),
        f"{other.pk}:" + token.split(":", 1)[1],
    ]
    for bad in [*forged, "nothing", "1", "x" * 300]:
        assert client.get(reverse("sharing:accept", args=[bad])).status_code == 404, bad

    signed_at = time.time() - (INVITE_MAX_AGE + timedelta(minutes=1)).total_seconds()
    with monkeypatch.context() as past:
        past.setattr(time, "time", lambda: signed_at)
        too_old = invite_token(share)
    assert client.post(reverse("sharing:accept", args=[too_old])).status_code == 404

    client.force_login(user)
    client.post(reverse("sharing:share_revoke", args=[share.pk]))
    client.force_login(UserFactory())
    assert client.post(reverse("sharing:accept", args=[token])).status_code == 404
    share.refresh_from_db()
    assert share.coach is None


def test_accept_page_query_count(client, django_assert_num_queries):
    share = ShareFactory(coach=None, accepted_at=None)
    client.force_login(UserFactory())
    # session, user, the invitation (with its candidate)
    with django_assert_num_queries(3):
        assert client.get(reverse("sharing:accept", args=[invite_token(share)])).status_code == 200
