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


def _parts(readiness) -> dict:
    return {part.key: part for part in readiness.parts}


def test_every_part_percent_and_contribution_of_the_mixed_case():
    # The values of test_hand_computed_mixed_case; 80 % is where a ×101 or ×99 would show.
    parts = _parts(readiness_compute(ReadinessInputs(10, 20, 8, 4, 3.0, 10, 2, 2)))
    assert {key: part.percent for key, part in parts.items()} == {
        "checklist": 50,
        "practice": 50,
        "quality": 50,
        "review": 80,
        "mocks": 25,
    }
    assert {key: part.contribution for key, part in parts.items()} == {
        "checklist": 12.5,
        "practice": 12.5,
        "quality": 10.0,
        "review": 8.0,
        "mocks": 5.0,
    }


def test_percentages_round_to_nearest_not_down():
    # checklist 7/9 = .777… → 78 %; review 1 - 1/3 = .666… → 67 %; contribution 19.4 (not 19.5)
    # overall: .25·7/9 + .25·1 + .2·.5 + .1·2/3 + .2·1 = .8111… → 81
    readiness = readiness_compute(ReadinessInputs(7, 9, 4, 4, 3.0, 3, 1, 4))
    parts = _parts(readiness)
    assert parts["checklist"].percent == 78
    assert parts["checklist"].contribution == 19.4
    assert parts["review"].percent == 67
    assert parts["review"].contribution == 6.7
    assert readiness.percent == 81


def test_high_overall_is_not_off_by_one():
    # .25 + .25 + .2·.75 + .1 + .2·.75 = .90: ×101 would show 91, ×99 89.
    readiness = readiness_compute(ReadinessInputs(4, 4, 4, 4, 4.0, 2, 0, 3))
    assert readiness.percent == 90
    assert _parts(readiness)["quality"].percent == 75


def test_totals_of_one():
    readiness = readiness_compute(ReadinessInputs(1, 1, 1, 1, 5.0, 1, 0, 1))
    assert {key: part.value for key, part in _parts(readiness).items()} == {
        "checklist": 1.0,
        "practice": 1.0,
        "quality": 1.0,
        "review": 1.0,
        "mocks": 1.0,
    }
    assert readiness.percent == 100
    one_overdue = readiness_compute(ReadinessInputs(0, 1, 1, 0, None, 1, 1, 0))
    assert _parts(one_overdue)["review"].value == 0.0
    assert one_overdue.percent == 0


def test_average_of_exactly_one_is_no_quality_and_two_is_a_quarter():
    assert (
        _parts(readiness_compute(ReadinessInputs(0, 1, 1, 0, 1.0, 0, 0, 0)))["quality"].value
        == 0.0
    )
    assert (
        _parts(readiness_compute(ReadinessInputs(0, 1, 1, 0, 2.0, 0, 0, 0)))["quality"].value
        == 0.25
    )
    below_scale = readiness_compute(ReadinessInputs(0, 1, 1, 0, 0.5, 0, 0, 0))
    assert _parts(below_scale)["quality"].value == 0.0  # floored, never negative


def test_weakest_is_the_lowest_part_and_on_a_tie_the_heaviest():
    # All zero: checklist and practice weigh most (.25); the first of them in order wins.
    assert readiness_compute(NOTHING).weakest.key == "checklist"
    # quality (.20) and review (.10) both 0: the heavier one is what to work on.
    tie = readiness_compute(ReadinessInputs(4, 4, 4, 4, 1.0, 0, 0, 4))
    assert tie.weakest.key == "quality"
    # review (.10) comes before mocks (.20) in the table, yet mocks, the heavier, is weakest.
    later_heavier = readiness_compute(ReadinessInputs(4, 4, 4, 4, 5.0, 0, 0, 0))
    assert later_heavier.weakest.key == "mocks"
    # No tie: the lowest value wins whatever its weight.
    low = readiness_compute(ReadinessInputs(4, 4, 4, 4, 5.0, 10, 9, 3))
    assert low.weakest.key == "review"


def test_parts_carry_the_table_in_order():
    readiness = readiness_compute(NOTHING)
    assert [(p.key, p.label, p.weight, p.rule) for p in readiness.parts] == list(PARTS)
