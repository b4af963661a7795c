"""Which checks a question calls for: its round's and topic's defaults, plus its own changes.

The content pack says it, each with a short reason the practice page shows ("This answer will
be checked for…"). Unknown codes are ignored, so a pack written for newer checks still loads.
"""

from __future__ import annotations

from dataclasses import dataclass

from prepapp.practice.feedback.registry import REGISTRY


@dataclass(frozen=True)
class CheckExpectation:
    code: str
    title: str
    reason: str
    source: str  # "round", "topic", "question" or "default"


def checks_expected(
    *,
    round_checks: dict[str, str] | None = None,
    topic_checks: dict[str, str] | None = None,
    added: dict[str, str] | None = None,
    dropped: dict[str, str] | None = None,
    default: dict[str, str] | None = None,
) -> list[CheckExpectation]:
    """The checks that apply, in registry order; `default` when there is no round or topic."""
    reasons: dict[str, tuple[str, str]] = {}
    layers = [("round", round_checks), ("topic", topic_checks)]
    if round_checks is None and topic_checks is None:
        layers = [("default", default)]
    for source, layer in [*layers, ("question", added)]:
        for code, reason in (layer or {}).items():
            reasons[code] = (str(reason), source)
    for code in dropped or {}:
        reasons.pop(code, None)
    return [
        CheckExpectation(code, check.title, *reasons[code])
        for code, check in REGISTRY.items()
        if code in reasons
    ]
