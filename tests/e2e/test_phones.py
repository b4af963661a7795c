"""Every page on a phone: no sideways scroll at 390 px and 360 px (the page, or a box inside
it), a closed menu no taller than 120 px, 44 px touch targets, fields the width of the
screen, and a menu that opens and closes with the keyboard.

The pages are tests/site_pages.py's walk (signed in with data and signed out), so a new
page is checked without being listed here.
"""

from __future__ import annotations

import pytest
from django.test import Client

from tests.e2e.conftest import WATCH_CSP
from tests.site_pages import html_pages

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NAV_MAX_HEIGHT = 120

# Width of the page, width of the screen, the nav's height, and the elements that stick
# out past the right edge (so a failure names what to fix).
MEASURE = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll('main *, header *')) {
    const box = el.getBoundingClientRect();
    if (box.right > width + 1 && el.offsetParent !== null) {
      const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : '');
      wide.push(name + ' ' + Math.round(box.right));
    }
  }
  // A box that scrolls sideways inside the page (a table in an overflow wrapper).
  const scrollers = [];
  for (const el of document.querySelectorAll('main *')) {
    const overflow = getComputedStyle(el).overflowX;
    if ((overflow === 'auto' || overflow === 'scroll') && el.scrollWidth > el.clientWidth + 1) {
      scrollers.push(el.tagName.toLowerCase() + '.' + el.className + ' ' + el.scrollWidth + '/' + el.clientWidth);
    }
  }
  // Controls a finger has to hit: at least 44 px high (links inside text are exempt).
  const small = [];
  const targets = 'header a, header button, header summary, main button, main .button, main select, '
    + 'main input:not([type=checkbox]):not([type=radio]):not([type=hidden]), main fieldset.choices label, '
    + 'main summary';
  for (const el of document.querySelectorAll(targets)) {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.height < 43.5) {
      small.push(el.tagName.toLowerCase() + ' "' + (el.textContent || el.name || '').trim().slice(0, 30) + '" ' + Math.round(box.height));
    }
  }
  // A field the form renderer drew takes the width of its group.
  const narrow = [];
  for (const el of document.querySelectorAll('main .field > input:not([type=checkbox]):not([type=radio]), main .field > select, main .field > textarea')) {
    const box = el.getBoundingClientRect();
    const group = el.parentElement.getBoundingClientRect();
    if (box.width > 0 && box.width < group.width - 1) {
      narrow.push((el.id || el.name) + ' ' + Math.round(box.width) + '/' + Math.round(group.width));
    }
  }
  return {
    narrow: narrow,
    small: small,
    scrollers: scrollers,
    scroll: root.scrollWidth,
    client: width,
    nav: document.querySelector('.site-header').getBoundingClientRect().height,
    wide: wide.slice(0, 4),
  };
}"""


def _contexts(browser, live_server, user, width):
    """A signed-out and a signed-in browser context at `width` px."""
    django_client = Client()
    django_client.force_login(user)
    session = django_client.cookies["sessionid"].value
    for signed_in in (False, True):
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": width, "height": 800},
            is_mobile=True,
            has_touch=True,
        )
        context.add_init_script(WATCH_CSP)
        if signed_in:
            context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
        yield signed_in, context
        context.close()


def _walk(browser, live_server, user, width) -> tuple[list[str], dict[str, float]]:
    """Visit every page at `width` px; return the problems and each page's nav height."""
    pages = html_pages(user)
    failures: list[str] = []
    heights: dict[str, float] = {}
    for signed_in, context in _contexts(browser, live_server, user, width):
        page = context.new_page()
        page.set_default_timeout(10_000)
        for name, url, needs_sign_in in pages:
            if needs_sign_in != signed_in:
                continue
            response = page.goto(url)
            assert response.status == 200, f"{name} {url}: {response.status}"
            got = page.evaluate(MEASURE)
            heights[name] = got["nav"]
            if got["scroll"] > got["client"]:
                failures.append(
                    f"{name} {url}: {got['scroll']} px wide on a {got['client']} px screen "
                    f"({', '.join(got['wide'])})"
                )
            failures += [f"{name} {url}: scrolls sideways inside {s}" for s in got["scrollers"]]
            failures += [f"{name} {url}: a target under 44 px: {s}" for s in got["small"]]
            failures += [
                f"{name} {url}: a field narrower than its row: {s}" for s in got["narrow"]
            ]
    assert len(pages) > 30
    return failures, heights


def test_no_page_scrolls_sideways_at_390_px_and_the_closed_menu_is_short(
    browser, live_server, pack, user
):
    failures, heights = _walk(browser, live_server, user, 390)
    failures += [
        f"{name}: the nav is {height:.0f} px tall"
        for name, height in heights.items()
        if height > NAV_MAX_HEIGHT
    ]
    assert not failures, f"{len(failures)} problems at 390 px:\n" + "\n".join(failures)


def test_no_page_scrolls_sideways_at_360_px(browser, live_server, pack, user):
    failures, _ = _walk(browser, live_server, user, 360)
    assert not failures, f"{len(failures)} problems at 360 px:\n" + "\n".join(failures)


def _signed_in_page(browser, live_server, user, width, **options):
    django_client = Client()
    django_client.force_login(user)
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 800}, **options
    )
    context.add_init_script(WATCH_CSP)
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": django_client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def test_the_menu_opens_and_closes_with_the_keyboard_and_stays_axe_clean(
    browser, live_server, pack, user
):
    from axe_playwright_python.sync_playwright import Axe

    from tests.e2e.test_accessibility import _violations

    context, page = _signed_in_page(browser, live_server, user, 390)
    page.goto("/checklist/")
    menu = page.locator("details.nav-menu")
    dashboard_link = page.get_by_role("link", name="Dashboard")
    assert not dashboard_link.is_visible()
    # Skip link, brand, then the menu button.
    for _ in range(3):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Enter")
    assert menu.get_attribute("open") is not None
    assert dashboard_link.is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Dashboard"
    # The open menu lies over the page: the header itself does not grow.
    header = page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")
    assert header <= NAV_MAX_HEIGHT
    # The page's current section is marked in the open menu.
    assert page.locator(".nav-links a[aria-current=page]").inner_text() == "Checklist"
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        assert _violations(page, Axe()) == [], scheme
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    assert menu.get_attribute("open") is None
    assert not dashboard_link.is_visible()
    context.close()


def test_a_wide_screen_shows_the_links_in_one_row_without_a_menu_button(
    browser, live_server, pack, user
):
    context, page = _signed_in_page(browser, live_server, user, 1000)
    page.goto("/checklist/")
    assert not page.locator("details.nav-menu > summary").is_visible()
    for name in ("Dashboard", "Checklist", "Questions", "Answers", "Mocks", "Settings"):
        assert page.get_by_role("link", name=name, exact=True).first.is_visible(), name
    assert page.get_by_role("button", name="Sign out").is_visible()
    header = page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")
    assert header < 70
    page.screenshot(path="/tmp/nav-1000.png")
    context.close()
