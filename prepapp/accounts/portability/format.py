"""The export file's format: its name, version, limits, and what an import reports."""

from __future__ import annotations

from dataclasses import dataclass, field

FORMAT = "prepapp-export"
VERSION = 1
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
# Dates outside these years are typos or attacks, and year 1 overflows time-zone maths.
YEARS = range(1900, 2200)


class ImportRefused(Exception):
    """The file cannot be imported; `errors` says why, each naming where in the file."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors[:5]))
        self.errors = errors


@dataclass
class ImportSummary:
    added: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
