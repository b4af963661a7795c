"""iCalendar (.ics) for mock interviews: one mock as a download, or a user's feed.

Times are written in the user's zone with a VTIMEZONE built here from zoneinfo, not by
icalendar's `add_missing_timezones`, which (in 7.3) puts every later change of a rule in
one comma-separated RDATE (ical.js, Thunderbird's parser, reads only the first: summer mocks
in later years came out an hour late) and states a change's DTSTART in the new offset
(summer time in London "from 02:00", where RFC 5545 wants the local time before the change,
01:00). Here every onset is its own RDATE line (see vtimezone_build).

The bytes depend only on the data: no random calendar UID, DTSTAMP is the row's last change,
so an unchanged feed is byte-for-byte the same and its ETag holds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Q, QuerySet
from django.http.request import split_domain_port
from django.utils import timezone
from django.utils.crypto import salted_hmac
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vDuration

from prepapp.mocks.models import CalendarFeed, MockInterview

PRODID = "-//prepapp//Mock interviews//EN"
CONTENT_TYPE = "text/calendar; charset=utf-8"
# How often subscribed calendars should fetch the feed again (RFC 7986, and the older
# X-PUBLISHED-TTL that Outlook and Apple Calendar read).
REFRESH_INTERVAL = timedelta(hours=1)
UID_SALT = "prepapp.mocks.calendar.mock_uid"
# Done and cancelled mocks stay in the feed this long, marked with their STATUS, so a
# calendar shows what happened rather than silently dropping the event.
FEED_HISTORY = timedelta(days=90)

EVENT_STATUS = {
    MockInterview.Status.SCHEDULED: "CONFIRMED",
    MockInterview.Status.DONE: "CONFIRMED",
    MockInterview.Status.CANCELLED: "CANCELLED",
}


def uid_host(request_host: str) -> str:
    """The site's host name without its port, for the right-hand side of a UID."""
    domain, _port = split_domain_port(request_host)
    return domain or "prepapp"


def mock_uid(mock: MockInterview, host: str) -> str:
    # Stable across edits, so a subscribed calendar updates the event instead of adding one.
    # A keyed hash of the id: the UID does not tell anyone how many mocks the site holds.
    # (Rotating SECRET_KEY changes every UID; calendars then replace the events once.)
    digest = salted_hmac(UID_SALT, str(mock.pk), algorithm="sha256").hexdigest()[:32]
    return f"{digest}@{host}"


def mock_sequence(mock: MockInterview) -> int:
    """SEQUENCE: whole seconds between the mock's creation and its last save.

    Derived, not counted: `updated_at` is set by every save (the form, "mark done", the
    admin, an import), so no save path can forget to bump it and no column is needed. It
    only grows, which is all RFC 5545 asks; two saves within one second share a number,
    and then also share their DTSTAMP, so a client sees one revision either way.
    """
    return max(0, int((mock.updated_at - mock.created_at).total_seconds()))


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


def event_build(mock: MockInterview, zone: ZoneInfo, host: str) -> Event:
    start = timezone.localtime(mock.scheduled_at, zone)
    changed = mock.updated_at.astimezone(UTC).replace(microsecond=0)
    return Event.new(
        uid=mock_uid(mock, host),
        start=start,
        end=start + timedelta(minutes=mock.minutes),
        summary=f"Mock interview: {mock.round.name}",
        description=mock_description(mock),
        status=EVENT_STATUS[mock.status],
        stamp=changed,
        created=mock.created_at.astimezone(UTC).replace(microsecond=0),
        last_modified=changed,
        sequence=mock_sequence(mock),
    )


@dataclass(frozen=True)
class Observance:
    """One stretch of a zone's local time: from `starts` (UTC) at `offset`."""

    starts: datetime
    offset_before: timedelta
    offset: timedelta
    is_dst: bool
    name: str


def _state(zone: ZoneInfo, instant: datetime) -> tuple[timedelta, bool, str]:
    local = instant.astimezone(zone)
    return local.utcoffset(), bool(local.dst()), local.tzname()


def zone_observances(zone: ZoneInfo, first: datetime, last: datetime) -> Iterator[Observance]:
    """The state at `first`, then every change of offset, DST flag or name until `last`.

    zoneinfo does not expose its transitions, so they are found by stepping a day at a
    time and halving the step down to the minute where the state changed. Zones change at
    most twice a year, so a day's step never hides two changes.
    """
    state = _state(zone, first)
    yield Observance(first, state[0], state[0], state[1], state[2])
    step = timedelta(days=1)
    cursor = first
    while cursor < last:
        ahead = cursor + step
        if _state(zone, ahead) == state:
            cursor = ahead
            continue
        # In whole minutes after `cursor`: the state still holds at `low`, not at `high`.
        low, high = 0, int(step / timedelta(minutes=1))
        while high - low > 1:
            middle = (low + high) // 2
            if _state(zone, cursor + timedelta(minutes=middle)) == state:
                low = middle
            else:
                high = middle
        changed_at = cursor + timedelta(minutes=high)
        new = _state(zone, changed_at)
        yield Observance(changed_at, state[0], new[0], new[1], new[2])
        state, cursor = new, changed_at


