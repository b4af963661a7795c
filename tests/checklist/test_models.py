"""The database itself refuses a second tick row, an item-less state and over-long text."""

from __future__ import annotations

import pytest
from django.db import DataError, IntegrityError, transaction

from prepapp.checklist.models import ItemState, OwnItem
from tests.checklist.factories import ItemStateFactory, OwnItemFactory, pack_item, topic

pytestmark = pytest.mark.django_db


def test_second_state_for_same_pack_item_is_refused(user):
    item = pack_item()
    ItemState.objects.create(user=user, item=item)
    with pytest.raises(IntegrityError), transaction.atomic():
        ItemState.objects.create(user=user, item=item)
    assert ItemState.objects.filter(user=user, item=item).count() == 1


def test_second_state_for_same_own_item_is_refused(user):
    own = OwnItemFactory(user=user)
    ItemStateFactory(user=user, item=None, own_item=own)
    with pytest.raises(IntegrityError), transaction.atomic():
        ItemState.objects.create(user=user, own_item=own)
    assert ItemState.objects.filter(own_item=own).count() == 1


def test_two_users_may_tick_the_same_item(user, other_user):
    item = pack_item()
    ItemStateFactory(user=user, item=item)
    ItemStateFactory(user=other_user, item=item)
    assert ItemState.objects.filter(item=item).count() == 2


@pytest.mark.parametrize("both", [True, False])
def test_state_needs_exactly_one_item(user, both):
    own = OwnItemFactory(user=user) if both else None
    with pytest.raises(IntegrityError), transaction.atomic():
        ItemState.objects.create(user=user, item=pack_item() if both else None, own_item=own)


def test_note_length_bounded_in_database(user):
    with pytest.raises(IntegrityError), transaction.atomic():
        ItemState.objects.create(user=user, item=pack_item(), note="x" * 2001)


def test_own_item_text_bounded_in_database(user):
    # SQLite enforces the named check constraint; PostgreSQL's varchar(300) refuses first.
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        OwnItem.objects.create(user=user, topic=topic(), text="x" * 301)


def test_for_user_returns_only_own_rows(user, other_user):
    mine = OwnItemFactory(user=user)
    OwnItemFactory(user=other_user)
    assert list(OwnItem.objects.for_user(user)) == [mine]


def test_deleting_own_item_deletes_its_state(user):
    own = OwnItemFactory(user=user)
    ItemStateFactory(user=user, item=None, own_item=own)
    own.delete()
    assert not ItemState.objects.exists()
