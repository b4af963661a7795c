from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from prepapp.library.models import Question
from tests.library.factories import questions_bulk_create

pytestmark = pytest.mark.django_db

URL = reverse("library:questions")
# Session, user, rounds, topics, questions (round and topic joined).
QUERIES = 5


def texts(response) -> list[str]:
    return [q.text for q in response.context["questions"]]


def test_lists_the_whole_bank(auth_client, pack):
    response = auth_client.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert len(response.context["questions"]) == Question.objects.count() == 68
    assert "68 questions" in body
    first = Question.objects.first()
    assert first.get_absolute_url() in body
    assert "Recruiter / Initial Screening · 30 min" in body


def test_filter_by_round(auth_client, pack):
    response = auth_client.get(URL, {"round": "technical"})
    expected = list(
        Question.objects.filter(round__slug="technical").values_list("text", flat=True)
    )
    assert texts(response) == expected
    assert len(expected) == 7
    assert (
        "7 questions in <strong>Technical Interview</strong> (45 min)" in response.content.decode()
    )
    # The chosen round stays selected.
    assert '<option value="technical" selected>' in response.content.decode()


def test_filter_by_topic_and_round_together(auth_client, pack):
    response = auth_client.get(URL, {"round": "domain-expertise", "topic": "clinical-domain"})
    expected = Question.objects.filter(
        round__slug="domain-expertise", topic__slug="clinical-domain"
    )
    assert texts(response) == [q.text for q in expected]
    in_round = Question.objects.filter(round__slug="domain-expertise").count()
    in_topic = Question.objects.filter(topic__slug="clinical-domain").count()
    assert 0 < len(expected) < min(in_round, in_topic)


def test_search_is_case_insensitive_over_text_and_guidance(auth_client, pack):
    response = auth_client.get(URL, {"q": "fhir"})
    matches = texts(response)
    assert matches
    for question in response.context["questions"]:
        assert "fhir" in (question.text + question.guidance).lower()
    expected = [q.text for q in Question.objects.all() if "fhir" in (q.text + q.guidance).lower()]
    assert matches == expected
    # Some match only in the guidance: search covers both fields.
    assert any("fhir" not in q.text.lower() for q in response.context["questions"])


def test_search_needs_every_word(auth_client, pack):
    only_one = texts(auth_client.get(URL, {"q": "readmission"}))
    both = texts(auth_client.get(URL, {"q": "READMISSION   metrics"}))
    assert 0 < len(both) < len(only_one)
    assert set(both) <= set(only_one)
    response = auth_client.get(URL, {"q": "metrics readmission"})
    for question in response.context["questions"]:
        haystack = (question.text + question.guidance).lower()
        assert "readmission" in haystack
        assert "metrics" in haystack


def test_search_with_no_match_shows_empty_state(auth_client, pack):
    response = auth_client.get(URL, {"q": "zebra-xylophone"})
    body = response.content.decode()
    assert response.status_code == 200
    assert texts(response) == []
    assert "0 questions" in body
    assert "No question matches these filters" in body
    assert 'value="zebra-xylophone"' in body


def test_unknown_slugs_are_ignored_with_a_message(auth_client, pack):
    response = auth_client.get(URL, {"round": "no-such-round", "topic": "nope", "q": "HIPAA"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is no round “no-such-round”" in body
    assert "There is no topic “nope”" in body
    # The valid part of the query still applies.
    assert texts(response) == texts(auth_client.get(URL, {"q": "HIPAA"}))
    assert texts(response)


def test_too_long_search_keeps_text_and_explains(auth_client, pack):
    long_text = "x" * 201
    response = auth_client.get(URL, {"q": long_text})
    assert response.status_code == 200
    body = response.content.decode()
    assert "limited to 200 characters" in body
    assert f'value="{long_text}"' in body
    assert len(texts(response)) == 68


def test_search_of_exactly_200_characters_is_accepted(auth_client, pack):
    response = auth_client.get(URL, {"q": "FHIR " + "y" * 195})
    assert response.context["form"].errors == {}
    assert texts(response) == []


def test_htmx_gets_only_the_results(auth_client, pack):
    response = auth_client.get(URL, {"round": "technical"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<section id="results"')
    assert "<html" not in body
    assert "7 questions" in body
    assert "HX-Request" in response["Vary"]


def test_htmx_history_restore_gets_the_whole_page(auth_client, pack):
    response = auth_client.get(
        URL, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in response.content.decode()


def test_plain_request_gets_the_page_with_a_working_form(auth_client, pack):
    body = auth_client.get(URL).content.decode()
    assert "<html" in body
    assert f'<form method="get" action="{URL}"' in body
    assert 'data-hx-get="' in body
    assert '<label for="id_round">Round</label>' in body
    assert '<label for="id_q">Search</label>' in body


def test_query_count_is_fixed(auth_client, pack, django_assert_num_queries):
    with django_assert_num_queries(QUERIES):
        auth_client.get(URL, {"round": "technical", "q": "data"})
    questions_bulk_create(200, round_slug="technical")
    # New content reaches the pages through sync_content, which empties the cache.
    cache.clear()
    with django_assert_num_queries(QUERIES):
        response = auth_client.get(URL, {"round": "technical", "q": "data"})
    assert len(response.context["questions"]) >= 200
    with django_assert_num_queries(QUERIES - 2):  # the filter's rounds and topics: cached
        response = auth_client.get(URL)
    assert len(response.context["questions"]) == 268


def test_search_box_is_one_search_input(auth_client, pack):
    html = auth_client.get(reverse("library:questions")).content.decode()
    tag = re.search(r"<input[^>]*name=\"q\"[^>]*>", html).group(0)
    assert re.findall(r"\btype=\"(\w+)\"", tag) == ["search"]


def test_every_question_is_tagged_with_its_origin_in_plain_words(auth_client, pack):
    body = auth_client.get(reverse("library:questions")).content.decode()
    quoted = Question.objects.filter(kind=Question.Kind.QUOTED).count()
    derived = Question.objects.filter(kind=Question.Kind.DERIVED).count()
    assert quoted and derived
    assert body.count('<span class="tag quoted">Asked in a real loop (quoted)</span>') == quoted
    assert body.count('<span class="tag">Drawn from a cited section</span>') == derived
    assert "Quoted in an article" not in body
    assert "Drawn from an article" not in body
