"""Everything the dashboard shows, gathered from the apps that own the data.

The dashboard reads and never writes. Each piece costs a fixed number of
queries, whatever the size of the user's history, so the page's query count
is pinned in its tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from prepapp.checklist.progress import ChecklistProgress, progress_compute
from prepapp.dashboard.charts import WeeklyChart, chart_weekly
from prepapp.dashboard.readiness import Readiness, ReadinessInputs, readiness_compute
from prepapp.library.models import MistakePair, Round
from prepapp.library.selectors import mistake_pairs_by_slug, rounds_in_order
from prepapp.mocks.coverage import coverage_compute, upcoming_mocks
from prepapp.mocks.mistakes import mock_mistakes_count
from prepapp.mocks.models import MockInterview
from prepapp.practice.models import ReviewCard
from prepapp.practice.scheduling import cards_counts, cards_due
from prepapp.practice.stats import AnswersStats, MistakeStats, answers_stats, mistakes_recurring

# Rows each of the dashboard's lists shows: reviews due, upcoming mocks, recurring mistakes.
SHOWN = 5
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
    title: str
    count: int
    pair: MistakePair | None  # its BAD and GOOD, when the pack has the pair


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


def mistakes_top(
    practice: list[MistakeStats], observed: dict[str, int], pairs: dict[str, MistakePair]
) -> list[RecurringMistake]:
    """Practice rows plus mock observations, ranked as a whole, then the top few.

    A mock's noted mistake adds to the same pair tagged on answers; a finding keeps its
    own row under its check's title.
    """
    counts = {m.key: m.count for m in practice}
    titles = {m.key: m.title for m in practice}
    slugs = {m.key: m.mistake_slug for m in practice}
    for slug, n in observed.items():
        key = f"pair:{slug}"
        counts[key] = counts.get(key, 0) + n
        slugs[key] = slug
        if key not in titles:
            titles[key] = pairs[slug].title if slug in pairs else slug
    ranked = sorted(counts, key=lambda key: (-counts[key], titles[key], key))
    return [
        RecurringMistake(titles[key], counts[key], pairs.get(slugs[key] or ""))
        for key in ranked[:SHOWN]
    ]


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
    rounds = rounds_in_order()
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
    cards = cards_counts(user, now=now)
    due_cards = list(cards_due(user, now=now)[:SHOWN])
    upcoming = upcoming_mocks(user, limit=SHOWN)
    readiness = readiness_compute(
        ReadinessInputs(
            checklist_done=checklist.done,
            checklist_total=checklist.total,
            rounds_total=len(rounds),
            rounds_practised=sum(1 for r in round_rows if r.answers),
            average_score=stats.average,
            cards_total=cards.total,
            cards_overdue=cards.overdue,
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
        due_total=cards.due,
        upcoming=upcoming,
        mistakes=mistakes_top(
            mistakes_recurring(user),
            mock_mistakes_count(user),
            # All pairs (a few dozen rows): the query runs even when nothing recurs yet, so
            # the page's query count is the same for every user.
            mistake_pairs_by_slug(),
        ),
        countdown=_countdown(user, today, checklist, round_rows, cards.due),
    )
