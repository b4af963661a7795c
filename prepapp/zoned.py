"""Wall-clock times a user types, read in their zone, around the clock changes.

A time in the spring-forward gap (02:30 on the night New York goes from 02:00 to 03:00)
never happens: it is refused with a message naming the gap. A time in the fall-back hour
(01:30 on the night New York goes from 02:00 back to 01:00) happens twice: it is taken
deliberately as the *first* one, still in summer time (fold=0, what the clock showed first),
and the saved message says so, rather than Django's stock "may be ambiguous or may not exist"
error. Re-saving a form unchanged keeps a stored second occurrence (see MockInterviewForm).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.forms.fields import BaseTemporalField
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime

from prepapp.widgets import typed_back


@dataclass(frozen=True)
class Gap:
    starts: datetime  # naive local: the first wall-clock minute that does not exist
    ends: datetime  # naive local: the first one that exists again


def _exists(naive: datetime, zone: ZoneInfo) -> bool:
    aware = naive.replace(tzinfo=zone)
    return aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == naive


def local_gap(naive: datetime, zone: ZoneInfo) -> Gap | None:
    """The skipped stretch `naive` falls in, or None if that wall-clock time exists."""
    if _exists(naive, zone):
        return None
    before = naive.replace(tzinfo=zone, fold=0).utcoffset()
    after = naive.replace(tzinfo=zone, fold=1).utcoffset()
    length = abs(before - after)
    starts = naive.replace(second=0, microsecond=0)
    while not _exists(starts - timedelta(minutes=1), zone):
        starts -= timedelta(minutes=1)
    return Gap(starts, starts + length)


def local_is_ambiguous(naive: datetime, zone: ZoneInfo) -> bool:
    """True for a wall-clock time the fall-back change shows twice."""
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    return _exists(naive, zone) and first.utcoffset() != second.utcoffset()


def ambiguous_note(value: datetime | None) -> str:
    """For an instant in the hour the clocks go back: which of the two it is; else ""."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    if not local_is_ambiguous(local.replace(tzinfo=None), local.tzinfo):
        return ""
    which = "second" if local.fold else "first"
    return (
        f"{_hm(local)} on {formats.date_format(local, 'j F Y')} happens twice in "
        f"{local.tzinfo.key}, as the clocks go back that night. This one is the {which}, "
        f"in {local.tzname()} (UTC{local.strftime('%z')[:3]}:{local.strftime('%z')[3:]})."
    )


def _hm(value: datetime) -> str:
    return formats.date_format(value, "H:i")


class LocalDateTimeField(forms.DateTimeField):
    """A DateTimeField that reads the text in the active zone, clear about clock changes."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            naive = value
        else:
            # DateTimeField's parsing, without its zone step (which refuses both cases).
            try:
                naive = parse_datetime(value.strip()) or BaseTemporalField.to_python(self, value)
            except (ValueError, forms.ValidationError):
                # The input cannot hold text that is no time, so the message quotes it.
                raise forms.ValidationError(
                    "“%(value)s” is not a date and time: pick one, or type it as "
                    "YYYY-MM-DD HH:MM.",
                    code="invalid",
                    params={"value": typed_back(value)},
                ) from None
        if timezone.is_aware(naive):
            return naive
        zone = timezone.get_current_timezone()
        if gap := local_gap(naive, zone):
            raise forms.ValidationError(
                "%(time)s on %(day)s does not exist in %(zone)s: the clocks go forward from "
                "%(starts)s to %(ends)s that night. Choose a time before %(starts)s or from "
                "%(ends)s.",
                code="nonexistent_time",
                params={
                    "time": _hm(naive),
                    "day": formats.date_format(naive, "j F Y"),
                    "zone": zone.key,
                    "starts": _hm(gap.starts),
                    "ends": _hm(gap.ends),
                },
            )
        # fold=0: in the fall-back hour, the first of the two (see the module's docstring).
        return naive.replace(tzinfo=zone, fold=0)
