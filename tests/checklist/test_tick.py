from __future__ import annotations

import pytest
from django.urls import reverse

from prepapp.checklist.models import ItemState
from prepapp.checklist.ticking import tick_set
from tests.checklist.factories import ItemStateFactory, OwnItemFactory, own_items_bulk, pack_item

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _url(item) -> str:
    return reverse("checklist:tick", args=[item.pk])


def test_plain_tick_records_time_and_redirects_to_item(auth_client, user):
    item = pack_item()
    response = auth_client.post(_url(item), {"done": "1"})
    assert response.status_code == 302
    assert response["Location"] == f"/checklist/#item-pack-{item.pk}"
    assert ItemState.objects.get(user=user, item=item).ticked_at is not None


def test_plain_untick_clears_and_keeps_filter(auth_client, user):
    item = pack_item()
    tick_set(user, item, True)
    response = auth_client.post(_url(item), {"done": "0", "show": "done"})
    assert response["Location"] == f"/checklist/?show=done#item-pack-{item.pk}"
    assert ItemState.objects.get(user=user, item=item).ticked_at is None


def test_plain_tick_follows_safe_next_only(auth_client, user):
    item = pack_item()
    response = auth_client.post(_url(item), {"done": "1", "next": "/dashboard/"})
    assert response["Location"] == "/dashboard/"
    response = auth_client.post(_url(item), {"done": "1", "next": "https://evil.example/"})
    assert response["Location"] == f"/checklist/#item-pack-{item.pk}"


def test_bad_show_value_is_ignored(auth_client):
    response = auth_client.post(_url(pack_item()), {"done": "1", "show": "<script>"})
    assert response["Location"].startswith("/checklist/#")


def test_double_tick_counts_once(auth_client, user):
    item = pack_item()
    auth_client.post(_url(item), {"done": "1"})
    first = ItemState.objects.get(user=user, item=item).ticked_at
    auth_client.post(_url(item), {"done": "1"}, **HTMX)
    assert ItemState.objects.filter(user=user, item=item).count() == 1
    assert ItemState.objects.get(user=user, item=item).ticked_at == first


def test_htmx_tick_returns_row_and_progress_out_of_band(auth_client, user):
    item = pack_item()
    response = auth_client.post(_url(item), {"done": "1", "show": "todo"}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<li id="item-pack-{item.pk}" class="check-row is-done">')
    assert 'aria-pressed="true"' in html
    assert 'name="done" value="0"' in html  # the next click unticks
    assert 'name="show" value="todo"' in html
    assert (
        '<div id="progress-overall" class="progress-block progress-overall" data-hx-swap-oob="true">'
        in html
    )
    assert "1 of 19 (5%)" in html
    assert f'id="progress-topic-{item.topic.slug}"' in html
    assert "1 of 2 (50%)" in html
    assert "<html" not in html


def test_htmx_untick_returns_lowered_progress(auth_client, user):
    item = pack_item()
    tick_set(user, item, True)
    html = auth_client.post(_url(item), {"done": "0"}, **HTMX).content.decode()
    assert 'aria-pressed="false"' in html
    assert "0 of 19 (0%)" in html
    assert ItemState.objects.get(user=user, item=item).ticked_at is None


def test_own_item_tick(auth_client, user):
    own = OwnItemFactory(user=user)
    url = reverse("checklist:own_tick", args=[own.pk])
    html = auth_client.post(url, {"done": "1"}, **HTMX).content.decode()
    assert f'id="item-own-{own.pk}"' in html
    assert "1 of 20 (5%)" in html
    assert ItemState.objects.get(own_item=own).ticked_at is not None
    response = auth_client.post(url, {"done": "0"})
    assert response["Location"] == f"/checklist/#item-own-{own.pk}"
    assert ItemState.objects.get(own_item=own).ticked_at is None


def test_other_users_own_item_is_404_and_unchanged(auth_client, other_user):
    own = OwnItemFactory(user=other_user)
    ItemStateFactory(user=other_user, item=None, own_item=own, ticked_at=None)
    url = reverse("checklist:own_tick", args=[own.pk])
    assert auth_client.post(url, {"done": "1"}).status_code == 404
    assert auth_client.post(url, {"done": "1"}, **HTMX).status_code == 404
    assert ItemState.objects.get(own_item=own).ticked_at is None
    assert ItemState.objects.count() == 1


def test_other_users_tick_is_left_alone(auth_client, user, other_user):
    item = pack_item()
    tick_set(other_user, item, True)
    auth_client.post(_url(item), {"done": "0"})
    assert ItemState.objects.get(user=other_user, item=item).ticked_at is not None


def test_unknown_id_is_404(auth_client):
    assert (
        auth_client.post(reverse("checklist:tick", args=[999999]), {"done": "1"}).status_code
        == 404
    )
    assert (
        auth_client.post(reverse("checklist:own_tick", args=[999999]), {"done": "1"}).status_code
        == 404
    )
    assert not ItemState.objects.exists()


@pytest.mark.parametrize("data", [{}, {"done": "yes"}, {"done": "2"}])
def test_bad_input_is_400_and_saves_nothing(auth_client, data):
    response = auth_client.post(_url(pack_item()), data)
    assert response.status_code == 400
    assert not ItemState.objects.exists()


def test_csrf_is_enforced(user):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(user)
    assert csrf_client.post(_url(pack_item()), {"done": "1"}).status_code == 403
    assert not ItemState.objects.exists()


@pytest.mark.parametrize("count", [1, 200])
def test_htmx_query_count_is_constant(auth_client, user, count, django_assert_num_queries):
    own_items_bulk(user, count, ticked=False)
    url = _url(pack_item())
    # session, user, item, update, exists, insert in a savepoint (3), row, sources, progress,
    # and the data-version bump (tick_set, when a row changed)
    with django_assert_num_queries(12):
        response = auth_client.post(url, {"done": "1"}, **HTMX)
    assert f"1 of {19 + count} " in response.content.decode()
