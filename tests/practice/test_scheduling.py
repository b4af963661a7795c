from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from prepapp.library.models import Question, Round
from prepapp.practice.models import ReviewCard, ReviewLog
from prepapp.practice.scheduling import (
    ReviewCardGone,
    ReviewNotDue,
    card_for_question,
    card_review,
    cards_due,
)
from tests.practice.factories import UserQuestionFactory, bank_question

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _due_card(user, question=None) -> ReviewCard:
    """A new card, due at NOW (a fixed moment, so intervals are exact)."""
    card = card_for_question(user, question=question or bank_question())
    ReviewCard.objects.filter(pk=card.pk).update(due=NOW)
    card.refresh_from_db()
    return card


def _due_after(user, rating: int, slug: str) -> datetime:
    return card_review(_due_card(user, bank_question(slug)), rating, now=NOW).due


def test_new_card_is_due_now_and_get_or_create(user):
    question = bank_question()
    before = timezone.now()
    card = card_for_question(user, question=question)
    assert before <= card.due <= timezone.now()
    assert card.state["state"] == 1  # fsrs Learning
    assert card_for_question(user, question=question).pk == card.pk
    assert ReviewCard.objects.count() == 1


def test_card_for_own_question(user):
    own = UserQuestionFactory(user=user)
    card = card_for_question(user, user_question=own)
    assert card.user_question == own and card.question is None


def test_card_for_question_needs_exactly_one_question(user):
    with pytest.raises(ValueError, match="^pass exactly one of question and user_question$"):
        card_for_question(user)
    with pytest.raises(ValueError, match="^pass exactly one of question and user_question$"):
        card_for_question(
            user, question=bank_question(), user_question=UserQuestionFactory(user=user)
        )


def test_good_is_later_than_again_and_easy_later_than_good(user, other_user):
    slugs = list(Question.objects.order_by("pk").values_list("slug", flat=True)[:3])
    again = _due_after(user, 1, slugs[0])
    good = _due_after(user, 3, slugs[1])
    easy = _due_after(user, 4, slugs[2])
    assert NOW < again < good < easy
    assert again - NOW == timedelta(days=1)  # the learning step
    assert easy - NOW >= timedelta(days=3)


def test_review_updates_card_and_writes_log(user):
    card = _due_card(user)
    card_review(card, 3, now=NOW)
    card.refresh_from_db()
    assert card.review_count == 1
    assert card.last_reviewed_at == NOW
    assert card.state["state"] == 2  # fsrs Review, after Good on a one-step card
    log = ReviewLog.objects.get(card=card)
    assert log.rating == 3 and log.due_after == card.due

    # A second review starts from the stored state, not from a new card.
    first_due = card.due
    card_review(card, 3, now=first_due)
    card.refresh_from_db()
    assert card.review_count == 2
    assert card.due - first_due > first_due - NOW
    assert ReviewLog.objects.filter(card=card).count() == 2


def test_cards_due_lists_only_the_users_due_cards_oldest_first(user, other_user):
    questions = list(Question.objects.order_by("pk")[:4])
    late = card_for_question(user, question=questions[0])
    early = card_for_question(user, question=questions[1])
    future = card_for_question(user, question=questions[2])
    card_for_question(other_user, question=questions[3])
    ReviewCard.objects.filter(pk=late.pk).update(due=NOW - timedelta(days=1))
    ReviewCard.objects.filter(pk=early.pk).update(due=NOW - timedelta(days=5))
    ReviewCard.objects.filter(pk=future.pk).update(due=NOW + timedelta(days=1))
    assert [c.pk for c in cards_due(user, now=NOW)] == [early.pk, late.pk]


def test_a_card_is_graded_once_per_due_review(user):
    card = _due_card(user)
    card_review(card, 4, now=NOW)
    # Graded again a second later: not due any more.
    with pytest.raises(ReviewNotDue) as refused:
        card_review(card, 1, now=NOW + timedelta(seconds=1))
    assert refused.value.card.due == card.due
    assert list(ReviewLog.objects.values_list("rating", flat=True)) == [4]


def test_two_concurrent_grades_of_one_review_write_one(user):
    """Both requests loaded the card while it was due; the write lets only the first through."""
    _due_card(user)
    first, second = ReviewCard.objects.get(), ReviewCard.objects.get()
    card_review(first, 4, now=NOW)
    with pytest.raises(ReviewNotDue) as refused:
        card_review(second, 1, now=NOW)  # its stale copy still says due at NOW
    stored = ReviewCard.objects.get()
    assert stored.review_count == 1 and stored.due == first.due
    assert refused.value.card.due == first.due  # the refusal carries the card as it is now
    assert list(ReviewLog.objects.values_list("rating", flat=True)) == [4]


