"""Spaced review: when each question is due again, scheduled by fsrs."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

import fsrs
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from prepapp.accounts.data_version import data_version_bump
from prepapp.practice.models import ReviewCard, ReviewLog

# fsrs's default learning steps (1 and 10 minutes) suit flashcards; practising a
# whole interview answer again ten minutes later teaches nothing, so the short
# steps are a day long. Everything else is fsrs's defaults.
SCHEDULER = fsrs.Scheduler(
    learning_steps=(timedelta(days=1),),
    relearning_steps=(timedelta(days=1),),
)
# The same scheduler without its random fuzz (a few percent on intervals of days), for
# the intervals the grade buttons show: a button must say the same thing on every load.
SCHEDULER_UNFUZZED = fsrs.Scheduler(
    learning_steps=SCHEDULER.learning_steps,
    relearning_steps=SCHEDULER.relearning_steps,
    enable_fuzzing=False,
)


def _utc(moment: datetime | None) -> datetime:
    # fsrs refuses any datetime that is not timezone-aware UTC.
    return (moment or timezone.now()).astimezone(UTC)


def card_for_question(user, question=None, user_question=None) -> ReviewCard:
    """The user's card for a bank question or an own question; a new card is due now."""
    if (question is None) == (user_question is None):
        raise ValueError("pass exactly one of question and user_question")
    lookup = {"question": question} if question is not None else {"user_question": user_question}
    now = timezone.now()
    card, _created = ReviewCard.objects.get_or_create(
        user=user, **lookup, defaults={"due": now, "state": _new_state(now)}
    )
    return card


def _new_state(now: datetime) -> dict:
    # An explicit card_id: without one fsrs sleeps a millisecond to keep ids unique,
    # and nothing here reads the id.
    return fsrs.Card(card_id=int(now.timestamp() * 1000), due=_utc(now)).to_dict()


class ReviewCardGone(Exception):
    """The card was deleted while it was being graded (its question or account removed)."""


class ReviewNotDue(Exception):
    """The card is not due for review: most often it was graded a moment ago (a double
    click, a second tab). `card` is the card as it is now, with its next due date."""

    def __init__(self, card: ReviewCard):
        super().__init__(f"card {card.pk} is not due until {card.due:%Y-%m-%d %H:%M}")
        self.card = card


def card_review(card: ReviewCard, rating: int, *, answer=None, now=None) -> ReviewCard:
    """Grade the user's recall of a due card; fsrs moves its due date and a log row is written.

    One grade per due review, enforced in the write: the UPDATE only matches the card while
    it is still due and still has the review count this grade was computed from, so of two
    concurrent grades exactly one lands. The other raises ReviewNotDue, as does grading a
    card that is not due.
    """
    now = _utc(now)
    if card.due > now:
        raise ReviewNotDue(card)
    seen_count = card.review_count
    fsrs_card = fsrs.Card.from_dict(card.state or _new_state(card.due))
    fsrs_card, _log = SCHEDULER.review_card(fsrs_card, fsrs.Rating(rating), review_datetime=now)
    changes = {
        "state": fsrs_card.to_dict(),
        "due": fsrs_card.due,
        "last_reviewed_at": now,
        "review_count": seen_count + 1,
    }
    with transaction.atomic():
        updated = ReviewCard.objects.filter(
            pk=card.pk, review_count=seen_count, due__lte=now
        ).update(**changes)
        if not updated:
            try:
                card.refresh_from_db()
            except ReviewCard.DoesNotExist:
                raise ReviewCardGone(f"card {card.pk} no longer exists") from None
            raise ReviewNotDue(card)
        for field, value in changes.items():
            setattr(card, field, value)
        ReviewLog.objects.create(card=card, answer=answer, rating=rating, due_after=card.due)
        data_version_bump(card.user_id)
    return card


def card_intervals(card: ReviewCard, now=None) -> dict[int, timedelta]:
    """How long each grade would put the card away, as card_review would schedule it.

    Computed by the same scheduler on a copy of the state, nothing saved: the buttons show
    "Good · 3 days" before the user picks one. Without the fuzz, so the grade itself may
    land a few percent either side (fsrs spreads reviews that way).
    """
    now = _utc(now)
    state = card.state or _new_state(card.due)
    intervals = {}
    for rating in fsrs.Rating:
        graded, _log = SCHEDULER_UNFUZZED.review_card(
            fsrs.Card.from_dict(state), rating, review_datetime=now
        )
        intervals[int(rating)] = graded.due - now
    return intervals


def interval_display(interval: timedelta) -> str:
    """An interval the way a grade button says it: "10 min", "1 day", "3 days", "2 months"."""
    seconds = max(interval.total_seconds(), 0)
    days = seconds / 86400
    if days < 1:
        minutes = max(round(seconds / 60), 1)
        if minutes < 60:
            return f"{minutes} min"
        hours = round(minutes / 60)
        return f"{hours} hour{'s' if hours != 1 else ''}"
    if days < 30:
        whole = round(days)
        return f"{whole} day{'s' if whole != 1 else ''}"
    if days < 365:
        months = round(days / 30)
        return f"{months} month{'s' if months != 1 else ''}"
    years = round(days / 365, 1)
    return f"{years:g} year{'s' if years != 1 else ''}"


def card_state_check(state: dict, now: datetime | None = None) -> dict:
    """A stored fsrs state as card_review will read it; ValueError if grading it would fail.

    For states that come from outside (an import): the state must load with fsrs, hold
    finite positive numbers, and survive a review at every rating now, as card_review
    would do it. An empty state is a new card. Returns the state as fsrs writes it.
    """
    if not state:
        return {}
    now = _utc(now)
    try:
        card = fsrs.Card.from_dict(state)
        if any(m is not None and m.utcoffset() is None for m in (card.due, card.last_review)):
            raise ValueError("a time without a time zone")
        if card.step is not None and (type(card.step) is not int or card.step < 0):
            raise ValueError("step")
        for value in (card.stability, card.difficulty):
            if value is not None and not (math.isfinite(value) and value > 0):
                raise ValueError("stability or difficulty")
        for rating in fsrs.Rating:
            graded, _log = SCHEDULER.review_card(card, rating, review_datetime=now)
            json.dumps(graded.to_dict(), allow_nan=False)
        return card.to_dict()
    # fsrs checks its invariants with assert; without asserts the same cards fail on None.
    except (ArithmeticError, AssertionError, KeyError, TypeError, ValueError) as error:
        raise ValueError("not an fsrs card state") from error


def cards_due(user, now=None):
    """The user's cards due by now, oldest due first."""
    return (
        ReviewCard.objects.for_user(user)
        .filter(due__lte=now or timezone.now())
        .select_related("question__round", "question__topic", "user_question__round")
        .order_by("due", "pk")
    )


@dataclass(frozen=True)
class CardCounts:
    total: int
    due: int  # due now
    overdue: int  # due before today began


def cards_counts(user, now=None) -> CardCounts:
    """How many cards the user has, how many are due now and how many overdue: one query.

    Overdue means due before today (the user's local day) began, so today's reviews are
    not yet late.
    """
    now = now or timezone.now()
    start_of_today = timezone.make_aware(datetime.combine(timezone.localdate(now), time.min))
    counts = ReviewCard.objects.for_user(user).aggregate(
        # Aliases must not be "due": that would shadow the field in the filters.
        card_count=Count("pk"),
        due_count=Count("pk", filter=Q(due__lte=now)),
        overdue_count=Count("pk", filter=Q(due__lt=start_of_today)),
    )
    return CardCounts(counts["card_count"], counts["due_count"], counts["overdue_count"])
