"""The calendar feed as a subscription: stable bytes, validators, refresh hints, history."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date
from icalendar import Calendar

from prepapp.mocks.models import MockInterview
from tests.mocks.factories import CalendarFeedFactory, MockInterviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def feed(user):
    return CalendarFeedFactory(user=user)


def _get(client, feed, **headers):
    return client.get(reverse("mocks:feed", args=[feed.token]), headers=headers)


def _events(response) -> list:
    return Calendar.from_ical(response.content).events


def test_unchanged_data_gives_the_same_bytes(client, feed, user):
    MockInterviewFactory(user=user, interviewer="Ada")
    first = _get(client, feed)
    second = _get(client, feed)
    assert first.content == second.content
    assert first["ETag"] == second["ETag"]
    assert first["Last-Modified"] == second["Last-Modified"]
    calendar = Calendar.from_ical(first.content)
    assert "UID" not in calendar  # a random calendar UID would change every fetch


def test_stamp_is_the_rows_last_change(client, feed, user):
    mock = MockInterviewFactory(user=user)
    (event,) = _events(_get(client, feed))
    assert mock.updated_at.replace(microsecond=0) == event.DTSTAMP
    assert mock.updated_at.replace(microsecond=0) == event.LAST_MODIFIED


def test_conditional_get_answers_304_until_something_changes(client, feed, user):
    mock = MockInterviewFactory(user=user)
    first = _get(client, feed)
    assert first.status_code == 200
    assert first["Cache-Control"] == "private, no-cache"
    etag, modified = first["ETag"], first["Last-Modified"]

    not_modified = _get(client, feed, if_none_match=etag)
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert _get(client, feed, if_modified_since=modified).status_code == 304

    mock.interviewer = "Someone new"
    mock.save()
    changed = _get(client, feed, if_none_match=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert "Someone new" in str(_events(changed)[0]["DESCRIPTION"])


def test_a_deleted_mock_is_a_change_even_for_if_modified_since(client, feed, user):
    MockInterviewFactory(user=user)
    gone = MockInterviewFactory(user=user)
    first = _get(client, feed)
    # The feed was last seen changing a minute ago; the delete happens now.
    feed.refresh_from_db()
    feed.changed_at -= timedelta(minutes=1)
    feed.save(update_fields=["changed_at"])
    seen = http_date(feed.changed_at.timestamp())
    gone.delete()
    after = _get(client, feed, if_modified_since=seen, if_none_match=first["ETag"])
    assert after.status_code == 200
    assert len(_events(after)) == 1
    assert _get(client, feed, if_modified_since=seen).status_code == 200


def test_refresh_hints(client, feed):
    calendar = Calendar.from_ical(_get(client, feed).content)
    assert calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    assert calendar["REFRESH-INTERVAL"].dt == timedelta(hours=1)
    assert calendar["X-PUBLISHED-TTL"].to_ical() == b"PT1H"


def _an_hour_passes(mock) -> None:
    """Shift the row's timestamps back: the same as the clock moving on."""
    mock.refresh_from_db()
    MockInterview.objects.filter(pk=mock.pk).update(
        created_at=mock.created_at - timedelta(hours=1),
        updated_at=mock.updated_at - timedelta(hours=1),
    )


def test_sequence_grows_on_each_edit(client, feed, user):
    mock = MockInterviewFactory(user=user, scheduled_at=timezone.now() - timedelta(hours=3))
    sequences = [int(_events(_get(client, feed))[0]["SEQUENCE"])]
    _an_hour_passes(mock)
    client.force_login(user)
    client.post(reverse("mocks:done", args=[mock.pk]))
    sequences.append(int(_events(_get(client, feed))[0]["SEQUENCE"]))
    _an_hour_passes(mock)
    mock.refresh_from_db()
    data = {
        "round": mock.round_id,
        "scheduled_at": timezone.localtime(mock.scheduled_at).strftime("%Y-%m-%dT%H:%M"),
        "status": "done",
        "format": mock.format,
        "minutes": str(mock.minutes),
        "strengths": "Calm",
    }
    assert client.post(reverse("mocks:edit", args=[mock.pk]), data).status_code == 302
    sequences.append(int(_events(_get(client, feed))[0]["SEQUENCE"]))
    assert sequences[0] == 0
    assert sequences[0] < sequences[1] < sequences[2]


def test_uids_hide_database_ids_and_name_the_host(client, feed, user, settings):
    settings.ALLOWED_HOSTS = ["prep.example.org"]
    mocks = [MockInterviewFactory(user=user) for _ in range(2)]
    response = client.get(reverse("mocks:feed", args=[feed.token]), HTTP_HOST="prep.example.org")
    uids = [str(e["UID"]) for e in _events(response)]
    assert len(set(uids)) == 2
    for uid in uids:
        local, host = uid.split("@")
        assert host == "prep.example.org"
        assert len(local) == 32 and all(str(m.pk) != local for m in mocks)
        assert "mock-" not in local
    # The same mock keeps its UID across fetches and edits.
    mocks[0].interviewer = "Changed"
    mocks[0].save()
    again = client.get(reverse("mocks:feed", args=[feed.token]), HTTP_HOST="prep.example.org")
    assert [str(e["UID"]) for e in _events(again)] == uids


def test_done_and_cancelled_mocks_of_the_last_90_days_stay_with_their_status(client, feed, user):
    now = timezone.now()
    done = MockInterviewFactory(user=user, status="done", scheduled_at=now - timedelta(days=89))
    cancelled = MockInterviewFactory(
        user=user, status="cancelled", scheduled_at=now + timedelta(days=3)
    )
    MockInterviewFactory(user=user, status="done", scheduled_at=now - timedelta(days=91))
    MockInterviewFactory(user=user, status="cancelled", scheduled_at=now - timedelta(days=120))
    planned = MockInterviewFactory(user=user, scheduled_at=now + timedelta(days=1))
    events = _events(_get(client, feed))
    statuses = {e.start: str(e["STATUS"]) for e in events}
    assert statuses == {
        done.scheduled_at.replace(microsecond=0): "CONFIRMED",
        planned.scheduled_at.replace(microsecond=0): "CONFIRMED",
        cancelled.scheduled_at.replace(microsecond=0): "CANCELLED",
    }


def test_the_mocks_page_offers_a_webcal_link_beside_the_https_one(auth_client, feed):
    body = auth_client.get(reverse("mocks:list")).content.decode()
    path = reverse("mocks:feed", args=[feed.token])
    assert f'href="webcal://testserver{path}"' in body
    assert f'href="http://testserver{path}"' in body
    assert f'value="http://testserver{path}"' in body
