"""Ids parsed in one place: ASCII digits, 1 to a 64-bit column's maximum."""

from __future__ import annotations

import pytest

from prepapp.fields import PK_MAX, IdField, id_parse


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", 1), (" 42 ", 42), ("007", 7), (str(PK_MAX), PK_MAX), (7, 7)],
)
def test_id_parse_reads_ascii_ids(raw, expected):
    assert id_parse(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        None,
        "",
        "0",
        "-1",
        "+1",
        "1.0",
        "1e3",
        "abc",
        str(PK_MAX + 1),
        str(10**30),
        "\u00b2",
        "\u0663",
        "\uff15",
        "1\u0663",
        "0" * 30 + "1",
    ],
)
def test_id_parse_refuses_what_names_no_row(raw):
    assert id_parse(raw) is None


def test_id_field_refuses_unicode_digits_and_allows_empty():
    field = IdField(required=False)
    assert field.clean("") is None
    assert field.clean("12") == 12
    for raw in ("\u0663", "\uff15", "\u00b2"):
        with pytest.raises(Exception, match="whole number"):
            field.clean(raw)


@pytest.mark.parametrize("raw", ["²", "0", "x"])
def test_id_field_error_is_the_invalid_code(raw):
    # Callers (the review form) tell a bad id from other errors by this code.
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        IdField(required=False).clean(raw)
    assert refused.value.code == "invalid"


@pytest.mark.django_db
def test_a_choice_by_slug_is_not_parsed_as_an_id(pack):
    # The answers filter chooses rounds by slug: "technical" is a choice, not a bad id.
    from prepapp.fields import BoundedModelChoiceField
    from prepapp.library.models import Round

    field = BoundedModelChoiceField(queryset=Round.objects.all(), to_field_name="slug")
    assert field.clean("technical").slug == "technical"
