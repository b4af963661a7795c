from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from prepapp.accounts.data_version import data_version_bump
from prepapp.mocks.models import MockInterview
from tests.e2e.conftest import sign_up

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_plan_a_mock_then_log_it_done(page, live_server, pack):
    sign_up(page, "mocker@example.org")
    page.goto("/mocks/")
    coverage = page.locator("table.coverage")
    assert (
        coverage.locator("tr", has_text="Technical Interview")
        .locator("text=Not yet mocked")
        .is_visible()
    )

    page.click("text=Log a mock")
    page.wait_for_url("**/mocks/new/")
    page.select_option("select[name=round]", label="Technical Interview")
    when = (timezone.localtime() + timedelta(days=3)).replace(hour=10, minute=30)
    page.fill("input[name=scheduled_at]", when.strftime("%Y-%m-%dT%H:%M"))
    page.check("input[name=format][value=coach]")
    page.fill("input[name=interviewer]", "Coach Casey")
    page.click("form.mock-form button[type=submit]")

    page.wait_for_url(re.compile(r"/mocks/\d+/$"))
    assert "Mock interview: Technical Interview" in page.inner_text("h1")
    assert "Coach Casey" in page.inner_text("main")
    mock = MockInterview.objects.get()
    assert mock.status == "scheduled"
    assert mock.minutes == pack.rounds.get(slug="technical").typical_minutes

    page.click("text=All mocks")
    page.wait_for_url("**/mocks/")
    upcoming = page.locator("section", has=page.locator("#upcoming-heading"))
    assert upcoming.get_by_role("link", name="Technical Interview", exact=True).is_visible()

    # A mock still to come cannot be marked done; once it has started, it can.
    assert upcoming.locator("button", has_text="Mark done").count() == 0
    MockInterview.objects.filter(pk=mock.pk).update(
        scheduled_at=timezone.now() - timedelta(minutes=30)
    )
    # Written behind the services' back (the clock's stand-in), so the version moves here:
    # the cached list would otherwise show the old time until the minute turns.
    data_version_bump(mock.user_id)
    page.reload()
    past = page.locator("section", has=page.locator("#past-heading"))
    past.locator("button", has_text="Mark done").click()
    page.wait_for_url(re.compile(r"/mocks/\d+/edit/#feedback$"))
    page.check("input[name=overall_rating][value='4']")
    page.check("input[name=score_structure][value='5']")
    page.fill("textarea[name=strengths]", "Clear structure")
    page.click("form.mock-form button[type=submit]")
    page.wait_for_url(re.compile(r"/mocks/\d+/$"))
    assert "4 / 5" in page.inner_text("main")

    page.goto("/mocks/")
    assert past.get_by_role("link", name="Technical Interview", exact=True).is_visible()
    assert "Nothing scheduled" in upcoming.inner_text()
    row = page.locator("table.coverage tr", has_text="Technical Interview")
    assert "Not yet mocked" not in row.inner_text()
    assert "4.0 / 5" in row.inner_text()
    mock.refresh_from_db()
    assert (mock.status, mock.overall_rating, mock.score_structure) == ("done", 4, 5)


def test_filter_and_calendar_feed_with_htmx(page, live_server, pack):
    sign_up(page, "feeder@example.org")
    page.goto("/mocks/")
    page.click("text=Create calendar feed")
    feed_input = page.locator("#feed-url")
    feed_input.wait_for()
    url = feed_input.input_value()
    assert re.search(r"/mocks/calendar/[\w-]{40,}\.ics$", url)
    # htmx swapped the box in place: still on the list page, no reload.
    assert page.url.endswith("/mocks/")

    page.select_option("select[name=status]", "done")
    page.wait_for_url("**/mocks/?*status=done*")
    assert "No upcoming mocks match these filters" in page.inner_text("#mock-sections")
