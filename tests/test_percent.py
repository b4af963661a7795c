"""The one percentage helper: rounded down, exact, zero for an empty whole."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from prepapp.percent import exact, percent_of


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        (0, 0, 0),  # nothing to do: 0%, not a ZeroDivisionError
        (1, 1, 100),
        (5, 18, 27),  # 27.78: rounded down, as on the checklist
        (1, 3, 33),
        (2, 3, 66),  # 66.67: still 66, never 67
        (199, 200, 99),  # never 100% until everything is done
        (200, 200, 100),
        (0, 200, 0),
        (1, 200, 0),
    ],
)
def test_edges(part, whole, expected):
    assert percent_of(part, whole) == expected
    assert isinstance(percent_of(part, whole), int)


def test_exact_arithmetic_not_float_drift():
    # As floats 0.29 * 100 is 28.999999999999996, and rounding that down would show 28.
    assert 0.29 * 100 < 29
    assert percent_of(0.29) == 29  # a float is read as the decimal it prints as
    assert percent_of(29, 100) == 29
    # 1 - 0.9 is 0.09999999999999998 as floats; as fractions it is exactly a tenth.
    assert percent_of(1 - exact(0.9)) == 10
    assert percent_of(Fraction(1, 4) + Fraction(1, 4) + exact(0.16)) == 66


def test_places_round_down_too():
    assert percent_of(5, 18, places=1) == 27.7
    assert percent_of(Fraction(2, 3), places=1) == 66.6
    assert percent_of(Decimal("0.08"), places=1) == 8.0
    assert percent_of(1, 0, places=1) == 0
