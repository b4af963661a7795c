from __future__ import annotations

import pytest
from django.urls import reverse

from prepapp.checklist.models import OwnItem
from tests.checklist.factories import topic

pytestmark = pytest.mark.django_db

URL = reverse("checklist:own_add")


def test_get_shows_form(auth_client):
    response = auth_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="text"' in html
    assert "Interview Approach" in html


def test_add_saves_for_user_and_redirects_to_item(auth_client, user):
    t = topic("ai-ethics")
    response = auth_client.post(URL, {"topic": t.pk, "text": "Read the WHO AI guidance"})
    own = OwnItem.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/checklist/#item-own-{own.pk}"
    assert (own.user, own.topic, own.text) == (user, t, "Read the WHO AI guidance")
    page = auth_client.get(reverse("checklist:index")).content.decode()
    assert "Read the WHO AI guidance" in page
    # "Added" sits in the new item's row, where the redirect lands, not at the top.
    row = page.split(f'<li id="item-own-{own.pk}"')[1].split("</li>")[0]
    assert "Added to your checklist." in row
    assert page.count("Added to your checklist.") == 1
    # Said once: a reload no longer says it.
    again = auth_client.get(reverse("checklist:index")).content.decode()
    assert "Added to your checklist." not in again


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"topic": "", "text": "kept text"}, "This field is required."),
        ({"topic": "999999", "text": "kept text"}, "Select a valid choice."),
        ({"topic": "abc", "text": "kept text"}, "Select a valid choice."),
    ],
)
def test_bad_topic_rerenders_with_text_kept(auth_client, data, message):
    response = auth_client.post(URL, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="kept text"' in html
    assert message in html
    assert not OwnItem.objects.exists()


@pytest.mark.parametrize("text", ["", "   ", "z" * 301])
def test_bad_text_rerenders(auth_client, text):
    response = auth_client.post(URL, {"topic": topic().pk, "text": text})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    if text.strip():
        assert text in response.content.decode()
    assert not OwnItem.objects.exists()


def test_empty_post_shows_errors(auth_client):
    response = auth_client.post(URL, {})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not OwnItem.objects.exists()


@pytest.mark.parametrize("count", [1, 200])
def test_query_count_is_constant(auth_client, user, count, django_assert_num_queries):
    from tests.checklist.factories import own_items_bulk

    own_items_bulk(user, count)
    # session, user, topics for the select
    with django_assert_num_queries(3):
        assert auth_client.get(URL).status_code == 200
