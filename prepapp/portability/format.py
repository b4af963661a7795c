"""The export file's format: its name, version, limits, and what an import reports."""

from __future__ import annotations

from dataclasses import dataclass, field

FORMAT = "prepapp-export"
# Version 2 added a "uid" to own items, own questions, answers and mocks. Version 1 files
# still import: their rows are matched by content, as before.
VERSION = 2
VERSIONS = (1, 2)
# "comments" (coaches' comments on the user's answers and mocks, by answer ref or mock uid,
# with the author's email) is written out but never read back: the coach may have no
# account on the instance the file goes to. No new version for it: readers ignore keys
# they do not know, so this and older releases import such files unchanged.
MAX_FILE_BYTES = 10 * 1024 * 1024
# Rows per import, by kind. Bytes alone let a small file carry tens of thousands of short
# rows, and the write lock an import holds grows with rows, not bytes. These sit well
# above a real preparation (the benchmark's heavy user has 2,000 answers and 200 mocks)
# and keep the largest import's write under a second (see the README's "Your data").
ROW_LIMITS = {
    "checklist.own_items": 1_000,
    "checklist.states": 2_000,
    "practice.own_questions": 1_000,
    "practice.answers": 5_000,
    "practice.review_cards": 2_000,
    "mocks": 1_000,
}
# Across the whole file: review log rows of all cards, and links (an answer's tagged
# mistakes, a mock's questions, answers and mistakes).
MAX_REVIEW_LOGS = 10_000
MAX_LINKS = 20_000
# Dates outside these years are typos or attacks, and year 1 overflows time-zone maths.
YEARS = range(1900, 2200)


def limits_text() -> str:
    """The row limits in words, for error messages."""
    names = {
        "checklist.own_items": "own checklist items",
        "checklist.states": "checklist ticks and notes",
        "practice.own_questions": "own questions",
        "practice.answers": "answers",
        "practice.review_cards": "review cards",
        "mocks": "mock interviews",
    }
    parts = [f"{ROW_LIMITS[key]:,} {name}" for key, name in names.items()]
    parts += [f"{MAX_REVIEW_LOGS:,} review log rows", f"{MAX_LINKS:,} links"]
    return "one import takes at most " + ", ".join(parts)


class ImportRefused(Exception):
    """The file cannot be imported; `errors` says why, each naming where in the file."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors[:5]))
        self.errors = errors


@dataclass
class ImportSummary:
    added: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
