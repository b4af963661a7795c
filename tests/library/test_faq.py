from __future__ import annotations

import pytest
from django.urls import reverse

from prepapp.library.models import FaqEntry, Topic
from tests.library.factories import faq_bulk_create

pytestmark = pytest.mark.django_db

URL = reverse("library:faq")
# Session, user, entries (topic joined), their sources, their figures (source joined).
QUERIES = 5


def test_entries_grouped_by_topic(auth_client, pack):
    response = auth_client.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    entries = FaqEntry.objects.all()
    assert entries.count() == 14
    for entry in entries:
        assert f'id="{entry.slug}"' in body
    topics = Topic.objects.filter(faq_entries__isnull=False).distinct().order_by("order")
    # One section per topic, in topic order, each holding only its own entries.
    headings = [body.index(f'id="{t.slug}-heading"') for t in topics]
    assert headings == sorted(headings)
    assert body.count('class="faq-topic"') == topics.count()
    for topic in topics:
        start = body.index(f'<section id="{topic.slug}"')
        end = body.index("</section>", start)
        section = body[start:end]
        for entry in entries:
            assert (f'id="{entry.slug}"' in section) == (entry.topic_id == topic.pk)
    assert "Healthcare PM Job Description: Roles and Responsibilities" in body


def test_links_back_to_the_process(auth_client, pack):
    body = auth_client.get(URL).content.decode()
    assert f'href="{reverse("library:process")}"' in body


def test_query_count_is_fixed(auth_client, pack, django_assert_num_queries):
    with django_assert_num_queries(QUERIES):
        auth_client.get(URL)
    faq_bulk_create(200)
    with django_assert_num_queries(QUERIES):
        response = auth_client.get(URL)
    assert "Bulk FAQ 199?" in response.content.decode()
