"""Filters every template has (settings TEMPLATES builtins), without a {% load %}."""

from __future__ import annotations

from datetime import UTC, date, datetime

from django import template

register = template.Library()


@register.filter
def iso_datetime(value) -> str:
    """A `<time datetime>` value: the instant in UTC, to the second ("2026-10-25T00:04:56Z").

    Django's `date:"O"` is empty for a time in the hour the clocks go back (it is ambiguous
    in the local zone), which left `datetime` values with no offset, and invalid, for that
    hour each year. UTC names the instant whatever the zone.
    """
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.replace(microsecond=0).isoformat()
        return value.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date):
        return value.isoformat()
    return ""
