from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from prepapp.library.models import Question
from prepapp.practice.models import Answer, ReviewCard
from tests.e2e.conftest import sign_up

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WEAK_ANSWER = "I would build the app quickly and see if people download it."


def test_practise_with_timer_see_feedback_find_in_list(page, live_server, pack):
    question = Question.objects.filter(round__slug="technical").order_by("pk").first()
    sign_up(page, "practiser@example.org")

    page.goto(f"/practice/new/?question={question.slug}")
    expect(page.locator("h1")).to_have_text("Practise")
    assert question.text in page.inner_text(".question-text")

    timer = page.locator("[data-timer-elapsed]")
    expect(page.locator("[data-timer]")).to_be_visible()
    expect(timer).to_have_text("00:00")
    page.fill("textarea[name=body]", WEAK_ANSWER)
    # The first keystroke started the timer: it moves off 00:00 within a couple of seconds.
    expect(timer).not_to_have_text("00:00", timeout=5_000)
    expect(page.locator("[data-timer-toggle]")).to_have_text("Pause timer")

    # Scoring before the feedback is optional, one click away; each score a 1-5 segment.
    page.click("details.assess-now summary")
    page.click("label[for=id_score_structure_2]")
    page.click("label[for=id_score_data_1]")
    expect(page.locator("input[name=score_structure][value='2']")).to_be_checked()
    page.click("form.answer-form button[type=submit]")

    page.wait_for_url(re.compile(r"/practice/answers/\d+/$"))
    answer = Answer.objects.get()
    assert answer.seconds_spent is not None and answer.seconds_spent >= 1
    assert answer.score_structure == 2 and answer.score_data == 1
    assert answer.finding_count > 0

    feedback = page.locator("section[aria-labelledby=feedback-heading]")
    expect(feedback.locator("article.finding").first).to_be_visible()
    expect(feedback.locator(".bad").first).to_contain_text("BAD")
    expect(feedback.locator(".good").first).to_contain_text("GOOD")
    expect(page.locator(".answer-body")).to_contain_text("download it")

    # Grade recall with htmx: the review section swaps in place.
    page.click("#review button[value='3']")
    expect(page.locator("#review [role=status]")).to_contain_text("Next review:")
    # One grade per due review: the buttons give way to the next due date.
    expect(page.locator("#review button")).to_have_count(0)
    expect(page.locator("#review time")).to_be_visible()
    assert ReviewCard.objects.get().review_count == 1

    page.goto("/practice/")
    listed = page.locator(".answer-list li")
    expect(listed).to_have_count(1)
    expect(listed.first).to_contain_text(question.text[:40])
    page.fill("input[name=q]", "download")
    page.click("form.filters button[type=submit]")
    expect(page.locator(".answer-list li")).to_have_count(1)
    page.fill("input[name=q]", "nothing-like-this")
    page.click("form.filters button[type=submit]")
    expect(page.locator("#results")).to_contain_text("No answers match")
