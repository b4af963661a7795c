"""question_pick: due reviews first, then weak or unpractised rounds, then new questions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from prepapp.library.models import Question, Round
from prepapp.practice.picker import question_pick
from prepapp.practice.scheduling import card_for_question
from tests.practice.factories import AnswerFactory, ReviewCardFactory, UserQuestionFactory

pytestmark = pytest.mark.django_db


def _rounds_practised(user, score=4, but=()):
    """One well-scored answer in every round except `but`."""
    for round_ in Round.objects.exclude(slug__in=but):
        question = Question.objects.filter(round=round_).order_by("slug").first()
        if question:
            AnswerFactory(user=user, question=question, score_structure=score)


def test_a_due_review_comes_first(user):
    _rounds_practised(user, but=["culture-fit"])
    question = Question.objects.filter(round__slug="technical").order_by("slug").last()
    ReviewCardFactory(user=user, question=question, due=timezone.now() - timedelta(days=1))
    pick = question_pick(user)
    assert pick.question == question and pick.reason == "Due for review"


def test_the_oldest_due_review_first(user):
    older, newer = Question.objects.order_by("pk")[:2]
    ReviewCardFactory(user=user, question=newer, due=timezone.now() - timedelta(hours=1))
    ReviewCardFactory(user=user, question=older, due=timezone.now() - timedelta(days=3))
    assert question_pick(user).question == older


def test_an_unpractised_round_before_new_questions_of_practised_rounds(user):
    _rounds_practised(user, but=["culture-fit"])
    pick = question_pick(user)
    assert pick.question.round.slug == "culture-fit"
    assert pick.reason == "A round you have not practised"


def test_a_weak_round_when_every_round_is_practised(user):
    _rounds_practised(user)
    weak = Question.objects.filter(round__slug="regulatory-strategy").order_by("slug")
    AnswerFactory(user=user, question=weak[1], score_structure=1)  # mean 2.5
    pick = question_pick(user)
    assert pick.question.round.slug == "regulatory-strategy" and pick.reason == "A weak round"
    # A question of that round not answered yet, rather than the ones already tried.
    assert pick.question not in {weak[0], weak[1]}


def test_new_questions_when_no_round_needs_work(user):
    _rounds_practised(user)
    pick = question_pick(user)
    assert pick.reason == "A question you have not answered yet"
    assert not pick.question.answers.filter(user=user).exists()


def test_a_card_not_due_waits_unless_the_interview_comes_first(user):
    _rounds_practised(user)
    question = Question.objects.filter(round__slug="technical").order_by("slug").last()
    ReviewCardFactory(user=user, question=question, due=timezone.now() + timedelta(days=3))
    assert question_pick(user).question != question
    # With the interview in five days, a review due in three comes before anything new.
    user.interview_date = timezone.localdate() + timedelta(days=5)
    pick = question_pick(user)
    assert pick.question == question and pick.reason == "Due again before your interview"
    # An interview before the card comes due changes nothing; nor does one in the past.
    user.interview_date = timezone.localdate() + timedelta(days=1)
    assert question_pick(user).question != question
    user.interview_date = date(2000, 1, 1)
    assert question_pick(user).question != question


def test_skipped_questions_are_excluded(user):
    first = question_pick(user).question
    second = question_pick(user, exclude_questions=[first.pk]).question
    assert second != first


def test_a_chosen_round_only(user):
    round_ = Round.objects.get(slug="execution-metrics")
    other = Question.objects.exclude(round=round_).order_by("pk").first()
    ReviewCardFactory(user=user, question=other, due=timezone.now() - timedelta(days=1))
    pick = question_pick(user, round=round_)
    assert pick.question.round == round_


def test_a_due_own_question(user):
    own = UserQuestionFactory(user=user)
    card = card_for_question(user, user_question=own)
    pick = question_pick(user)
    assert pick.user_question == own and card.is_due


def test_none_left(user):
    everything = list(Question.objects.values_list("pk", flat=True))
    assert question_pick(user, exclude_questions=everything) is None


def test_another_users_cards_and_answers_count_for_nothing(user, other_user):
    _rounds_practised(other_user)
    question = Question.objects.order_by("pk").last()
    ReviewCardFactory(user=other_user, question=question, due=timezone.now() - timedelta(days=1))
    pick = question_pick(user)
    assert pick.question != question and pick.reason == "A round you have not practised"


@pytest.mark.parametrize("answers", [1, 60])
def test_query_count_is_fixed(user, django_assert_num_queries, answers):
    questions = list(Question.objects.order_by("pk")[:answers])
    for question in questions:
        AnswerFactory(user=user, question=question, score_structure=4)
    # due cards, answered questions, round stats, the bank (no interview date: no extra)
    with django_assert_num_queries(4):
        question_pick(user)
