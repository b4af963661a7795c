from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from prepapp.library.models import Question, Round
from prepapp.mocks.calendar import mock_uid
from tests.mocks.factories import MockInterviewFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def _url(mock) -> str:
    return reverse("mocks:ics", args=[mock.pk])


@pytest.mark.parametrize(
    "when",
    [
        datetime(2027, 7, 14, 9, 30, tzinfo=LONDON),  # summer time, UTC+1
        datetime(2027, 1, 12, 18, 0, tzinfo=LONDON),  # winter, UTC+0
    ],
)
def test_downloads_one_event_in_london_time(auth_client, user, when):
    round_ = Round.objects.get(slug="execution-metrics")
    question = Question.objects.filter(round=round_).first()
    mock = MockInterviewFactory(
        user=user,
        round=round_,
        scheduled_at=when,
        minutes=50,
        format="coach",
        interviewer="Dr Ada",
        typed_questions="How do you pick a north star metric?",
    )
    mock.questions.add(question)
    response = auth_client.get(_url(mock))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert f'filename="mock-interview-{mock.pk}.ics"' in response["Content-Disposition"]

    calendar = Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0"
    assert "prepapp" in str(calendar["PRODID"])
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/London"]
    assert calendar.get_missing_tzids() == set()
    (event,) = calendar.events
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event.start == when
    assert event.start.utcoffset() == when.utcoffset()
    assert event.start.hour == when.hour
    assert event.end - event.start == timedelta(minutes=50)
    assert str(event["UID"]) == mock_uid(mock, "testserver")
    assert str(event["SUMMARY"]) == f"Mock interview: {round_.name}"
    description = str(event["DESCRIPTION"])
    for text in ["Coach", "Dr Ada", question.text, "north star metric"]:
        assert text in description


def test_uid_is_stable(auth_client, user):
    mock = MockInterviewFactory(user=user)
    first = Calendar.from_ical(auth_client.get(_url(mock)).content).events[0]["UID"]
    mock.interviewer = "Changed"
    mock.save()
    second = Calendar.from_ical(auth_client.get(_url(mock)).content).events[0]["UID"]
    assert first == second


def test_cancelled_mock_is_a_cancelled_event(auth_client, user):
    mock = MockInterviewFactory(user=user, status="cancelled")
    event = Calendar.from_ical(auth_client.get(_url(mock)).content).events[0]
    assert str(event["STATUS"]) == "CANCELLED"


def test_another_users_mock_is_404(auth_client, other_user):
    mock = MockInterviewFactory(user=other_user)
    assert auth_client.get(_url(mock)).status_code == 404


def test_unknown_id_is_404(auth_client):
    assert auth_client.get(reverse("mocks:ics", args=[999999])).status_code == 404


@pytest.mark.parametrize("count", [1, 68])
def test_query_count_is_constant(auth_client, user, django_assert_num_queries, count):
    mock = MockInterviewFactory(user=user)
    mock.questions.add(*Question.objects.all()[:count])
    # session, user, mock with round, its questions
    with django_assert_num_queries(4):
        assert auth_client.get(_url(mock)).status_code == 200
