"""Import fuzzing: every node of a valid export replaced in turn, malformed files, rows of the
wrong shape. Refused cleanly (a 400, nothing written) or imported whole; never a 500.
"""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from prepapp.portability import ImportRefused, data_export, data_import
from prepapp.practice.answers import answer_save
from prepapp.practice.models import Answer
from prepapp.practice.scheduling import card_review
from tests.checklist.factories import ItemStateFactory, OwnItemFactory, pack_item
from tests.factories import UserFactory
from tests.mocks.factories import MockInterviewFactory
from tests.practice.factories import UserQuestionFactory, bank_question
from tests.security.hostile import HUGE, MISSING, failure
from tests.security.rows import snapshot, snapshot_diff

pytestmark = pytest.mark.django_db


@pytest.fixture
def export(pack):
    """A small but complete export: one row of each kind, every field filled."""
    source = UserFactory(display_name="Source", interview_date=timezone.localdate())
    item = OwnItemFactory(user=source)
    ItemStateFactory(user=source, item=None, own_item=item, note="Own note")
    ItemStateFactory(user=source, item=pack_item(), note="Pack note")
    own = UserQuestionFactory(user=source)
    question = bank_question()
    answer = answer_save(
        Answer(user=source, question=question, body="**Body**", seconds_spent=60, score_data=3),
        mistakes=[],
    )
    answer_save(Answer(user=source, user_question=own, body="Own body"), mistakes=[])
    card = source.review_cards.get(question=question)  # answer_save scheduled it
    card_review(card, 3, answer=answer)
    mock = MockInterviewFactory(user=source, interviewer="Sam", overall_rating=4)
    mock.answers.add(answer)
    mock.questions.add(question)
    return data_export(source)


def _upload(content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("export.json", content, content_type="application/json")


def _import(client, content: bytes):
    return client.post(reverse("accounts:import"), {"file": _upload(content)})


def _leaves(node, path=()):
    """Every (path, value) of a JSON tree, lists and objects included as nodes too."""
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(node, list):
        for n, value in enumerate(node):
            yield from _leaves(value, (*path, n))


def _replaced(tree, path, value):
    copy = json.loads(json.dumps(tree))
    node = copy
    for key in path[:-1]:
        node = node[key]
    if value is MISSING:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return copy


# Keys whose text is stored: a NUL or an oversized value there must be refused.
STORED_TEXT = {"text", "note", "body", "interviewer", "typed_questions", "strengths"}
STORED_TEXT |= {"improvements", "display_name", "ref"}


def test_import_base_is_accepted(auth_client, user, export):
    before = snapshot(user)
    response = _import(auth_client, json.dumps(export).encode())
    assert response.status_code == 302
    assert snapshot(user) != before


def _import_values(value) -> list[tuple[str, object]]:
    """Hostile replacements for one node of the export, chosen by what it holds."""
    common = [("null", None), ("missing", MISSING)]
    if isinstance(value, bool) or value is None:
        return [("text", "x"), ("list", []), ("object", {}), ("huge_int", 10**30)]
    if isinstance(value, int):
        return [*common, ("huge_int", 10**30), ("text", "3"), ("negative", -1), ("float", 1.5)]
    if isinstance(value, str):
        values = [*common, ("list", [value]), ("nul", "a\x00b")]
        if value[:4].isdigit():  # a date or a date-time
            values += [("bad_date", "2026-02-30"), ("bad_datetime", "2026-02-30T10:00:00")]
            values += [("year_one_east", "0001-01-01T00:00:00+14:00"), ("year_9999", "9999-12-31")]
        return values
    if isinstance(value, list):
        return [*common, ("text", "x"), ("list_of_nulls", [None]), ("nested", [[{}]])]
    return [*common, ("list", [value]), ("text", "x")]


def _shape(path) -> tuple:
    """A path with row numbers dropped: rows of one list share their validation."""
    return tuple("*" if isinstance(k, int) else k for k in path)


def test_import_hostile_values_node_by_node(user, export):
    """Every node of a valid export replaced in turn: refused cleanly, or imported whole.

    Calls data_import directly (the view adds only the form and the error page, both
    swept in tests/security), so a few hundred files run in seconds. A node is swept once per shape
    and type of value: the second row of a list only when it differs from the first.
    """
    failures: list[str] = []
    seen: set = set()
    baseline = snapshot(user)
    for path, node in _leaves(export):
        shape = (_shape(path), type(node).__name__)
        if not path or shape in seen:
            continue
        seen.add(shape)
        key = next((k for k in reversed(path) if isinstance(k, str)), "")
        values = _import_values(node)
        if isinstance(node, str):
            values.append(("oversized", HUGE))
        where = ".".join(map(str, path))
        accepted = False
        for label, value in values:
            try:
                data_import(user, json.dumps(_replaced(export, path, value)))
            except ImportRefused:
                pass
            except Exception as error:  # noqa: BLE001 - any other error is a 500 in the view
                failures.append(
                    f"import {where}={label}: {where(type(error), error.__traceback__)}"
                )
            else:
                accepted = True
                if key in STORED_TEXT and label in ("nul", "oversized"):
                    failures.append(f"import {where}={label}: accepted NUL/unbounded text")
        # Refusals write nothing: checked once per node, since only an import that
        # went through may change the rows.
        current = snapshot(user)
        if not accepted and current != baseline:
            failures.append(
                f"import {where}: refused but wrote {snapshot_diff(baseline, current)}"
            )
        baseline = current
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures)


