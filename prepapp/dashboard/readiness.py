"""How ready a user is, as one number they can trust because they can see how it is made.

Readiness is a weighted mean of five parts, each between 0 and 1. The weights
favour doing the work (checklist, practice across the loop, mocks) over how
well you scored yourself, because self-scores drift upwards.
"""

from __future__ import annotations

from dataclasses import dataclass

# (key, label, weight, how it is measured) — the dashboard shows this table.
PARTS: tuple[tuple[str, str, float, str], ...] = (
    ("checklist", "Checklist", 0.25, "items ticked ÷ items on your checklist"),
    (
        "practice",
        "Practice coverage",
        0.25,
        "rounds with at least one answer ÷ rounds in the loop",
    ),
    ("quality", "Answer quality", 0.20, "(average self-assessment − 1) ÷ 4, over your answers"),
    ("review", "Review on time", 0.10, "questions not overdue ÷ questions in review"),
    ("mocks", "Mock coverage", 0.20, "rounds with a completed mock ÷ rounds in the loop"),
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
    weight: float
    rule: str
    value: float  # 0..1

    @property
    def percent(self) -> int:
        return round(self.value * 100)

    @property
    def contribution(self) -> float:
        """Percentage points this part adds to the overall readiness."""
        return round(self.value * self.weight * 100, 1)


@dataclass(frozen=True)
class Readiness:
    percent: int
    parts: tuple[ReadinessPart, ...]

    @property
    def weakest(self) -> ReadinessPart:
        return min(self.parts, key=lambda part: (part.value, -part.weight))


def _ratio(part: int, whole: int) -> float:
    return min(part / whole, 1.0) if whole > 0 else 0.0


def readiness_compute(inputs: ReadinessInputs) -> Readiness:
    values = {
        "checklist": _ratio(inputs.checklist_done, inputs.checklist_total),
        "practice": _ratio(inputs.rounds_practised, inputs.rounds_total),
        "quality": (
            min(max((inputs.average_score - 1) / 4, 0.0), 1.0)
            if inputs.average_score is not None
            else 0.0
        ),
        # Nothing in review yet means nothing practised: no credit for being "on time".
        "review": (
            1.0 - _ratio(inputs.cards_overdue, inputs.cards_total) if inputs.cards_total else 0.0
        ),
        "mocks": _ratio(inputs.rounds_mocked, inputs.rounds_total),
    }
    parts = tuple(
        ReadinessPart(key, label, weight, rule, values[key]) for key, label, weight, rule in PARTS
    )
    percent = round(sum(part.value * part.weight for part in parts) * 100)
    return Readiness(percent=percent, parts=parts)
