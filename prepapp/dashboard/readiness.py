"""How ready a user is, as one number they can trust because they can see how it is made.

Readiness is a weighted mean of five parts, each between 0 and 1. The weights
favour doing the work (checklist, practice across the loop, mocks) over how
well you scored yourself, because self-scores drift upwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from prepapp.percent import exact, percent_of

# (key, label, weight, how it is measured) — the dashboard shows this table. Weights are
# exact fractions so the parts add up to the total shown, with no float drift.
PARTS: tuple[tuple[str, str, Fraction, str], ...] = (
    ("checklist", "Checklist", Fraction(25, 100), "items ticked ÷ items on your checklist"),
    (
        "practice",
        "Practice coverage",
        Fraction(25, 100),
        "rounds with at least one answer ÷ rounds in the loop",
    ),
    (
        "quality",
        "Answer quality",
        Fraction(20, 100),
        "(average self-assessment − 1) ÷ 4, over your answers",
    ),
    ("review", "Review on time", Fraction(10, 100), "questions not overdue ÷ questions in review"),
    (
        "mocks",
        "Mock coverage",
        Fraction(20, 100),
        "rounds with a completed mock ÷ rounds in the loop",
    ),
)


@dataclass(frozen=True)
class ReadinessInputs:
    checklist_done: int
    checklist_total: int
    rounds_total: int
    rounds_practised: int
    average_score: float | None
    cards_total: int
    cards_overdue: int
    rounds_mocked: int


@dataclass(frozen=True)
class ReadinessPart:
    key: str
    label: str
    weight: Fraction
    rule: str
    value: Fraction  # 0..1

    @property
    def percent(self) -> int:
        return percent_of(self.value)

    @property
    def weight_percent(self) -> int:
        return percent_of(self.weight)

    @property
    def contribution(self) -> float:
        """Percentage points this part adds to the overall readiness."""
        return percent_of(self.value * self.weight, places=1)


@dataclass(frozen=True)
class Readiness:
    percent: int
    parts: tuple[ReadinessPart, ...]

    @property
    def weakest(self) -> ReadinessPart:
        return min(self.parts, key=lambda part: (part.value, -part.weight))


def _ratio(part: int, whole: int) -> Fraction:
    return min(Fraction(part, whole), Fraction(1)) if whole > 0 else Fraction(0)


def readiness_compute(inputs: ReadinessInputs) -> Readiness:
    values = {
        "checklist": _ratio(inputs.checklist_done, inputs.checklist_total),
        "practice": _ratio(inputs.rounds_practised, inputs.rounds_total),
        "quality": (
            min(max((exact(inputs.average_score) - 1) / 4, Fraction(0)), Fraction(1))
            if inputs.average_score is not None
            else Fraction(0)
        ),
        # Nothing in review yet means nothing practised: no credit for being "on time".
        "review": (
            1 - _ratio(inputs.cards_overdue, inputs.cards_total)
            if inputs.cards_total
            else Fraction(0)
        ),
        "mocks": _ratio(inputs.rounds_mocked, inputs.rounds_total),
    }
    parts = tuple(
        ReadinessPart(key, label, weight, rule, values[key]) for key, label, weight, rule in PARTS
    )
    percent = percent_of(sum(part.value * part.weight for part in parts))
    return Readiness(percent=percent, parts=parts)
