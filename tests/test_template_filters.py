"""iso_datetime: `<time datetime>` values that are valid in every hour of the year."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from django.template import Context, Template
from django.utils import timezone

LONDON = ZoneInfo("Europe/London")


def _render(value) -> str:
    return Template("{{ value|iso_datetime }}").render(Context({"value": value}))


def test_the_hour_the_clocks_go_back_keeps_its_offset():
    # 01:04:56 on 25 October 2026 happens twice in London; date:"O" wrote no offset for it.
    first = datetime(2026, 10, 25, 0, 4, 56, 123456, tzinfo=UTC)
    with timezone.override(LONDON):
        assert _render(first) == "2026-10-25T00:04:56Z"
        old = Template("{{ value|date:'Y-m-d\\TH:i:sO' }}").render(Context({"value": first}))
    assert old == "2026-10-25T01:04:56"  # what the pages carried: no offset, invalid HTML


def test_any_zone_gives_the_same_instant():
    moment = datetime(2026, 7, 1, 22, 0, tzinfo=UTC)
    for zone in ("America/New_York", "Asia/Kolkata", "UTC"):
        with timezone.override(ZoneInfo(zone)):
            assert _render(moment.astimezone(ZoneInfo(zone))) == "2026-07-01T22:00:00Z"


def test_dates_and_nothing():
    assert _render(date(2026, 12, 24)) == "2026-12-24"
    assert _render(None) == ""
