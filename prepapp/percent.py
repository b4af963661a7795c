"""Every percentage the app shows, computed one way, so one page never shows two roundings.

Rounded down, deliberately: a percentage here is progress (checklist, readiness and its
parts), and progress must not claim what is not done. 199 of 200 is 99%, never 100%, and
"100% ready" means everything is. The cost is that 1 of 200 shows 0%, which is why the
counts are shown beside the percentage wherever space allows.

Exact arithmetic (Fraction) rather than floats: 0.29 * 100 is 28.999999999999996 as
floats, and rounding that down would show 28% for exactly 29%.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

type Number = int | Fraction | Decimal | float | str


def exact(value: Number) -> Fraction:
    """`value` as an exact fraction; a float is read as the decimal it prints as.

    So 0.29 is 29/100, not the binary 0.28999999999999998002...
    """
    if isinstance(value, float):
        return Fraction(repr(value))
    return Fraction(value)


def percent_of(part: Number, whole: Number = 1, *, places: int = 0) -> int | float:
    """`part` of `whole` as a percentage rounded down to `places` decimals; 0 when whole is 0.

    With places=0 the result is an int (27 for 5 of 18); otherwise a float (27.7).
    """
    whole = exact(whole)
    if whole == 0:
        return 0
    scale = 10**places
    floored = math.floor(exact(part) / whole * 100 * scale)
    return floored if places == 0 else floored / scale
