from __future__ import annotations

import factory
from django.utils import timezone

from prepapp.checklist.models import ItemState, OwnItem
from prepapp.library.models import ChecklistItem, Topic
from tests.factories import UserFactory


def pack_item(slug: str | None = None) -> ChecklistItem:
    queryset = ChecklistItem.objects.select_related("topic")
    return queryset.get(slug=slug) if slug else queryset.order_by("pk").first()


def topic(slug: str = "metrics-outcomes") -> Topic:
    return Topic.objects.get(slug=slug)


class OwnItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OwnItem

    user = factory.SubFactory(UserFactory)
    topic = factory.LazyFunction(topic)
    text = factory.Sequence(lambda n: f"Rehearse story number {n}")


class ItemStateFactory(factory.django.DjangoModelFactory):
    """A tick on a pack item by default; pass own_item=... (and item=None) for an own item."""

    class Meta:
        model = ItemState

    user = factory.SubFactory(UserFactory)
    item = factory.LazyFunction(pack_item)
    ticked_at = factory.LazyFunction(timezone.now)


def own_items_bulk(user, count: int, *, ticked: bool = True, topic_slugs=None) -> list[OwnItem]:
    """`count` own items spread over topics, each ticked with a note: the large-data case."""
    topics = list(
        Topic.objects.filter(slug__in=topic_slugs) if topic_slugs else Topic.objects.all()
    )
    items = OwnItem.objects.bulk_create(
        OwnItem(user=user, topic=topics[n % len(topics)], text=f"Own item {n}")
        for n in range(count)
    )
    now = timezone.now()
    ItemState.objects.bulk_create(
        ItemState(user=user, own_item=item, ticked_at=now if ticked else None, note=f"Note {n}")
        for n, item in enumerate(items)
    )
    return items
