from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from prepapp.mocks.calendar import mock_uid
from prepapp.mocks.models import CalendarFeed
from tests.mocks.factories import CalendarFeedFactory, MockInterviewFactory, mocks_bulk

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def _url(token: str) -> str:
    return reverse("mocks:feed", args=[token])


def test_lists_only_the_owners_mocks_without_sign_in(client, user, other_user):
    feed = CalendarFeedFactory(user=user)
    when = datetime(2027, 6, 1, 10, 15, tzinfo=LONDON)
    planned = MockInterviewFactory(user=user, scheduled_at=when)
    MockInterviewFactory(user=other_user)
    response = client.get(_url(feed.token))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert [str(e["UID"]) for e in calendar.events] == [mock_uid(planned, "testserver")]
    event = calendar.events[0]
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event.start == when and event.start.hour == 10
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/London"]


def test_empty_feed_is_still_a_calendar(client, user):
    feed = CalendarFeedFactory(user=user)
    calendar = Calendar.from_ical(client.get(_url(feed.token)).content)
    assert calendar.events == []
    assert str(calendar["VERSION"]) == "2.0"


def test_wrong_token_is_404(client, user):
    feed = CalendarFeedFactory(user=user)
    MockInterviewFactory(user=user)
    assert (
        client.get(_url(feed.token[:-1] + ("A" if feed.token[-1] != "A" else "B"))).status_code
        == 404
    )
    assert client.get("/mocks/calendar/.ics").status_code == 404


def test_reset_token_is_404(client, auth_client, user):
    feed = CalendarFeedFactory(user=user)
    old = feed.token
    MockInterviewFactory(user=user)
    assert client.get(_url(old)).status_code == 200
    auth_client.post(reverse("mocks:feed_reset"))
    new = CalendarFeed.objects.get(user=user).token
    assert new != old
    assert client.get(_url(old)).status_code == 404
    assert client.get(_url(new)).status_code == 200


def test_signed_in_as_someone_else_still_sees_only_the_token_owner(auth_client, other_user):
    feed = CalendarFeedFactory(user=other_user)
    MockInterviewFactory(user=other_user, interviewer="Owner's coach")
    calendar = Calendar.from_ical(auth_client.get(_url(feed.token)).content)
    assert len(calendar.events) == 1
    assert "Owner's coach" in str(calendar.events[0]["DESCRIPTION"])


@pytest.mark.parametrize("count", [1, 200])
def test_query_count_is_constant(client, user, django_assert_num_queries, count):
    feed = CalendarFeedFactory(user=user)
    mocks_bulk(user, count, status="scheduled")
    # The first fetch after a change also stores the new ETag and Last-Modified.
    with django_assert_num_queries(4):
        client.get(_url(feed.token))
    # feed with its owner's zone, mocks with rounds, their questions
    with django_assert_num_queries(3):
        response = client.get(_url(feed.token))
    assert len(Calendar.from_ical(response.content).events) == count
