from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from prepapp.library.models import Figure, LoopFact, Round, Track
from tests.library.factories import (
    loop_facts_bulk_create,
    questions_bulk_create,
    rounds_bulk_create,
)

pytestmark = pytest.mark.django_db

URL = reverse("library:process")
# Session, user, tracks, their sources, loop facts, their sources, their figures (source
# joined), rounds (question counts, length source joined), their sources.
QUERIES = 9


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
    # The differing figures summed up once: "6–13 weeks", "4–8 rounds".
    assert '<span class="tag">6–13 weeks</span>' in body
    assert '<span class="tag">4–8 rounds</span>' in body
    assert "The Future of Healthcare PM: Trends and Insights" in body


def test_each_differing_figure_is_shown_with_its_source(auth_client, pack):
    body = auth_client.get(URL).content.decode()
    figures = Figure.objects.filter(loop_fact__isnull=False).select_related("source")
    assert figures.count() >= 5
    for figure in figures:
        start = body.index(f'<li id="{figure.slug}">')
        item = body[start : body.index("</li>", start)]
        assert escape(figure.value) in item
        assert f"<cite>{escape(figure.source.title)}</cite>" in item
    # The two process lengths that read as a contradiction side by side are both there.
    assert "6–10 weeks" in body
    assert "60–90 days (about 9–13 weeks)" in body


def test_a_round_length_says_whether_a_source_states_it(auth_client, pack):
    body = auth_client.get(URL).content.decode()
    rounds = Round.objects.select_related("length_source")
    assert rounds.filter(length_source=None).exists()
    assert rounds.exclude(length_source=None).exists()
    for round_ in rounds:
        start = body.index(f'id="{round_.slug}"')
        card = body[start : body.index(f'?round={round_.slug}">', start)]
        if round_.length_source:
            assert f"stated in <cite>{escape(round_.length_source.title)}</cite>" in card
            assert "app guidance" not in card.split("Assesses")[0]
        else:
            assert "suggested time: app guidance" in card
        for point in round_.app_guidance_points:
            assert escape(point) in card
        if round_.app_guidance_points:
            assert "<strong>App guidance</strong>" in card


def test_the_role_summary_cites_its_sources(auth_client, pack):
    body = auth_client.get(URL).content.decode()
    track = Track.objects.get()
    assert escape(track.summary) in body
    after = body[body.index(escape(track.summary)) :]
    for source in track.sources.all():
        assert f"<cite>{escape(source.title)}</cite>" in after.split("</p>", 2)[1]


def test_links_the_faq(auth_client, pack):
    body = auth_client.get(URL).content.decode()
    assert f'href="{reverse("library:faq")}"' in body


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
