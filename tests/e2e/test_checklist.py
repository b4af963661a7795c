from __future__ import annotations

import pytest
from playwright.sync_api import expect

from prepapp.accounts.models import User
from prepapp.checklist.models import ItemState
from tests.e2e.conftest import htmx_settled, sign_up

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

OVERALL = "#progress-overall .progress-text"


def test_ticking_updates_progress_in_place_and_is_kept(page, live_server, pack):
    sign_up(page, "ticker@example.org")
    page.goto("/checklist/")
    assert page.inner_text(OVERALL) == "0 of 19 (0%)"

    # Anything that reloads or navigates the page would wipe this marker.
    page.evaluate("window.__marker = 1")
    ticks = page.locator("button.tick")
    first_id = ticks.nth(0).get_attribute("id")
    second_id = ticks.nth(1).get_attribute("id")

    page.click(f"#{first_id}")
    page.wait_for_selector(f'#{first_id}[aria-pressed="true"]')
    assert page.inner_text(OVERALL) == "1 of 19 (5%)"
    page.click(f"#{second_id}")
    page.wait_for_selector(f'#{second_id}[aria-pressed="true"]')
    assert page.inner_text(OVERALL) == "2 of 19 (10%)"
    assert page.evaluate("window.__marker") == 1
    # The topic's own bar moved too (both items are in the first topic).
    assert page.inner_text("#progress-topic-metrics-outcomes .progress-text") == "2 of 2 (100%)"
    # Focus stays on the button that was pressed, for keyboard users.
    assert page.evaluate("document.activeElement.id") == second_id

    user = User.objects.get(email="ticker@example.org")
    assert ItemState.objects.filter(user=user, ticked_at__isnull=False).count() == 2

    page.reload()
    assert page.evaluate("window.__marker") is None
    assert page.inner_text(OVERALL) == "2 of 19 (10%)"
    assert page.get_attribute(f"#{first_id}", "aria-pressed") == "true"
    assert page.get_attribute(f"#{second_id}", "aria-pressed") == "true"

    # Untick one: back down, still without a reload.
    page.evaluate("window.__marker = 2")
    page.click(f"#{first_id}")
    page.wait_for_selector(f'#{first_id}[aria-pressed="false"]')
    assert page.inner_text(OVERALL) == "1 of 19 (5%)"
    assert page.evaluate("window.__marker") == 2
    assert ItemState.objects.filter(user=user, ticked_at__isnull=False).count() == 1


def test_note_and_own_item_without_reload_and_after(page, live_server, pack):
    sign_up(page, "noter@example.org")
    page.goto("/checklist/")
    # The add form is folded at the top of the page.
    expect(page.locator("#add_text")).to_be_hidden()
    page.click("summary:has-text('Add your own item')")
    page.select_option("#add_topic", label="Interview Approach")
    page.fill("#add_text", "Rehearse my 90-second pitch")
    page.click(".add-own button[type=submit]")
    page.wait_for_url("**/checklist/#item-own-*")
    assert page.inner_text(OVERALL) == "0 of 20 (0%)"
    own_row = page.locator("li.check-row", has_text="Rehearse my 90-second pitch")
    # "Added" is beside the new item, on screen where the redirect lands.
    added = own_row.locator(".check-added")
    expect(added).to_have_text("Added to your checklist.")
    expect(added).to_be_in_viewport()

    page.evaluate("window.__marker = 1")
    # The editor loads on demand, in place, focused.
    own_row.locator("a", has_text="Add a note").click()
    expect(own_row.locator("textarea")).to_be_focused()
    own_row.locator("textarea").fill("Time it with a stopwatch")
    own_row.locator("button", has_text="Save note").click()
    page.wait_for_selector("li.check-row .check-note >> text=Time it with a stopwatch")
    htmx_settled(page)
    own_row.locator("button.tick").click()
    expect(page.locator(OVERALL)).to_have_text("1 of 20 (5%)")
    assert page.evaluate("window.__marker") == 1

    page.reload()
    assert "Time it with a stopwatch" in own_row.inner_text()
    assert own_row.locator("button.tick").get_attribute("aria-pressed") == "true"


def test_ticking_works_with_javascript_off(browser, live_server, pack):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        sign_up(page, "nojs@example.org")
        page.goto("/checklist/?show=todo")
        first = page.locator("button.tick").first
        first_id = first.get_attribute("id")
        first.click()
        # Back on the filtered list, at the item's anchor; the done item has left "to do".
        page.wait_for_url(f"**/checklist/?show=todo#{first_id.removeprefix('tick-')}")
        assert page.inner_text(OVERALL) == "1 of 19 (5%)"
        assert page.locator(f"#{first_id}").count() == 0
        page.goto("/checklist/?show=done")
        assert page.get_attribute(f"#{first_id}", "aria-pressed") == "true"
    finally:
        context.close()


def test_a_note_works_with_javascript_off(browser, live_server, pack):
    """Without htmx the row's note link opens the note page, which saves and comes back."""
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        sign_up(page, "nojs-note@example.org")
        page.goto("/checklist/?show=todo")
        row = page.locator("li.check-row").first
        row_id = row.get_attribute("id")
        row.locator("a", has_text="Add a note").click()
        page.wait_for_url("**/note/?show=todo")
        page.fill("textarea", "Bring the one-pager")
        page.click("button:has-text('Save note')")
        page.wait_for_url(f"**/checklist/?show=todo#{row_id}")
        assert "Bring the one-pager" in page.locator(f"#{row_id}").inner_text()
        expect(page.locator(f"#{row_id} a", has_text="Edit note")).to_be_visible()
    finally:
        context.close()
