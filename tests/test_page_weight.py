"""Every page's HTML stays under 30 KB compressed for a user with 2,000 answers and 200 mocks.

DESIGN.md's bound, pinned with the big data set itself (seeding it takes a few seconds):
lists are paginated and the dashboard summarises, so no page grows with the data, and
this test is what says so. `make bench` reports the same weights for the pages it loads.
"""

from __future__ import annotations

import gzip

import pytest
from django.test import Client

from prepapp.demo.seeding import demo_seed
from prepapp.mocks.models import MockInterview
from prepapp.practice.models import Answer
from tests.site_pages import html_pages

pytestmark = pytest.mark.django_db

LIMIT_BYTES = 30 * 1024


def test_every_page_is_under_30_kb_compressed_with_2000_answers(user, pack):
    demo_seed(user, answers=2000, mocks=200)
    pages = html_pages(user)  # adds the few rows that give every page something to show
    assert Answer.objects.filter(user=user).count() >= 2000
    assert MockInterview.objects.filter(user=user).count() >= 200
    signed_in, anonymous = Client(), Client()
    signed_in.force_login(user)
    weights = {}
    for name, url, is_signed_in in pages:
        response = (signed_in if is_signed_in else anonymous).get(url)
        assert response.status_code == 200, name
        # gzip at level 6, what a reverse proxy sends by default.
        weights[name] = len(gzip.compress(response.content, compresslevel=6))
    heavy = {
        name: f"{size / 1024:.1f} KB" for name, size in weights.items() if size >= LIMIT_BYTES
    }
    assert not heavy, heavy
    # The walk reached the pages whose size depends on the data.
    assert {"dashboard:home", "practice:answers", "mocks:list", "checklist:index"} <= set(weights)
