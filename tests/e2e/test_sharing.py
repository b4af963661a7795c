"""A coach is invited, signs up from the mail's link, comments; the candidate resolves, revokes."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from prepapp.accounts.models import User
from prepapp.sharing.models import Comment, Share
from tests.e2e.conftest import WATCH_CSP, sign_up
from tests.practice.factories import AnswerFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a sturdy pass phrase 42"


def test_coach_invited_comments_then_loses_access(page, browser, live_server, pack, mailoutbox):
    sign_up(page, "candidate@example.org")
    candidate = User.objects.get(email="candidate@example.org")
    answer = AnswerFactory(
        user=candidate,
        body="We would pilot in two clinics.",
        body_html="<p>We would pilot in two clinics.</p>",
    )
    private = AnswerFactory(
        user=candidate, body="Unshared draft.", body_html="<p>Unshared draft.</p>"
    )

    # The candidate marks one answer as shared, then invites a coach from Settings → Sharing.
    page.goto(f"/practice/answers/{answer.pk}/")
    page.click("text=Share with my coaches")
    expect(page.locator("section[aria-labelledby=sharing-heading]")).to_contain_text("Shared:")
    page.goto("/accounts/settings/")
    page.click("text=Share your preparation with a coach")
    page.fill("input[name=email]", "coach@example.org")
    page.click("text=Send the invitation")
    expect(page.locator(".messages")).to_contain_text("Invitation sent to coach@example.org")
    (mail,) = mailoutbox
    link = re.search(r"https?://[^/\s]+(/sharing/accept/\S+/)", mail.body).group(1)

    # The coach, in a browser of their own, opens the link, signs up, accepts.
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1000, "height": 800}
    )
    context.add_init_script(WATCH_CSP)
    coach = context.new_page()
    coach.set_default_timeout(10_000)
    coach.goto(link)
    coach.wait_for_url(re.compile(r"/accounts/login/\?next="))
    coach.click("text=Create an account")
    coach.fill("input[name=email]", "coach@example.org")
    coach.fill("input[name=password1]", PASSWORD)
    coach.fill("input[name=password2]", PASSWORD)
    coach.click("form button[type=submit]")
    coach.wait_for_url(f"**{link}")
    expect(coach.locator("main")).to_contain_text("candidate@example.org invites you")
    coach.click("button:has-text('Accept')")
    share = Share.objects.get()
    coach.wait_for_url(f"**/sharing/with-me/{share.pk}/")
    expect(coach.locator("h1")).to_contain_text("Preparation of")
    assert "Unshared draft" not in coach.content()
    coach.click(f"a[href='/sharing/with-me/{share.pk}/answers/{answer.pk}/']")
    expect(coach.locator(".prose").first).to_contain_text("pilot in two clinics")
    coach.fill("textarea[name=body]", "Name the **metric** you would watch.")
    coach.click("text=Add comment")
    expect(coach.locator("article.comment")).to_contain_text("metric you would watch")
    expect(coach.locator("article.comment strong")).to_have_text("metric")
    private_url = f"/sharing/with-me/{share.pk}/answers/{private.pk}/"
    assert coach.goto(private_url).status == 404
    assert coach.evaluate("window.__cspViolations") == []

    # The candidate sees the count and the comment, and resolves it.
    page.goto("/dashboard/")
    expect(page.locator(".comments-count")).to_contain_text("1 open comment")
    page.goto(f"/practice/answers/{answer.pk}/")
    comment = page.locator("article.comment")
    expect(comment).to_contain_text("metric you would watch")
    comment.locator("button", has_text="Resolve").click()
    expect(page.locator("article.comment button", has_text="Reopen")).to_be_visible()
    assert Comment.objects.get().resolved_at is not None
    page.goto("/dashboard/")
    expect(page.locator(".comments-count")).to_have_count(0)

    # The candidate revokes; the coach's next request is a 404.
    page.goto("/sharing/")
    expect(page.locator("tbody")).to_contain_text("coach@example.org")
    page.click("button[aria-label='Revoke access of coach@example.org']")
    expect(page.locator(".messages")).to_contain_text("no longer has access")
    response = coach.reload()
    assert response.status == 404
    assert coach.goto(f"/sharing/with-me/{share.pk}/").status == 404
    context.close()