def test_a_card_not_yet_due_cannot_be_graded(user):
    card = _due_card(user)
    with pytest.raises(ReviewNotDue):
        card_review(card, 3, now=NOW - timedelta(minutes=1))
    assert not ReviewLog.objects.exists()


def _reviewed_card(user, slug=None) -> ReviewCard:
    """A card in fsrs's Review state: Good on a new card, graduated after the one learning step."""
    card = _due_card(user, bank_question(slug))
    card_review(card, 3, now=NOW)
    assert card.state["state"] == 2  # Review
    return card


def test_hard_on_a_new_card_is_one_and_a_half_learning_steps(user):
    card = _due_card(user)
    card_review(card, 2, now=NOW)
    assert card.state["state"] == 1  # still Learning
    assert card.due - NOW == timedelta(days=1, hours=12)


def test_again_on_a_card_in_review_relearns_for_one_day(user):
    card = _reviewed_card(user)
    reviewed_at = card.due
    card_review(card, 1, now=reviewed_at)
    card.refresh_from_db()
    assert card.state["state"] == 3  # Relearning
    assert card.due - reviewed_at == timedelta(days=1)  # the relearning step, not fsrs's 10 min
    assert card.last_reviewed_at == reviewed_at
    assert card.review_count == 2
    assert ReviewLog.objects.filter(card=card).latest("pk").due_after == card.due

    # Good after the relearning step brings it back into Review, days away.
    relearnt_at = card.due
    card_review(card, 3, now=relearnt_at)
    assert card.state["state"] == 2
    assert card.due - relearnt_at >= timedelta(days=1)


def test_review_without_a_time_is_now(user):
    card = card_for_question(user, question=bank_question())
    before = timezone.now()
    card_review(card, 1)
    card.refresh_from_db()
    assert before <= card.last_reviewed_at <= timezone.now()
    assert card.due - card.last_reviewed_at == timedelta(days=1)


def test_review_time_in_another_zone_is_the_same_instant(user):
    card = _due_card(user)
    plus_five = NOW.astimezone(timezone.get_fixed_timezone(5 * 60))
    card_review(card, 1, now=plus_five)
    card.refresh_from_db()
    assert card.last_reviewed_at == NOW
    assert card.due == NOW + timedelta(days=1)


def test_card_without_stored_state_is_reviewed_as_a_new_card_due_when_it_was(user):
    card = card_for_question(user, question=bank_question())
    ReviewCard.objects.filter(pk=card.pk).update(state={}, due=NOW - timedelta(days=3))
    card.refresh_from_db()
    card_review(card, 3, now=NOW)
    card.refresh_from_db()
    assert card.state["state"] == 2
    assert card.due - NOW == timedelta(days=2)  # Good on a new card, as from card_for_question


def test_new_card_state_is_due_when_created(user):
    before = timezone.now()
    card = card_for_question(user, question=bank_question())
    stored_due = datetime.fromisoformat(card.state["due"])
    assert stored_due == card.due
    assert before <= stored_due <= timezone.now()


def test_review_log_links_the_answer(user):
    from tests.practice.factories import AnswerFactory

    card = _due_card(user)
    answer = AnswerFactory(user=user, question=card.question)
    card_review(card, 4, answer=answer, now=NOW)
    log = ReviewLog.objects.get(card=card)
    assert (log.answer, log.rating, log.due_after) == (answer, 4, card.due)


def test_cards_due_without_a_time_is_now(user):
    questions = list(Question.objects.order_by("pk")[:2])
    past = card_for_question(user, question=questions[0])
    soon = card_for_question(user, question=questions[1])
    ReviewCard.objects.filter(pk=past.pk).update(due=timezone.now() - timedelta(minutes=1))
    ReviewCard.objects.filter(pk=soon.pk).update(due=timezone.now() + timedelta(hours=1))
    assert [c.pk for c in cards_due(user)] == [past.pk]


def test_review_of_a_card_deleted_meanwhile_does_not_bring_it_back(user):
    # Another tab deleted the question (and its card) between the page load and the grade.
    card = _due_card(user)
    ReviewCard.objects.filter(pk=card.pk).delete()
    # The guarded UPDATE matched nothing: a clear error the view turns into a 404.
    with pytest.raises(ReviewCardGone):
        card_review(card, 3, now=NOW)
    assert not ReviewCard.objects.exists()
    assert not ReviewLog.objects.exists()


