"""The answers list and the reviews due: their rows are cached (prepapp/page_cache.py).

Each test visits once to fill the cache, writes as the candidate does, and visits again:
the write must show on that very visit, not a minute later.
"""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from prepapp.practice.answers import answer_assess
from prepapp.practice.models import ReviewCard
from prepapp.practice.scheduling import card_for_question
from tests.practice.factories import bank_question
from tests.practice.helpers import answers_bulk, cards_bulk
from tests.practice.writes import (
    answer_delete,
    answer_edit,
    answer_new,
    card_grade,
    score_names,
)

pytestmark = pytest.mark.django_db

ANSWERS = reverse("practice:answers")
DUE = reverse("practice:due")


def _html(client, url, **headers) -> str:
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    return response.content.decode()


# ------------------------------------------------------------------ answers list


def test_a_new_answer_an_edit_and_a_delete_show_on_the_next_visit(auth_client):
    question = bank_question()
    assert "No answers yet" in _html(auth_client, ANSWERS)
    answer = answer_new(auth_client, question, "Readmissions first, then the workflow.")
    assert "Readmissions first, then the workflow." in _html(auth_client, ANSWERS)
    answer_edit(auth_client, answer, "Edited: the clinicians' workflow.", score=5)
    html = _html(auth_client, ANSWERS)
    assert "Edited: the clinicians" in html and "Readmissions first" not in html
    assert "Score <strong>5.0</strong>" in html
    answer_delete(auth_client, answer)
    assert "No answers yet" in _html(auth_client, ANSWERS)


def test_a_self_assessment_shows_on_the_next_visit(auth_client, user):
    answer = answer_new(auth_client, bank_question(), "An answer to score.", score=2)
    assert "Score <strong>2.0</strong>" in _html(auth_client, ANSWERS)
    # What a practice session's assessing step saves (prepapp/practice/views/session.py).
    answer_assess(answer, dict.fromkeys(score_names(answer), 4))
    assert "Score <strong>4.0</strong>" in _html(auth_client, ANSWERS)


def test_another_user_never_sees_the_cached_rows(client, user, other_user):
    answers_bulk(user, 3)
    client.force_login(user)
    mine = _html(client, ANSWERS)
    assert "3 answers." in mine
    client.force_login(other_user)
    theirs = _html(client, ANSWERS)
    assert "No answers yet" in theirs
    assert "Answer 0" not in theirs


def test_each_filter_and_page_is_its_own_entry(auth_client, user):
    answers_bulk(user, 25)
    assert "25 answers." in _html(auth_client, ANSWERS)
    assert "Page 2 of 2" in _html(auth_client, f"{ANSWERS}?page=2")
    html = _html(auth_client, f"{ANSWERS}?min_score=5")
    assert "5 answers match the filters." in html
    # The filters as typed are shown, though the unfiltered form is cached.
    assert 'name="min_score" value="5"' in html
    assert 'name="min_score" value="5"' not in _html(auth_client, ANSWERS)


def test_htmx_partial_and_full_page_are_both_right_whichever_comes_first(auth_client, user):
    answers_bulk(user, 2)
    partial = _html(auth_client, ANSWERS, **{"HX-Request": "true"})
    assert partial.lstrip().startswith('<section id="results"')
    assert "<html" not in partial and "2 answers." in partial
    full = _html(auth_client, ANSWERS)
    assert "<html" in full and 'aria-label="Filter answers"' in full and "2 answers." in full
    answer_new(auth_client, bank_question(), "A third one.")
    partial = _html(auth_client, ANSWERS, **{"HX-Request": "true"})
    assert "3 answers." in partial and "A third one." in partial
    assert "<html" not in partial
    # A history restore asks for the whole page with HX-Request: it gets it.
    full = _html(
        auth_client, ANSWERS, **{"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in full and "3 answers." in full


@pytest.mark.parametrize("count", [1, 200])
def test_cold_and_warm_query_counts(auth_client, user, django_assert_num_queries, count):
    answers_bulk(user, count)
    # session, user, count, page of answers, rounds and topics for the filter selects
    with django_assert_num_queries(6):
        auth_client.get(ANSWERS)
    # session, user: the form and the rows are cached
    with django_assert_num_queries(2):
        auth_client.get(ANSWERS)
    filtered = {"round": "recruiter-screen", "topic": "career-transition", "q": "answer"}
    # plus the round and topic lookups, the count and the page, the selects of the form
    with django_assert_num_queries(8):
        auth_client.get(ANSWERS, filtered)
    # the rows cached; the form as typed is not (its lookups and its selects)
    with django_assert_num_queries(6):
        auth_client.get(ANSWERS, filtered)


# ------------------------------------------------------------------ reviews due


def test_a_grade_and_a_new_answer_show_on_the_next_visit(auth_client, user):
    question = bank_question()
    assert "Nothing is due." in _html(auth_client, DUE)
    # A first answer gives the question a card, due at once.
    answer = answer_new(auth_client, question, "First go.")
    html = _html(auth_client, DUE)
    assert "1 question due." in html
    assert reverse("practice:answer", args=[answer.pk]) in html
    second = answer_new(auth_client, question, "Second go.")
    assert reverse("practice:answer", args=[second.pk]) in _html(auth_client, DUE)
    card_grade(auth_client, ReviewCard.objects.get(user=user))
    assert "Nothing is due." in _html(auth_client, DUE)


def test_deleting_the_last_answer_drops_its_link(auth_client, user):
    answer = answer_new(auth_client, bank_question(), "The only one.")
    assert reverse("practice:answer", args=[answer.pk]) in _html(auth_client, DUE)
    answer_delete(auth_client, answer)
    html = _html(auth_client, DUE)
    assert "1 question due." in html and "Your last answer" not in html


def test_due_list_another_user_never_sees_the_cached_cards(client, user, other_user):
    cards_bulk(user, 2)
    client.force_login(user)
    assert "2 questions due." in _html(client, DUE)
    client.force_login(other_user)
    assert "Nothing is due." in _html(client, DUE)


def test_a_card_coming_due_shows_within_the_minute(auth_client, user):
    """No write moves a card into the queue: the clock does, and the key has the minute."""
    now = timezone.now()
    card = card_for_question(user, question=bank_question())
    ReviewCard.objects.filter(pk=card.pk).update(due=now + timedelta(seconds=90))
    assert "Nothing is due." in _html(auth_client, DUE)
    with mock.patch("django.utils.timezone.now", return_value=now + timedelta(minutes=2)):
        assert "1 question due." in _html(auth_client, DUE)


def test_the_htmx_request_of_the_due_page_is_the_page(auth_client, user):
    cards_bulk(user, 1)
    assert "<html" in _html(auth_client, DUE)
    assert "<html" in _html(auth_client, DUE, **{"HX-Request": "true"})


@pytest.mark.parametrize("count", [1, 200])
def test_due_cold_and_warm_query_counts(auth_client, user, django_assert_num_queries, count):
    cards_bulk(user, count)
    # session, user, count, page of cards with their last answers
    with django_assert_num_queries(4):
        auth_client.get(DUE)
    # session, user
    with django_assert_num_queries(2):
        auth_client.get(DUE)


def test_a_second_browser_of_the_same_user_sees_the_same_rows(user):
    cards_bulk(user, 2)
    first, second = Client(), Client()
    first.force_login(user)
    second.force_login(user)
    assert _html(first, DUE).count('class="card"') == _html(second, DUE).count('class="card"')
