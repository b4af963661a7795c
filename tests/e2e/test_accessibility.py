"""axe-core finds no violation on any page, in the light and the dark colour scheme.

The pages are tests/security/walker.py's walk (the resolver, signed in with data and signed
out), so a new page is checked without being listed here. axe-core is the copy bundled
with axe-playwright-python (pinned in requirements-dev.txt).
"""

from __future__ import annotations

import pytest
from django.test import Client

from tests.e2e.conftest import WATCH_CSP
from tests.security.walker import html_pages

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# States a walk of plain GETs does not reach: filtered lists, a filter with an error.
FILTERED = [
    ("questions-filtered", "/library/questions/?q=metric&round=technical"),
    ("answers-filtered", "/practice/?q=a&min_score=2"),
    ("answers-bad-filter", "/practice/?min_score=9"),
    ("mocks-filtered", "/mocks/?status=done"),
]


def _violations(page, axe) -> list[str]:
    results = axe.run(page).response
    return [
        f"{v['id']} ({v['impact']}): {v['help']}; "
        + "; ".join(
            f"{node['target'][0]} {node.get('failureSummary', '').splitlines()[-1].strip()}"
            for node in v["nodes"][:3]
        )
        for v in results["violations"]
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_on_any_page(browser, live_server, pack, user, scheme):
    from axe_playwright_python.sync_playwright import Axe

    pages = html_pages(user) + [(name, url, True) for name, url in FILTERED]
    django_client = Client()
    django_client.force_login(user)
    session = django_client.cookies["sessionid"].value
    axe = Axe()
    failures = []
    for signed_in in (False, True):
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": 1000, "height": 800},
            color_scheme=scheme,
        )
        context.add_init_script(WATCH_CSP)
        if signed_in:
            context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
        page = context.new_page()
        page.set_default_timeout(10_000)
        errors: list[str] = []
        page.on(
            "console",
            lambda m, errors=errors: errors.append(m.text) if m.type == "error" else None,
        )
        page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))
        for name, url, needs_sign_in in pages:
            if needs_sign_in != signed_in:
                continue
            response = page.goto(url)
            assert response.status == 200, f"{name} {url}: {response.status}"
            dark = page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
            assert dark == (scheme == "dark"), "the page is not in the scheme under test"
            failures += [f"{name} {url}: {v}" for v in _violations(page, axe)]
            failures += [f"{name} {url}: console error {e}" for e in errors]
            failures += [
                f"{name} {url}: CSP violation {v}"
                for v in page.evaluate("window.__cspViolations || []")
            ]
            errors.clear()
        context.close()
    assert not failures, f"{len(failures)} problems ({scheme}):\n" + "\n".join(failures)
    assert len(pages) > 30
