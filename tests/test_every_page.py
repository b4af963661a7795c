"""Walks every URL of the site (see tests/site_pages.py): HEAD answers like GET."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.site_pages import site_urls
from tests.sweep_support import is_public

pytestmark = pytest.mark.django_db


def test_head_answers_like_get_everywhere(user, pack):
    """Uptime monitors and link checkers send HEAD: same status as GET, no body."""
    urls = site_urls(user)
    signed_in = Client()
    signed_in.force_login(user)
    failures = []
    for name, url in sorted(urls.items()):
        for client, who in ((signed_in, "signed in"), (Client(), "signed out")):
            get = client.get(url)
            head = client.head(url)
            if head.status_code != get.status_code or head.content:
                failures.append(
                    f"{name} {url} ({who}): GET {get.status_code}, HEAD {head.status_code}"
                    f"{' with a body' if head.content else ''}"
                )
    assert not failures, "\n".join(failures)
    # The walk did reach the pages, not only redirects to sign in.
    assert sum(1 for name in urls if not is_public(name)) > 20
