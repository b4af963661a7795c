from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from prepapp.library.models import LoopFact, Round
from tests.library.factories import (
    loop_facts_bulk_create,
    questions_bulk_create,
    rounds_bulk_create,
)

pytestmark = pytest.mark.django_db

URL = reverse("library:process")
# Session, user, tracks, loop facts, their sources, rounds (with question counts), their sources.
QUERIES = 7


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={URL}"


def test_rounds_in_order_with_length_assessment_and_question_counts(auth_client, pack):
    response = auth_client.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    rounds = list(Round.objects.order_by("order"))
    assert len(rounds) == 11
    positions = [body.index(f'id="{r.slug}"') for r in rounds]
    assert positions == sorted(positions)
    for round_ in rounds:
        count = round_.questions.count()
        assert escape(round_.name) in body
        assert round_.length_display in body
        assert escape(round_.assesses) in body
        assert escape(round_.description) in body
        link = f'<a href="{reverse("library:questions")}?round={round_.slug}">{count} question'
        assert link in body


def test_loop_facts_and_sources(auth_client, pack):
    body = auth_client.get(URL).content.decode()
    for fact in LoopFact.objects.all():
        assert escape(fact.label) in body
        assert escape(fact.detail) in body
    # "6-10 weeks and 5-8 rounds" shown as figures.
    assert "6–10 weeks" in body
    assert "5–8 rounds" in body
    assert "The Future of Healthcare PM: Trends and Insights" in body


def test_links_the_faq(auth_client, pack):
    body = auth_client.get(URL).content.decode()
    assert f'href="{reverse("library:faq")}"' in body


def test_wrong_method(auth_client):
    assert auth_client.post(URL).status_code == 405


def test_query_count_is_fixed(auth_client, pack, django_assert_num_queries):
    with django_assert_num_queries(QUERIES):
        auth_client.get(URL)
    questions_bulk_create(200, round_slug="culture-fit", topic_slug="career-transition")
    loop_facts_bulk_create(200)
    rounds_bulk_create(200)
    with django_assert_num_queries(QUERIES):
        response = auth_client.get(URL)
    body = response.content.decode()
    assert f"{5 + 200} questions for this round" in body
    assert "Bulk round 199" in body
