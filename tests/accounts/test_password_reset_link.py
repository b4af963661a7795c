"""Password-reset links: one hour, once, and the mail says so."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.urls import reverse
from django.utils.http import urlsafe_base64_decode

pytestmark = pytest.mark.django_db

NEW = "brand new phrase 99"


def _link_path(client, user) -> str:
    client.post(reverse("accounts:password_reset"), {"email": user.email})
    (message,) = mail.outbox
    link = next(line for line in message.body.splitlines() if "/accounts/reset/" in line)
    return link.split("testserver", 1)[1]


def _at(monkeypatch, moment: datetime) -> None:
    monkeypatch.setattr(type(default_token_generator), "_now", lambda self: moment)


@pytest.mark.parametrize(("minutes", "valid"), [(59, True), (61, False), (60 * 24, False)])
def test_the_link_lives_one_hour(client, user, monkeypatch, minutes, valid):
    sent = datetime.now().replace(microsecond=0)
    _at(monkeypatch, sent)
    path = _link_path(client, user)
    _at(monkeypatch, sent + timedelta(minutes=minutes))
    page = client.get(path, follow=True)
    assert page.status_code == 200
    assert page.context["validlink"] is valid


def test_the_mail_says_one_hour(client, user):
    _link_path(client, user)
    assert "one hour" in mail.outbox[0].body


def test_the_link_works_once(client, user):
    page = client.get(_link_path(client, user), follow=True)
    set_url = page.redirect_chain[-1][0]
    data = {"new_password1": NEW, "new_password2": NEW}
    assert client.post(set_url, data).status_code == 302
    again = client.get(set_url)
    assert again.context["validlink"] is False


def test_the_links_user_part_is_djangos_encoding_mailed_to_the_owner_only(client, user):
    """Item 9 of issue 12, by choice: the link keeps Django's base64 of the user id.

    It is mailed only to the account's own address, next to the token that is the
    credential, so it tells the reader nothing about anyone else (SECURITY.md).
    """
    path = _link_path(client, user)
    uid = path.split("/accounts/reset/", 1)[1].split("/", 1)[0]
    assert urlsafe_base64_decode(uid).decode() == str(user.pk)
    assert mail.outbox[0].to == [user.email]
