"""A user's data can leave and come back: export to JSON, import from it.

The file never carries database ids. Content-pack rows are named by their slug
(stable across installations) and the user's own rows by references local to
the file ("q1", "a7", "o3"), so a file cannot point at anybody else's rows.
An import is validated whole before anything is written, and written in one
transaction: it lands entirely or not at all. Rows already present are skipped,
so importing twice adds nothing: rows with a uid (version 2 files) are found by it,
older files' rows by their content (same question, same time, same text).
"""

from __future__ import annotations

from prepapp.portability.export import answers_markdown, data_export
from prepapp.portability.format import (
    FORMAT,
    MAX_FILE_BYTES,
    VERSION,
    ImportRefused,
    ImportSummary,
)
from prepapp.portability.importing import data_import

__all__ = [
    "FORMAT",
    "MAX_FILE_BYTES",
    "VERSION",
    "ImportRefused",
    "ImportSummary",
    "answers_markdown",
    "data_export",
    "data_import",
]