@pytest.mark.parametrize(
    ("label", "content"),
    [
        ("empty", b""),
        ("not json", b"hello"),
        ("binary", bytes(range(256)) * 10),
        ("bom", b"\xef\xbb\xbf{}"),
        ("utf16", '{"format": "prepapp-export"}'.encode("utf-16")),
        ("nul", b'{"format": "prepapp-export\x00"}'),
        ("array", b"[]"),
        ("null", b"null"),
        ("string", b'"prepapp-export"'),
        ("number", b"1e400"),
        ("nan", b'{"format": "prepapp-export", "version": NaN}'),
        ("deep array", b"[" * 100_000 + b"]" * 100_000),
        ("deep object", b'{"a":' * 50_000 + b"1" + b"}" * 50_000),
        ("wrong version", b'{"format": "prepapp-export", "version": "1"}'),
        ("huge version", b'{"format": "prepapp-export", "version": 1' + b"0" * 5000 + b"}"),
        ("unhashable format", b'{"format": ["prepapp-export"], "version": 1}'),
        ("lists everywhere", b'{"format": "prepapp-export", "version": 1, "mocks": "x"}'),
    ],
)
def test_import_malformed_files(auth_client, user, label, content):
    auth_client.raise_request_exception = False
    before = snapshot(user)
    response = _import(auth_client, content)
    assert response.status_code in (200, 400), failure("import", "file", label, response)
    assert snapshot(user) == before


def test_import_row_shapes(auth_client, user, export):
    """Rows that are the wrong type, and choice fields holding unhashable values."""
    auth_client.raise_request_exception = False
    shapes = {
        "mock status list": (("mocks", 0, "status"), ["done"]),
        "mock status object": (("mocks", 0, "status"), {"a": 1}),
        "mock format list": (("mocks", 0, "format"), ["peer"]),
        "mock row not object": (("mocks", 0), "x"),
        "answers not list": (("practice", "answers"), {"a": 1}),
        "scores list": (("practice", "answers", 0, "scores"), [1, 2]),
        "score unknown": (("practice", "answers", 0, "scores"), {"x" * 1000: 3}),
        "card state huge": (("practice", "review_cards", 0, "state"), {"k": "v" * 10_000}),
        "profile list": (("profile",), []),
        "checklist string": (("checklist",), "nope"),
    }
    failures = []
    for label, (path, value) in shapes.items():
        before = snapshot(user)
        response = _import(auth_client, json.dumps(_replaced(export, path, value)).encode())
        if response.status_code >= 500:
            failures.append(failure("import", ".".join(map(str, path)), label, response))
        elif response.status_code != 400 or snapshot(user) != before:
            failures.append(f"import {label}: {response.status_code}, not refused")
    assert not failures, "\n".join(failures)
