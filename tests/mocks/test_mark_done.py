from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from prepapp.dashboard.overview import overview_build
from tests.mocks.factories import MockInterviewFactory

pytestmark = pytest.mark.django_db


def _url(mock) -> str:
    return reverse("mocks:done", args=[mock.pk])


def test_marks_done_and_goes_to_feedback(auth_client, user):
    mock = MockInterviewFactory(user=user, scheduled_at=timezone.now() - timedelta(minutes=5))
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


def test_a_mock_still_to_come_is_refused_with_a_message(auth_client, user):
    mock = MockInterviewFactory(user=user, scheduled_at=timezone.now() + timedelta(days=2))
    readiness = overview_build(user).readiness.percent
    response = auth_client.post(_url(mock), follow=True)
    assert response.redirect_chain == [(reverse("mocks:detail", args=[mock.pk]), 302)]
    body = response.content.decode()
    assert "still to come: mark it done once it has started" in body
    mock.refresh_from_db()
    assert mock.status == "scheduled"
    # Still upcoming on the list, and readiness did not move.
    _key, _heading, upcoming = auth_client.get(reverse("mocks:list")).context["rows"]["sections"][
        0
    ]
    assert [m.pk for m in upcoming] == [mock.pk]
    assert overview_build(user).readiness.percent == readiness


def test_the_edit_form_refuses_done_for_a_mock_still_to_come(auth_client, user):
    mock = MockInterviewFactory(user=user, scheduled_at=timezone.now() + timedelta(days=2))
    data = {
        "round": mock.round_id,
        "scheduled_at": timezone.localtime(mock.scheduled_at).strftime("%Y-%m-%dT%H:%M"),
        "status": "done",
        "format": mock.format,
        "minutes": str(mock.minutes),
        "strengths": "Kept",
    }
    response = auth_client.post(reverse("mocks:edit", args=[mock.pk]), data)
    assert response.status_code == 200
    assert "A mock still to come cannot be done" in response.content.decode()
    assert "Kept</textarea>" in response.content.decode()
    mock.refresh_from_db()
    assert mock.status == "scheduled"
