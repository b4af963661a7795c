"""The checks, one per mistake to avoid, in the order their findings are shown.

Each rule is written the way a fair hiring manager judges the answer (see the ``rule`` text);
which questions a check applies to is the content pack's decision, not the check's. A short
answer is judged on what it says too: two lines for a regulatory question are too short *and*
never consider regulation, and a reviewer says both. Only an empty answer gets the length alone.

The rules live in three modules by what they judge. The registry keeps the order the checks
are registered in, which is the order findings are shown, so they are imported here in it.
"""

from __future__ import annotations

from prepapp.practice.feedback import (  # noqa: F401  (importing registers the checks)
    checks_delivery,
    checks_regulation,
    checks_substance,
)
