from __future__ import annotations

import pytest

from prepapp.dashboard.readiness import PARTS, ReadinessInputs, readiness_compute

NOTHING = ReadinessInputs(
    checklist_done=0,
    checklist_total=17,
    rounds_total=11,
    rounds_practised=0,
    average_score=None,
    cards_total=0,
    cards_overdue=0,
    rounds_mocked=0,
)


def test_weights_sum_to_one():
    assert sum(weight for _key, _label, weight, _rule in PARTS) == pytest.approx(1.0)


def test_new_user_is_zero():
    readiness = readiness_compute(NOTHING)
    assert readiness.percent == 0
    assert all(part.value == 0 for part in readiness.parts)


def test_everything_done_is_hundred():
    readiness = readiness_compute(
        ReadinessInputs(17, 17, 11, 11, 5.0, 30, 0, 11),
    )
    assert readiness.percent == 100


def test_hand_computed_mixed_case():
    # checklist 10/20 = .5 * .25 = .125
    # practice 4/8 = .5 * .25 = .125
    # quality (3.0 - 1)/4 = .5 * .20 = .10
    # review 1 - 2/10 = .8 * .10 = .08
    # mocks 2/8 = .25 * .20 = .05
    # total .48 -> 48
    readiness = readiness_compute(ReadinessInputs(10, 20, 8, 4, 3.0, 10, 2, 2))
    assert readiness.percent == 48
    by_key = {part.key: part for part in readiness.parts}
    assert by_key["checklist"].percent == 50
    assert by_key["review"].contribution == 8.0
    assert readiness.weakest.key == "mocks"


def test_second_hand_computed_case():
    # checklist 17/17 = 1 * .25 = .25; practice 11/11 = .25; quality (4.2-1)/4 = .8 * .2 = .16
    # review 1 - 5/5 = 0; mocks 0 -> total .66
    readiness = readiness_compute(ReadinessInputs(17, 17, 11, 11, 4.2, 5, 5, 0))
    assert readiness.percent == 66


def test_ratios_are_capped_and_safe_with_empty_totals():
    readiness = readiness_compute(ReadinessInputs(5, 0, 0, 3, 9.0, 2, 7, 4))
    by_key = {part.key: part.value for part in readiness.parts}
    assert by_key["checklist"] == 0.0  # no items: no credit, no division by zero
    assert by_key["quality"] == 1.0  # a score above the scale is capped
    assert by_key["review"] == 0.0  # more overdue than cards is capped at none on time
