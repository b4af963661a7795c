"""The checklist's cached rows (prepapp/page_cache.py): each write shows on the next visit,
nobody else's rows are ever served, and the tick forms work from any of the user's browsers."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from prepapp.checklist.models import OwnItem
from tests.checklist.factories import OwnItemFactory, pack_item, topic
from tests.checklist.test_index import PAGE_QUERIES, URL, _overall

pytestmark = pytest.mark.django_db

# A hit: the session and the user, nothing of the page's own.
WARM_QUERIES = 2
HTMX = {"HX-Request": "true"}


def _row(html: str, dom_id: str) -> str:
    return re.search(rf'<li id="{dom_id}".*?</li>', html, re.S).group(0)


def _page(client) -> str:
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("count", [1, 200])
def test_cold_then_warm_query_counts(auth_client, user, count, django_assert_num_queries):
    OwnItemFactory.create_batch(count, user=user)
    with django_assert_num_queries(PAGE_QUERIES):
        cold = _page(auth_client)
    with django_assert_num_queries(WARM_QUERIES):
        warm = _page(auth_client)
    assert warm.count('class="check-row') == cold.count('class="check-row') > count


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_tick_and_untick_show_on_the_next_visit(auth_client, headers):
    item = pack_item()
    dom_id = f"item-pack-{item.pk}"
    before = _page(auth_client)
    assert "is-done" not in _row(before, dom_id)
    url = reverse("checklist:tick", args=[item.pk])

    response = auth_client.post(url, {"done": "1"}, headers=headers)
    assert response.status_code == (200 if headers else 302)
    ticked = _page(auth_client)
    assert "is-done" in _row(ticked, dom_id)
    assert _overall(ticked) != _overall(before)

    auth_client.post(url, {"done": "0"}, headers=headers)
    unticked = _page(auth_client)
    assert "is-done" not in _row(unticked, dom_id)
    assert _overall(unticked) == _overall(before)


def test_htmx_tick_fragment_and_the_next_full_page_agree(auth_client):
    item = pack_item()
    dom_id = f"item-pack-{item.pk}"
    _page(auth_client)  # cached, not ticked
    fragment = auth_client.post(
        reverse("checklist:tick", args=[item.pk]), {"done": "1"}, headers=HTMX
    ).content.decode()
    assert 'aria-pressed="true"' in _row(fragment, dom_id)
    # The out-of-band progress the fragment swapped in is what the next page shows.
    page = _page(auth_client)
    assert 'aria-pressed="true"' in _row(page, dom_id)
    assert _overall(fragment) == _overall(page)


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_a_note_shows_on_the_next_visit(auth_client, headers):
    item = pack_item()
    _page(auth_client)
    auth_client.post(
        reverse("checklist:note", args=[item.pk]), {"note": "Ask Dana"}, headers=headers
    )
    assert "Ask Dana" in _row(_page(auth_client), f"item-pack-{item.pk}")
    auth_client.post(reverse("checklist:note", args=[item.pk]), {"note": ""}, headers=headers)
    assert "Ask Dana" not in _page(auth_client)


def test_an_own_item_added_edited_deleted_shows_on_the_next_visit(auth_client, user):
    _page(auth_client)
    auth_client.post(
        reverse("checklist:own_add"), {"topic": topic().pk, "text": "Rehearse the pitch"}
    )
    item = OwnItem.objects.get(user=user)
    added = _page(auth_client)
    assert "Rehearse the pitch" in _row(added, f"item-own-{item.pk}")
    assert "Added to your checklist." in added
    # The one-off note is not served again from the cache.
    assert "Added to your checklist." not in _page(auth_client)

    auth_client.post(
        reverse("checklist:own_edit", args=[item.pk]),
        {"topic": topic().pk, "text": "Rehearse the pitch twice"},
    )
    assert "Rehearse the pitch twice" in _page(auth_client)

    auth_client.post(reverse("checklist:own_delete", args=[item.pk]))
    assert "Rehearse the pitch" not in _page(auth_client)


def test_each_filter_is_its_own_entry(auth_client):
    item = pack_item()
    auth_client.post(reverse("checklist:tick", args=[item.pk]), {"done": "1"})
    assert f'id="item-pack-{item.pk}"' in _page(auth_client)
    todo = auth_client.get(URL, {"show": "todo"}).content.decode()
    assert f'id="item-pack-{item.pk}"' not in todo
    done = auth_client.get(URL, {"show": "done"}).content.decode()
    assert f'id="item-pack-{item.pk}"' in done
    assert done.count('class="check-row') == 1


def test_another_user_never_sees_the_rows(auth_client, user, other_user):
    OwnItemFactory(user=user, text="Mine only")
    auth_client.post(reverse("checklist:tick", args=[pack_item().pk]), {"done": "1"})
    mine = _page(auth_client)
    assert "Mine only" in mine
    # Same path, same minute, same data version (both new): still not this user's copy.
    other_user.data_version = 1
    other_user.save(update_fields=["data_version"])
    other = Client()
    other.force_login(other_user)
    theirs = _page(other)
    assert "Mine only" not in theirs
    assert "is-done" not in theirs
    assert _overall(theirs) != _overall(mine)


def test_a_second_browser_of_the_same_user_gets_working_tick_forms(auth_client, user):
    _page(auth_client)  # the first browser fills the cache
    second = Client(enforce_csrf_checks=True)
    second.force_login(user)
    html = _page(second)
    item = pack_item()
    form = _row(html, f"item-pack-{item.pk}")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    response = second.post(
        reverse("checklist:tick", args=[item.pk]),
        {"csrfmiddlewaretoken": token, "done": "1"},
    )
    assert response.status_code == 302
    assert "is-done" in _row(_page(second), f"item-pack-{item.pk}")
