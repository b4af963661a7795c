from __future__ import annotations

from html.parser import HTMLParser

import pytest

from prepapp.practice.markdown import ALLOWED_TAGS, markdown_render, markdown_render_many


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def parsed(html: str) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def assert_safe(html: str) -> None:
    """Only allowed tags; only href/title on links (plus rel); hrefs http(s) or mailto."""
    for tag, attrs in parsed(html):
        assert tag in ALLOWED_TAGS, tag
        allowed = {"href", "title", "rel"} if tag == "a" else set()
        assert set(attrs) <= allowed, (tag, attrs)
        if "href" in attrs:
            assert attrs["href"].split(":")[0].lower() in {"http", "https", "mailto"}


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        '<iframe src="https://evil.example"></iframe>',
        '<a href="data:text/html,<script>alert(1)</script>">click</a>',
        "<svg onload=alert(1)>",
        '<div markdown="1" onclick="alert(1)">*x*</div>',
    ],
)
def test_raw_html_is_escaped_not_rendered(text):
    html = markdown_render(text)
    assert_safe(html)
    assert "<script" not in html
    assert "<img" not in html
    assert "<iframe" not in html
    assert "<svg" not in html
    assert "<div" not in html
    assert "<a " not in html
    # What was typed is still shown, as text.
    assert "&lt;" in html


@pytest.mark.parametrize(
    "text",
    [
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](vbscript:msgbox(1))",
        '[x](https://ok.example "t" onclick="alert(1)")',
    ],
)
def test_dangerous_link_schemes_are_dropped(text):
    html = markdown_render(text)
    assert_safe(html)
    links = [attrs for tag, attrs in parsed(html) if tag == "a"]
    assert links, html  # the link text survives, without a dangerous target
    assert all(
        "href" not in attrs or attrs["href"].startswith("https://ok.example") for attrs in links
    )


def test_images_are_dropped():
    assert "<img" not in markdown_render("![a](https://example.org/a.png)")


def test_markdown_renders_allowed_structure():
    html = markdown_render(
        "# Plan\n\n1. **Frame** the *problem*\n2. Measure\n\n> quote\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n`code` [link](https://example.org)"
    )
    assert "<h3>Plan</h3>" in html  # the page owns h1 and h2
    assert "<ol>" in html and "<li><strong>Frame</strong> the <em>problem</em></li>" in html
    assert "<blockquote>" in html
    assert "<table>" in html and "<th>a</th>" in html
    assert "<code>code</code>" in html
    assert 'href="https://example.org"' in html
    assert 'rel="noopener noreferrer nofollow"' in html


def test_no_attributes_other_than_link_href_and_title():
    html = markdown_render("## Heading {: #x .y onclick=alert(1) }\n\ntext")
    assert_safe(html)
    assert parsed(html)[0] == ("h4", {})


def test_rendering_many_at_once_matches_one_by_one():
    """One Markdown instance reused across texts carries nothing from one to the next."""
    texts = [
        "# Plan\n\nText[^1].\n\n[^1]: A footnote.\n\n*[HTML]: Hyper Text",
        "# Plan\n\nHTML here, and a second footnote[^1].\n\n[^1]: Another.",
        "[link][ref]\n\n[ref]: https://example.org",
        "[link][ref]",
        "<script>alert(1)</script> and `code`",
    ]
    assert markdown_render_many(texts) == [markdown_render(t) for t in texts]
