"""Moved to tests/security/payloads.py; kept for branches in flight."""

from __future__ import annotations

from tests.security.payloads import *  # noqa: F403
