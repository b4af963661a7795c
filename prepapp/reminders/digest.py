"""What a reminder says: the reviews due and mocks coming up, in the user's own day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from prepapp.mocks.models import MockInterview
from prepapp.practice.scheduling import cards_due

# A mail lists this many of each and counts the rest.
ITEMS_SHOWN = 10


@dataclass(frozen=True)
class UpcomingMock:
    when: datetime  # in the user's zone
    round: str
    minutes: int
    path: str


@dataclass(frozen=True)
class Digest:
    day: date  # the user's local day it was built for
    days_ahead: int  # mocks listed: today and this many days more
    reviews_due: int
    review_texts: list[str]
    mocks: list[UpcomingMock]

    @property
    def is_empty(self) -> bool:
        return not self.reviews_due and not self.mocks


def _local_midnight(day: date, zone) -> datetime:
    return datetime.combine(day, time.min, tzinfo=zone)


def _card_text(card) -> str:
    question = card.question or card.user_question
    return " ".join(question.text.split())


def mocks_upcoming(user, start: datetime, end: datetime) -> list[UpcomingMock]:
    """The user's scheduled mocks from `start` until before `end`, soonest first."""
    mocks = (
        MockInterview.objects.for_user(user)
        .filter(
            status=MockInterview.Status.SCHEDULED, scheduled_at__gte=start, scheduled_at__lt=end
        )
        .select_related("round")
        .order_by("scheduled_at", "pk")[:ITEMS_SHOWN]
    )
    return [
        UpcomingMock(
            when=mock.scheduled_at.astimezone(user.zone),
            round=mock.round.name,
            minutes=mock.minutes,
            path=mock.get_absolute_url(),
        )
        for mock in mocks
    ]


def digest_build(user, now: datetime, days_ahead: int) -> Digest:
    """The digest for the user's local day containing `now`.

    Reviews: every card due before the user's day ends (so this morning's mail lists
    this evening's reviews too). Mocks: those still to come, today and `days_ahead`
    days more. Days are the user's, whatever zone the server runs in. Three queries.
    """
    zone = user.zone
    today = now.astimezone(zone).date()
    end_of_today = _local_midnight(today + timedelta(days=1), zone)
    due = cards_due(user, now=end_of_today)
    return Digest(
        day=today,
        days_ahead=days_ahead,
        reviews_due=due.count(),
        review_texts=[_card_text(card) for card in due[:ITEMS_SHOWN]],
        mocks=mocks_upcoming(
            user, now, _local_midnight(today + timedelta(days=days_ahead + 1), zone)
        ),
    )
