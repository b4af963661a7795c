"""The checklist as the page shows it: pack items and own items with the user's state.

Both kinds become one `Row` shape so one template partial renders either. The
user's state is joined in (FilteredRelation), so loading every row costs three
queries whatever the number of items.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from django.db.models import F, FilteredRelation, Q

from prepapp.checklist.models import OwnItem
from prepapp.library.models import ChecklistItem, Source
from prepapp.reversing import url_reverse


class Show:
    ALL = "all"
    TODO = "todo"
    DONE = "done"
    CHOICES = (ALL, TODO, DONE)

    @classmethod
    def clean(cls, value: str | None) -> str:
        # An unknown filter value is ignored, never an error.
        return value if value in cls.CHOICES else cls.ALL


def dom_id(kind: str, pk: int) -> str:
    """The id of an item's <li>: the htmx target and the anchor a plain POST returns to."""
    return f"item-{kind}-{pk}"


@dataclass
class Row:
    kind: str  # "pack" or "own"
    pk: int
    topic_id: int
    text: str
    ticked_at: datetime | None
    note: str
    detail: str = ""
    sources: list[Source] = field(default_factory=list)

    @property
    def done(self) -> bool:
        return self.ticked_at is not None

    @property
    def is_own(self) -> bool:
        return self.kind == "own"

    @cached_property
    def dom_id(self) -> str:
        return dom_id(self.kind, self.pk)

    # The row's URLs are read several times per render (action, hx-post, the note link):
    # reversed once each, they were a seventh of the checklist page's time.
    def _url(self, name: str) -> str:
        prefix = "own_" if self.is_own else ""
        return url_reverse(f"checklist:{prefix}{name}", args=[self.pk])

    @cached_property
    def tick_url(self) -> str:
        return self._url("tick")

    @cached_property
    def note_url(self) -> str:
        return self._url("note")

    @cached_property
    def edit_url(self) -> str:
        return url_reverse("checklist:own_edit", args=[self.pk]) if self.is_own else ""

    @cached_property
    def delete_url(self) -> str:
        return url_reverse("checklist:own_delete", args=[self.pk]) if self.is_own else ""

    def shown_by(self, show: str) -> bool:
        return show == Show.ALL or (show == Show.DONE) == self.done


def _with_state(queryset, user):
    return queryset.annotate(
        mine=FilteredRelation("states", condition=Q(states__user=user))
    ).annotate(state_ticked_at=F("mine__ticked_at"), state_note=F("mine__note"))


def pack_rows(user, *, pk: int | None = None) -> list[Row]:
    items = _with_state(ChecklistItem.objects.prefetch_related("sources"), user)
    if pk is not None:
        items = items.filter(pk=pk)
    return [
        Row(
            kind="pack",
            pk=item.pk,
            topic_id=item.topic_id,
            text=item.text,
            ticked_at=item.state_ticked_at,
            note=item.state_note or "",
            detail=item.detail,
            sources=list(item.sources.all()),
        )
        for item in items
    ]


def own_rows(user, *, pk: int | None = None) -> list[Row]:
    items = _with_state(OwnItem.objects.for_user(user), user)
    if pk is not None:
        items = items.filter(pk=pk)
    return [
        Row(
            kind="own",
            pk=item.pk,
            topic_id=item.topic_id,
            text=item.text,
            ticked_at=item.state_ticked_at,
            note=item.state_note or "",
        )
        for item in items
    ]


def rows_by_topic(user, show: str = Show.ALL) -> dict[int, list[Row]]:
    """The user's rows that the filter shows, pack items first, keyed by topic id."""
    grouped: dict[int, list[Row]] = {}
    for row in pack_rows(user) + own_rows(user):
        if row.shown_by(show):
            grouped.setdefault(row.topic_id, []).append(row)
    return grouped


def sections_build(user, show: str, progress) -> list[tuple]:
    """The page's sections: (topic progress, the rows `show` keeps, the topic's sources).

    A topic's sources are those of all its rows, so the line stays when the filter hides
    every item."""
    every_row = rows_by_topic(user)
    sources = sources_by_topic(every_row)
    return [
        (
            tp,
            [row for row in every_row.get(tp.topic.pk, []) if row.shown_by(show)],
            sources.get(tp.topic.pk, []),
        )
        for tp in progress.topics
    ]


def sources_by_topic(rows: dict[int, list[Row]]) -> dict[int, list[Source]]:
    """Each topic's sources, once each in order of first citation: one line per topic
    reads better than the same citation repeated under every item."""
    return {
        topic_id: list(
            {source.pk: source for row in topic_rows for source in row.sources}.values()
        )
        for topic_id, topic_rows in rows.items()
    }
