"""Fixtures of the sweeps."""

from __future__ import annotations

import pytest

from tests.practice.factories import AnswerFactory, bank_question
from tests.security.hostile import fast_render  # noqa: F401 - a fixture


@pytest.fixture
def seeded(user, pack):
    """The signed-in user's rows that forms link to: an answer to a bank question."""
    AnswerFactory(user=user, question=bank_question())
    return user
