"""An attempt history: each answer to one question beside the attempt before it."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import format_html

from prepapp.library.rubric import Dimension, score_field
from prepapp.practice.models import finding_title
from prepapp.practice.templatetags.practice_tags import signed


@dataclass(frozen=True)
class ScoreChange:
    label: str
    value: int | None
    change: int | None  # None when this or the previous attempt has no score

    # The table's cell, "4 (+1)" or "–": written here rather than in the template, where
    # the 350 cells of a 50-attempt history were a third of the page's time (make bench).
    @property
    def shown(self) -> str:
        value = str(self.value) if self.value else "–"
        if self.change is None:
            return value
        return format_html('{} <span class="change">({})</span>', value, signed(self.change, 0))


@dataclass(frozen=True)
class Attempt:
    number: int
    answer: object
    average_change: float | None
    scores: list[ScoreChange]
    codes: list[str]
    fixed: list[str]  # finding codes the previous attempt had and this one does not
    new: list[str]  # finding codes this attempt has and the previous one did not

    # The page shows what a candidate reads: the checks' titles, not their codes.
    @property
    def titles(self) -> list[str]:
        return [finding_title(c) for c in self.codes]

    @property
    def fixed_titles(self) -> list[str]:
        return [finding_title(c) for c in self.fixed]

    @property
    def new_titles(self) -> list[str]:
        return [finding_title(c) for c in self.new]


def attempts_compare(answers, dimensions) -> list[Attempt]:
    """Oldest first. `answers` need their findings prefetched."""
    attempts: list[Attempt] = []
    previous = None
    previous_codes: list[str] = []
    labels = {dimension: Dimension(dimension).label for dimension in dimensions}
    for number, answer in enumerate(answers, start=1):
        codes = [finding.code for finding in answer.findings.all()]
        scores = []
        for dimension in dimensions:
            value = getattr(answer, score_field(dimension))
            before = getattr(previous, score_field(dimension)) if previous else None
            change = value - before if value is not None and before is not None else None
            scores.append(ScoreChange(labels[dimension], value, change))
        average_change = None
        if previous and answer.score_avg is not None and previous.score_avg is not None:
            average_change = round(answer.score_avg - previous.score_avg, 2)
        attempts.append(
            Attempt(
                number=number,
                answer=answer,
                average_change=average_change,
                scores=scores,
                codes=codes,
                fixed=[c for c in previous_codes if c not in codes] if previous else [],
                new=[c for c in codes if c not in previous_codes] if previous else [],
            )
        )
        previous, previous_codes = answer, codes
    return attempts