def vtimezone_build(zone: ZoneInfo, first_year: int, last_year: int) -> Timezone:
    """A VTIMEZONE for `zone`, exact from 1 January `first_year` to the end of `last_year`.

    Changes with the same offsets and name share one observance: DTSTART is the first
    onset and every onset, that first one included, is its own RDATE line. RFC 5545 counts
    DTSTART as an onset anyway (a repeated value is the same member of the set), but some
    parsers, the `ical` package among them, only expand RDATE and RRULE.
    """
    first = datetime.combine(date(first_year, 1, 1), time(), zone).astimezone(UTC)
    last = datetime.combine(date(last_year + 1, 1, 1), time(), zone).astimezone(UTC)
    groups: dict[tuple, list[datetime]] = {}
    for observance in zone_observances(zone, first, last):
        key = (observance.is_dst, observance.offset_before, observance.offset, observance.name)
        # RFC 5545 3.8.2.4: the onset is the local time *before* the change, in
        # TZOFFSETFROM: summer time in London starts at 01:00 GMT, not 02:00.
        onset = (observance.starts + observance.offset_before).replace(tzinfo=None)
        groups.setdefault(key, []).append(onset)
    vtimezone = Timezone()
    vtimezone.add("TZID", zone.key)
    for (is_dst, offset_before, offset, name), onsets in groups.items():
        component = TimezoneDaylight() if is_dst else TimezoneStandard()
        component.add("DTSTART", onsets[0])
        for onset in onsets:
            # One value per line: ical.js (Thunderbird) reads only the first of a list.
            component.add("RDATE", onset)
        component.add("TZOFFSETFROM", offset_before)
        component.add("TZOFFSETTO", offset)
        component.add("TZNAME", name)
        vtimezone.add_component(component)
    return vtimezone


def calendar_build(
    mocks: Iterable[MockInterview],
    *,
    zone: ZoneInfo,
    host: str,
    name: str = "prepapp mock interviews",
) -> bytes:
    """A VCALENDAR with one VEVENT per mock, times in `zone`, with that zone's VTIMEZONE.

    Mocks need `round` loaded and `questions` prefetched, or each costs queries.
    """
    events = [event_build(mock, zone, host) for mock in mocks]
    calendar = Calendar()
    calendar.add("VERSION", "2.0")
    calendar.add("PRODID", PRODID)
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("NAME", name)
    calendar.add("X-WR-CALNAME", name)
    calendar.add("X-WR-TIMEZONE", zone.key)
    calendar.add("REFRESH-INTERVAL", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH_INTERVAL))
    # Every year an event starts or ends in; this year when there is none.
    years = [e.start.year for e in events] + [e.end.year for e in events]
    years = years or [timezone.localdate(timezone=zone).year]
    calendar.add_component(vtimezone_build(zone, min(years), max(years)))
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()


def feed_mocks(user_id: int, now: datetime) -> QuerySet[MockInterview]:
    """What the feed lists: every scheduled mock, and done or cancelled ones of 90 days."""
    return (
        MockInterview.objects.filter(user_id=user_id)
        .filter(Q(status=MockInterview.Status.SCHEDULED) | Q(scheduled_at__gte=now - FEED_HISTORY))
        .select_related("round")
        .prefetch_related("questions")
        .order_by("scheduled_at", "id")
    )


def feed_validators(feed: CalendarFeed, content: bytes) -> tuple[str, int]:
    """The feed's ETag (a hash of its bytes) and Last-Modified (when those last changed).

    The first fetch after any change stores both: one UPDATE, the one write a GET makes.
    It is the feed's metadata, not the user's data, and the only way to date a change no
    row records: a deleted mock, a done one ageing out, a renamed round, a new zone.
    """
    etag = '"' + hashlib.sha256(content).hexdigest()[:40] + '"'
    if etag != feed.etag or feed.changed_at is None:
        feed.etag, feed.changed_at = etag, timezone.now()
        CalendarFeed.objects.filter(pk=feed.pk).update(etag=etag, changed_at=feed.changed_at)
    return etag, int(feed.changed_at.timestamp())
