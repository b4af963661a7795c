from __future__ import annotations

import pytest
from django.urls import reverse

from prepapp.checklist.models import ItemState, OwnItem
from tests.checklist.factories import ItemStateFactory, OwnItemFactory, own_items_bulk

pytestmark = pytest.mark.django_db


def _url(own) -> str:
    return reverse("checklist:own_delete", args=[own.pk])


def test_get_asks_to_confirm_and_deletes_nothing(auth_client, user):
    own = OwnItemFactory(user=user, text="Maybe delete me")
    response = auth_client.get(_url(own))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Maybe delete me" in html
    assert f'action="{_url(own)}"' in html
    assert OwnItem.objects.filter(pk=own.pk).exists()


def test_post_deletes_item_and_its_state(auth_client, user):
    own = OwnItemFactory(user=user)
    ItemStateFactory(user=user, item=None, own_item=own)
    response = auth_client.post(_url(own))
    assert response.status_code == 302
    assert response["Location"] == reverse("checklist:index")
    assert not OwnItem.objects.exists()
    assert not ItemState.objects.exists()
    assert "Item deleted." in auth_client.get(response["Location"]).content.decode()


def test_other_users_item_is_404_and_kept(auth_client, other_user):
    own = OwnItemFactory(user=other_user)
    assert auth_client.get(_url(own)).status_code == 404
    assert auth_client.post(_url(own)).status_code == 404
    assert OwnItem.objects.filter(pk=own.pk).exists()


def test_unknown_id_is_404(auth_client):
    assert auth_client.post(reverse("checklist:own_delete", args=[999999])).status_code == 404


@pytest.mark.parametrize("count", [1, 200])
def test_query_count_is_constant(auth_client, user, count, django_assert_num_queries):
    items = own_items_bulk(user, count)
    url = _url(items[0])
    # session, user, item
    with django_assert_num_queries(3):
        assert auth_client.get(url).status_code == 200
