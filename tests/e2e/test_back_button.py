"""Back after an htmx filter: the browser shows the whole page, the query still in its box.

The filtered URL is pushed to the history; the same URL answers an htmx request with a
fragment. Back must never bring that fragment (from the HTTP cache, or from htmx's own
history-restore request) on its own.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from prepapp.accounts.models import User
from tests.e2e.conftest import sign_up
from tests.practice.factories import AnswerFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _answers(email: str) -> tuple:
    user = User.objects.get(email=email)
    return (
        AnswerFactory(user=user, body="I would watch the download numbers first."),
        AnswerFactory(user=user, body="Start from the clinician's workflow."),
    )


def _expect_full_answers_page(page, query: str, answer) -> None:
    expect(page.locator("header.site-header")).to_have_count(1)
    expect(page.locator("h1")).to_have_text("Your answers")
    expect(page.locator("input[name=q]")).to_have_value(query)
    expect(page.locator(".answer-list li")).to_have_count(1)
    expect(page.locator(f".answer-list a[href='{answer.get_absolute_url()}']")).to_have_count(1)


def test_back_from_another_page_after_filtering_answers(page, pack):
    sign_up(page, "back@example.org")
    download, _workflow = _answers("back@example.org")
    page.goto("/practice/")
    page.fill("input[name=q]", "download")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"q=download"))
    expect(page.locator(".answer-list li")).to_have_count(1)

    page.click("nav[aria-label=Main] >> text=Checklist")
    page.wait_for_url("**/checklist/")
    page.go_back()
    page.wait_for_url(re.compile(r"/practice/\?.*q=download"))
    _expect_full_answers_page(page, "download", download)


def test_back_between_two_filters_of_answers(page, pack):
    sign_up(page, "back2@example.org")
    download, workflow = _answers("back2@example.org")
    page.goto("/practice/")
    page.fill("input[name=q]", "download")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"q=download"))
    page.fill("input[name=q]", "workflow")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"q=workflow"))
    expect(page.locator(f".answer-list a[href='{workflow.get_absolute_url()}']")).to_have_count(1)

    page.go_back()
    page.wait_for_url(re.compile(r"q=download"))
    _expect_full_answers_page(page, "download", download)
