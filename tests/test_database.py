"""Proves which database the suite ran on, so CI can tell a PostgreSQL run really was one."""

from __future__ import annotations

import os

import pytest
from django.db import connection


@pytest.mark.django_db
def test_runs_on_the_configured_database():
    expected = os.environ.get("PREPAPP_EXPECT_DATABASE")
    if expected is None:
        expected = "postgresql" if os.environ.get("DATABASE_URL") else "sqlite"
    assert connection.vendor == expected
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone()[0] == 1
