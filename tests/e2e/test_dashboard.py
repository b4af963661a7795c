from __future__ import annotations

import re

import pytest

from prepapp.library.models import ChecklistItem
from tests.e2e.conftest import sign_up

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_dashboard_after_some_activity(page, live_server, pack):
    sign_up(page, "dash@example.org")
    assert page.get_by_role("heading", name="Start here: your first ten minutes").is_visible()
    # Day one: first steps, not a page of empty widgets.
    assert page.locator(".big-number").count() == 0
    assert page.locator("svg.chart").count() == 0

    # Tick two checklist items.
    page.goto("/checklist/")
    buttons = page.locator("button.tick[aria-pressed=false]")
    for _ in range(2):
        buttons.first.click()
        page.wait_for_load_state("networkidle")
    # Practise a question with a weak answer, so feedback and recurring mistakes appear.
    page.goto("/practice/new/?question=" + _first_question_slug())
    page.fill(
        "textarea[name=body]", "We would track downloads and DAU to show the app is a success."
    )
    page.get_by_role("button", name=re.compile("Save")).first.click()
    page.wait_for_url(re.compile(r"/practice/answers/\d+/"))

    page.goto("/dashboard/")
    total = ChecklistItem.objects.count()
    assert f"2 of {total} done" in page.inner_text("body")
    assert page.get_by_role("heading", name="Start here: your first ten minutes").count() == 0
    readiness = int(page.inner_text(".big-number span").rstrip("%"))
    assert readiness > 0
    page.get_by_text("How this is computed").click()
    assert page.get_by_role("cell", name="items ticked ÷ items on your checklist").is_visible()
    assert "1 answer in all" in page.inner_text("body")
    assert page.locator("svg.chart rect.bar").count() == 12
    assert page.get_by_role(
        "heading", name=re.compile("Mistakes that keep coming back")
    ).is_visible()
    assert page.locator(".recurring").count() >= 1


def _first_question_slug() -> str:
    from prepapp.library.models import Question

    return Question.objects.order_by("round__order", "pk").values_list("slug", flat=True).first()
