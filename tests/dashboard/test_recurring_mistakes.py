"""The dashboard's "Mistakes that keep coming back": practice and mocks ranked together."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from prepapp.dashboard.overview import SHOWN, mistakes_top, overview_build
from prepapp.library.models import MistakePair, Question
from prepapp.mocks.mistakes import mock_mistakes_count
from prepapp.mocks.models import MockInterview
from prepapp.practice.answers import answer_save
from prepapp.practice.models import Answer
from prepapp.practice.stats import MistakeStats
from tests.mocks.factories import MockInterviewFactory
from tests.practice.factories import AnswerFactory
from tests.practice.helpers import answers_bulk

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _pairs() -> list[MistakePair]:
    return list(MistakePair.objects.order_by("pk"))


def _mock_noting(user, *pairs) -> MockInterview:
    mock = MockInterviewFactory(
        user=user,
        status=MockInterview.Status.DONE,
        scheduled_at=timezone.now() - timedelta(days=1),
    )
    mock.mistakes.add(*pairs)
    return mock


def test_mocks_are_merged_before_the_top_five_is_cut(user, pack):
    """Six practice mistakes and a mock: the sixth, noted twice in mocks, tops the list."""
    pairs = _pairs()[:6]
    questions = list(Question.objects.order_by("pk")[:2])
    # Five pairs tagged on the latest attempts at two questions, the sixth on one only.
    for question in questions:
        answer = AnswerFactory(user=user, question=question)
        answer.mistakes.add(*pairs[:5])
    AnswerFactory(user=user, question=Question.objects.order_by("pk")[2]).mistakes.add(pairs[5])
    _mock_noting(user, pairs[5])
    _mock_noting(user, pairs[5])

    mistakes = overview_build(user).mistakes
    assert len(mistakes) == SHOWN
    assert (mistakes[0].title, mistakes[0].count) == (pairs[5].title, 3)  # 1 answer + 2 mocks
    assert mistakes[0].pair == pairs[5]
    assert all(m.count == 2 for m in mistakes[1:])


def test_merge_adds_mocks_to_the_same_pair_and_ranks_the_whole():
    a, b = MistakePair(slug="a", title="A"), MistakePair(slug="b", title="B")
    practice = [
        MistakeStats("finding:too-short", "Far too short for the round", "a", 4),
        MistakeStats("pair:a", "A", "a", 1),
    ]
    ranked = mistakes_top(practice, {"a": 2, "b": 5}, {"a": a, "b": b})
    assert [(m.title, m.count, m.pair) for m in ranked] == [
        ("B", 5, b),  # only in mocks
        ("Far too short for the round", 4, a),
        ("A", 3, a),  # tagged once, noted in two mocks
    ]


def test_mock_mistakes_count_is_per_user(user, other_user, pack):
    pair = _pairs()[0]
    _mock_noting(user, pair)
    _mock_noting(other_user, pair)
    assert mock_mistakes_count(user) == {pair.slug: 1}


def test_the_page_shows_each_finding_under_its_own_title(auth_client, user, pack):
    """A too-short answer is "Far too short for the round", not "No clear framework"."""
    question = Question.objects.order_by("pk").first()
    answer_save(Answer(user=user, question=question, body="Too brief."), mistakes=[])
    body = auth_client.get(reverse("dashboard:home")).content.decode()
    section = body[body.index('id="mistakes-h"') :]
    assert "Far too short for the round" in section
    assert "No clear framework" not in section
    # Its pair's BAD and GOOD still explain it.
    pair = MistakePair.objects.get(slug="mistake-no-clear-framework")
    assert pair.good[:30] in section


def test_a_fixed_finding_leaves_the_dashboard(auth_client, user, pack):
    question = Question.objects.order_by("pk").first()
    answer_save(Answer(user=user, question=question, body="Too brief."), mistakes=[])
    long_enough = " ".join(["First we size the clinical problem for patients."] * 30)
    answer_save(Answer(user=user, question=question, body=long_enough), mistakes=[])
    mistakes = overview_build(user).mistakes
    assert "Far too short for the round" not in [m.title for m in mistakes]


@pytest.mark.parametrize("rows", [1, 200])
def test_the_dashboard_query_count_is_fixed(client, user, pack, rows, django_assert_num_queries):
    answers_bulk(user, rows)
    for _ in range(rows):
        _mock_noting(user, _pairs()[1])
    client.force_login(user)
    # session, user, checklist progress, answer totals, 12 weeks, rounds, finding
    # mistakes, tagged mistakes, rounds list, mock coverage, review cards, due cards,
    # upcoming mocks, mock mistakes, mistake pairs, coaches' open comments
    with django_assert_num_queries(16):
        response = client.get(reverse("dashboard:home"))
    assert response.status_code == 200
    assert "Mistakes that keep coming back" in response.content.decode()
