"""Playwright driving Debian's Chromium against pytest-django's live server.

Every page a test opens is watched: a console error or a CSP violation fails
the test at teardown, so a browser test also proves the CSP holds.
"""

from __future__ import annotations

import os

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls the
# tests make for set-up are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# htmx inserts a swap's new elements at once but wires up their hx- attributes only when
# the swap settles (htmx.config.defaultSettleDelay later), and takes the htmx-added class off
# them as it does. A test that types or clicks into new content waits for that, as no person
# is quick enough to have to: a fast machine otherwise acts on a field nothing listens to yet.
HTMX_SETTLED = "() => !document.querySelector('.htmx-added, .htmx-settling, .htmx-swapping')"


def htmx_settled(page) -> None:
    page.wait_for_function(HTMX_SETTLED)


WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def chromium_path():
    import shutil

    from tests.conftest import IN_CI

    path = shutil.which("chromium") or (
        "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None
    )
    if path is None:
        if IN_CI:
            pytest.fail("Chromium is missing in CI: browser tests must run there")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    return path


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1000, "height": 800}
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


def sign_up(page, email: str, password: str = "a sturdy pass phrase 42") -> None:
    page.goto("/accounts/signup/")
    page.fill("input[name=email]", email)
    page.fill("input[name=password1]", password)
    page.fill("input[name=password2]", password)
    page.click("form button[type=submit]")
    page.wait_for_url("**/dashboard/")
