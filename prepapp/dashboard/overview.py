"""Everything the dashboard shows, gathered from the apps that own the data.

The dashboard reads and never writes. Each piece costs a fixed number of
queries, whatever the size of the user's history, so the page's query count
is pinned in its tests.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db.models import Count, Q
from django.utils import timezone

from prepapp.checklist.progress import ChecklistProgress, progress_compute
from prepapp.dashboard.charts import WeeklyChart, chart_weekly
from prepapp.dashboard.readiness import Readiness, ReadinessInputs, readiness_compute
from prepapp.library.models import MistakePair, Round
from prepapp.mocks.coverage import coverage_compute, upcoming_mocks
from prepapp.mocks.models import MockInterview
from prepapp.practice.models import ReviewCard
from prepapp.practice.scheduling import cards_due
from prepapp.practice.stats import AnswersStats, answers_stats

TOP_MISTAKES = 5
DUE_SHOWN = 5
WEAK_SCORE = 3.0


@dataclass(frozen=True)
class RoundRow:
    round: Round
    answers: int
    average: float | None
    mocks_done: int
    mock_rating: float | None

    @property
    def weak(self) -> bool:
        low = self.average is not None and self.average < WEAK_SCORE
        return self.answers == 0 or self.mocks_done == 0 or low


@dataclass(frozen=True)
class RecurringMistake:
    pair: MistakePair
    count: int


@dataclass(frozen=True)
class Countdown:
    interview_date: date
    days: int
    todo: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Overview:
    is_new: bool
    readiness: Readiness
    checklist: ChecklistProgress
    stats: AnswersStats
    chart: WeeklyChart
    rounds: list[RoundRow]
    due_cards: list[ReviewCard]
    due_total: int
    upcoming: list[MockInterview]
    mistakes: list[RecurringMistake]
    countdown: Countdown | None

    @property
    def weak_rounds(self) -> list[RoundRow]:
        return [row for row in self.rounds if row.weak]

    @property
    def rounds_started(self) -> bool:
        """Any round practised or mocked: before that, every round "needs work" says nothing."""
        return any(row.answers or row.mocks_done for row in self.rounds)


def _recurring_mistakes(user, stats: AnswersStats) -> list[RecurringMistake]:
    counts: Counter[str] = Counter({m.slug: m.count for m in stats.mistakes})
    observed = (
        MockInterview.mistakes.through.objects.filter(mockinterview__user=user)
        .values("mistakepair__slug")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in observed:
        counts[row["mistakepair__slug"]] += row["n"]
    top = counts.most_common(TOP_MISTAKES)
    # All pairs (a few dozen rows), so the query runs even when nothing recurs yet and
    # the page's query count is the same for every user.
    pairs = MistakePair.objects.in_bulk(field_name="slug")
    return [RecurringMistake(pairs[slug], n) for slug, n in top if slug in pairs]


def _countdown(user, today: date, checklist, rounds, due_total) -> Countdown | None:
    if not user.interview_date:
        return None
    todo = []
    if left := checklist.total - checklist.done:
        todo.append(f"{left} checklist item{'s' if left != 1 else ''} to tick")
    if unpractised := sum(1 for r in rounds if r.answers == 0):
        todo.append(f"{unpractised} round{'s' if unpractised != 1 else ''} not practised yet")
    if unmocked := sum(1 for r in rounds if r.mocks_done == 0):
        todo.append(f"{unmocked} round{'s' if unmocked != 1 else ''} with no mock interview")
    if due_total:
        todo.append(f"{due_total} question{'s' if due_total != 1 else ''} due for review")
    return Countdown(user.interview_date, (user.interview_date - today).days, todo)


def overview_build(user, now=None) -> Overview:
    now = now or timezone.now()
    today = timezone.localdate(now)
    checklist = progress_compute(user)
    stats = answers_stats(user, now=now)
    rounds = list(Round.objects.all())
    coverage = {c.round.pk: c for c in coverage_compute(user, rounds)}
    practised = {r.slug: r for r in stats.rounds if r.slug}
    round_rows = [
        RoundRow(
            round=r,
            answers=practised[r.slug].count if r.slug in practised else 0,
            average=practised[r.slug].average if r.slug in practised else None,
            mocks_done=coverage[r.pk].done_count,
            mock_rating=coverage[r.pk].avg_rating,
        )
        for r in rounds
    ]
    # Overdue: due before today began, so today's reviews are not yet "late".
    start_of_today = timezone.make_aware(datetime.combine(today, time.min))
    cards = ReviewCard.objects.for_user(user).aggregate(
        # Aliases must not be "due": that would shadow the field in the filters.
        card_count=Count("pk"),
        due_count=Count("pk", filter=Q(due__lte=now)),
        overdue_count=Count("pk", filter=Q(due__lt=start_of_today)),
    )
    due_cards = list(cards_due(user, now=now)[:DUE_SHOWN])
    upcoming = upcoming_mocks(user)
    readiness = readiness_compute(
        ReadinessInputs(
            checklist_done=checklist.done,
            checklist_total=checklist.total,
            rounds_total=len(rounds),
            rounds_practised=sum(1 for r in round_rows if r.answers),
            average_score=stats.average,
            cards_total=cards["card_count"],
            cards_overdue=cards["overdue_count"],
            rounds_mocked=sum(1 for r in round_rows if r.mocks_done),
        )
    )
    has_mocks = any(c.done_count or c.scheduled_count for c in coverage.values())
    return Overview(
        is_new=not (checklist.done or stats.total or has_mocks or upcoming),
        readiness=readiness,
        checklist=checklist,
        stats=stats,
        chart=chart_weekly(stats.weeks),
        rounds=round_rows,
        due_cards=due_cards,
        due_total=cards["due_count"],
        upcoming=upcoming,
        mistakes=_recurring_mistakes(user, stats),
        countdown=_countdown(user, today, checklist, round_rows, cards["due_count"]),
    )
