"""The mistakes a user's mock interviews observed, for the dashboard's recurring mistakes."""

from __future__ import annotations

from django.db.models import Count

from prepapp.mocks.models import MockInterview


def mock_mistakes_count(user) -> dict[str, int]:
    """Mistake pair slug -> how many of the user's mocks noted it: one query, every pair."""
    rows = (
        MockInterview.mistakes.through.objects.filter(mockinterview__user=user)
        .values("mistakepair__slug")
        .annotate(n=Count("mockinterview", distinct=True))
        .order_by()
    )
    return {row["mistakepair__slug"]: row["n"] for row in rows}
