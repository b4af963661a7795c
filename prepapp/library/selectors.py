"""The content pack as other apps read it: one query each, in the pack's order."""

from __future__ import annotations

from prepapp.library.models import MistakePair, Round


def rounds_in_order() -> list[Round]:
    """Every round of the loop, in loop order."""
    return list(Round.objects.all())


def mistake_pairs_by_slug() -> dict[str, MistakePair]:
    """Every mistake pair (a few dozen rows), by slug: how findings and mocks name them."""
    return MistakePair.objects.in_bulk(field_name="slug")
