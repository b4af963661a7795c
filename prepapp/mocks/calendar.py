"""iCalendar (.ics) for mock interviews: one mock as a download, or a user's feed."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from prepapp.mocks.models import MockInterview

PRODID = "-//prepapp//Mock interviews//EN"
CONTENT_TYPE = "text/calendar; charset=utf-8"

EVENT_STATUS = {
    MockInterview.Status.SCHEDULED: "CONFIRMED",
    MockInterview.Status.DONE: "CONFIRMED",
    MockInterview.Status.CANCELLED: "CANCELLED",
}


def mock_uid(mock: MockInterview) -> str:
    # Stable across edits, so a subscribed calendar updates the event instead of adding one.
    return f"mock-{mock.pk}@prepapp"


def mock_description(mock: MockInterview) -> str:
    lines = [f"Format: {mock.get_format_display()}", f"Length: {mock.minutes} min"]
    if mock.interviewer:
        lines.append(f"Interviewer: {mock.interviewer}")
    questions = [q.text for q in mock.questions.all()] + mock.typed_question_list
    if questions:
        lines.append("")
        lines.append("Questions:")
        lines.extend(f"- {text}" for text in questions)
    return "\n".join(lines)


def event_build(mock: MockInterview, tz: ZoneInfo) -> Event:
    start = timezone.localtime(mock.scheduled_at, tz)
    return Event.new(
        uid=mock_uid(mock),
        start=start,
        end=start + timedelta(minutes=mock.minutes),
        summary=f"Mock interview: {mock.round.name}",
        description=mock_description(mock),
        status=EVENT_STATUS[mock.status],
        stamp=timezone.now(),
        last_modified=mock.updated_at,
        sequence=0,
    )


def calendar_build(mocks: Iterable[MockInterview], name: str = "prepapp mock interviews") -> bytes:
    """A VCALENDAR with one VEVENT per mock, times in the site's zone and its VTIMEZONE.

    Mocks need `round` loaded and `questions` prefetched, or each costs queries.
    """
    tz = ZoneInfo(settings.TIME_ZONE)
    events = [event_build(mock, tz) for mock in mocks]
    calendar = Calendar.new(prodid=PRODID, name=name, subcomponents=events)
    calendar.add("CALSCALE", "GREGORIAN")
    years = [event.start.year for event in events] or [timezone.localdate().year]
    # The VTIMEZONE only needs to cover the events: a narrow range keeps the file small.
    calendar.add_missing_timezones(
        first_date=date(min(years) - 1, 1, 1), last_date=date(max(years) + 2, 1, 1)
    )
    return calendar.to_ical()
