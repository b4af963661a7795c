"""Evidence in the rendered answer: the sentences a finding quotes, wrapped in <mark>.

The answer's HTML was sanitised by nh3 when it was saved. The sentences are found in its text
(letters and digits only, so markdown emphasis and spacing do not matter), each marked piece
stays inside the element it was in, and the result goes through nh3 again with <mark> allowed:
nothing a user typed can become markup here.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

import nh3

from prepapp.practice.markdown import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, LINK_REL, URL_SCHEMES


class _Pieces(HTMLParser):
    """The HTML as a list of ("tag", raw) and ("text", unescaped) pieces."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.pieces.append(("tag", self.get_starttag_text() or ""))

    def handle_startendtag(self, tag, attrs):
        self.pieces.append(("tag", self.get_starttag_text() or ""))

    def handle_endtag(self, tag):
        self.pieces.append(("tag", f"</{tag}>"))

    def handle_data(self, data):
        self.pieces.append(("text", data))


def _key(text: str) -> tuple[str, list[int]]:
    """Lower-case letters and digits of `text`, with each one's index in `text`."""
    chars, where = [], []
    for i, ch in enumerate(text):
        if ch.isalnum():
            chars.append(ch.lower())
            where.append(i)
    return "".join(chars), where


def evidence_highlight(body_html: str, evidence: list[tuple[str, str]]) -> str:
    """`body_html` with each (anchor id, sentence) of `evidence` marked; unknown ones skipped."""
    return evidence_marks(body_html, evidence)[0]


def evidence_marks(body_html: str, evidence: list[tuple[str, str]]) -> tuple[str, dict[str, str]]:
    """The marked HTML, and for each anchor asked for, the id that is on the page: two
    findings quoting the same sentence share one mark (and one id)."""
    parser = _Pieces()
    parser.feed(body_html)
    parser.close()
    pieces = parser.pieces
    text = "".join(value for kind, value in pieces if kind == "text")
    key, where = _key(text)
    marks: list[tuple[int, int, str]] = []  # (start, end) in `text`, anchor id
    by_span: dict[tuple[int, int], str] = {}
    aliases: dict[str, str] = {}
    for anchor, sentence in evidence:
        needle, _ = _key(sentence)
        if not needle:
            continue
        at = key.find(needle)
        if at < 0:
            continue
        span = (where[at], where[at + len(needle) - 1] + 1)
        if span in by_span:
            aliases.setdefault(anchor, by_span[span])
            continue
        by_span[span] = anchor
        aliases.setdefault(anchor, anchor)
        marks.append((*span, anchor))
    marks.sort()
    out: list[str] = []
    offset = 0
    anchored: set[str] = set()
    for kind, value in pieces:
        if kind == "tag":
            out.append(value)
            continue
        start, end = offset, offset + len(value)
        cursor = start
        for m_start, m_end, anchor in marks:
            lo, hi = max(m_start, cursor), min(m_end, end)
            if lo >= hi:
                continue
            out.append(html.escape(text[cursor:lo], quote=False))
            id_attr = "" if anchor in anchored else f' id="{anchor}"'
            anchored.add(anchor)
            out.append(
                f'<mark class="evidence"{id_attr}>{html.escape(text[lo:hi], quote=False)}</mark>'
            )
            cursor = hi
        out.append(html.escape(text[cursor:end], quote=False))
        offset = end
    attributes = {**ALLOWED_ATTRIBUTES, "mark": {"id", "class"}}
    html_out = nh3.clean(
        "".join(out),
        tags=ALLOWED_TAGS | {"mark"},
        attributes=attributes,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
    )
    # An anchor whose first mark was inside another's range never got its id on the page.
    placed = {anchor for anchor in aliases.values() if f'id="{anchor}"' in html_out}
    return html_out, {a: t for a, t in aliases.items() if t in placed}
