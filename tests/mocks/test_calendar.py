"""Calendar files read back by two independent parsers, in the user's zone.

icalendar (which writes the files) resolves TZID through zoneinfo; `ical` is a second,
separate implementation, and its IcsTimezoneInfo reads offsets *only* from the VTIMEZONE in
the file, as a calendar app without its own tz database (or ical.js) must.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from ical.calendar_stream import IcsCalendarStream
from ical.timezone import IcsTimezoneInfo
from icalendar import Calendar

from prepapp.mocks.calendar import vtimezone_build
from prepapp.mocks.models import MockInterview
from tests.factories import UserFactory
from tests.mocks.factories import CalendarFeedFactory, MockInterviewFactory

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")


def _ical(content: bytes):
    return IcsCalendarStream.calendar_from_ics(content.decode())


def _from_vtimezone(parsed, value: datetime) -> datetime:
    """`value`'s wall-clock time read with the file's own VTIMEZONE, as a UTC instant."""
    (vtimezone,) = parsed.timezones
    own = IcsTimezoneInfo.from_timezone(vtimezone)
    return value.replace(tzinfo=own).astimezone(UTC)


def _transitions(zone: ZoneInfo, year: int) -> list[datetime]:
    """Every UTC minute in `year` at which `zone` changes offset (brute force, by hour)."""
    found = []
    instant = datetime(year, 1, 1, tzinfo=UTC)
    while instant.year == year:
        after = instant + timedelta(hours=1)
        if instant.astimezone(zone).utcoffset() != after.astimezone(zone).utcoffset():
            minute = instant
            while minute.astimezone(zone).utcoffset() == instant.astimezone(zone).utcoffset():
                minute += timedelta(minutes=1)
            found.append(minute)
        instant = after
    return found


@pytest.fixture
def new_yorker(db):
    return UserFactory(time_zone="America/New_York")


def test_a_new_yorkers_six_pm_mock_is_six_pm_on_the_page_and_22_utc_in_the_ics(client, new_yorker):
    client.force_login(new_yorker)
    year = timezone.now().year + 1
    round_ = MockInterviewFactory.build().round
    response = client.post(
        reverse("mocks:create"),
        {
            "round": round_.pk,
            "scheduled_at": f"{year}-07-15T18:00",
            "status": "scheduled",
            "format": "peer",
        },
    )
    assert response.status_code == 302, response.content.decode()
    mock = MockInterview.objects.get()
    assert mock.scheduled_at == datetime(year, 7, 15, 22, 0, tzinfo=UTC)

    page = client.get(reverse("mocks:detail", args=[mock.pk])).content.decode()
    assert f"15 July {year}, 18:00" in page
    listed = client.get(reverse("mocks:list")).content.decode()
    assert f"15 Jul {year}, 18:00" in listed
    form = client.get(reverse("mocks:edit", args=[mock.pk])).content.decode()
    assert f'value="{year}-07-15T18:00"' in form

    content = client.get(reverse("mocks:ics", args=[mock.pk])).content
    (event,) = Calendar.from_ical(content).events
    assert event["DTSTART"].params["TZID"] == "America/New_York"
    assert event.start.astimezone(UTC) == datetime(year, 7, 15, 22, 0, tzinfo=UTC)
    parsed = _ical(content)
    (other,) = parsed.events
    assert (other.dtstart.hour, other.dtstart.minute) == (18, 0)
    assert other.dtstart.astimezone(UTC) == datetime(year, 7, 15, 22, 0, tzinfo=UTC)
    assert _from_vtimezone(parsed, other.dtstart) == datetime(year, 7, 15, 22, 0, tzinfo=UTC)


@pytest.mark.parametrize("zone_name", ["America/New_York", "Europe/London"])
def test_summer_and_winter_of_two_years_agree_in_both_parsers(client, zone_name):
    zone = ZoneInfo(zone_name)
    user = UserFactory(time_zone=zone_name)
    feed = CalendarFeedFactory(user=user)
    year = timezone.now().year + 1
    # 18:00 local in winter and summer of two years: the summers are where a VTIMEZONE
    # whose later changes are lost comes out an hour off.
    local_times = [
        datetime(year, 1, 20, 18, 0),
        datetime(year, 7, 20, 18, 0),
        datetime(year + 1, 1, 20, 18, 0),
        datetime(year + 1, 7, 20, 18, 0),
    ]
    for local in local_times:
        MockInterviewFactory(user=user, scheduled_at=local.replace(tzinfo=zone))
    content = client.get(reverse("mocks:feed", args=[feed.token])).content
    expected = [local.replace(tzinfo=zone).astimezone(UTC) for local in local_times]

    by_icalendar = [e.start.astimezone(UTC) for e in Calendar.from_ical(content).events]
    assert sorted(by_icalendar) == expected
    parsed = _ical(content)
    starts = sorted(e.dtstart for e in parsed.events)
    assert [(s.hour, s.minute) for s in starts] == [(18, 0)] * 4
    assert [s.astimezone(UTC) for s in starts] == expected
    assert [_from_vtimezone(parsed, s) for s in starts] == expected
    assert parsed.timezones[0].tz_id == zone_name


@pytest.mark.parametrize("zone_name", ["America/New_York", "Europe/London", "Australia/Sydney"])
def test_vtimezone_onsets_are_the_local_time_before_each_change(zone_name):
    zone = ZoneInfo(zone_name)
    year = timezone.now().year + 1
    text = vtimezone_build(zone, year, year + 1).to_ical().decode()
    # One value per RDATE line (ical.js reads only the first of a comma-separated list).
    rdates = [line for line in text.splitlines() if line.startswith("RDATE")]
    assert rdates and all("," not in line for line in rdates)
    calendar = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + text + "END:VCALENDAR\r\n"
    )
    (vtimezone,) = IcsCalendarStream.calendar_from_ics(calendar).timezones
    onsets = sorted(
        {
            (local - obs.tz_offset_from.offset).replace(tzinfo=UTC)
            for obs in [*vtimezone.standard, *vtimezone.daylight]
            for local in [obs.dtstart, *obs.rdate]
        }
    )
    # The first observance states the zone at the start of the range; the rest are changes.
    assert onsets[1:] == _transitions(zone, year) + _transitions(zone, year + 1)
    assert len(onsets) == 5


def test_five_years_of_changes_are_one_rdate_a_line():
    year = timezone.now().year
    text = vtimezone_build(NEW_YORK, year, year + 4).to_ical().decode()
    rdates = [line for line in text.splitlines() if line.startswith("RDATE")]
    # Two changes a year, each its own line; the first state at the start of the range.
    assert len(rdates) == 2 * 5 + 1
    assert all(re.fullmatch(r"RDATE:\d{8}T\d{6}", line) for line in rdates)


def test_london_summer_time_starts_at_one_utc():
    year = timezone.now().year + 1
    text = vtimezone_build(LONDON, year, year).to_ical().decode()
    daylight = text.split("BEGIN:DAYLIGHT", 1)[1].split("END:DAYLIGHT", 1)[0]
    (onset,) = set(re.findall(r"(?:DTSTART|RDATE):(\d{8}T\d{6})", daylight))
    last_sunday_of_march = max(
        day for day in range(25, 32) if datetime(year, 3, day).weekday() == 6
    )
    assert onset == f"{year}03{last_sunday_of_march:02d}T010000"
    assert "TZOFFSETFROM:+0000" in daylight and "TZOFFSETTO:+0100" in daylight


def test_a_zone_without_clock_changes_has_one_observance():
    text = vtimezone_build(ZoneInfo("Asia/Tokyo"), 2027, 2028).to_ical().decode()
    assert text.count("BEGIN:STANDARD") == 1 and "BEGIN:DAYLIGHT" not in text
    assert "TZOFFSETTO:+0900" in text


def test_the_vtimezone_covers_every_year_with_an_event(client, new_yorker):
    feed = CalendarFeedFactory(user=new_yorker)
    year = timezone.now().year
    MockInterviewFactory(user=new_yorker, scheduled_at=datetime(year + 1, 7, 1, 9, tzinfo=UTC))
    MockInterviewFactory(user=new_yorker, scheduled_at=datetime(year + 3, 7, 1, 9, tzinfo=UTC))
    text = client.get(reverse("mocks:feed", args=[feed.token])).content.decode()
    for covered in range(year + 1, year + 4):
        assert f"RDATE:{covered}03" in text  # each year's spring change
        assert f"RDATE:{covered}11" in text  # and its autumn one
    assert f"RDATE:{year + 4}03" not in text


def _built(mocks, zone=LONDON, **kwargs) -> Calendar:
    from prepapp.mocks.calendar import calendar_build

    return Calendar.from_ical(calendar_build(mocks, zone=zone, host="example.org", **kwargs))


def test_each_status_has_its_event_status_and_each_stamp_its_row_time():
    created = datetime(2026, 5, 1, 8, 0, 0, 250_000, tzinfo=UTC)
    mocks = []
    for n, status in enumerate(["scheduled", "done", "cancelled"]):
        mock = MockInterviewFactory(
            status=status, scheduled_at=datetime(2026, 6, 1 + n, 9, tzinfo=UTC)
        )
        # Edited 90.7 seconds (SEQUENCE 90) plus n hours after it was created.
        changed = created + timedelta(hours=n, seconds=90, microseconds=700_000)
        MockInterview.objects.filter(pk=mock.pk).update(created_at=created, updated_at=changed)
        mock.refresh_from_db()
        mocks.append(mock)
    events = _built(mocks, zone=NEW_YORK).events
    assert [str(e["STATUS"]) for e in events] == ["CONFIRMED", "CONFIRMED", "CANCELLED"]
    for n, event in enumerate(events):
        changed = datetime(2026, 5, 1, 8 + n, 1, 30, tzinfo=UTC)
        assert changed == event.DTSTAMP
        assert event["DTSTAMP"].to_ical() == changed.strftime("%Y%m%dT%H%M%SZ").encode()
        assert changed == event.LAST_MODIFIED
        assert event["CREATED"].dt == datetime(2026, 5, 1, 8, tzinfo=UTC)
        assert int(event["SEQUENCE"]) == 90 + 3600 * n
        assert event.start.tzinfo.key == "America/New_York"


def test_a_row_saved_before_it_was_created_has_sequence_zero():
    from prepapp.mocks.calendar import mock_sequence

    mock = MockInterviewFactory()
    mock.updated_at = mock.created_at - timedelta(seconds=5)
    assert mock_sequence(mock) == 0
    mock.updated_at = mock.created_at + timedelta(seconds=1)
    assert mock_sequence(mock) == 1


def test_the_calendar_names_itself_and_its_zone():
    calendar = _built([], zone=NEW_YORK, name="Ada's mocks")
    assert str(calendar["NAME"]) == "Ada's mocks"
    assert str(calendar["X-WR-CALNAME"]) == "Ada's mocks"
    assert str(calendar["X-WR-TIMEZONE"]) == "America/New_York"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["PRODID"]) == "-//prepapp//Mock interviews//EN"
    assert str(_built([])["NAME"]) == "prepapp mock interviews"


def test_the_vtimezone_covers_the_year_an_event_ends_in_and_this_year_when_empty():
    # Starts on New Year's Eve in New York, ends in the next year.
    mock = MockInterviewFactory(
        scheduled_at=datetime(2030, 12, 31, 23, 30, tzinfo=NEW_YORK), minutes=60
    )
    text = _built([mock], zone=NEW_YORK).to_ical().decode()
    assert "RDATE:20300310T020000" in text and "RDATE:20301103T020000" in text
    assert "RDATE:20310309T020000" in text and "RDATE:20311102T020000" in text
    assert "RDATE:2029" not in text and "RDATE:2032" not in text
    this_year = timezone.localdate(timezone=NEW_YORK).year
    empty = _built([], zone=NEW_YORK).to_ical().decode()
    assert f"RDATE:{this_year}03" in empty and f"RDATE:{this_year}11" in empty
    assert f"RDATE:{this_year + 1}" not in empty and f"RDATE:{this_year - 1}" not in empty


def test_the_feed_validators_change_only_with_the_bytes(django_assert_num_queries):
    import hashlib

    from prepapp.mocks.calendar import feed_validators
    from prepapp.mocks.models import CalendarFeed

    feed = CalendarFeedFactory()
    with django_assert_num_queries(1):  # the first fetch stores them
        etag, modified = feed_validators(feed, b"one")
    assert etag == '"' + hashlib.sha256(b"one").hexdigest()[:40] + '"'
    stored = CalendarFeed.objects.get(pk=feed.pk)
    assert (stored.etag, int(stored.changed_at.timestamp())) == (etag, modified)
    stored.changed_at -= timedelta(minutes=5)
    stored.save(update_fields=["changed_at"])
    with django_assert_num_queries(0):  # the same bytes: nothing written, the old date kept
        assert feed_validators(stored, b"one") == (etag, int(stored.changed_at.timestamp()))
    five_minutes_ago = int(stored.changed_at.timestamp())
    with django_assert_num_queries(1):
        new_etag, new_modified = feed_validators(stored, b"two")
    assert new_etag == '"' + hashlib.sha256(b"two").hexdigest()[:40] + '"'
    assert new_modified >= five_minutes_ago + 299
    assert CalendarFeed.objects.get(pk=feed.pk).etag == new_etag


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("prep.example.org:8443", "prep.example.org"),
        ("prep.example.org", "prep.example.org"),
        ("", "prepapp"),
    ],
)
def test_uid_host_drops_the_port(host, expected):
    from prepapp.mocks.calendar import uid_host

    assert uid_host(host) == expected


def test_the_feed_lists_mocks_in_the_order_they_happen():
    from prepapp.mocks.calendar import feed_mocks

    user = UserFactory()
    now = timezone.now()
    later = MockInterviewFactory(user=user, scheduled_at=now + timedelta(days=9))
    sooner = MockInterviewFactory(user=user, scheduled_at=now + timedelta(days=2))
    same_time = MockInterviewFactory(user=user, scheduled_at=sooner.scheduled_at)
    old_scheduled = MockInterviewFactory(user=user, scheduled_at=now - timedelta(days=400))
    assert list(feed_mocks(user.pk, now)) == [old_scheduled, sooner, same_time, later]


def test_a_change_just_after_the_last_year_is_left_out():
    # São Tomé moved from GMT to WAT at 01:00 on 1 January 2018, an hour after 2017 ended.
    zone = ZoneInfo("Africa/Sao_Tome")
    assert b"2018" not in vtimezone_build(zone, 2017, 2017).to_ical()
    assert b"RDATE:20180101T010000" in vtimezone_build(zone, 2018, 2018).to_ical()


def test_uids_are_a_keyed_sha256_of_the_id():
    from django.utils.crypto import salted_hmac

    from prepapp.mocks.calendar import UID_SALT, mock_uid

    mock = MockInterviewFactory()
    digest = salted_hmac(UID_SALT, str(mock.pk), algorithm="sha256").hexdigest()
    assert mock_uid(mock, "prep.example.org") == f"{digest[:32]}@prep.example.org"


def test_each_observance_is_named_and_a_southern_summer_starts_as_daylight():
    london = vtimezone_build(LONDON, 2026, 2026).to_ical().decode()
    assert "TZNAME:BST" in london and "TZNAME:GMT" in london
    sydney = Calendar.from_ical(
        vtimezone_build(ZoneInfo("Australia/Sydney"), 2026, 2026).to_ical()
    )
    first = next(c for c in sydney.walk() if c.get("DTSTART") and c["DTSTART"].dt.month == 1)
    assert first.name == "DAYLIGHT" and str(first["TZNAME"]) == "AEDT"


def test_the_vtimezone_does_not_depend_on_the_servers_zone(monkeypatch):
    import time as time_module

    expected = vtimezone_build(NEW_YORK, 2026, 2026).to_ical()
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time_module.tzset()
    try:
        assert vtimezone_build(NEW_YORK, 2026, 2026).to_ical() == expected
    finally:
        monkeypatch.undo()
        time_module.tzset()
