from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_up

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_question_bank_filters_search_and_detail(page, pack):
    sign_up(page, "reader@example.org")
    page.goto("/library/questions/")
    assert page.inner_text("h1") == "Question bank"
    assert "68 questions" in page.inner_text(".result-count")

    # htmx swaps the results and keeps the URL shareable.
    page.select_option("#id_round", "technical")
    page.wait_for_url(re.compile(r"round=technical"))
    expect(page.locator(".result-count")).to_contain_text("7 questions in Technical Interview")
    assert page.locator(".question-list > li").count() == 7

    page.fill("#id_q", "zzzz-nothing")
    expect(page.locator(".result-count")).to_contain_text("0 questions")
    expect(page.locator(".empty")).to_be_visible()

    # Each of these triggers an htmx request (the search box after a 400 ms pause);
    # wait for each, so the link clicked below is not swapped out under the click.
    with page.expect_response(_bank_request):
        page.fill("#id_q", "")
    with page.expect_response(_bank_request):
        page.select_option("#id_round", "")
    with page.expect_response(_bank_request):
        page.click("text=Show questions")
    expect(page.locator(".result-count")).to_contain_text("68 questions")

    with page.expect_navigation(url="**/library/questions/*/"):
        page.locator(".question-list a").first.click()
    assert page.locator("text=What a strong answer covers").is_visible()
    assert page.locator("a", has_text="Practise this question").is_visible()
    assert page.locator("a", has_text="Your attempts").is_visible()


def test_mistakes_process_and_faq(page, pack):
    sign_up(page, "learner@example.org")
    page.goto("/library/mistakes/")
    assert page.locator(".pair").count() == 30
    page.select_option("#id_topic", "ai-ethics")
    page.wait_for_url(re.compile(r"topic=ai-ethics"))
    expect(page.locator(".result-count")).to_contain_text("on AI & Ethics")
    assert 0 < page.locator(".pair").count() < 30
    assert page.locator(".pair .bad").first.is_visible()
    assert page.locator(".pair .good").first.is_visible()

    page.goto("/library/process/")
    assert page.locator(".rounds > li").count() == 11
    page.click("text=Read the FAQ")
    page.wait_for_url("**/library/faq/")
    assert page.inner_text("h1") == "Frequently asked questions"


def test_question_bank_works_without_javascript(browser, live_server, pack):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        sign_up(page, "nojs@example.org")
        page.goto("/library/questions/")
        page.select_option("#id_topic", "ai-ethics")
        page.fill("#id_q", "bias")
        page.click("text=Show questions")
        page.wait_for_url(re.compile(r"topic=ai-ethics&q=bias"))
        count = page.inner_text(".result-count")
        assert "on AI & Ethics" in count
        assert "matching “bias”" in count
    finally:
        context.close()


def _bank_request(response) -> bool:
    return "/library/questions/?" in response.url
