"""progress_compute against counts worked out by hand from the content pack."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from prepapp.checklist.models import ItemState
from prepapp.checklist.progress import ChecklistProgress, progress_compute
from prepapp.checklist.ticking import tick_set
from tests.checklist.factories import OwnItemFactory, own_items_bulk, pack_item, topic

pytestmark = pytest.mark.django_db

# The pack: 19 items over 9 topics (prioritisation-execution and
# leadership-collaboration have none).
PACK_TOTAL = 19
PACK_PER_TOPIC = {
    "metrics-outcomes": 2,
    "regulation-compliance": 1,
    "clinical-domain": 4,
    "stakeholder-communication": 2,
    "product-sense-design": 2,
    "interoperability-data": 2,
    "ai-ethics": 2,
    "career-transition": 3,
    "interview-approach": 1,
}


def _by_slug(progress: ChecklistProgress) -> dict[str, tuple[int, int, int]]:
    return {tp.topic.slug: (tp.done, tp.total, tp.percent) for tp in progress.topics}


def test_nothing_done(user):
    progress = progress_compute(user)
    assert (progress.done, progress.total, progress.percent) == (0, PACK_TOTAL, 0)
    assert {slug: total for slug, (_d, total, _p) in _by_slug(progress).items()} == PACK_PER_TOPIC
    # Topics in pack order, empty topics left out.
    slugs = [tp.topic.slug for tp in progress.topics]
    assert slugs == sorted(slugs, key=lambda s: topic(s).order)
    assert "leadership-collaboration" not in slugs


def test_mixed_pack_and_own_items(user, other_user):
    metrics = list(pack_item_slugs("metrics-outcomes"))
    tick_set(user, pack_item(metrics[0]), True)
    tick_set(user, pack_item(pack_item_slugs("clinical-domain")[0]), True)
    own_done = OwnItemFactory(user=user, topic=topic("metrics-outcomes"))
    OwnItemFactory(user=user, topic=topic("metrics-outcomes"))
    own_new_topic = OwnItemFactory(user=user, topic=topic("leadership-collaboration"))
    tick_set(user, own_done, True)
    tick_set(user, own_new_topic, True)
    # Noise that must not count: an unticked state with a note, another user's ticks and items.
    ItemState.objects.create(user=user, item=pack_item(metrics[1]), note="later")
    tick_set(other_user, pack_item(metrics[1]), True)
    OwnItemFactory(user=other_user, topic=topic("metrics-outcomes"))

    progress = progress_compute(user)
    by_slug = _by_slug(progress)
    # metrics: pack 1 of 2 + own 1 of 2 = 2 of 4
    assert by_slug["metrics-outcomes"] == (2, 4, 50)
    # clinical: 1 of 4 = 25%
    assert by_slug["clinical-domain"] == (1, 4, 25)
    # leadership appears once the user has an item there
    assert by_slug["leadership-collaboration"] == (1, 1, 100)
    assert by_slug["ai-ethics"] == (0, 2, 0)
    # overall: 19 pack + 3 own = 22; done 2 pack + 2 own = 4, 18% (rounded down)
    assert (progress.done, progress.total, progress.percent) == (4, 22, 18)


def test_unticked_items_stop_counting(user):
    item = pack_item()
    tick_set(user, item, True)
    tick_set(user, item, False)
    assert progress_compute(user).done == 0


def test_everything_done_is_100(user):
    now = timezone.now() - timedelta(days=1)
    for slug in pack_item_slugs():
        tick_set(user, pack_item(slug), True, now=now)
    progress = progress_compute(user)
    assert (progress.done, progress.total, progress.percent) == (PACK_TOTAL, PACK_TOTAL, 100)
    assert all(tp.percent == 100 for tp in progress.topics)


def test_for_topic_finds_the_topic_by_id_and_none_for_an_empty_one(user):
    metrics = topic("metrics-outcomes")
    tick_set(user, pack_item(pack_item_slugs("metrics-outcomes")[0]), True)
    progress = progress_compute(user)
    found = progress.for_topic(metrics.pk)
    assert (found.topic, found.done, found.total, found.percent) == (metrics, 1, 2, 50)
    clinical = topic("clinical-domain")
    assert progress.for_topic(clinical.pk).topic == clinical
    # A topic with no items is left out of the progress, so it has none.
    assert progress.for_topic(topic("leadership-collaboration").pk) is None


@pytest.mark.parametrize("count", [1, 200])
def test_one_query_whatever_the_size(user, count, django_assert_num_queries):
    own_items_bulk(user, count)
    with django_assert_num_queries(1):
        progress = progress_compute(user)
    assert progress.total == PACK_TOTAL + count
    assert progress.done == count


def pack_item_slugs(topic_slug: str | None = None) -> list[str]:
    from prepapp.library.models import ChecklistItem

    items = ChecklistItem.objects.order_by("topic__order", "order", "slug")
    if topic_slug:
        items = items.filter(topic__slug=topic_slug)
    return list(items.values_list("slug", flat=True))
