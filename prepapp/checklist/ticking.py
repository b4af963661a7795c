"""Writing a user's tick and note on an item, safely under double clicks and two tabs.

Every write is "update the row if it is there, else insert it"; the insert can
lose a race to a concurrent request, and the unique constraint then turns the
second insert into an IntegrityError, which is answered by updating the row the
winner created. So a race leaves one row and never a 500.
"""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from prepapp.accounts.data_version import data_version_bump
from prepapp.checklist.models import ItemState, OwnItem
from prepapp.library.models import ChecklistItem

Target = ChecklistItem | OwnItem


def _target_field(target: Target) -> str:
    return "own_item" if isinstance(target, OwnItem) else "item"


def _states(user, target: Target):
    return ItemState.objects.for_user(user).filter(**{_target_field(target): target})


def _state_insert(user, target: Target, **values) -> None:
    # The savepoint keeps an outer transaction usable after a lost race.
    with transaction.atomic():
        ItemState.objects.create(user=user, **{_target_field(target): target}, **values)


def tick_set(user, target: Target, done: bool, *, now: datetime | None = None) -> None:
    """Mark the item done (keeping the first tick's time) or not done. Idempotent."""
    if _tick_write(user, target, done, now=now):
        data_version_bump(user)


def _tick_write(user, target: Target, done: bool, *, now: datetime | None) -> bool:
    """Whether a row changed: a repeated tick writes nothing."""
    states = _states(user, target)
    if not done:
        # No row means never ticked: nothing to clear and nothing to create.
        return bool(
            states.filter(ticked_at__isnull=False).update(
                ticked_at=None, updated_at=timezone.now()
            )
        )
    now = now or timezone.now()
    # A second tick (double click, stale tab) must not move the time of the first.
    if states.filter(ticked_at__isnull=True).update(ticked_at=now, updated_at=now):
        return True
    if states.exists():
        return False
    try:
        _state_insert(user, target, ticked_at=now)
    except IntegrityError:
        # A concurrent request created the row between our check and our insert.
        return bool(states.filter(ticked_at__isnull=True).update(ticked_at=now, updated_at=now))
    return True


def note_set(user, target: Target, note: str) -> None:
    """Replace the user's note on the item."""
    states = _states(user, target)
    if not states.update(note=note, updated_at=timezone.now()):
        if not note:
            return
        try:
            _state_insert(user, target, note=note)
        except IntegrityError:
            states.update(note=note, updated_at=timezone.now())
    data_version_bump(user)
