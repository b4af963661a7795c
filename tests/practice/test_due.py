from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from prepapp.library.models import Question
from prepapp.practice.models import ReviewCard
from prepapp.practice.scheduling import card_for_question
from tests.practice.factories import AnswerFactory, UserQuestionFactory
from tests.practice.helpers import cards_bulk

pytestmark = pytest.mark.django_db

URL = reverse("practice:due")


def test_lists_due_cards_oldest_first_with_links(auth_client, user, other_user):
    questions = list(Question.objects.order_by("pk")[:3])
    recent = card_for_question(user, question=questions[0])
    oldest = card_for_question(user, question=questions[1])
    future = card_for_question(user, question=questions[2])
    ReviewCard.objects.filter(pk=oldest.pk).update(due=timezone.now() - timedelta(days=3))
    ReviewCard.objects.filter(pk=future.pk).update(due=timezone.now() + timedelta(days=3))
    card_for_question(other_user, question=questions[0])
    first_answer = AnswerFactory(user=user, question=questions[1])
    last_answer = AnswerFactory(user=user, question=questions[1])
    AnswerFactory(user=other_user, question=questions[0])

    response = auth_client.get(URL)
    assert response.status_code == 200
    cards = list(response.context["page"])
    assert [c.pk for c in cards] == [oldest.pk, recent.pk]
    assert cards[0].last_answer_id == last_answer.pk != first_answer.pk
    assert cards[1].last_answer_id is None
    html = response.content.decode()
    assert f"?question={questions[1].slug}" in html
    assert reverse("practice:answer", args=[last_answer.pk]) in html
    assert questions[2].text[:50] not in html


def test_own_question_card(auth_client, user):
    own = UserQuestionFactory(user=user, text="An own question to review")
    card_for_question(user, user_question=own)
    answer = AnswerFactory(user=user, question=None, user_question=own)
    response = auth_client.get(URL)
    html = response.content.decode()
    assert "An own question to review" in html
    assert f"?own={own.pk}" in html
    assert reverse("practice:answer", args=[answer.pk]) in html


def test_nothing_due(auth_client):
    assert "Nothing is due." in auth_client.get(URL).content.decode()


def test_bad_page_does_not_fail(auth_client, user):
    cards_bulk(user, 3)
    for page in ["abc", "999", "0"]:
        assert auth_client.get(URL, {"page": page}).status_code == 200


@pytest.mark.parametrize("count", [1, 200])
def test_query_count_is_fixed(auth_client, user, django_assert_num_queries, count):
    cards_bulk(user, count)
    # session, user, count, page of cards with their last answers
    with django_assert_num_queries(4):
        response = auth_client.get(URL)
    assert response.context["page"].paginator.count == count
