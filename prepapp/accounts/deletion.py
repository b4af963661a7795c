"""Deleting an account: the user row goes, and the foreign keys take the rest."""

from __future__ import annotations

from django.db import transaction


def account_delete(user) -> None:
    """Delete the user and, through the foreign keys' CASCADE, every row they own."""
    with transaction.atomic():
        user.delete()
