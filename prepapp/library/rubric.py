"""The self-assessment rubric shared by practice answers and mock interviews.

An anchored 1-5 scale: each level is described in words so two attempts scored
weeks apart mean the same thing. Each round is scored on the dimensions that
fit it (a culture-fit round has no regulatory dimension).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from django.db import models


class Dimension(models.TextChoices):
    STRUCTURE = "structure", "Structure and framework"
    EXAMPLES = "examples", "Specific examples"
    DATA = "data", "Data and quantified impact"
    CLINICAL = "clinical", "User, patient and clinical insight"
    REGULATORY = "regulatory", "Regulatory and ethical awareness"
    STAKEHOLDERS = "stakeholders", "Stakeholder communication"


SCALE = range(1, 6)

LEVELS: dict[int, str] = {
    1: "Missing: the answer does not address this at all.",
    2: "Weak: mentioned in passing, generic, or wrong for healthcare.",
    3: "Adequate: present and correct, but thin or not tied to the question.",
    4: "Strong: clear, specific and relevant, with one gap an interviewer might probe.",
    5: "Excellent: specific, quantified where it can be, and woven through the whole answer.",
}

# What "excellent" looks like on each dimension, shown beside the scale.
ANCHORS: dict[str, str] = {
    Dimension.STRUCTURE: "States a framework up front and follows it; the listener always knows where they are.",
    Dimension.EXAMPLES: "Names a real product, team or situation, what you did, and what happened.",
    Dimension.DATA: "Baselines, targets and outcome metrics (readmissions, adherence, cost), not vanity counts.",
    Dimension.CLINICAL: "Grounded in clinical workflows and the patient's and clinician's reality.",
    Dimension.REGULATORY: "Names the rules that apply (HIPAA, FDA/SaMD, GDPR) and builds them into the plan.",
    Dimension.STAKEHOLDERS: "Clinicians, patients, payers and regulators each hear what matters to them.",
}

ALL_DIMENSIONS: tuple[str, ...] = tuple(Dimension.values)

# Rounds of the pack keyed by slug; a round not listed is scored on every dimension.
ROUND_DIMENSIONS: dict[str, tuple[str, ...]] = {
    "recruiter-screen": (Dimension.STRUCTURE, Dimension.EXAMPLES, Dimension.STAKEHOLDERS),
    "hiring-manager": (
        Dimension.STRUCTURE,
        Dimension.EXAMPLES,
        Dimension.DATA,
        Dimension.STAKEHOLDERS,
    ),
    "technical": (Dimension.STRUCTURE, Dimension.EXAMPLES, Dimension.DATA, Dimension.REGULATORY),
    "execution-metrics": (
        Dimension.STRUCTURE,
        Dimension.DATA,
        Dimension.CLINICAL,
        Dimension.STAKEHOLDERS,
    ),
    "leadership-collaboration": (
        Dimension.STRUCTURE,
        Dimension.EXAMPLES,
        Dimension.DATA,
        Dimension.STAKEHOLDERS,
    ),
    "culture-fit": (Dimension.STRUCTURE, Dimension.EXAMPLES, Dimension.STAKEHOLDERS),
}


def round_dimensions(round_slug: str | None) -> tuple[str, ...]:
    """The dimensions to score for a round (every dimension when the round is unknown)."""
    return ROUND_DIMENSIONS.get(round_slug or "", ALL_DIMENSIONS)


def score_field(dimension: str) -> str:
    """The model field holding a dimension's score: `score_<dimension>`."""
    return f"score_{dimension}"


def score_fields() -> list[str]:
    return [score_field(d) for d in ALL_DIMENSIONS]


class Score(NamedTuple):
    """One dimension's score as a page shows it."""

    label: str  # the dimension's name
    value: int | None  # 1-5, None when not scored
    words: str  # what the level means ("Strong: ..."), "" when not scored


def scores_shown(obj, dimensions: Iterable[str] = ALL_DIMENSIONS) -> list[Score]:
    """The scores of an answer or mock on `dimensions`, in that order, scored or not."""
    return [
        Score(Dimension(d).label, value, LEVELS.get(value, ""))
        for d in dimensions
        for value in [getattr(obj, score_field(d))]
    ]


def scores_given(obj) -> list[Score]:
    """Only the dimensions that were scored, in rubric order: a mock shows what it noted."""
    return [score for score in scores_shown(obj) if score.value is not None]


def score_average(obj) -> float | None:
    """Mean of the dimension scores that were given, or None when none were."""
    values = [getattr(obj, score_field(d)) for d in ALL_DIMENSIONS]
    given = [v for v in values if v is not None]
    return round(sum(given) / len(given), 2) if given else None


class RubricScores(models.Model):
    """Abstract base: one nullable 1-5 score per dimension, plus their stored mean.

    The mean is stored (not computed in SQL) so lists can filter and sort by it
    and the dashboard can average it without touching six columns.
    """

    score_structure = models.PositiveSmallIntegerField(null=True, blank=True)
    score_examples = models.PositiveSmallIntegerField(null=True, blank=True)
    score_data = models.PositiveSmallIntegerField(null=True, blank=True)
    score_clinical = models.PositiveSmallIntegerField(null=True, blank=True)
    score_regulatory = models.PositiveSmallIntegerField(null=True, blank=True)
    score_stakeholders = models.PositiveSmallIntegerField(null=True, blank=True)
    score_avg = models.FloatField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.score_avg = score_average(self)
        if (fields := kwargs.get("update_fields")) is not None:
            kwargs["update_fields"] = {*fields, "score_avg"}
        super().save(*args, **kwargs)


def score_constraints(prefix: str) -> list[models.CheckConstraint]:
    """One named CheckConstraint per dimension: a score is empty or within 1-5."""
    return [
        models.CheckConstraint(
            condition=models.Q(**{f"{score_field(d)}__isnull": True})
            | models.Q(**{f"{score_field(d)}__gte": 1, f"{score_field(d)}__lte": 5}),
            name=f"{prefix}_{score_field(d)}_1_to_5",
        )
        for d in ALL_DIMENSIONS
    ]
