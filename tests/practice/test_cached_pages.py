"""A question's history and an answer's page: both cached (prepapp/page_cache.py).

Each test visits once to fill the cache, writes as the candidate (or a coach) does, and
visits again: the write must show on that very visit.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from prepapp.practice.answers import answer_assess
from prepapp.practice.models import ReviewCard
from prepapp.sharing.services import comment_add
from tests.practice.factories import UserQuestionFactory, bank_question
from tests.practice.writes import (
    answer_delete,
    answer_edit,
    answer_new,
    card_grade,
    score_names,
)
from tests.sharing.factories import ShareFactory

pytestmark = pytest.mark.django_db


def _html(client, url, **headers) -> str:
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    return response.content.decode()


def _history(question) -> str:
    return reverse("practice:history", args=[question.slug])


def _page(answer) -> str:
    return reverse("practice:answer", args=[answer.pk])


# ------------------------------------------------------------------ question history


def test_history_shows_each_write_on_the_next_visit(auth_client, user):
    question = bank_question()
    assert "You have not answered this question yet." in _html(auth_client, _history(question))
    first = answer_new(auth_client, question, "First go.", score=2)
    html = _html(auth_client, _history(question))
    assert "#1</a>" in html and "Practise again" in html
    second = answer_new(auth_client, question, "Second go.", score=2)
    html = _html(auth_client, _history(question))
    assert "#2</a>" in html and "(±0)" in html
    answer_edit(auth_client, second, "Second go, better.", score=4)
    assert "(+2.0)" in _html(auth_client, _history(question))
    answer_assess(second, dict.fromkeys(score_names(second), 5))
    assert "(+3.0)" in _html(auth_client, _history(question))
    due_before = re.search(r"Next review due <time[^>]*>([^<]*)<", html).group(1)
    card_grade(auth_client, ReviewCard.objects.get(user=user), rating=4)
    html = _html(auth_client, _history(question))
    assert re.search(r"Next review due <time[^>]*>([^<]*)<", html).group(1) != due_before
    answer_delete(auth_client, first)
    html = _html(auth_client, _history(question))
    assert "#2</a>" not in html and "#1</a>" in html


def test_history_another_user_never_sees_the_cached_attempts(client, user, other_user):
    question = bank_question()
    client.force_login(user)
    answer_new(client, question, "Mine.")
    assert "#1</a>" in _html(client, _history(question))
    client.force_login(other_user)
    assert "You have not answered this question yet." in _html(client, _history(question))


def test_own_question_history_is_cached_and_another_users_is_404(client, user, other_user):
    own = UserQuestionFactory(user=user)
    url = reverse("practice:own_history", args=[own.pk])
    client.force_login(user)
    assert "You have not answered this question yet." in _html(client, url)
    client.force_login(other_user)
    assert client.get(url).status_code == 404


def test_the_htmx_request_of_the_history_is_the_page(auth_client):
    question = bank_question()
    assert "<html" in _html(auth_client, _history(question))
    assert "<html" in _html(auth_client, _history(question), **{"HX-Request": "true"})


@pytest.mark.parametrize("count", [1, 50])
def test_history_cold_and_warm_query_counts(auth_client, django_assert_num_queries, count):
    question = bank_question()
    for i in range(count):
        answer_new(auth_client, question, f"Attempt {i}.")
    # session, user, question, answers, their findings, card
    with django_assert_num_queries(6):
        auth_client.get(_history(question))
    # session, user, question (an unknown slug is still a 404)
    with django_assert_num_queries(3):
        auth_client.get(_history(question))


# ------------------------------------------------------------------ answer page


def test_answer_page_shows_each_write_on_the_next_visit(auth_client, user):
    answer = answer_new(auth_client, bank_question(), "Before the edit.", score=2)
    html = _html(auth_client, _page(answer))
    assert "Before the edit." in html and "Average: <strong>2.0</strong>" in html
    assert "How well did you recall" in html
    answer_edit(auth_client, answer, "After the edit.", score=3)
    html = _html(auth_client, _page(answer))
    assert "After the edit." in html and "Before the edit." not in html
    assert "Average: <strong>3.0</strong>" in html
    answer_assess(answer, dict.fromkeys(score_names(answer), 5))
    assert "Average: <strong>5.0</strong>" in _html(auth_client, _page(answer))
    card_grade(auth_client, ReviewCard.objects.get(user=user))
    html = _html(auth_client, _page(answer))
    assert "Reviewed 1 time" in html and "How well did you recall" not in html


def test_an_htmx_grade_then_the_page_shows_the_graded_card(auth_client, user):
    answer = answer_new(auth_client, bank_question(), "An answer.")
    assert "How well did you recall" in _html(auth_client, _page(answer))
    card_grade(auth_client, ReviewCard.objects.get(user=user), **{"HX-Request": "true"})
    html = _html(auth_client, _page(answer))
    assert "Reviewed 1 time" in html and "<html" in html


def test_sharing_and_a_coachs_comment_show_on_the_next_visit(auth_client, user):
    """Outside the cached block: neither moves the candidate's data version."""
    answer = answer_new(auth_client, bank_question(), "Shared soon.")
    assert "Not marked as shared." in _html(auth_client, _page(answer))
    auth_client.post(reverse("sharing:answer_mark", args=[answer.pk]), {"shared": "1"})
    assert "Shared: coaches who see" in _html(auth_client, _page(answer))
    share = ShareFactory(candidate=user, scope="all")
    comment_add(share.coach, "Lead with the outcome.", answer=answer)
    assert "Lead with the outcome." in _html(auth_client, _page(answer))


def test_answer_page_another_users_answer_is_404_though_cached(client, user, other_user):
    client.force_login(user)
    answer = answer_new(client, bank_question(), "Mine only.")
    assert "Mine only." in _html(client, _page(answer))
    client.force_login(other_user)
    assert client.get(_page(answer)).status_code == 404


def _token(html: str) -> str:
    form = html[html.index('<form method="post" action="/practice/review/') :]
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)


def test_a_second_browser_gets_a_review_form_it_can_post(auth_client, user):
    """The block holds the review form: its key has the session's CSRF secret."""
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(user)
    second.force_login(user)
    answer = answer_new(auth_client, bank_question(), "Two browsers.")
    card = ReviewCard.objects.get(user=user)
    first_token = _token(_html(first, _page(answer)))
    second_token = _token(_html(second, _page(answer)))
    assert first_token != second_token
    response = second.post(
        reverse("practice:review", args=[card.pk]),
        {"rating": "3", "next": _page(answer), "csrfmiddlewaretoken": second_token},
    )
    assert response.status_code == 302


@pytest.mark.parametrize("count", [1, 20])
def test_answer_page_cold_and_warm_query_counts(auth_client, django_assert_num_queries, count):
    question = bank_question()
    for i in range(count):
        answer = answer_new(auth_client, question, f"Attempt {i}.")
    # session, user, whether it is the user's, the answer, card, findings, previous
    # attempt, its finding codes, tagged, shared mark, coaches' comments
    with django_assert_num_queries(11):
        auth_client.get(_page(answer))
    # session, user, whether it is the user's, shared mark, coaches' comments
    with django_assert_num_queries(5):
        auth_client.get(_page(answer))
