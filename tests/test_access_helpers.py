"""The small helpers every view leans on: a user's rows, a safe `next`, an id in range."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db.models import IntegerField, Value
from django.http import Http404
from django.test import RequestFactory

from prepapp.checklist.models import OwnItem
from prepapp.fields import (
    PK_MAX,
    BoundedModelChoiceField,
    BoundedModelMultipleChoiceField,
    id_parse,
)
from prepapp.navigation import next_url_safe
from prepapp.owned import exactly_one_of, owned_or_404
from tests.checklist.factories import OwnItemFactory

DEFAULT = "/fallback/"


# --- OwnedQuerySet.for_user ---


@pytest.mark.django_db
def test_for_user_returns_exactly_the_users_rows(user, other_user):
    mine = {OwnItemFactory(user=user).pk, OwnItemFactory(user=user).pk}
    OwnItemFactory(user=other_user)
    assert set(OwnItem.objects.for_user(user).values_list("pk", flat=True)) == mine
    assert OwnItem.objects.for_user(other_user).count() == 1


# --- owned_or_404 ---


@pytest.mark.django_db
def test_owned_or_404_finds_the_users_row_from_a_model_or_a_queryset(
    user, django_assert_num_queries
):
    item = OwnItemFactory(user=user)
    assert owned_or_404(OwnItem, user, pk=item.pk) == item
    with django_assert_num_queries(1):  # the queryset's joins come in the same query
        found = owned_or_404(OwnItem.objects.select_related("topic"), user, pk=item.pk)
        assert found.topic.name == item.topic.name


@pytest.mark.django_db
def test_owned_or_404_answers_another_users_row_like_a_missing_one(user, other_user):
    theirs = OwnItemFactory(user=other_user)
    with pytest.raises(Http404):
        owned_or_404(OwnItem, user, pk=theirs.pk)
    with pytest.raises(Http404):
        owned_or_404(OwnItem.objects.all(), user, pk=theirs.pk + 1000)


def test_owned_or_404_refuses_a_model_without_an_owner():
    from prepapp.library.models import Question

    with pytest.raises(AttributeError):
        owned_or_404(Question, None, pk=1)


# --- exactly_one_of ---


def _value(v):
    return Value(v, output_field=IntegerField())


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("first", "second", "allowed"),
    [(1, None, True), (None, 1, True), (1, 1, False), (None, None, False)],
)
def test_exactly_one_of_allows_one_and_only_one(first, second, allowed):
    condition = exactly_one_of("item", "own_item")
    assert condition.check({"item": _value(first), "own_item": _value(second)}) is allowed


def test_exactly_one_of_names_the_two_fields():
    condition = exactly_one_of("question", "user_question")
    lookups = {child for clause in condition.children for child in clause.children}
    assert lookups == {
        ("question__isnull", False),
        ("question__isnull", True),
        ("user_question__isnull", False),
        ("user_question__isnull", True),
    }


# --- next_url_safe ---

rf = RequestFactory()


def test_next_from_the_form_wins_over_the_query_string():
    request = rf.post("/x/?next=/from-query/", {"next": "/from-form/"})
    assert next_url_safe(request, DEFAULT) == "/from-form/"


def test_next_from_the_query_string_when_the_form_has_none():
    assert next_url_safe(rf.post("/x/?next=/from-query/"), DEFAULT) == "/from-query/"
    assert next_url_safe(rf.get("/x/", {"next": "/from-get/?page=2"}), DEFAULT) == (
        "/from-get/?page=2"
    )


@pytest.mark.parametrize(
    "target",
    [
        "",
        "https://evil.example/",
        "//evil.example/path",
        "dashboard:home",  # a bare word: redirect() would resolve it as a URL name
        "javascript:alert(1)",
        "/\\evil.example",
    ],
)
def test_unsafe_or_missing_next_falls_back(target):
    assert next_url_safe(rf.post("/x/", {"next": target}), DEFAULT) == DEFAULT


def test_protocol_relative_next_to_this_host_is_kept():
    # "//testserver/..." names this site; the host check is what lets it through.
    request = rf.post("/x/", {"next": "//testserver/checklist/"})
    assert next_url_safe(request, DEFAULT) == "//testserver/checklist/"


def test_protocol_relative_next_is_refused_on_https():
    # Django reads a scheme-less "//host" as http, which an HTTPS page must not send you to.
    request = rf.post("/x/", {"next": "//testserver/ok/"}, secure=True)
    assert next_url_safe(request, DEFAULT) == DEFAULT
    assert next_url_safe(rf.post("/x/", {"next": "/ok/"}, secure=True), DEFAULT) == "/ok/"


# --- ids beyond a 64-bit column ---


@pytest.mark.parametrize(
    ("value", "parsed"),
    [
        (PK_MAX, PK_MAX),
        (str(PK_MAX), PK_MAX),
        (f"  {PK_MAX}  ", PK_MAX),
        (PK_MAX + 1, None),
        (str(PK_MAX + 1), None),
        ("0" + str(PK_MAX), None),  # one digit longer than any id
        (1, 1),
        (0, None),
        (-1, None),
        ("not a number", None),
        ("", None),
        (None, None),
    ],
)
def test_id_parse_edges(value, parsed):
    assert id_parse(value) == parsed


def test_pk_max_is_the_largest_64_bit_signed_integer():
    assert PK_MAX == 9223372036854775807


@pytest.mark.django_db
def test_choice_field_refuses_an_id_too_big_as_an_invalid_choice(user):
    field = BoundedModelChoiceField(queryset=OwnItem.objects.all(), required=False)
    with pytest.raises(ValidationError) as caught:
        field.clean(str(PK_MAX + 1))
    assert caught.value.code == "invalid_choice"
    assert caught.value.messages == [str(field.error_messages["invalid_choice"])]
    assert field.clean("") is None
    own = OwnItemFactory(user=user)
    assert field.clean(str(own.pk)) == own


@pytest.mark.django_db
def test_multiple_choice_field_refuses_an_id_too_big(user):
    field = BoundedModelMultipleChoiceField(queryset=OwnItem.objects.all(), required=False)
    huge = "9" * 40
    with pytest.raises(ValidationError) as caught:
        field.clean(["1", huge])
    error = caught.value.error_list[0]
    assert error.code == "invalid_pk_value"
    assert error.params == {"pk": huge[:20]}
    # The form shows Django's own wording, with the (shortened) id in it.
    assert caught.value.messages == [field.error_messages["invalid_pk_value"] % {"pk": huge[:20]}]
    # A tuple is checked too (Django accepts both before querying).
    with pytest.raises(ValidationError) as caught:
        field.clean((huge,))
    error = caught.value.error_list[0]
    assert (error.code, error.params) == ("invalid_pk_value", {"pk": huge[:20]})
    own = OwnItemFactory(user=user)
    assert list(field.clean([str(own.pk)])) == [own]
    # Not a list at all: Django's own "enter a list" error, not ours.
    with pytest.raises(ValidationError) as caught:
        field.clean("1")
    assert caught.value.error_list[0].code == "invalid_list"
