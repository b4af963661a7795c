from __future__ import annotations

import pytest
from django.urls import reverse

from prepapp.checklist.models import ItemState
from prepapp.checklist.ticking import note_set, tick_set
from tests.checklist.factories import ItemStateFactory, OwnItemFactory, own_items_bulk, pack_item

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _url(item) -> str:
    return reverse("checklist:note", args=[item.pk])


def test_plain_note_saves_and_redirects_to_item(auth_client, user):
    item = pack_item()
    response = auth_client.post(_url(item), {"note": "Revise RICE", "show": "todo"})
    assert response.status_code == 302
    assert response["Location"] == f"/checklist/?show=todo#item-pack-{item.pk}"
    state = ItemState.objects.get(user=user, item=item)
    assert state.note == "Revise RICE"
    assert state.ticked_at is None


def test_note_keeps_tick(auth_client, user):
    item = pack_item()
    tick_set(user, item, True)
    auth_client.post(_url(item), {"note": "done twice"})
    state = ItemState.objects.get(user=user, item=item)
    assert state.ticked_at is not None
    assert state.note == "done twice"


def test_empty_note_clears(auth_client, user):
    item = pack_item()
    note_set(user, item, "old")
    auth_client.post(_url(item), {"note": ""})
    assert ItemState.objects.get(user=user, item=item).note == ""


def test_htmx_note_returns_row_with_note(auth_client, user):
    item = pack_item()
    response = auth_client.post(_url(item), {"note": "Ask about <b>FHIR</b>"}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<li id="item-pack-{item.pk}"')
    assert "Ask about &lt;b&gt;FHIR&lt;/b&gt;" in html
    assert "Edit note" in html
    assert "<html" not in html


def test_own_item_note(auth_client, user):
    own = OwnItemFactory(user=user)
    url = reverse("checklist:own_note", args=[own.pk])
    response = auth_client.post(url, {"note": "mine"})
    assert response["Location"] == f"/checklist/#item-own-{own.pk}"
    assert ItemState.objects.get(own_item=own).note == "mine"


def test_plain_bad_input_rerenders_with_text_kept(auth_client, user):
    item = pack_item()
    long_note = "kept words " + "x" * 2000
    response = auth_client.post(_url(item), {"note": long_note, "show": "done"})
    assert response.status_code == 200
    html = response.content.decode()
    assert long_note in html
    assert "at most 2000 characters" in html
    assert item.text in html
    assert 'name="show" value="done"' in html
    assert not ItemState.objects.exists()


def test_htmx_bad_input_is_422_row_with_error_and_text_kept(auth_client, user):
    item = pack_item()
    note_set(user, item, "the old note")
    long_note = "y" * 2001
    response = auth_client.post(_url(item), {"note": long_note}, **HTMX)
    assert response.status_code == 422
    html = response.content.decode()
    assert long_note in html
    assert "at most 2000 characters" in html
    assert 'class="check-note-edit"' in html and 'aria-invalid="true"' in html
    assert ItemState.objects.get(user=user, item=item).note == "the old note"


def test_other_users_own_item_is_404_and_unchanged(auth_client, other_user):
    own = OwnItemFactory(user=other_user)
    ItemStateFactory(user=other_user, item=None, own_item=own, note="theirs")
    url = reverse("checklist:own_note", args=[own.pk])
    assert auth_client.post(url, {"note": "hijack"}).status_code == 404
    assert auth_client.post(url, {"note": "hijack"}, **HTMX).status_code == 404
    assert ItemState.objects.get(own_item=own).note == "theirs"


def test_other_users_note_on_pack_item_is_left_alone(auth_client, user, other_user):
    item = pack_item()
    note_set(other_user, item, "theirs")
    auth_client.post(_url(item), {"note": "mine"})
    assert ItemState.objects.get(user=other_user, item=item).note == "theirs"
    assert ItemState.objects.get(user=user, item=item).note == "mine"


def test_unknown_id_is_404(auth_client):
    assert (
        auth_client.post(reverse("checklist:note", args=[999999]), {"note": "x"}).status_code
        == 404
    )
    assert (
        auth_client.post(reverse("checklist:own_note", args=[999999]), {"note": "x"}).status_code
        == 404
    )


# ------------------------------------------------ the editor, loaded on demand


def test_the_list_links_to_the_editor_instead_of_holding_a_form_per_row(auth_client, user):
    """One form per row (the tick): the note editor is a link, swapped in by htmx."""
    item = pack_item()
    html = auth_client.get(reverse("checklist:index")).content.decode()
    row = html[html.index(f'<li id="item-pack-{item.pk}"') :]
    row = row[: row.index("</li>")]
    assert row.count("<form") == 1
    assert f'href="{_url(item)}"' in row and f'data-hx-get="{_url(item)}"' in row
    assert "<textarea" not in html


def test_plain_get_is_the_note_page_with_the_note_and_the_filter_kept(auth_client, user):
    """Without JavaScript the link opens a page with the editor; it posts like the row did."""
    item = pack_item()
    note_set(user, item, "Revise RICE")
    response = auth_client.get(_url(item), {"show": "todo"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" in html and item.text in html
    assert "Revise RICE</textarea>" in html
    assert f'action="{_url(item)}"' in html
    assert 'name="show" value="todo"' in html
    assert response.context["form"].is_bound is False


def test_htmx_get_swaps_the_row_with_its_editor_open(auth_client, user):
    item = pack_item()
    note_set(user, item, "Revise <RICE>")
    response = auth_client.get(_url(item), {"show": "done"}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<li id="item-pack-{item.pk}"')
    assert "<html" not in html
    assert ">Revise &lt;RICE&gt;</textarea>" in html
    assert f'data-hx-post="{_url(item)}"' in html and "autofocus" in html
    assert 'name="show" value="done"' in html
    assert "aria-invalid" not in html


def test_get_of_another_users_own_item_is_404(auth_client, other_user):
    own = OwnItemFactory(user=other_user)
    url = reverse("checklist:own_note", args=[own.pk])
    assert auth_client.get(url).status_code == 404
    assert auth_client.get(url, **HTMX).status_code == 404
    assert auth_client.get(reverse("checklist:note", args=[999999])).status_code == 404


@pytest.mark.parametrize("count", [1, 200])
def test_get_query_count_is_constant(auth_client, user, count, django_assert_num_queries):
    own_items_bulk(user, count)
    item = pack_item()
    # session, user, item, row, sources
    with django_assert_num_queries(5):
        auth_client.get(_url(item), **HTMX)
    with django_assert_num_queries(5):
        auth_client.get(_url(item))


@pytest.mark.parametrize("count", [1, 200])
def test_htmx_query_count_is_constant(auth_client, user, count, django_assert_num_queries):
    own_items_bulk(user, count)
    item = pack_item()
    note_set(user, item, "before")
    url = _url(item)
    # session, user, item, update, row, sources, data-version bump (note_set)
    with django_assert_num_queries(7):
        response = auth_client.post(url, {"note": "after"}, **HTMX)
    assert "after" in response.content.decode()