def test_cards_due_loads_what_the_queue_shows_in_one_query(user, django_assert_num_queries):
    questions = list(Question.objects.order_by("pk")[:2])
    for question in questions:
        card_for_question(user, question=question)
    own = UserQuestionFactory(user=user, round=Round.objects.order_by("pk").first())
    card_for_question(user, user_question=own)
    later = NOW + timedelta(days=365 * 5)
    with django_assert_num_queries(1):
        shown = [
            (c.question.round.name, c.question.topic.name)
            if c.question
            else (c.user_question.text, c.user_question.round.name)
            for c in cards_due(user, now=later)
        ]
    assert len(shown) == 3
    assert (own.text, own.round.name) in shown


def test_review_in_summer_time_works_and_is_stored_as_the_instant(user):
    # The server's zone (Europe/London) is UTC+1 in July; fsrs must still be given UTC.
    july = datetime(2026, 7, 1, 9, 0, tzinfo=UTC)
    card = card_for_question(user, question=bank_question())
    ReviewCard.objects.filter(pk=card.pk).update(due=july)  # due then, graded then
    card.refresh_from_db()
    card_review(card, 1, now=july)
    card.refresh_from_db()
    assert card.last_reviewed_at == july
    assert card.due == july + timedelta(days=1)


def test_cards_counts_total_due_now_and_overdue_before_the_local_day(user, other_user):
    from zoneinfo import ZoneInfo

    from prepapp.practice.scheduling import CardCounts, cards_counts

    # 08:00 in New York is 13:00 UTC; that local day began at 05:00 UTC.
    now = datetime(2026, 3, 2, 13, 0, tzinfo=UTC)
    questions = list(Question.objects.order_by("pk")[:5])
    dues = [
        now + timedelta(hours=1),  # not due yet
        now,  # due this very moment
        datetime(2026, 3, 2, 5, 0, tzinfo=UTC),  # due at local midnight: today, not late
        datetime(2026, 3, 2, 4, 59, tzinfo=UTC),  # a minute before local midnight: overdue
        now - timedelta(days=3),  # overdue
    ]
    for question, due in zip(questions, dues, strict=True):
        card = card_for_question(user, question=question)
        ReviewCard.objects.filter(pk=card.pk).update(due=due)
    ReviewCard.objects.filter(pk=card_for_question(other_user, question=questions[0]).pk).update(
        due=now - timedelta(days=9)
    )
    with timezone.override(ZoneInfo("America/New_York")):
        assert cards_counts(user, now=now) == CardCounts(total=5, due=4, overdue=2)
    # In London that day began at 00:00 UTC, so the 04:59 card is not yet overdue there.
    with timezone.override(ZoneInfo("Europe/London")):
        assert cards_counts(user, now=now) == CardCounts(total=5, due=4, overdue=1)


def _review_state(**changes) -> dict:
    """A card in Review, as fsrs writes it, with some fields changed."""
    import fsrs

    from prepapp.practice.scheduling import SCHEDULER

    card, _log = SCHEDULER.review_card(fsrs.Card(card_id=1, due=NOW), fsrs.Rating.Good, NOW)
    return {**card.to_dict(), **changes}


@pytest.mark.parametrize(
    ("changes", "cause"),
    [
        ({"step": -1}, "step"),
        ({"step": "1"}, "step"),
        ({"stability": -1.0}, "stability or difficulty"),
        ({"difficulty": -0.5}, "stability or difficulty"),
        ({"due": "2026-03-03T09:00:00"}, "a time without a time zone"),
    ],
)
def test_a_state_card_review_could_not_use_is_refused_with_its_cause(changes, cause):
    from prepapp.practice.scheduling import card_state_check

    with pytest.raises(ValueError, match="^not an fsrs card state$") as refused:
        card_state_check(_review_state(**changes), now=NOW)
    assert refused.value.__cause__.args == (cause,)


@pytest.mark.parametrize("changes", [{"step": 0}, {"stability": 0.5, "difficulty": 0.5}, {}])
def test_a_state_at_the_edges_is_accepted_as_fsrs_writes_it(changes):
    from prepapp.practice.scheduling import card_state_check

    state = _review_state(**changes)
    assert card_state_check(state, now=NOW) == state
