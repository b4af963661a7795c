"""The time zones a user may choose: every IANA name the installed tzdata knows."""

from __future__ import annotations

from functools import cache
from zoneinfo import available_timezones

from django import forms
from django.conf import settings
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe


@cache
def time_zone_names() -> frozenset[str]:
    # Read once per process: the tzdata installed does not change while it runs.
    return frozenset(available_timezones())


def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(time_zone_names())]


@cache
def _options_html() -> str:
    # The same <option>s Django's Select would render, none selected, built once per process.
    return "".join(
        format_html('\n  <option value="{}">{}</option>', name, label)
        for name, label in time_zone_choices()
    )


def time_zone_options_html(selected: str | None) -> SafeString:
    """Every zone's <option>, the `selected` one (if it is a zone) marked selected."""
    html = _options_html()
    if selected:
        chosen = f'<option value="{escape(selected)}">'
        html = html.replace(chosen, chosen[:-1] + " selected>", 1)
    return mark_safe(html)


class TimeZoneSelect(forms.Select):
    """A <select> of every zone whose ~600 options are rendered once per process.

    Django's Select renders each option through a template of its own: ~600 of them made
    the settings page (and sign-up) cost 40-50 ms a request, twenty times the rest of it.
    The options are fixed while the process runs, so only the chosen one's `selected`
    changes; the <select> itself still goes through the form renderer (id, aria-*).
    """

    template_name = "accounts/widgets/time_zone_select.html"

    def optgroups(self, name, value, attrs=None):
        # The template does not loop over them; time_zone_options_html stands in.
        return []

    def use_required_attribute(self, initial) -> bool:
        # Django's Select asks whether the first choice is empty, and iterating the choices
        # normalises all ~600 of them (a fifth of the settings page). The first zone is
        # never empty, so Django's answer is always no: no `required` on this select.
        return False

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        values = context["widget"]["value"]
        context["widget"]["options_html"] = time_zone_options_html(values[0] if values else None)
        return context


class TimeZoneField(forms.ChoiceField):
    """Any IANA zone this machine's tzdata knows; anything else is "not one of the choices"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Time zone")
        kwargs.setdefault("initial", settings.TIME_ZONE)
        # Not required: a form posted without it (a page from before the field existed)
        # keeps the zone the user has; see time_zone_clean.
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", TimeZoneSelect)
        super().__init__(choices=time_zone_choices, **kwargs)


def time_zone_clean(form) -> str:
    """The zone chosen, else the one the row has (the site's zone for a new user)."""
    return form.cleaned_data.get("time_zone") or form.instance.time_zone or settings.TIME_ZONE
