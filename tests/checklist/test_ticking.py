"""The tick and note service: idempotent, and a lost insert race leaves one row."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import IntegrityError, connection
from django.utils import timezone

from prepapp.checklist import ticking
from prepapp.checklist.models import ItemState
from prepapp.checklist.ticking import note_set, tick_set
from tests.checklist.factories import OwnItemFactory, pack_item

pytestmark = pytest.mark.django_db


def test_tick_creates_one_row_with_time(user):
    item = pack_item()
    tick_set(user, item, True)
    state = ItemState.objects.get(user=user, item=item)
    assert state.ticked_at is not None
    assert timezone.now() - state.ticked_at < timedelta(minutes=1)


def test_second_tick_keeps_first_time_and_one_row(user):
    item = pack_item()
    first = timezone.now() - timedelta(days=2)
    tick_set(user, item, True, now=first)
    tick_set(user, item, True)
    assert ItemState.objects.filter(user=user, item=item).count() == 1
    assert ItemState.objects.get(user=user, item=item).ticked_at == first


def test_untick_clears_time_and_keeps_note(user):
    item = pack_item()
    tick_set(user, item, True)
    note_set(user, item, "Read the HEART paper")
    tick_set(user, item, False)
    state = ItemState.objects.get(user=user, item=item)
    assert state.ticked_at is None
    assert state.note == "Read the HEART paper"


def test_untick_of_never_ticked_item_creates_nothing(user):
    tick_set(user, pack_item(), False)
    assert not ItemState.objects.exists()


def test_tick_again_after_untick_sets_new_time(user):
    item = pack_item()
    old = timezone.now() - timedelta(days=5)
    tick_set(user, item, True, now=old)
    tick_set(user, item, False)
    tick_set(user, item, True)
    assert ItemState.objects.get(user=user, item=item).ticked_at > old


def test_tick_own_item(user):
    own = OwnItemFactory(user=user)
    tick_set(user, own, True)
    tick_set(user, own, True)
    assert ItemState.objects.get(own_item=own).ticked_at is not None
    assert ItemState.objects.count() == 1


def test_note_set_creates_updates_and_clears(user):
    item = pack_item()
    note_set(user, item, "")
    assert not ItemState.objects.exists()
    note_set(user, item, "first")
    note_set(user, item, "second")
    state = ItemState.objects.get()
    assert state.note == "second"
    assert state.ticked_at is None
    note_set(user, item, "")
    assert ItemState.objects.get().note == ""


def test_ticks_of_one_user_leave_another_alone(user, other_user):
    item = pack_item()
    tick_set(other_user, item, True)
    tick_set(user, item, True)
    tick_set(user, item, False)
    assert ItemState.objects.get(user=other_user).ticked_at is not None


def _insert_racing_with(monkeypatch, racer):
    """Run `racer` just before the service's insert: a concurrent request that got there first."""
    original = ticking._state_insert

    def racing_insert(user, target, **values):
        racer(user, target)
        original(user, target, **values)

    monkeypatch.setattr(ticking, "_state_insert", racing_insert)


def test_tick_losing_insert_race_leaves_one_ticked_row(user, monkeypatch):
    item = pack_item()
    _insert_racing_with(
        monkeypatch, lambda u, t: ItemState.objects.create(user=u, item=t, note="from tab 2")
    )
    tick_set(user, item, True)
    state = ItemState.objects.get(user=user, item=item)
    assert state.ticked_at is not None
    assert state.note == "from tab 2"


def test_tick_losing_race_to_another_tick_keeps_its_time(user, monkeypatch):
    item = pack_item()
    earlier = timezone.now() - timedelta(seconds=1)
    _insert_racing_with(
        monkeypatch, lambda u, t: ItemState.objects.create(user=u, item=t, ticked_at=earlier)
    )
    tick_set(user, item, True)
    assert ItemState.objects.get(user=user, item=item).ticked_at == earlier


def test_note_losing_insert_race_leaves_one_row_with_note(user, monkeypatch):
    item = pack_item()
    _insert_racing_with(monkeypatch, lambda u, t: ItemState.objects.create(user=u, item=t))
    note_set(user, item, "mine")
    assert ItemState.objects.get(user=user, item=item).note == "mine"


