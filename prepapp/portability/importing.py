"""Writing an export file into an account: all or nothing, nothing twice.

Three passes. `file_plan` (planning.py) reads and checks every value of the file and writes
nothing. `rows_build` (building.py) matches the rows against what the account already holds
and builds every new object, with its HTML and feedback findings, still writing nothing.
`_write` inserts them with bulk_create in one short transaction. Only `_write` holds SQLite's
write lock (see bulk.py), so even the largest import allowed keeps other users' writes
waiting well under a second.

Rows carrying a uid (version 2 files) are matched on it, so two rows alike in content
(a cancelled mock and its replacement in the same slot) stay two. Rows without one
(version 1 files) are matched on their content, as those files always were.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from prepapp.accounts.data_version import data_version_bump
from prepapp.checklist.models import ItemState, OwnItem
from prepapp.mocks.models import MockInterview
from prepapp.portability.building import ImportRows, rows_build
from prepapp.portability.bulk import (
    Statement,
    ids_reserve,
    insert_statements,
    statements_run,
)
from prepapp.portability.format import ImportRefused, ImportSummary
from prepapp.portability.planning import file_plan, pack_load
from prepapp.portability.reader import FileReader, file_parse
from prepapp.practice.models import Answer, Finding, ReviewCard, ReviewLog, UserQuestion

BATCH_SIZE = 500


def data_import(user, raw: bytes | str) -> ImportSummary:
    """Validate the whole file, then write it in one transaction; raises ImportRefused."""
    payload = file_parse(raw)
    errors: list[str] = []
    plan = file_plan(FileReader(errors), payload, pack_load())
    if errors:
        raise ImportRefused(errors)
    rows = rows_build(user, plan)
    statements = _statements(rows)
    try:
        _write(user, rows.profile_fields, statements)
    except IntegrityError:
        # Only a write racing this import (a second tab importing the same file, a
        # practice answer creating the same review card) gets here; nothing was written.
        raise ImportRefused(
            ["Your data changed while the file was imported. Nothing was imported: try again."]
        ) from None
    return rows.summary


# ---------------------------------------------------------------- writing


def _statements(rows: ImportRows) -> list[Statement]:
    """Every INSERT of the import, parents before the rows that point at them."""
    parents = [
        (OwnItem, rows.own_items),
        (UserQuestion, rows.own_questions),
        (Answer, rows.answers),
        (ReviewCard, rows.cards),
        (MockInterview, rows.mocks),
    ]
    ids = ids_reserve({model: len(objects) for model, objects in parents})
    for model, objects in parents:
        for obj, pk in zip(objects, ids[model], strict=True):
            obj.pk = pk
    statements: list[Statement] = []
    for model, objects in [
        (OwnItem, rows.own_items),
        (ItemState, rows.states),
        (UserQuestion, rows.own_questions),
        (Answer, rows.answers),
        (Finding, rows.findings),
        (Answer.mistakes.through, rows.answer_tags),
        (ReviewCard, rows.cards),
        (ReviewLog, rows.logs),
        (MockInterview, rows.mocks),
        (MockInterview.questions.through, rows.mock_questions),
        (MockInterview.answers.through, rows.mock_answers),
        (MockInterview.mistakes.through, rows.mock_mistakes),
    ]:
        statements += insert_statements(model, objects, BATCH_SIZE)
    return statements


def _write(user, profile_fields: list[str], statements: list[Statement]) -> None:
    """The import's one short transaction: only finished statements run inside it."""
    with transaction.atomic():
        if profile_fields:
            user.save(update_fields=profile_fields)
        statements_run(statements)
        data_version_bump(user)
