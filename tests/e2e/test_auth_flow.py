from __future__ import annotations

import re

import pytest

from prepapp.accounts.models import User
from tests.e2e.conftest import sign_up

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a sturdy pass phrase 42"


def test_sign_up_sign_out_sign_in(page):
    page.goto("/")
    assert "Prepare for your healthcare PM interviews" in page.inner_text("h1")

    sign_up(page, "newcomer@example.org", PASSWORD)
    assert User.objects.filter(email="newcomer@example.org").exists()

    page.click("text=Sign out")
    page.wait_for_url(re.compile(r"^http://[^/]+/$"))
    assert page.locator("a", has_text="Sign in").first.is_visible()

    page.goto("/accounts/login/")
    page.fill("input[name=username]", "NewComer@Example.org")
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url("**/dashboard/")
    assert page.locator("button", has_text="Sign out").is_visible()
