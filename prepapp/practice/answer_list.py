"""The answers list's rows: an excerpt, the score, the findings' titles and the date.

One query for the page whatever the number of answers or findings: the excerpt is cut
in SQL (bodies run to 20,000 characters and the rendered HTML as much again; a row
shows 200) and the findings come as one aggregated column per answer rather than a
prefetch, so the list costs what it did before it named them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import OuterRef, QuerySet, StringAgg, Subquery, Value
from django.db.models.functions import Coalesce, Concat, Substr

from prepapp.practice.models import Finding, finding_title

# Characters of the body read from the database; the excerpt is cut from them.
EXCERPT_READ = 400
EXCERPT_LENGTH = 200
# Between a finding's code and its pair's title, and between findings: neither can
# appear in a code (a slug) and a title is one line.
_FIELD = "\x1f"
_ROW = "\x1e"

# Markdown's markup at the start of a line (headings, quotes, list markers) and inline
# (emphasis, code, links' brackets): an excerpt reads as prose without them.
_LINE_MARKUP = re.compile(r"^\s*(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)", re.MULTILINE)
_INLINE_MARKUP = re.compile(r"[*_`~]+|!?\[|\]\([^)]*\)|\]")


@dataclass(frozen=True)
class Listed:
    """What a row shows besides the answer's own fields."""

    excerpt: str
    finding_titles: list[str]


def excerpt_plain(markdown: str, length: int = EXCERPT_LENGTH) -> str:
    """The start of an answer as one line of plain text, cut at a word, with an ellipsis."""
    text = _INLINE_MARKUP.sub("", _LINE_MARKUP.sub("", markdown))
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    cut = text[: length + 1].rsplit(" ", 1)[0] if " " in text[:length] else text[:length]
    return cut.rstrip(",;:.-–— ") + "…"


def answers_listed(queryset: QuerySet) -> QuerySet:
    """The queryset with what the list shows annotated, and the long text columns left out."""
    findings = (
        Finding.objects.filter(answer=OuterRef("pk"))
        .order_by()
        .values("answer")
        .annotate(
            joined=StringAgg(
                Concat("code", Value(_FIELD), Coalesce("mistake__title", Value(""))),
                Value(_ROW),
            )
        )
        .values("joined")
    )
    return queryset.defer("body", "body_html").annotate(
        body_start=Substr("body", 1, EXCERPT_READ), finding_pairs=Subquery(findings)
    )


def listed_rows(answers) -> None:
    """Attach `listed` (excerpt and findings' titles) to each answer of a page."""
    for answer in answers:
        titles = []
        for pair in filter(None, (answer.finding_pairs or "").split(_ROW)):
            code, _, mistake_title = pair.partition(_FIELD)
            titles.append(finding_title(code, mistake_title or None))
        answer.listed = Listed(excerpt_plain(answer.body_start), sorted(titles))
