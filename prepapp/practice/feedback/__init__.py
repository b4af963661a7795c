"""Automatic feedback on a practice answer: deterministic checks, one per mistake to avoid.

``answer_feedback(text, checks=..., minutes=..., vocabulary=...)`` reads the answer once
(text.py; quantities.py and structure.py find its measures and its shape, reading.py gathers
what the checks ask), matches the pack's vocabulary (vocabulary.py) and runs the checks the
question calls for (checks_*.py, imported in order by checks.py, registered in registry.py). Pure: no database, no network, the same findings
for the same input. Which checks a question calls for is content (expectations.py merges the
round's, the topic's and the question's own).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from prepapp.practice.feedback import checks as _checks  # noqa: F401  (registers the checks)
from prepapp.practice.feedback.expectations import CheckExpectation, checks_expected
from prepapp.practice.feedback.reading import Reading, min_words_for
from prepapp.practice.feedback.registry import REGISTRY, FeedbackCheck
from prepapp.practice.feedback.text import AnswerText
from prepapp.practice.feedback.vocabulary import Vocabulary, vocabulary_load, vocabulary_parse

__all__ = [
    "CHECKS",
    "CheckExpectation",
    "FeedbackCheck",
    "FeedbackFinding",
    "Vocabulary",
    "answer_feedback",
    "checks_expected",
    "checks_version",
    "min_words_for",
    "vocabulary_load",
    "vocabulary_parse",
]

CHECKS: tuple[FeedbackCheck, ...] = tuple(REGISTRY.values())


@dataclass(frozen=True)
class FeedbackFinding:
    code: str
    message: str
    mistake_slug: str
    # The answer's own sentences that show the mistake; empty when something is missing.
    evidence: tuple[str, ...] = ()


def answer_feedback(
    text: str | None,
    *,
    checks,
    vocabulary: Vocabulary,
    minutes: int | None = None,
) -> list[FeedbackFinding]:
    """Findings of the given checks (codes; unknown codes are ignored), in registry order."""
    wanted = set(checks)
    reading = Reading(AnswerText(text or ""), vocabulary, minutes)
    if reading.words == 0:
        # Nothing written yet: everything is missing, and the one useful finding is the length.
        wanted &= {"too-short"}
    findings = []
    covered: set[str] = set()
    for check in CHECKS:
        if check.code not in wanted:
            continue
        outcome = check.run(reading)
        if outcome is None:
            continue
        covered.update(check.covers)
        evidence = tuple(reading.text.sentences[i].text for i in outcome.evidence)
        findings.append(FeedbackFinding(check.code, outcome.message, check.mistake_slug, evidence))
    return [f for f in findings if f.code not in covered]


_PACKAGE_DIR = Path(__file__).resolve().parent


def checks_version(*data_paths: str | Path) -> str:
    """A fingerprint of the checks' code and data files: when it changes, findings are stale."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE_DIR.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for path in data_paths:
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()[:32]
