"""Every page is valid HTML: the Nu Html Checker (vnu.jar) reports no error on any of them.

Pages are found by tests/security/walker.py (the resolver, signed in with data and signed out),
plus the states a walk of plain GETs does not reach: the htmx fragments, filtered lists,
and forms re-rendered with their errors. All are written to files and checked by one vnu process, which takes
seconds where one process per page would take minutes.

vnu.jar comes from npm (package.json pins vnu-jar; `make test` runs `npm ci`) and needs
Java. Without them the test skips on a developer's machine; in CI it must run.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import IN_CI
from tests.security.walker import html_pages

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture(scope="session")
def vnu_command() -> list[str]:
    java = shutil.which("java")
    missing = [
        what for what, ok in (("Java", java), ("vnu.jar (npm ci)", VNU_JAR.exists())) if not ok
    ]
    if missing:
        if IN_CI:
            pytest.fail(f"{' and '.join(missing)} missing in CI: the HTML check must run there")
        pytest.skip(f"{' and '.join(missing)} not installed")
    return [java, "-Xss4m", "-jar", str(VNU_JAR)]


def vnu_errors(command: list[str], folder: Path) -> list[dict]:
    """Every error vnu finds in the .html files in `folder`, in one run."""
    files = sorted(str(p) for p in folder.glob("*.html"))
    result = subprocess.run(
        [*command, "--format", "json", "--exit-zero-always", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]


def _states(user) -> list[tuple[str, str, str, dict | None, bool]]:
    """(label, method, URL, data, signed in) of the page states no plain GET reaches."""
    answers = reverse("practice:answers")
    return [
        ("questions-filtered", "get", reverse("library:questions"), {"q": "metric"}, True),
        ("answers-filtered", "get", answers, {"q": "a", "min_score": "2"}, True),
        ("answers-bad-filter", "get", answers, {"date_from": "2026-02-30"}, True),
        ("mocks-filtered", "get", reverse("mocks:list"), {"status": "done"}, True),
        ("practice-new-errors", "post", reverse("practice:new"), {"body": ""}, True),
        ("mock-form-errors", "post", reverse("mocks:create"), {"round": "nope"}, True),
        ("own-item-errors", "post", reverse("checklist:own_add"), {"text": ""}, True),
        ("settings-errors", "post", reverse("accounts:settings"), {"interview_date": "x"}, True),
        ("signup-errors", "post", reverse("accounts:signup"), {"email": "not-an-email"}, False),
        ("login-errors", "post", reverse("accounts:login"), {"username": "x"}, False),
        ("sharing-invite-errors", "post", reverse("sharing:settings"), {"email": "x"}, True),
        ("sharing-link-errors", "post", reverse("sharing:link_create"), {"days": "0"}, True),
        ("sharing-link-created", "post", reverse("sharing:link_create"), {"days": "7"}, True),
    ]


# An htmx fragment is checked inside the smallest valid document.
FRAGMENT_PAGE = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>fragment</title>'
    "</head><body>{}</body></html>"
)


def test_every_page_is_valid_html(user, pack, tmp_path, vnu_command):
    signed_in = Client()
    signed_in.force_login(user)
    anonymous = Client()
    pages = html_pages(user)
    written = {}
    for name, url, is_signed_in in pages:
        client = signed_in if is_signed_in else anonymous
        written[name] = client.get(url).content
        # The fragment the same URL gives an htmx filter, where it gives one.
        fragment = client.get(url, headers={"HX-Request": "true"}).content
        if b"<html" not in fragment:
            html = fragment.decode()
            # A list row (the checklist's note editor) is checked inside its list.
            html = f"<ul>{html}</ul>" if html.lstrip().startswith("<li") else html
            written[f"{name}-fragment"] = FRAGMENT_PAGE.format(html).encode()
    for label, method, url, data, is_signed_in in _states(user):
        client = signed_in if is_signed_in else anonymous
        response = getattr(client, method)(url, data)
        assert response.status_code == 200, f"{label}: {response.status_code}"
        written[label] = response.content
    for label, content in written.items():
        (tmp_path / f"{label.replace(':', '-')}.html").write_bytes(content)

    errors = vnu_errors(vnu_command, tmp_path)

    report = [
        f"{Path(e['url']).name}:{e.get('lastLine', '?')}: {e['message']}"
        f" [{e.get('extract', '').strip()[:80]}]"
        for e in errors
    ]
    assert not report, f"{len(report)} HTML errors:\n" + "\n".join(report)
    # Signed out and signed in, every app: the walk did reach the pages.
    assert {"landing", "accounts:login", "dashboard:home", "mocks:detail"} <= set(written)
    assert len(written) > 30
