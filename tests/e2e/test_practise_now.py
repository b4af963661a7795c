"""Practise now, driven whole: start from the dashboard, answer three questions (one of
them improved on a second attempt), read the feedback with its evidence, grade recall,
reach the summary. At 1280 px with JavaScript, on a 390×844 phone, and with JavaScript off.

Also measures what the issue asked about: the scroll from opening a question to Save, and
the clicks from the dashboard to a saved answer with its recall grade (printed with -s).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from prepapp.library.models import Question
from prepapp.practice.models import Answer, PracticeSession, ReviewLog
from tests.e2e.conftest import CHROMIUM_ARGS, WATCH_CSP, htmx_settled, sign_up  # noqa: F401

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FIRST_QUESTION = "q-background-why-healthcare-pm"
WEAK = "I would just build it quickly and see if people download it."
BETTER = (
    "First I would frame the problem for clinicians and patients, then set a baseline: "
    "30-day readmissions at 18%, with a target of 15% in two quarters. HIPAA and FDA "
    "rules shape the design from day one, and I would review the plan with nurses, "
    "the compliance team and payers before each milestone."
)

SAVE_TOP = """() => {
  const save = [...document.querySelectorAll('button')].find(b => b.textContent.trim() === 'Save answer');
  let y = 0;
  for (let e = save; e; e = e.offsetParent) y += e.offsetTop;
  return y;
}"""


def _context(browser, live_server, *, width=1280, height=800, javascript=True):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": width, "height": height},
        java_script_enabled=javascript,
    )
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return context, page, errors


def _session(page, email: str, *, javascript: bool) -> int:
    """The whole loop; returns the clicks from the dashboard to the first graded answer."""
    sign_up(page, email)
    # A first, weak attempt at one question outside the session: its review is due now.
    page.goto(f"/practice/new/?question={FIRST_QUESTION}")
    page.fill("textarea[name=body]", WEAK)
    page.get_by_role("button", name="Save answer").first.click()
    page.wait_for_url(re.compile(r"/practice/answers/\d+/$"))

    page.goto("/dashboard/")
    clicks = 0
    page.get_by_role("button", name="Practise now").click()
    clicks += 1
    page.wait_for_url(re.compile(r"/practice/session/\d+/$"))
    first = Question.objects.get(slug=FIRST_QUESTION)
    for number, body in enumerate((BETTER, WEAK, BETTER)):
        expect(page.locator("h1")).to_have_text("Write your answer")
        if number == 0:
            # Due reviews first: the question answered weakly a moment ago.
            expect(page.locator(".question-text")).to_have_text(first.text)
        expect(page.locator(".session-progress")).to_contain_text(f"Question {number + 1}")
        if javascript:
            htmx_settled(page)
        page.fill("textarea[name=body]", body)
        if javascript:
            # As someone writing an answer does: the draft is kept before they save.
            expect(page.locator("#draft-status")).to_have_text("Draft saved.")
            page.evaluate("() => { window.__sameDocument = true; }")
        if javascript and number == 1:
            page.keyboard.press("Control+Enter")  # the shortcut the hint announces
        else:
            page.get_by_role("button", name="Save answer").click()
        if number == 0:
            clicks += 1
        # Feedback first, with its evidence, then the self-assessment.
        expect(page.locator("h1")).to_have_text("Feedback on your answer")
        if javascript:
            # htmx swapped the step in: no page load, and the focus is on the new step.
            assert page.evaluate("() => window.__sameDocument === true")
            expect(page.locator("h1")).to_be_focused()
        feedback = page.locator("section[aria-labelledby=feedback-heading]")
        if number == 1:
            finding = feedback.locator("article.finding").first
            expect(finding).to_be_visible()
            expect(finding.locator(".evidence-quotes, .evidence-expected").first).to_be_visible()
            expect(finding.locator(".bad")).to_contain_text("BAD")
        if number == 0:
            expect(feedback.locator(".fixed")).to_contain_text("Fixed since last time")
        page.locator(".segmented label", has_text="4").first.click()
        good = page.locator("button[data-grade-key='3']")
        expect(good).to_contain_text(re.compile(r"Good · \d+ (day|days|hour|hours|min)"))
        if javascript and number == 2:
            page.locator("h1").click()  # away from any field, as a reader would be
            page.keyboard.press("3")
        else:
            good.click()
        if number == 0:
            clicks += 1
    expect(page.locator("h1")).to_have_text("Session summary")
    expect(page.locator("[data-summary=answers]")).to_contain_text("3")
    fixed = int(page.locator("[data-summary=fixed]").inner_text())
    assert fixed >= 1
    expect(page.locator("[data-summary=due]")).to_contain_text("Next review")
    session = PracticeSession.objects.get()
    assert session.finished_at is not None
    assert Answer.objects.count() == 4 and ReviewLog.objects.count() == 3
    assert all(log.rating == 3 for log in ReviewLog.objects.all())
    return clicks


@pytest.mark.parametrize(
    ("width", "height", "javascript"),
    [(1280, 800, True), (390, 844, True), (1280, 800, False)],
    ids=["desktop", "phone", "no-javascript"],
)
def test_a_whole_session(browser, live_server, pack, width, height, javascript):
    context, page, errors = _context(
        browser, live_server, width=width, height=height, javascript=javascript
    )
    try:
        clicks = _session(page, f"session-{width}-{javascript}@example.org", javascript=javascript)
        violations = page.evaluate("window.__cspViolations || []") if javascript else []
    finally:
        context.close()
    assert errors == [] and violations == []
    # Dashboard → Practise now → Save → Good: the answer saved and its recall graded.
    assert clicks == 3
    print(f"\nCLICKS {width}x{height} js={javascript}: {clicks}")


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (390, 844)])
def test_scroll_to_save_is_short(browser, live_server, pack, width, height):
    context, page, errors = _context(browser, live_server, width=width, height=height)
    try:
        sign_up(page, f"scroll-{width}@example.org")
        question = Question.objects.filter(round__slug="technical").order_by("pk").first()
        page.goto(f"/practice/new/?question={question.slug}")
        practise = page.evaluate(SAVE_TOP) - height
        page.goto("/dashboard/")
        page.get_by_role("button", name="Practise now").click()
        page.wait_for_url(re.compile(r"/practice/session/\d+/$"))
        session = page.evaluate(SAVE_TOP) - height
    finally:
        context.close()
    print(f"\nSCROLL {width}x{height}: practise page {practise} px, session {session} px")
    assert errors == []
    assert practise < 900 and session < 900


def test_draft_preview_and_leaving_with_unsaved_text(page, live_server, pack):
    sign_up(page, "drafts@example.org")
    question = Question.objects.order_by("pk").first()
    page.goto(f"/practice/new/?question={question.slug}")
    page.fill("textarea[name=body]", "A **bold** plan <script>x</script>")
    # The server renders the preview, with the function the saved answer goes through.
    page.get_by_role("button", name="Preview").click()
    expect(page.locator("#preview strong")).to_have_text("bold")
    expect(page.locator("#preview")).to_contain_text("<script>x</script>")
    # Kept server side as it is typed: another visit restores it.
    expect(page.locator("#draft-status")).to_have_text("Draft saved.")
    dialogs: list[str] = []

    def dismiss(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.locator("textarea[name=body]").press("End")  # a real keystroke: the page was used
    page.get_by_role("link", name="Dashboard").click()  # leaving with unsaved text asks first
    expect(page.locator("h1")).to_have_text("Practise")  # dismissed: still on the page
    assert dialogs == ["beforeunload"]
    page.remove_listener("dialog", dismiss)
    page.on("dialog", lambda dialog: dialog.accept())  # this time, leave
    page.get_by_role("link", name="Dashboard").click()
    expect(page.locator("h1")).to_contain_text("Hello")
    page.goto(f"/practice/new/?question={question.slug}")
    expect(page.locator("textarea[name=body]")).to_have_value("A **bold** plan <script>x</script>")
    expect(page.locator("#draft-status")).to_contain_text("restored")


def test_history_table_fits_a_phone(browser, live_server, pack):
    from prepapp.accounts.models import User
    from tests.practice.factories import AnswerFactory

    context, page, errors = _context(browser, live_server, width=390, height=844)
    try:
        sign_up(page, "history@example.org")
        user = User.objects.get(email="history@example.org")
        question = Question.objects.order_by("pk").first()
        for body in (WEAK, BETTER, WEAK):
            AnswerFactory(user=user, question=question, body=body, score_structure=3)
        page.goto(f"/practice/questions/{question.slug}/")
        widths = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth,"
            " document.querySelector('.table-wrap').getBoundingClientRect().right]"
        )
    finally:
        context.close()
    assert errors == []
    page_width, viewport, table_right = widths
    # The page never gets wider than the phone; the table scrolls inside its own box.
    assert page_width <= viewport and table_right <= viewport
