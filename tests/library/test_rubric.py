"""The rubric's scores as pages show them: which dimensions, in which order, with what words."""

from __future__ import annotations

from types import SimpleNamespace

from prepapp.library.rubric import (
    ALL_DIMENSIONS,
    LEVELS,
    Dimension,
    Score,
    round_dimensions,
    score_field,
    scores_given,
    scores_shown,
)


def _scored(**scores) -> SimpleNamespace:
    return SimpleNamespace(**{score_field(d): scores.get(d) for d in ALL_DIMENSIONS})


def test_scores_shown_lists_the_dimensions_asked_for_in_their_order_scored_or_not():
    obj = _scored(data=4, structure=2)
    dimensions = round_dimensions("technical")
    shown = scores_shown(obj, dimensions)
    assert [s.label for s in shown] == [Dimension(d).label for d in dimensions]
    assert shown[0] == Score("Structure and framework", 2, LEVELS[2])
    assert shown[dimensions.index("data")].words == LEVELS[4]
    assert shown[dimensions.index("examples")] == Score("Specific examples", None, "")


def test_scores_shown_defaults_to_every_dimension():
    assert len(scores_shown(_scored())) == len(ALL_DIMENSIONS)


def test_scores_given_keeps_only_the_scored_dimensions_in_rubric_order():
    obj = _scored(stakeholders=5, structure=3)
    assert [(s.label, s.value) for s in scores_given(obj)] == [
        ("Structure and framework", 3),
        ("Stakeholder communication", 5),
    ]
    assert scores_given(_scored()) == []


def test_a_score_unpacks_as_label_value_words():
    label, value, words = scores_shown(_scored(clinical=1), ["clinical"])[0]
    assert (label, value, words) == ("User, patient and clinical insight", 1, LEVELS[1])
