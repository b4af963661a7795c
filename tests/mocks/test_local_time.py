"""Times typed around the clock changes, in the user's zone (see prepapp/zoned.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from prepapp.mocks.models import MockInterview
from tests.factories import UserFactory
from tests.mocks.factories import MockInterviewFactory

pytestmark = pytest.mark.django_db


def _post(client, user, when: str, url: str | None = None, **extra):
    client.force_login(user)
    data = {
        "round": MockInterviewFactory.build().round.pk,
        "scheduled_at": when,
        "status": "scheduled",
        "format": "peer",
        "interviewer": "Kept text",
        **extra,
    }
    return client.post(url or reverse("mocks:create"), data, follow=True)


@pytest.mark.parametrize(
    ("zone", "typed", "gap"),
    [
        ("America/New_York", "2027-03-14T02:30", ("02:00", "03:00")),
        ("Europe/London", "2027-03-28T01:30", ("01:00", "02:00")),
    ],
)
def test_a_time_in_the_spring_gap_gets_a_clear_message(client, zone, typed, gap):
    user = UserFactory(time_zone=zone)
    response = _post(client, user, typed)
    assert response.redirect_chain == []
    body = response.content.decode()
    assert f"does not exist in {zone}: the clocks go forward from {gap[0]} to {gap[1]}" in body
    assert f"Choose a time before {gap[0]} or from {gap[1]}" in body
    assert 'value="Kept text"' in body
    assert f'value="{typed}"' in body
    assert not MockInterview.objects.exists()


def test_a_time_in_the_fall_back_hour_is_the_first_one_and_says_so(client):
    user = UserFactory(time_zone="America/New_York")
    response = _post(client, user, "2027-11-07T01:30")
    mock = MockInterview.objects.get()
    # The first 01:30 is still summer time, UTC-4.
    assert mock.scheduled_at == datetime(2027, 11, 7, 5, 30, tzinfo=UTC)
    body = response.content.decode()
    assert "01:30 on 7 November 2027 happens twice in America/New_York" in body
    assert "This one is the first, in EDT (UTC-04:00)" in body


def test_an_ordinary_time_gets_no_note(client):
    user = UserFactory(time_zone="America/New_York")
    body = _post(client, user, "2027-11-08T01:30").content.decode()
    assert "happens twice" not in body
    assert MockInterview.objects.get().scheduled_at == datetime(2027, 11, 8, 6, 30, tzinfo=UTC)


def test_saving_the_second_occurrence_unchanged_keeps_it(client):
    user = UserFactory(time_zone="America/New_York")
    second = datetime(2027, 11, 7, 6, 30, tzinfo=UTC)  # 01:30 EST, after the clocks went back
    mock = MockInterviewFactory(user=user, scheduled_at=second)
    url = reverse("mocks:edit", args=[mock.pk])
    response = _post(client, user, "2027-11-07T01:30", url=url, minutes=str(mock.minutes))
    mock.refresh_from_db()
    assert mock.scheduled_at == second
    assert "This one is the second, in EST (UTC-05:00)" in response.content.decode()
