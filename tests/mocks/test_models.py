from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from prepapp.mocks.models import CalendarFeed
from tests.mocks.factories import MockInterviewFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "fields",
    [
        {"minutes": 0},
        {"minutes": 481},
        {"overall_rating": 6},
        {"overall_rating": 0},
        {"score_data": 6},
        {"status": "maybe"},
        {"format": "telepathy"},
    ],
)
def test_constraints_reject_out_of_range(user, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        MockInterviewFactory(user=user, **fields)


def test_score_average_is_stored(user):
    mock = MockInterviewFactory(user=user, score_structure=4, score_examples=2)
    assert mock.score_avg == 3.0


def test_typed_question_list_skips_blank_lines(user):
    mock = MockInterviewFactory(user=user, typed_questions="  One \n\n Two\n  \n")
    assert mock.typed_question_list == ["One", "Two"]


def test_feed_tokens_are_long_and_distinct(user, other_user):
    a = CalendarFeed.objects.create(user=user)
    b = CalendarFeed.objects.create(user=other_user)
    assert len(a.token) >= 40 and a.token != b.token
