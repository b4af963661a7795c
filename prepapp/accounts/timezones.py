"""The time zones a user may choose: every IANA name the installed tzdata knows."""

from __future__ import annotations

from functools import cache
from zoneinfo import available_timezones

from django import forms
from django.conf import settings


@cache
def time_zone_names() -> frozenset[str]:
    # Read once per process: the tzdata installed does not change while it runs.
    return frozenset(available_timezones())


def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(time_zone_names())]


class TimeZoneField(forms.ChoiceField):
    """Any IANA zone this machine's tzdata knows; anything else is "not one of the choices"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Time zone")
        kwargs.setdefault("initial", settings.TIME_ZONE)
        # Not required: a form posted without it (a page from before the field existed)
        # keeps the zone the user has; see time_zone_clean.
        kwargs.setdefault("required", False)
        super().__init__(choices=time_zone_choices, **kwargs)


def time_zone_clean(form) -> str:
    """The zone chosen, else the one the row has (the site's zone for a new user)."""
    return form.cleaned_data.get("time_zone") or form.instance.time_zone or settings.TIME_ZONE
