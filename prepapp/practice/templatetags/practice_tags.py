from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def duration(seconds) -> str:
    """Seconds as m:ss (or h:mm:ss), the way the timer shows them."""
    if seconds in (None, ""):
        return ""
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


@register.filter
def signed(value, places: int = 1) -> str:
    """A change with its sign: +0.5, -1.0, ±0."""
    if value is None:
        return ""
    if value == 0:
        return "±0"
    return f"{value:+.{int(places)}f}"
