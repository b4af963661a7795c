from __future__ import annotations

import pytest
from django.urls import reverse

from tests.mocks.factories import MockInterviewFactory

pytestmark = pytest.mark.django_db


def _url(mock) -> str:
    return reverse("mocks:done", args=[mock.pk])


def test_marks_done_and_goes_to_feedback(auth_client, user):
    mock = MockInterviewFactory(user=user)
    response = auth_client.post(_url(mock))
    assert response.status_code == 302
    assert response["Location"] == reverse("mocks:edit", args=[mock.pk]) + "#feedback"
    mock.refresh_from_db()
    assert mock.status == "done"


def test_another_users_mock_is_404_and_unchanged(auth_client, other_user):
    mock = MockInterviewFactory(user=other_user)
    assert auth_client.post(_url(mock)).status_code == 404
    mock.refresh_from_db()
    assert mock.status == "scheduled"


def test_unknown_id_is_404(auth_client):
    assert auth_client.post(reverse("mocks:done", args=[999999])).status_code == 404


def test_anonymous_redirects_to_login(client, user):
    mock = MockInterviewFactory(user=user)
    response = client.post(_url(mock))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    mock.refresh_from_db()
    assert mock.status == "scheduled"


def test_get_changes_nothing(auth_client, user):
    mock = MockInterviewFactory(user=user)
    assert auth_client.get(_url(mock)).status_code == 405
    mock.refresh_from_db()
    assert mock.status == "scheduled"
