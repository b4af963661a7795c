from __future__ import annotations

from datetime import UTC, datetime

import pytest


class Clock:
    """What `timezone.now()` answers, everywhere, the worker's side included."""

    def __init__(self, now: datetime):
        self.now = now

    def set(self, now: datetime) -> datetime:
        self.now = now
        return now


@pytest.fixture
def clock(monkeypatch):
    # 08:30 in New York (UTC-5 in December), 13:30 in London, a Wednesday.
    clock = Clock(datetime(2026, 12, 2, 13, 30, tzinfo=UTC))
    monkeypatch.setattr("django.utils.timezone.now", lambda: clock.now)
    return clock
