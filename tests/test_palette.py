"""The colour pairs the stylesheet uses meet WCAG AA in both colour schemes.

axe checks the text it finds on the walked pages; this checks every pairing the CSS can
produce (states a walk may not reach, like an overrunning timer), and the borders that
outline buttons and form fields, which axe does not measure (3:1, WCAG 1.4.11).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CSS = (Path(__file__).resolve().parent.parent / "static" / "css" / "app.css").read_text()

# (foreground, background) variables set together by a rule in static/css.
TEXT_PAIRS = [
    ("fg", "bg"), ("fg", "card"), ("muted", "bg"), ("muted", "card"),
    ("accent", "bg"), ("accent", "card"), ("accent-fg", "accent"), ("bad-fg", "bad"),
    ("bad", "bg"), ("bad", "card"), ("bad", "bad-bg"), ("fg", "bad-bg"),
    ("good", "bg"), ("good", "card"), ("good", "good-bg"), ("fg", "good-bg"),
    ("fg", "warn-bg"), ("muted", "warn-bg"), ("accent", "good-bg"), ("muted", "good-bg"),
]  # fmt: skip
# Outlines that tell a control from the page around it.
CONTROL_PAIRS = [
    ("control-line", "bg"),
    ("control-line", "card"),
    ("focus", "bg"),
    ("focus", "card"),
]


def _palette(block: str) -> dict[str, str]:
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", block))


def _schemes() -> dict[str, dict[str, str]]:
    light_block, dark_block = CSS.split("@media (prefers-color-scheme: dark)", 1)
    light = _palette(light_block.split("}", 1)[0])
    return {"light": light, "dark": {**light, **_palette(dark_block.split("}", 1)[0])}}


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula_matches_wcag():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    # The dark-mode danger button of issue 11: white on light red.
    assert contrast("#ffffff", "#ff8a8f") == pytest.approx(2.26, abs=0.01)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_colours_reach_aa(scheme):
    palette = _schemes()[scheme]
    low = [
        f"{fg} on {bg}: {contrast(palette[fg], palette[bg]):.2f}"
        for fg, bg in TEXT_PAIRS
        if contrast(palette[fg], palette[bg]) < 4.5
    ]
    assert not low, low


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_control_outlines_reach_three_to_one(scheme):
    palette = _schemes()[scheme]
    low = [
        f"{fg} on {bg}: {contrast(palette[fg], palette[bg]):.2f}"
        for fg, bg in CONTROL_PAIRS
        if contrast(palette[fg], palette[bg]) < 3
    ]
    assert not low, low


def test_danger_buttons_use_the_danger_foreground():
    rule = re.search(r"button\.danger, \.button\.danger \{([^}]*)\}", CSS).group(1)
    assert "color: var(--bad-fg)" in rule
