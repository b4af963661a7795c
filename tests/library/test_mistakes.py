from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from prepapp.library.models import MistakePair
from tests.library.factories import mistakes_bulk_create

pytestmark = pytest.mark.django_db

URL = reverse("library:mistakes")
# Session, user, topics, mistake pairs (topic joined), their sources.
QUERIES = 5


def test_shows_bad_and_good_side_by_side_with_why_and_sources(auth_client, pack):
    response = auth_client.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert len(response.context["pairs"]) == MistakePair.objects.count() == 30
    assert body.count('<div class="pair">') == 30
    assert body.count('<div class="bad">') == 30
    assert body.count('<div class="good">') == 30
    pair = MistakePair.objects.prefetch_related("sources").get(slug="mistake-vanity-metrics")
    assert escape(pair.bad) in body
    assert escape(pair.good) in body
    assert escape(pair.why) in body
    assert escape(pair.example) in body
    assert "Untitled article on healthcare tech PM metrics in interviews" in body
    assert "30 mistakes" in body


def test_filter_by_topic(auth_client, pack):
    response = auth_client.get(URL, {"topic": "ai-ethics"})
    expected = list(MistakePair.objects.filter(topic__slug="ai-ethics"))
    assert expected
    assert response.context["pairs"] == expected
    body = response.content.decode()
    assert f"{len(expected)} mistake" in body
    assert "Vanity metrics" not in body
    assert '<option value="ai-ethics" selected>' in body


def test_unknown_topic_is_ignored_with_a_message(auth_client, pack):
    response = auth_client.get(URL, {"topic": "<b>nope</b>"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is no topic “&lt;b&gt;nope&lt;/b&gt;”" in body
    assert len(response.context["pairs"]) == 30


def test_topic_without_mistakes_shows_empty_state(auth_client, pack):
    response = auth_client.get(URL, {"topic": "prioritisation-execution"})
    assert response.context["pairs"] == []
    assert "No mistake pairs for this topic yet" in response.content.decode()


def test_htmx_gets_only_the_results(auth_client, pack):
    response = auth_client.get(URL, {"topic": "ai-ethics"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="results"')
    assert "<html" not in body
    assert "HX-Request" in response["Vary"]


def test_plain_page_has_a_get_form(auth_client, pack):
    body = auth_client.get(URL).content.decode()
    assert f'<form method="get" action="{URL}"' in body
    assert '<label for="id_topic">Topic</label>' in body


def test_query_count_is_fixed(auth_client, pack, django_assert_num_queries):
    with django_assert_num_queries(QUERIES):
        auth_client.get(URL)
    mistakes_bulk_create(200)
    with django_assert_num_queries(QUERIES):
        response = auth_client.get(URL)
    assert len(response.context["pairs"]) == 230
    with django_assert_num_queries(QUERIES):
        auth_client.get(URL, {"topic": "ai-ethics"})
