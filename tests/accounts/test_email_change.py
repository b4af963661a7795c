"""Changing the sign-in email needs the current password and tells the old address."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import DatabaseError
from django.test import Client
from django.urls import reverse

from prepapp.accounts.email_change import email_change
from prepapp.accounts.models import User
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

URL = reverse("accounts:email_change")


def _change(client, email, password=PASSWORD):
    return client.post(URL, {"email": email, "password": password})


def test_settings_no_longer_change_the_email(auth_client, user):
    old = user.email
    response = auth_client.post(
        reverse("accounts:settings"), {"display_name": "Ada", "email": "thief@example.org"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email == old
    assert user.display_name == "Ada"
    assert mail.outbox == []


def test_settings_page_links_to_the_change(auth_client, user):
    body = auth_client.get(reverse("accounts:settings")).content.decode()
    assert URL in body
    assert user.email in body
    assert 'name="email"' not in body


def test_change_with_the_password_sends_a_notice_to_the_old_address(client, user):
    old = user.email
    client.force_login(user)
    response = _change(client, "  New.Address@Example.org ")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:settings")
    user.refresh_from_db()
    assert user.email == "new.address@example.org"

    assert len(mail.outbox) == 1
    notice = mail.outbox[0]
    assert notice.to == [old]
    assert "changed" in notice.subject
    assert old in notice.body
    assert "new.address@example.org" in notice.body
    # The new address signs in; the old one no longer does.
    signin = reverse("accounts:login")
    fresh = Client()
    assert fresh.post(signin, {"username": old, "password": PASSWORD}).status_code == 200
    assert (
        fresh.post(signin, {"username": "new.address@example.org", "password": PASSWORD})
    ).status_code == 302


@pytest.mark.parametrize("password", ["", "wrong", PASSWORD.upper()])
def test_without_the_right_password_nothing_changes(auth_client, user, password):
    old = user.email
    response = _change(auth_client, "thief@example.org", password)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="thief@example.org"' in body  # the typed text is kept
    assert "password" in body.lower()
    user.refresh_from_db()
    assert user.email == old
    assert mail.outbox == []


def test_email_taken_by_another_user_ignoring_case(auth_client, user, other_user):
    old = user.email
    response = _change(auth_client, other_user.email.upper())
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    user.refresh_from_db()
    assert user.email == old
    assert mail.outbox == []


def test_the_same_email_is_refused(auth_client, user):
    response = _change(auth_client, user.email.upper())
    assert response.status_code == 200
    assert "already your sign-in email" in response.content.decode()
    assert mail.outbox == []


def test_bad_email_keeps_the_text(auth_client, user):
    old = user.email
    response = _change(auth_client, "not-an-email")
    assert response.status_code == 200
    assert 'value="not-an-email"' in response.content.decode()
    user.refresh_from_db()
    assert user.email == old


def test_when_the_notice_cannot_be_queued_nothing_changes(user, monkeypatch):
    # The notice is a task row written in the change's transaction: no notice, no change.
    def refuse(*args, **kwargs):
        raise DatabaseError("the task table is unwritable")

    monkeypatch.setattr("prepapp.accounts.email_change.mail_send", refuse)
    old = user.email
    with pytest.raises(DatabaseError):
        email_change(user, "new@example.org")
    assert user.email == old
    user.refresh_from_db()
    assert user.email == old
    assert not User.objects.filter(email="new@example.org").exists()


def test_the_notice_waits_in_the_queue_with_the_change(task_queue, auth_client, user):
    from django_tasks_db.models import DBTaskResult

    old = user.email
    assert _change(auth_client, "new@example.org").status_code == 302
    assert mail.outbox == []  # not sent in the request
    (queued,) = DBTaskResult.objects.all()
    assert queued.task_path == "prepapp.accounts.mail.message_deliver"
    assert queued.args_kwargs["args"][2] == [old]


def test_wrong_method(auth_client):
    assert auth_client.put(URL).status_code == 405
    assert auth_client.get(URL).status_code == 200
