from __future__ import annotations

import re

import pytest
from django.urls import reverse

from prepapp.checklist.ticking import note_set, tick_set
from tests.checklist.factories import OwnItemFactory, own_items_bulk, pack_item, topic

pytestmark = pytest.mark.django_db

URL = reverse("checklist:index")
# session, user, progress, pack items with state, their sources, own items with state,
# topics for the add form
PAGE_QUERIES = 7


def _overall(html: str) -> str:
    return re.search(r'data-testid="progress-overall-text">([^<]*)<', html).group(1)


def test_groups_items_by_topic_with_progress(auth_client, user):
    tick_set(user, pack_item(), True)
    response = auth_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert _overall(html) == "1 of 19 (5%)"
    section = html.split('id="topic-metrics-outcomes"')[1].split("</section>")[0]
    assert "1 of 2 (50%)" in section
    assert '<progress id="progress-topic-metrics-outcomes-bar" value="1" max="2">' in section
    assert pack_item().text in section
    assert 'aria-pressed="true"' in section
    assert "done <time" in section
    # Topics without any item are not shown.
    assert 'id="topic-leadership-collaboration"' not in html


def test_shows_detail_sources_and_note(auth_client, user):
    item = pack_item()
    note_set(user, item, "Compare HEART and AARRR")
    html = auth_client.get(URL).content.decode()
    assert "Compare HEART and AARRR" in html
    for source in item.sources.all():
        assert source.title in html


def test_own_items_listed_under_their_topic_with_actions(auth_client, user, other_user):
    own = OwnItemFactory(
        user=user, topic=topic("leadership-collaboration"), text="Write STAR story"
    )
    OwnItemFactory(user=other_user, text="Someone else's secret plan")
    html = auth_client.get(URL).content.decode()
    section = html.split('id="topic-leadership-collaboration"')[1].split("</section>")[0]
    assert "Write STAR story" in section
    assert reverse("checklist:own_edit", args=[own.pk]) in section
    assert reverse("checklist:own_delete", args=[own.pk]) in section
    assert "Someone else" not in html
    assert _overall(html) == "0 of 20 (0%)"


def test_other_users_ticks_are_not_shown(auth_client, user, other_user):
    tick_set(other_user, pack_item(), True)
    html = auth_client.get(URL).content.decode()
    assert 'aria-pressed="true"' not in html
    assert _overall(html) == "0 of 19 (0%)"


@pytest.mark.parametrize(
    ("show", "sees_done", "sees_todo"),
    [("done", True, False), ("todo", False, True), ("", True, True), ("bogus", True, True)],
)
def test_filter(auth_client, user, show, sees_done, sees_todo):
    done_item = pack_item()
    tick_set(user, done_item, True)
    todo_item = _second_item()
    response = auth_client.get(URL, {"show": show})
    assert response.status_code == 200
    html = response.content.decode()
    assert (f'id="item-pack-{done_item.pk}"' in html) is sees_done
    assert (f'id="item-pack-{todo_item.pk}"' in html) is sees_todo
    # Progress always counts everything, whatever the filter.
    assert _overall(html) == "1 of 19 (5%)"
    # The filter is kept in the forms, so a plain POST returns to it.
    kept = show if show in ("done", "todo") else "all"
    assert f'name="show" value="{kept}"' in html


def _second_item():
    from prepapp.library.models import ChecklistItem

    return ChecklistItem.objects.order_by("pk")[1]


def test_page_loads_its_script_and_stylesheet_without_inline_code(auth_client):
    html = auth_client.get(URL).content.decode()
    assert "js/checklist.js" in html
    assert "css/checklist.css" in html
    assert "style=" not in html
    assert "hx-on" not in html


@pytest.mark.parametrize("count", [1, 200])
def test_query_count_is_constant(auth_client, user, count, django_assert_num_queries):
    own_items_bulk(user, count)
    for n in range(min(count, 19)):
        tick_set(user, _nth_item(n), True)
    with django_assert_num_queries(PAGE_QUERIES):
        response = auth_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="check-row') == 19 + count


def _nth_item(n: int):
    from prepapp.library.models import ChecklistItem

    return ChecklistItem.objects.order_by("pk")[n]


def test_add_form_is_folded_at_the_top(auth_client):
    html = auth_client.get(URL).content.decode()
    add = html.index('<details class="card add-own">')
    assert add < html.index('<section class="topic"')
    folded = html[add : html.index("</details>", add)]
    assert "<summary>Add your own item</summary>" in folded
    assert f'action="{reverse("checklist:own_add")}"' in folded
    assert 'id="add_text"' in folded


def test_sources_are_one_line_per_topic(auth_client):
    from prepapp.library.models import ChecklistItem

    html = auth_client.get(URL).content.decode()
    assert "check-sources" not in html
    for topic_slug in ChecklistItem.objects.values_list("topic__slug", flat=True).distinct():
        section = html.split(f'id="topic-{topic_slug}"')[1].split("</section>")[0]
        assert section.count('class="topic-sources') == 1
        line = section.split('class="topic-sources')[1].split("</p>")[0]
        cited = {
            source.title
            for item in ChecklistItem.objects.filter(topic__slug=topic_slug)
            for source in item.sources.all()
        }
        assert cited
        for title in cited:
            assert line.count(f"<cite>{title}</cite>") == 1


def test_sources_line_stays_when_the_filter_hides_every_item(auth_client):
    html = auth_client.get(URL, {"show": "done"}).content.decode()
    assert "Nothing done here yet." in html
    assert html.count('class="topic-sources') == html.count('<section class="topic"')
