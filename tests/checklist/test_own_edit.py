from __future__ import annotations

import pytest
from django.urls import reverse

from tests.checklist.factories import OwnItemFactory, own_items_bulk, topic

pytestmark = pytest.mark.django_db


def _url(own) -> str:
    return reverse("checklist:own_edit", args=[own.pk])


def test_get_shows_filled_form(auth_client, user):
    own = OwnItemFactory(user=user, text="Old text")
    response = auth_client.get(_url(own))
    assert response.status_code == 200
    assert 'value="Old text"' in response.content.decode()


def test_edit_saves_and_redirects_to_item(auth_client, user):
    own = OwnItemFactory(user=user, text="Old text")
    new_topic = topic("career-transition")
    response = auth_client.post(_url(own), {"topic": new_topic.pk, "text": "New text"})
    assert response.status_code == 302
    assert response["Location"] == f"/checklist/#item-own-{own.pk}"
    own.refresh_from_db()
    assert (own.text, own.topic) == ("New text", new_topic)


def test_bad_input_keeps_text_and_saves_nothing(auth_client, user):
    own = OwnItemFactory(user=user, text="Old text")
    response = auth_client.post(_url(own), {"topic": "999999", "text": "Typed text"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Typed text"' in html
    assert "Select a valid choice." in html
    own.refresh_from_db()
    assert own.text == "Old text"


def test_other_users_item_is_404_and_unchanged(auth_client, other_user):
    own = OwnItemFactory(user=other_user, text="Theirs")
    assert auth_client.get(_url(own)).status_code == 404
    assert (
        auth_client.post(_url(own), {"topic": topic().pk, "text": "Mine now"}).status_code == 404
    )
    own.refresh_from_db()
    assert own.text == "Theirs"


def test_unknown_id_is_404(auth_client):
    assert auth_client.get(reverse("checklist:own_edit", args=[999999])).status_code == 404


@pytest.mark.parametrize("count", [1, 200])
def test_query_count_is_constant(auth_client, user, count, django_assert_num_queries):
    items = own_items_bulk(user, count)
    url = _url(items[0])
    # session, user, item, topics for the select
    with django_assert_num_queries(4):
        assert auth_client.get(url).status_code == 200
