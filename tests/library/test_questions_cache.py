"""The question bank's cached rows (prepapp/page_cache.py): right on every visit."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from prepapp.library.content import content_sync
from prepapp.library.models import Question, Topic
from tests.factories import UserFactory
from tests.library.factories import question_admin_form

pytestmark = pytest.mark.django_db

URL = reverse("library:questions")
# Cold: session, user, rounds, topics, questions. Warm: session and user only (the rows
# and the filter's rounds and topics come from the cache).
COLD, WARM = 5, 2


def test_a_warm_visit_runs_only_the_session_and_user_queries(
    auth_client, pack, django_assert_num_queries
):
    with django_assert_num_queries(COLD):
        cold = auth_client.get(URL).content.decode()
    with django_assert_num_queries(WARM):
        warm = auth_client.get(URL).content.decode()
    assert _results(warm) == _results(cold)
    assert "68 questions" in warm


def _results(body: str) -> str:
    return body[body.index('<section id="results"') : body.index("</section>")]


def test_each_filter_is_its_own_entry(auth_client, pack, django_assert_num_queries):
    auth_client.get(URL)
    with django_assert_num_queries(WARM + 1):  # a miss: this filter's questions
        body = auth_client.get(URL, {"round": "technical"}).content.decode()
    assert "7 questions in <strong>Technical Interview</strong>" in body
    assert '<option value="technical" selected>' in body


def test_htmx_and_the_page_share_the_rows_and_both_are_right(
    auth_client, pack, django_assert_num_queries
):
    partial = auth_client.get(URL, {"topic": "clinical-domain"}, headers={"HX-Request": "true"})
    expected = Question.objects.filter(topic__slug="clinical-domain").count()
    assert partial.content.decode().lstrip().startswith('<section id="results"')
    assert f"{expected} questions on <strong>" in partial.content.decode()
    with django_assert_num_queries(WARM):
        page = auth_client.get(URL, {"topic": "clinical-domain"}).content.decode()
    assert "<html" in page and f"{expected} questions on <strong>" in page
    # The bound filter is outside the cache: it shows this request's choice.
    assert '<option value="clinical-domain" selected>' in page


def test_field_errors_are_outside_the_cached_rows(auth_client, pack):
    auth_client.get(URL)
    body = auth_client.get(URL, {"round": "no-such-round"}).content.decode()
    assert "There is no round “no-such-round”" in body
    assert "There is no round" not in auth_client.get(URL).content.decode()


def test_another_user_never_gets_the_first_users_entry(
    auth_client, other_user, pack, django_assert_num_queries
):
    auth_client.get(URL)
    other = Client()
    other.force_login(other_user)
    with django_assert_num_queries(WARM + 1):  # their own miss: the questions query
        body = other.get(URL).content.decode()
    assert "68 questions" in body


def test_a_content_sync_shows_on_the_next_visit(auth_client, pack):
    question = Question.objects.order_by("pk").first()
    pack_text = question.text
    Question.objects.filter(pk=question.pk).update(text="An edit the pack does not have")
    assert "An edit the pack does not have" in auth_client.get(URL).content.decode()
    content_sync(force=True)
    body = auth_client.get(URL).content.decode()
    assert "An edit the pack does not have" not in body
    assert pack_text.replace("'", "&#x27;") in body


def test_an_admin_edit_shows_on_the_next_visit(auth_client, pack):
    question = Question.objects.prefetch_related("sources").order_by("pk").first()
    topic = Topic.objects.exclude(pk=question.topic_id).first()
    assert "Edited in the admin" not in auth_client.get(URL).content.decode()
    staff = Client()
    staff.force_login(UserFactory(is_staff=True, is_superuser=True))
    form = question_admin_form(question, text="Edited in the admin?")
    change = reverse("admin:library_question_change", args=[question.pk])
    assert staff.post(change, form).status_code == 302
    assert "Edited in the admin?" in auth_client.get(URL).content.decode()
    # A topic renamed: the filter's choices (cached for the minute too) follow at once.
    rename = reverse("admin:library_topic_change", args=[topic.pk])
    fields = {"slug": topic.slug, "name": "Renamed topic", "order": topic.order}
    fields |= {"track": topic.track_id, "description": topic.description}
    assert staff.post(rename, fields).status_code == 302
    assert ">Renamed topic</option>" in auth_client.get(URL).content.decode()
