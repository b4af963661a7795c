"""The time-zone <select>: its options rendered once per process, the same as Django's."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.urls import reverse
from django.utils.choices import CallableChoiceIterator

from prepapp.accounts.timezones import TimeZoneField, time_zone_choices

_OPTION = re.compile(r'<option value="([^"]*)"( selected)?>([^<]*)</option>')


def _options(html: str) -> list[tuple[str, bool, str]]:
    return [(value, bool(selected), label) for value, selected, label in _OPTION.findall(html)]


@pytest.mark.parametrize("value", ["America/New_York", "Europe/London", "", "Not/AZone"])
def test_the_options_are_those_djangos_select_renders(value):
    attrs = {"id": "id_time_zone", "aria-describedby": "id_time_zone_helptext"}
    ours = TimeZoneField().widget.render("time_zone", value, attrs=attrs)
    djangos = forms.Select(choices=time_zone_choices()).render("time_zone", value, attrs=attrs)
    assert _options(ours) == _options(djangos)
    assert len(_options(ours)) == len(time_zone_choices()) > 400
    assert ours.startswith(
        '<select name="time_zone" id="id_time_zone" aria-describedby="id_time_zone_helptext">'
    )


def test_the_settings_page_selects_the_users_zone_and_only_it(auth_client, user):
    user.time_zone = "America/Argentina/Buenos_Aires"
    user.save()
    html = auth_client.get(reverse("accounts:settings")).content.decode()
    chosen = [(value, label) for value, selected, label in _options(html) if selected]
    assert chosen == [("America/Argentina/Buenos_Aires", "America/Argentina/Buenos Aires")]


def test_a_re_rendered_form_keeps_the_posted_zone_selected(auth_client):
    response = auth_client.post(
        reverse("accounts:settings"),
        {"display_name": "x" * 500, "time_zone": "Asia/Tokyo", "interview_date": ""},
    )
    assert response.status_code == 200  # the name is too long: the form is shown again
    chosen = [value for value, selected, _label in _options(response.content.decode()) if selected]
    assert chosen == ["Asia/Tokyo"]


def test_the_settings_page_renders_no_template_per_option(auth_client):
    # ~600 option templates made the page cost 20 times the rest of it (make bench).
    response = auth_client.get(reverse("accounts:settings"))
    names = [template.name for template in response.templates]
    assert "accounts/widgets/time_zone_select.html" in names
    assert "django/forms/widgets/select_option.html" not in names


@pytest.mark.parametrize("required", [True, False])
def test_required_or_not_it_answers_as_djangos_select_without_reading_the_zones(
    required, monkeypatch
):
    class Form(forms.Form):
        time_zone = TimeZoneField(required=required)

    djangos = forms.Select(choices=time_zone_choices())
    html = str(Form()["time_zone"])
    assert (" required" in html) is djangos.use_required_attribute(None) is False

    def no_zones(self):
        raise AssertionError("the ~600 choices were iterated")

    form = Form()
    monkeypatch.setattr(CallableChoiceIterator, "__iter__", no_zones)
    assert "<option" in str(form["time_zone"])
