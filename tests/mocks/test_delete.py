from __future__ import annotations

import pytest
from django.urls import reverse

from prepapp.mocks.models import MockInterview
from tests.mocks.factories import MockInterviewFactory

pytestmark = pytest.mark.django_db


def _url(mock) -> str:
    return reverse("mocks:delete", args=[mock.pk])


def test_get_asks_for_confirmation_and_keeps_the_mock(auth_client, user):
    mock = MockInterviewFactory(user=user)
    response = auth_client.get(_url(mock))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Delete this mock interview?" in body
    assert f'action="{_url(mock)}"' in body
    assert MockInterview.objects.filter(pk=mock.pk).exists()


def test_post_deletes(auth_client, user):
    mock = MockInterviewFactory(user=user)
    response = auth_client.post(_url(mock))
    assert response.status_code == 302
    assert response["Location"] == reverse("mocks:list")
    assert not MockInterview.objects.filter(pk=mock.pk).exists()


def test_another_users_mock_is_404_and_kept(auth_client, other_user):
    mock = MockInterviewFactory(user=other_user)
    assert auth_client.get(_url(mock)).status_code == 404
    assert auth_client.post(_url(mock)).status_code == 404
    assert MockInterview.objects.filter(pk=mock.pk).exists()


def test_unknown_id_is_404(auth_client):
    assert auth_client.post(reverse("mocks:delete", args=[999999])).status_code == 404
