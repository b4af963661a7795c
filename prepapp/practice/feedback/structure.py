"""Whether an answer has a shape a listener can follow, and which."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from prepapp.practice.feedback.text import AnswerText

_SEQUENCE_START = re.compile(
    r"^(?:first(?:ly)?|first of all|to (?:start|begin)(?: with)?|to kick off|i(?:'d| would) "
    r"(?:start|begin)|we (?:started|began)|(?:the )?first (?:step|thing|part))\b"
    r"|\b(?:step one|phase one|stage one)\b",
    re.I,
)
_SEQUENCE_NEXT = re.compile(
    r"^(?:second(?:ly)?|third(?:ly)?|next|then|after that|afterwards|finally|lastly|last|"
    r"in the end|once that|from there|the (?:second|third|next|last|final) (?:step|thing|part)|"
    r"beyond that|on top of that|alongside)\b"
    r"|\b(?:step (?:two|three)|phase (?:two|three)|stage (?:two|three))\b",
    re.I,
)
_FRAMEWORK = re.compile(
    r"\b(?:STAR|CIRCLES|RICE|HEART|AARRR|SWOT|JTBD|MoSCoW|OKRs?)\b"
    r"|\b(?:[Jj]obs[ -]to[ -]be[ -]done|[Kk]ano)\b"
)
_FRAMEWORK_PHRASE = re.compile(
    r"(?<!regulatory )(?<!ethical )(?<!legal )(?<!compliance )(?<!interoperability )"
    r"\bframework\b(?! (?:act|law)s?)"
    r"|\b(?:\d|two|three|four|five|six|seven)[ -](?:steps|parts|phases|stages|pillars|areas|"
    r"buckets|dimensions|priorities|questions|principles|workstreams|layers|things|barriers|"
    r"levers|horizons|moves|components|themes)\b"
    r"|\bstructure (?:my|the|this) answer\b|\bbreak (?:it|this) (?:down|into)\b",
    re.I,
)
_STAR_PARTS = ("situation", "task", "action", "result")


def structure_evidence(answer: AnswerText) -> str | None:
    """How the answer is structured, in a few words, or None when it is not."""
    if answer.structured_lines >= 2:
        return "headings, lists or labelled parts"
    starts = sum(1 for s in answer.sentences if _SEQUENCE_START.search(s.text))
    nexts = sum(1 for s in answer.sentences if _SEQUENCE_NEXT.search(s.text))
    if (starts and nexts) or nexts >= 3:
        return "sequencing words"
    if _FRAMEWORK.search(answer.plain) or _FRAMEWORK_PHRASE.search(answer.plain):
        return "a named framework"
    low = answer.plain.lower()
    if all(re.search(rf"\b{w}\b", low) for w in _STAR_PARTS):
        return "situation, task, action, result"
    paragraphs = [p for p in answer.paragraphs if p.words >= 12]
    if len(paragraphs) >= 3 or (len(paragraphs) == 2 and answer.words <= 260):
        return "paragraphs that each make a point"
    return None
