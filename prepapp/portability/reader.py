"""Reading an export file: every value checked, every problem named with its place."""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from prepapp.library.rubric import ALL_DIMENSIONS, score_field
from prepapp.portability.format import (
    FORMAT,
    MAX_FILE_BYTES,
    VERSIONS,
    YEARS,
    ImportRefused,
)


class FileReader:
    """Reads one part of the file, collecting every problem with where it is."""

    def __init__(self, errors: list[str]):
        self.errors = errors

    def fail(self, where: str, problem: str) -> None:
        if len(self.errors) < 50:
            self.errors.append(f"{where}: {problem}")

    def obj(self, value, where: str) -> dict:
        if not isinstance(value, dict):
            self.fail(where, "must be an object")
            return {}
        return value

    def rows(self, parent: dict, key: str, where: str, limit: int) -> list[dict]:
        value = parent.get(key, [])
        where = f"{where}.{key}" if where else key
        if not isinstance(value, list):
            self.fail(where, "must be a list")
            return []
        if len(value) > limit:
            self.fail(where, f"has {len(value):,} rows, at most {limit:,} in one import")
            return []
        return [self.obj(row, f"{where}[{n}]") for n, row in enumerate(value)]

    def text(self, row: dict, key: str, where: str, max_length: int, *, required=False) -> str:
        value = row.get(key)
        if value is None or value == "":
            if required:
                self.fail(f"{where}.{key}", "is required")
            return ""
        if not isinstance(value, str):
            self.fail(f"{where}.{key}", "must be text")
            return ""
        if len(value) > max_length:
            self.fail(f"{where}.{key}", f"is {len(value)} characters, at most {max_length}")
        if "\x00" in value:  # forms refuse it too, and PostgreSQL cannot store it
            self.fail(f"{where}.{key}", "contains a NUL character")
        elif not value.isascii():
            try:  # JSON can spell a lone surrogate ("\\ud800"), which no database can store
                value.encode()
            except UnicodeEncodeError:
                self.fail(f"{where}.{key}", "contains a character that is not valid text")
        return value

    def uid(self, row: dict, where: str) -> uuid.UUID | None:
        """The row's identity (version 2 files), or None when the file has none."""
        value = row.get("uid")
        if value is None:
            return None
        try:
            if not isinstance(value, str) or len(value) > 36:
                raise ValueError
            return uuid.UUID(value)
        except ValueError:
            self.fail(f"{where}.uid", "must be a UUID")
            return None

    def once(self, seen: dict, value, where: str, what: str) -> None:
        """Record that `where` holds `value`; a second row with it is refused."""
        if value is None:
            return
        if value in seen:
            self.fail(where, f"repeats the {what} of {seen[value]}")
        else:
            seen[value] = where

    def integer(
        self, row: dict, key: str, where: str, low: int, high: int, *, required=False
    ) -> int | None:
        value = row.get(key)
        if value is None:
            if required:
                self.fail(f"{where}.{key}", "is required")
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail(f"{where}.{key}", f"must be a whole number from {low} to {high}")
            return None
        return value

    def moment(self, row: dict, key: str, where: str, *, required=False) -> datetime | None:
        value = row.get(key)
        if value is None:
            if required:
                self.fail(f"{where}.{key}", "is required")
            return None
        try:
            parsed = parse_datetime(value) if isinstance(value, str) else None
        except ValueError:  # well-formed but impossible, like 30 February
            parsed = None
        if parsed is None or not YEARS.start <= parsed.year < YEARS.stop:
            self.fail(f"{where}.{key}", "must be a date and time (ISO 8601)")
            return None
        return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)

    def day(self, row: dict, key: str, where: str) -> date | None:
        value = row.get(key)
        if value is None:
            return None
        try:
            parsed = parse_date(value) if isinstance(value, str) else None
        except ValueError:
            parsed = None
        if parsed is None or not YEARS.start <= parsed.year < YEARS.stop:
            self.fail(f"{where}.{key}", "must be a date (YYYY-MM-DD)")
            return None
        return parsed

    def slug(self, row: dict, key: str, where: str, known: dict, *, required=False):
        return self.slug_value(row.get(key), f"{where}.{key}", known, required=required)

    def slug_value(self, value, place: str, known: dict, *, required=False):
        """The pack row `value` names, `place` being where it is in the file."""
        if value is None:
            if required:
                self.fail(place, "is required")
            return None
        if not isinstance(value, str) or value not in known:
            self.fail(place, f"{value!r} is not in the content pack")
            return None
        return known[value]

    def slugs(self, row: dict, key: str, where: str, known: dict) -> list:
        value = row.get(key, [])
        if not isinstance(value, list):
            self.fail(f"{where}.{key}", "must be a list")
            return []
        found = [
            self.slug_value(slug, f"{where}.{key}[{n}]", known) for n, slug in enumerate(value)
        ]
        return [f for f in found if f is not None]

    def ref(self, row: dict, key: str, where: str, known: dict):
        return self.ref_value(row.get(key), f"{where}.{key}", known)

    def ref_value(self, value, place: str, known: dict):
        """The row of this file `value` refers to, `place` being where it is in the file."""
        if value is None:
            return None
        if not isinstance(value, str) or value not in known:
            # Numbers are database ids from somewhere else: never followed.
            self.fail(place, f"{value!r} does not name a row in this file")
            return None
        return known[value]

    def scores(self, row: dict, where: str) -> dict[str, int]:
        raw = self.obj(row.get("scores", {}), f"{where}.scores")
        scores = {}
        for key in raw:
            if key not in ALL_DIMENSIONS:
                self.fail(f"{where}.scores.{key}", "is not a rubric dimension")
                continue
            if (value := self.integer(raw, key, f"{where}.scores", 1, 5)) is not None:
                scores[score_field(key)] = value
        return scores


def file_parse(raw: bytes | str) -> dict:
    if len(raw) > MAX_FILE_BYTES:
        raise ImportRefused([f"The file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB."])
    try:
        payload = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise ImportRefused(
            ["The file is not JSON. Choose a file exported from prepapp."]
        ) from None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise ImportRefused(["This JSON is not a prepapp export (its format field is missing)."])
    version = payload.get("version")
    if isinstance(version, bool) or version not in VERSIONS:
        supported = " and ".join(str(v) for v in VERSIONS)
        raise ImportRefused(
            [f"This export is version {repr(version)[:20]}; versions {supported} are supported."]
        )
    return payload
