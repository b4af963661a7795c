"""The README a newcomer reads first: the first ten minutes, then the commands, then operations."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
README = (ROOT / "README.md").read_text()


def _heading_at(title: str) -> int:
    match = re.search(rf"^## {re.escape(title)}$", README, re.M)
    assert match, f"no '## {title}' section"
    return match.start()


def test_every_image_the_readme_shows_exists():
    images = re.findall(r"!\[([^\]]*)\]\(([^)]+)\)", README)
    assert images, "the README shows no screenshot"
    for alt, path in images:
        assert alt.strip(), f"{path} has no alt text"
        assert (ROOT / path).is_file(), f"{path} is missing"


def test_screenshot_is_a_small_1280_wide_png():
    import struct

    data = (ROOT / "docs" / "dashboard.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">I", data[16:20])[0] == 1280
    assert len(data) < 150_000


def test_readme_opens_with_the_first_ten_minutes_then_commands_then_operations():
    screenshot = README.index("](docs/dashboard.png)")
    first = _heading_at("Your first ten minutes")
    commands = _heading_at("Two commands on a fresh machine")
    operations = _heading_at("Production settings")
    assert screenshot < first < commands < operations
    assert not re.search(r"^## ", README[: min(screenshot, first)], re.M)


def test_first_ten_minutes_walks_through_the_candidates_steps():
    first = _heading_at("Your first ten minutes")
    section = README[first : _heading_at("Two commands on a fresh machine")]
    steps = re.findall(r"^\d+\. \*\*([^*]+)\*\*", section, re.M)
    assert steps == [
        "Sign up",
        "Set your interview date",
        "Tick what you have already done",
        "Practise one question",
        "Read the feedback",
    ]
