"""A user's checklist: ticks and notes on the pack's items, and items of their own."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import UUID4, Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone

from prepapp.library.models import ChecklistItem, Topic
from prepapp.owned import OwnedQuerySet, exactly_one_of

TEXT_MAX_LENGTH = 300
NOTE_MAX_LENGTH = 2000


class OwnItem(models.Model):
    """An item the user added to the checklist, under one of the pack's topics."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checklist_own_items"
    )
    # PROTECT: re-syncing the pack must never delete what a user wrote.
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="own_checklist_items")
    text = models.CharField(max_length=TEXT_MAX_LENGTH)
    # Identity across export and import, so rows alike in content (a cancelled mock and
    # its replacement) stay distinct. Unique per user, not site-wide: a file can go into a
    # second account here. db_default so the previous release can insert during upgrades.
    uid = models.UUIDField(default=uuid.uuid4, db_default=UUID4(), editable=False)
    # A default, not auto_now_add, so an import keeps the time the item was added.
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("text"), TEXT_MAX_LENGTH),
                name="checklist_ownitem_text_bounded",
            ),
            models.UniqueConstraint(fields=["user", "uid"], name="checklist_ownitem_uid_once"),
        ]
        indexes = [
            # The checklist page and progress_compute: a user's own items per topic.
            models.Index(fields=["user", "topic"], name="checklist_ownitem_user_topic"),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class ItemState(models.Model):
    """One user's tick and note on one item: a pack item or one of their own.

    The partial unique constraints are what make a tick count once: a double
    click or a second tab can only ever find or update the same row.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checklist_states"
    )
    item = models.ForeignKey(
        ChecklistItem, on_delete=models.CASCADE, null=True, blank=True, related_name="states"
    )
    own_item = models.ForeignKey(
        OwnItem, on_delete=models.CASCADE, null=True, blank=True, related_name="states"
    )
    ticked_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(max_length=NOTE_MAX_LENGTH, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=exactly_one_of("item", "own_item"),
                name="checklist_itemstate_one_item",
            ),
            # These two also serve the page's and progress_compute's per-user joins.
            models.UniqueConstraint(
                fields=["user", "item"],
                condition=Q(item__isnull=False),
                name="checklist_itemstate_once_per_item",
            ),
            models.UniqueConstraint(
                fields=["user", "own_item"],
                condition=Q(own_item__isnull=False),
                name="checklist_itemstate_once_per_own_item",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("note"), NOTE_MAX_LENGTH),
                name="checklist_itemstate_note_bounded",
            ),
        ]

    def __str__(self) -> str:
        what = f"item {self.item_id}" if self.item_id else f"own item {self.own_item_id}"
        return f"{what}: {'done' if self.ticked_at else 'to do'}"
