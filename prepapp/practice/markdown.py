"""Answers are written in markdown and shown as HTML: render once, then sanitise.

Raw HTML in the markdown is escaped (shown as typed), and the rendered HTML
still goes through nh3 with a tight allowlist, so nothing a user types can run
script or smuggle markup past the CSP.
"""

from __future__ import annotations

import markdown as markdown_lib
import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "h3",
    "h4",
    "h5",
    "h6",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "noopener noreferrer nofollow"


def _markdown() -> markdown_lib.Markdown:
    md = markdown_lib.Markdown(
        # baselevel 3: the page owns h1 and h2, so an answer's "# Heading" becomes an h3.
        extensions=["extra", "sane_lists", "toc"],
        extension_configs={"toc": {"baselevel": 3}},
    )
    # Without these two, raw HTML would pass straight through markdown; escaping it
    # shows the user what they typed instead of silently dropping it.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


def _clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
    )


def markdown_render(text: str) -> str:
    """Safe HTML for a user's markdown."""
    # A fresh instance per call: Markdown objects keep state and are not thread-safe.
    return _clean(_markdown().convert(text))


def markdown_render_many(texts: list[str]) -> list[str]:
    """markdown_render for many texts at once, as an import needs it.

    Building the Markdown instance costs more than converting a short answer, so one
    instance serves every text, reset between them (reset clears all its state), in
    this one call and thread only.
    """
    md = _markdown()
    rendered = []
    for text in texts:
        rendered.append(_clean(md.convert(text)))
        md.reset()
    return rendered
