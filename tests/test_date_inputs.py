"""Every date and datetime-local input carries an ISO value, and an unchanged save changes
nothing: a value in the locale's format ("24/12/2026") shows as an empty field in a browser,
and the next save of the form would store null."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from prepapp.accounts.models import User
from prepapp.mocks.models import MockInterview
from prepapp.practice.models import Answer
from tests.form_support import form_read
from tests.mocks.factories import MockInterviewFactory

pytestmark = pytest.mark.django_db

ISO = {"date": r"\d{4}-\d{2}-\d{2}", "datetime-local": r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}"}


def _date_inputs(html: str, action: str) -> dict[str, str]:
    _data, inputs = form_read(html, action)
    found = {a["name"]: a.get("value", "") for a in inputs if a.get("type") in ISO}
    for a in inputs:
        if a.get("type") in ISO and a.get("value"):
            assert re.fullmatch(ISO[a["type"]], a["value"]), a
    return found


# --- Settings ---------------------------------------------------------------------------


def test_settings_renders_the_interview_date_in_iso(auth_client, user):
    user.interview_date = date(2026, 12, 24)
    user.save()
    html = auth_client.get(reverse("accounts:settings")).content.decode()
    assert _date_inputs(html, reverse("accounts:settings")) == {"interview_date": "2026-12-24"}


def test_settings_re_rendered_with_a_british_date_shows_it_in_iso(auth_client, user):
    response = auth_client.post(
        reverse("accounts:settings"),
        {"display_name": "x" * 81, "email": user.email, "interview_date": "24/12/2026"},
    )
    assert response.status_code == 200  # the long name is refused; the date is kept
    html = response.content.decode()
    assert _date_inputs(html, reverse("accounts:settings")) == {"interview_date": "2026-12-24"}


def test_saving_settings_unchanged_changes_nothing(auth_client, user):
    user.interview_date = date(2026, 12, 24)
    user.time_zone = "America/New_York"
    user.save()
    before = User.objects.filter(pk=user.pk).values().get()
    html = auth_client.get(reverse("accounts:settings")).content.decode()
    data, _inputs = form_read(html, reverse("accounts:settings"))
    assert auth_client.post(reverse("accounts:settings"), data).status_code == 302
    after = User.objects.filter(pk=user.pk).values().get()
    assert {k: v for k, v in after.items() if k != "data_version"} == {
        k: v for k, v in before.items() if k != "data_version"
    }


def test_saving_settings_with_another_change_keeps_the_date(auth_client, user):
    user.interview_date = date(2026, 12, 24)
    user.save()
    html = auth_client.get(reverse("accounts:settings")).content.decode()
    data, _inputs = form_read(html, reverse("accounts:settings"))
    data["display_name"] = ["A new name"]
    auth_client.post(reverse("accounts:settings"), data)
    user.refresh_from_db()
    assert (user.display_name, user.interview_date) == ("A new name", date(2026, 12, 24))


# --- The answers filter -------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["2026-03-05", "05/03/2026"])
def test_answer_filter_dates_are_iso(auth_client, typed):
    url = reverse("practice:answers")
    html = auth_client.get(url, {"date_from": typed, "date_to": typed}).content.decode()
    inputs = _date_inputs(html, url)
    assert inputs == {"date_from": "2026-03-05", "date_to": "2026-03-05"}


# --- Mocks ------------------------------------------------------------------------------


def test_mock_form_renders_its_datetime_in_iso(auth_client, user):
    when = timezone.make_aware(datetime(2027, 2, 3, 9, 5))
    mock = MockInterviewFactory(user=user, scheduled_at=when)
    url = reverse("mocks:edit", args=[mock.pk])
    html = auth_client.get(url).content.decode()
    assert _date_inputs(html, url) == {"scheduled_at": "2027-02-03T09:05"}


def test_mock_form_re_rendered_after_an_error_keeps_the_datetime_in_iso(auth_client, user):
    url = reverse("mocks:create")
    round_ = MockInterviewFactory.build().round
    response = auth_client.post(
        url,
        {"round": round_.pk, "scheduled_at": "2027-02-03 09:05", "status": "bogus"},
    )
    assert response.status_code == 200
    assert _date_inputs(response.content.decode(), url) == {"scheduled_at": "2027-02-03T09:05"}


def test_saving_a_mock_unchanged_changes_nothing(auth_client, user):
    answer = Answer.objects.create(
        user=user, question=MockInterviewFactory.build().round.questions.first(), body="x"
    )
    mock = MockInterviewFactory(
        user=user,
        status="done",
        # Seconds and microseconds the minute-wide input cannot show: still kept.
        scheduled_at=timezone.now() - timedelta(days=2, seconds=17, microseconds=5),
        interviewer="Ms Peer",
        typed_questions="One\nTwo",
        overall_rating=4,
        score_structure=3,
        strengths="Calm\nand clear",
        improvements="",
    )
    mock.answers.add(answer)
    mock.questions.add(*mock.round.questions.all()[:2])
    before = MockInterview.objects.filter(pk=mock.pk).values().get()
    url = reverse("mocks:edit", args=[mock.pk])
    data, _inputs = form_read(auth_client.get(url).content.decode(), url)
    assert auth_client.post(url, data).status_code == 302
    after = MockInterview.objects.filter(pk=mock.pk).values().get()
    assert {k: v for k, v in after.items() if k != "updated_at"} == {
        k: v for k, v in before.items() if k != "updated_at"
    }
    assert list(mock.answers.all()) == [answer]
    assert mock.questions.count() == 2


# --- Text that is no date ------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["x", "2026-02-30"])
def test_settings_text_that_is_no_date_is_quoted_in_the_error_not_put_in_the_input(
    auth_client, user, typed
):
    # A date input cannot hold "x" (the HTML checker refuses it and browsers blank it), so
    # the message says what was typed and the input stays empty rather than invalid.
    response = auth_client.post(
        reverse("accounts:settings"),
        {"display_name": "Ann", "email": user.email, "interview_date": typed},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert _date_inputs(html, reverse("accounts:settings")) == {"interview_date": ""}
    assert f"“{typed}” is not a date" in html


def test_mock_form_text_that_is_no_time_is_quoted_in_the_error(auth_client, user):
    url = reverse("mocks:create")
    round_ = MockInterviewFactory.build().round
    response = auth_client.post(url, {"round": round_.pk, "scheduled_at": "soon"})
    html = response.content.decode()
    assert response.status_code == 200
    assert _date_inputs(html, url) == {"scheduled_at": ""}
    assert "“soon” is not a date and time" in html
