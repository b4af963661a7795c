"""Which rounds of the loop a user has mocked, and what is coming up.

Read by the mocks page and the dashboard; every function costs a fixed number of
queries whatever the number of mocks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Avg, Count, Max, Q
from django.utils import timezone

from prepapp.library.models import Round
from prepapp.library.selectors import rounds_in_order
from prepapp.mocks.models import MockInterview


@dataclass(frozen=True)
class RoundCoverage:
    round: Round
    done_count: int = 0
    avg_rating: float | None = None
    last_at: datetime | None = None
    scheduled_count: int = 0

    @property
    def mocked(self) -> bool:
        return self.done_count > 0


def coverage_compute(user, rounds: list[Round] | None = None) -> list[RoundCoverage]:
    """Every round of the pack in loop order with the user's done mocks of it.

    Two queries: the rounds (skipped when the caller already has them) and one
    aggregate of the user's mocks grouped by round.
    """
    if rounds is None:
        rounds = rounds_in_order()
    done = Q(status=MockInterview.Status.DONE)
    upcoming = Q(status=MockInterview.Status.SCHEDULED, scheduled_at__gte=timezone.now())
    rows = (
        MockInterview.objects.for_user(user)
        .values("round_id")
        .annotate(
            done_count=Count("id", filter=done),
            avg_rating=Avg("overall_rating", filter=done),
            last_at=Max("scheduled_at", filter=done),
            scheduled_count=Count("id", filter=upcoming),
        )
        .order_by()
    )
    by_round = {row.pop("round_id"): row for row in rows}
    result = []
    for round_ in rounds:
        row = by_round.get(round_.pk, {})
        avg = row.get("avg_rating")
        result.append(
            RoundCoverage(
                round=round_,
                done_count=row.get("done_count", 0),
                avg_rating=round(avg, 1) if avg is not None else None,
                last_at=row.get("last_at"),
                scheduled_count=row.get("scheduled_count", 0),
            )
        )
    return result


def upcoming_mocks(user, limit: int = 5) -> list[MockInterview]:
    """The user's next scheduled mocks, soonest first, with their round loaded (one query)."""
    return list(
        MockInterview.objects.for_user(user)
        .filter(status=MockInterview.Status.SCHEDULED, scheduled_at__gte=timezone.now())
        .select_related("round")
        .order_by("scheduled_at", "id")[:limit]
    )
