"""Moved to tests/security/ (walker.py, rows.py, hostile.py); kept for branches in flight.

Import from tests.security.* in new code; this goes once nothing imports it.
"""

from __future__ import annotations

from tests.security.hostile import (  # noqa: F401
    SCRIPT,
    fast_render,
    location_is_safe,
    throttle_counts_clear,
)
from tests.security.rows import owned_models, snapshot, snapshot_diff  # noqa: F401
from tests.security.walker import (  # noqa: F401
    PUBLIC,
    dummy_kwargs,
    dummy_url,
    is_public,
    parametrised_names,
    post_accepting_names,
    url_names,
    url_patterns,
)
