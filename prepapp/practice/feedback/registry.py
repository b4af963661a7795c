"""The one list of feedback checks: each declared once, with its code, title, pair and rule.

A check is a function decorated with ``@feedback_check(...)``. It receives the answer's reading
(``Reading``: the text model plus the vocabulary's matches) and returns ``None`` or an
``Outcome``: the message and the sentences that are its evidence. The order of declaration
is the order findings are shown in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from prepapp.practice.feedback.reading import Reading


@dataclass(frozen=True)
class Outcome:
    message: str
    # Sentence indices that show the mistake; empty when the mistake is something missing.
    evidence: tuple[int, ...] = ()


@dataclass(frozen=True)
class FeedbackCheck:
    code: str
    title: str
    mistake_slug: str
    rule: str
    # "missing": fires on an absence (shows what the question expected); "present": on
    # something the answer says (shows the sentences).
    kind: str
    run: Callable[[Reading], Outcome | None]
    # Codes whose finding this one already says ("a generic tech answer" includes "no
    # workflow fit"): reported once, not twice.
    covers: tuple[str, ...] = ()


REGISTRY: dict[str, FeedbackCheck] = {}


def sentences_first(sentences, limit: int = 3) -> tuple[int, ...]:
    """The first few distinct sentence indices, in order: an outcome's evidence stays short."""
    return tuple(sorted(set(sentences))[:limit])


def feedback_check(
    code: str, *, title: str, mistake: str, rule: str, kind: str, covers: tuple[str, ...] = ()
):
    """Register a check. Codes are unique; the pair slug names a library.MistakePair."""
    if kind not in ("missing", "present"):
        raise ValueError(f"{code}: kind must be 'missing' or 'present'")

    def register(run: Callable[[Reading], Outcome | None]):
        if code in REGISTRY:
            raise ValueError(f"Feedback check {code!r} is declared twice.")
        REGISTRY[code] = FeedbackCheck(code, title, mistake, rule, kind, run, covers)
        return run

    return register
