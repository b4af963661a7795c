"""No module under prepapp/ (migrations aside) is over 400 lines: past that, split it by job."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 400


def _line_counts() -> dict[str, int]:
    return {
        path.relative_to(ROOT).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in (ROOT / "prepapp").rglob("*.py")
        if "migrations" not in path.relative_to(ROOT).parts
    }


def test_no_module_is_over_400_lines():
    over = {p: n for p, n in _line_counts().items() if n > MAX_LINES}
    assert over == {}


def test_the_count_sees_every_module_but_migrations():
    counts = _line_counts()
    assert "prepapp/htmx.py" in counts
    assert "prepapp/portability/importing.py" in counts
    assert not any("/migrations/" in p for p in counts)