def test_race_inside_outer_transaction_leaves_it_usable(user, monkeypatch):
    """The insert's savepoint: the request's own transaction survives the IntegrityError."""
    from django.db import transaction

    item = pack_item()
    _insert_racing_with(monkeypatch, lambda u, t: ItemState.objects.create(user=u, item=t))
    with transaction.atomic():
        tick_set(user, item, True)
        assert ItemState.objects.filter(user=user).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_connections_racing_to_tick_leave_one_row(pack, user, monkeypatch):
    """Two threads, two database connections: both find no row, then both insert.

    The steps are put in a fixed order (check, check, insert, insert) instead of
    left to the scheduler: the interleaving that matters happens every run, and
    no two statements overlap, which the shared in-memory SQLite of the test
    run could only answer with "table is locked" (a file or a server waits).
    """
    item = pack_item()
    first_at_insert, second_at_insert, first_inserted = (threading.Event() for _ in range(3))
    original = ticking._state_insert
    errors: list[BaseException] = []
    outcomes: dict[str, str] = {}

    def insert_in_turn(user, target, **values):
        name = threading.current_thread().name
        if name == "first":
            first_at_insert.set()
            assert second_at_insert.wait(10)
        else:
            second_at_insert.set()
            assert first_inserted.wait(10)
        try:
            original(user, target, **values)
        except IntegrityError:
            outcomes[name] = "refused"
            raise
        else:
            outcomes[name] = "inserted"

    def worker():
        try:
            tick_set(user, item, True)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()
            # The second goes on once the first's whole tick is done, its data-version
            # bump after the insert included: no two statements overlap.
            if threading.current_thread().name == "first":
                first_inserted.set()

    monkeypatch.setattr(ticking, "_state_insert", insert_in_turn)
    first = threading.Thread(target=worker, name="first")
    second = threading.Thread(target=worker, name="second")
    first.start()
    assert first_at_insert.wait(10)
    second.start()
    for thread in (first, second):
        thread.join(20)
    assert errors == []
    # Both got past the "no row yet" check: the constraint kept the second row out.
    assert outcomes == {"first": "inserted", "second": "refused"}
    assert ItemState.objects.filter(user=user, item=item, ticked_at__isnull=False).count() == 1


def test_database_refuses_what_the_race_would_insert(user):
    item = pack_item()
    tick_set(user, item, True)
    with pytest.raises(IntegrityError):
        ticking._state_insert(user, item, ticked_at=timezone.now())


# `.update()` skips `auto_now`: every write sets `updated_at` itself, and these pin it.


def _age(state: ItemState, when) -> None:
    ItemState.objects.filter(pk=state.pk).update(updated_at=when)


def test_untick_moves_updated_at(user):
    item = pack_item()
    long_ago = timezone.now() - timedelta(days=30)
    tick_set(user, item, True, now=long_ago)
    state = ItemState.objects.get(user=user, item=item)
    _age(state, long_ago)
    before = timezone.now()
    tick_set(user, item, False)
    state.refresh_from_db()
    assert state.ticked_at is None
    assert before <= state.updated_at <= timezone.now()


def test_tick_of_an_unticked_row_sets_updated_at_to_the_tick_time(user):
    item = pack_item()
    note_set(user, item, "a note first, so the row exists unticked")
    state = ItemState.objects.get(user=user, item=item)
    _age(state, timezone.now() - timedelta(days=30))
    when = timezone.now() - timedelta(hours=3)
    tick_set(user, item, True, now=when)
    state.refresh_from_db()
    assert state.ticked_at == when
    assert state.updated_at == when


def test_tick_without_a_time_uses_now(user):
    item = pack_item()
    note_set(user, item, "exists")
    before = timezone.now()
    tick_set(user, item, True)
    state = ItemState.objects.get(user=user, item=item)
    assert before <= state.ticked_at <= timezone.now()
    assert state.updated_at == state.ticked_at


def test_second_tick_moves_neither_time(user):
    item = pack_item()
    first = timezone.now() - timedelta(days=2)
    tick_set(user, item, True, now=first)
    state = ItemState.objects.get(user=user, item=item)
    _age(state, first)
    tick_set(user, item, True, now=timezone.now())
    state.refresh_from_db()
    assert (state.ticked_at, state.updated_at) == (first, first)


def test_note_update_moves_updated_at(user):
    item = pack_item()
    note_set(user, item, "first")
    state = ItemState.objects.get(user=user, item=item)
    long_ago = timezone.now() - timedelta(days=30)
    _age(state, long_ago)
    before = timezone.now()
    note_set(user, item, "second")
    state.refresh_from_db()
    assert state.note == "second"
    assert before <= state.updated_at <= timezone.now()


def test_note_on_a_new_row_is_written_unticked(user):
    own = OwnItemFactory(user=user)
    note_set(user, own, "on my own item")
    state = ItemState.objects.get(user=user, own_item=own)
    assert (state.note, state.ticked_at, state.item) == ("on my own item", None, None)


def test_tick_losing_insert_race_sets_both_times(user, monkeypatch):
    item = pack_item()
    _insert_racing_with(monkeypatch, lambda u, t: ItemState.objects.create(user=u, item=t))
    when = timezone.now() - timedelta(minutes=5)
    tick_set(user, item, True, now=when)
    state = ItemState.objects.get(user=user, item=item)
    assert (state.ticked_at, state.updated_at) == (when, when)


def test_note_losing_insert_race_moves_updated_at(user, monkeypatch):
    item = pack_item()
    long_ago = timezone.now() - timedelta(days=30)

    def racer(u, t):
        state = ItemState.objects.create(user=u, item=t)
        ItemState.objects.filter(pk=state.pk).update(updated_at=long_ago)

    _insert_racing_with(monkeypatch, racer)
    before = timezone.now()
    note_set(user, item, "mine")
    state = ItemState.objects.get(user=user, item=item)
    assert state.note == "mine"
    assert before <= state.updated_at <= timezone.now()


def test_second_tick_is_two_queries_and_no_insert_attempt(user, django_assert_num_queries):
    # The row is found ticked: no insert that the constraint would have to refuse.
    item = pack_item()
    tick_set(user, item, True)
    with django_assert_num_queries(2):
        tick_set(user, item, True)
