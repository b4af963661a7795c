"""Figures about a user's practice, for the dashboard. Each one costs a fixed number of queries."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Avg, Count, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from prepapp.practice.models import Answer, Finding, ReviewCard

WEEKS = 12
TOP_MISTAKES = 5


@dataclass(frozen=True)
class WeekStats:
    week: date  # the Monday the week starts on
    count: int
    average: float | None


@dataclass(frozen=True)
class RoundStats:
    slug: str | None  # None: own questions with no round
    name: str
    count: int
    average: float | None


@dataclass(frozen=True)
class MistakeStats:
    slug: str
    title: str
    count: int  # findings that matched it plus answers tagged with it


@dataclass(frozen=True)
class AnswersStats:
    total: int
    average: float | None
    weeks: list[WeekStats] = field(default_factory=list)
    rounds: list[RoundStats] = field(default_factory=list)
    mistakes: list[MistakeStats] = field(default_factory=list)


def _round(value):
    return None if value is None else round(value, 2)


def answers_stats(user, now=None) -> AnswersStats:
    """Totals, the last 12 weeks, per round, and the top recurring mistakes: five queries."""
    now = timezone.localtime(now or timezone.now())
    answers = Answer.objects.for_user(user)
    totals = answers.aggregate(total=Count("pk"), average=Avg("score_avg"))
    return AnswersStats(
        total=totals["total"],
        average=_round(totals["average"]),
        weeks=_weeks(answers, now),
        rounds=_rounds(answers),
        mistakes=_mistakes(user),
    )


def _weeks(answers, now) -> list[WeekStats]:
    """Twelve weeks in one query of plain range filters.

    Each week is a half-open range of local-midnight instants, so the database
    compares indexed timestamps instead of converting every row's time zone
    (TruncWeek on SQLite calls back into Python once per row).
    """
    this_monday = now.date() - timedelta(days=now.weekday())
    mondays = [this_monday - timedelta(weeks=WEEKS - 1 - i) for i in range(WEEKS)]
    zone = timezone.get_current_timezone()
    edges = [
        datetime.combine(monday, time.min, tzinfo=zone)
        for monday in [*mondays, this_monday + timedelta(weeks=1)]
    ]
    aggregates = {}
    for i in range(WEEKS):
        in_week = Q(created_at__gte=edges[i], created_at__lt=edges[i + 1])
        aggregates[f"count_{i}"] = Count("pk", filter=in_week)
        aggregates[f"average_{i}"] = Avg("score_avg", filter=in_week)
    row = answers.filter(created_at__gte=edges[0]).aggregate(**aggregates)
    return [
        WeekStats(monday, row[f"count_{i}"], _round(row[f"average_{i}"]))
        for i, monday in enumerate(mondays)
    ]


def _rounds(answers) -> list[RoundStats]:
    rows = (
        answers.annotate(
            r_slug=Coalesce("question__round__slug", "user_question__round__slug"),
            r_name=Coalesce("question__round__name", "user_question__round__name"),
            r_order=Coalesce("question__round__order", "user_question__round__order"),
        )
        .values("r_slug", "r_name", "r_order")
        .annotate(count=Count("pk"), average=Avg("score_avg"))
        .order_by("r_order", "r_name")
    )
    return [
        RoundStats(
            slug=row["r_slug"],
            name=row["r_name"] or "No round",
            count=row["count"],
            average=_round(row["average"]),
        )
        for row in rows
    ]


def _mistakes(user) -> list[MistakeStats]:
    counts: Counter[str] = Counter()
    titles: dict[str, str] = {}
    found = (
        Finding.objects.filter(answer__user=user, mistake__isnull=False)
        .values("mistake__slug", "mistake__title")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in found:
        counts[row["mistake__slug"]] += row["n"]
        titles[row["mistake__slug"]] = row["mistake__title"]
    tagged = (
        Answer.mistakes.through.objects.filter(answer__user=user)
        .values("mistakepair__slug", "mistakepair__title")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in tagged:
        counts[row["mistakepair__slug"]] += row["n"]
        titles[row["mistakepair__slug"]] = row["mistakepair__title"]
    ranked = sorted(counts.items(), key=lambda item: (-item[1], titles[item[0]]))
    return [MistakeStats(slug, titles[slug], n) for slug, n in ranked[:TOP_MISTAKES]]


def due_count(user, now=None) -> int:
    """How many of the user's questions are due for review now: one query."""
    return ReviewCard.objects.for_user(user).filter(due__lte=now or timezone.now()).count()
