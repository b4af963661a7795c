"""Dates and time zones in a real browser: what the user enters is neither lost nor shifted."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from django.utils import timezone
from icalendar import Calendar

from prepapp.accounts.models import User
from prepapp.mocks.models import MockInterview
from tests.e2e.conftest import WATCH_CSP, sign_up

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_settings_keeps_the_interview_date_when_saved_again(page, live_server, pack):
    sign_up(page, "dated@example.org")
    year = timezone.localdate().year + 1
    page.goto("/accounts/settings/")
    page.fill("input[name=interview_date]", f"{year}-01-15")
    page.click("form.narrow button[type=submit]")
    page.wait_for_url("**/accounts/settings/")
    # The field shows the saved date (a locale-format value would show as empty)...
    assert page.input_value("input[name=interview_date]") == f"{year}-01-15"
    # ...so saving another change leaves it alone.
    page.fill("input[name=display_name]", "Dana")
    page.click("form.narrow button[type=submit]")
    page.wait_for_url("**/accounts/settings/")
    assert page.input_value("input[name=interview_date]") == f"{year}-01-15"
    user = User.objects.get(email="dated@example.org")
    assert (user.display_name, user.interview_date) == ("Dana", date(year, 1, 15))
    page.goto("/dashboard/")
    assert re.search(r"\d+ days to your interview", page.inner_text(".countdown h2"))


@pytest.fixture
def page_in_new_york(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, timezone_id="America/New_York", accept_downloads=True
    )
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    violations = page.evaluate("window.__cspViolations || []")
    context.close()
    assert errors == [], f"console errors: {errors}"
    assert violations == [], f"CSP violations: {violations}"


def test_sign_up_takes_the_browsers_zone_and_a_six_pm_mock_stays_six_pm(page_in_new_york, pack):
    page = page_in_new_york
    page.goto("/accounts/signup/")
    assert page.input_value("select[name=time_zone]") == "America/New_York"
    sign_up(page, "nyc@example.org")
    user = User.objects.get(email="nyc@example.org")
    assert user.time_zone == "America/New_York"

    year = timezone.now().year + 1
    page.goto("/mocks/new/")
    page.select_option("select[name=round]", label="Technical Interview")
    page.fill("input[name=scheduled_at]", f"{year}-07-15T18:00")
    page.click("form.mock-form button[type=submit]")
    page.wait_for_url(re.compile(r"/mocks/\d+/$"))
    assert f"15 July {year}, 18:00" in page.inner_text("main")
    mock = MockInterview.objects.get(user=user)
    assert mock.scheduled_at == datetime(year, 7, 15, 22, 0, tzinfo=UTC)

    with page.expect_download() as download:
        page.click("text=Add to calendar (.ics)")
    content = Path(download.value.path()).read_bytes()
    (event,) = Calendar.from_ical(content).events
    assert event["DTSTART"].params["TZID"] == "America/New_York"
    assert event.start.astimezone(UTC) == datetime(year, 7, 15, 22, 0, tzinfo=UTC)
