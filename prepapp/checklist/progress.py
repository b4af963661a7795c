"""How far through the checklist a user is: per topic and overall, in one query.

The dashboard calls `progress_compute(user)`; the checklist page shows the same
numbers, so the two can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import IntegerField, OuterRef, Subquery

from prepapp.checklist.models import ItemState, OwnItem
from prepapp.library.models import ChecklistItem, Topic
from prepapp.percent import percent_of


class SubqueryCount(Subquery):
    """COUNT(*) of a correlated subquery, 0 when it matches nothing."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _count)"
    output_field = IntegerField()


@dataclass(frozen=True)
class TopicProgress:
    topic: Topic
    done: int
    total: int
    percent: int = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "percent", percent_of(self.done, self.total))


@dataclass(frozen=True)
class ChecklistProgress:
    done: int
    total: int
    topics: list[TopicProgress] = field(default_factory=list)
    percent: int = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "percent", percent_of(self.done, self.total))

    def for_topic(self, topic_id: int) -> TopicProgress | None:
        return next((tp for tp in self.topics if tp.topic.pk == topic_id), None)


def topics_with_counts(user):
    """All topics in pack order, annotated with the user's item counts (one query)."""
    topic = OuterRef("pk")
    done_states = ItemState.objects.for_user(user).filter(ticked_at__isnull=False)
    return Topic.objects.annotate(
        pack_total=SubqueryCount(ChecklistItem.objects.filter(topic=topic).values("pk")),
        pack_done=SubqueryCount(done_states.filter(item__topic=topic).values("pk")),
        own_total=SubqueryCount(OwnItem.objects.for_user(user).filter(topic=topic).values("pk")),
        own_done=SubqueryCount(done_states.filter(own_item__topic=topic).values("pk")),
    )


def progress_compute(user) -> ChecklistProgress:
    """The user's progress over the pack's items plus their own, in one query.

    Topics with no items at all (none in the pack, none of the user's) are left out.
    """
    topics = [
        TopicProgress(topic=t, done=t.pack_done + t.own_done, total=t.pack_total + t.own_total)
        for t in topics_with_counts(user)
    ]
    topics = [tp for tp in topics if tp.total]
    return ChecklistProgress(
        done=sum(tp.done for tp in topics),
        total=sum(tp.total for tp in topics),
        topics=topics,
    )
