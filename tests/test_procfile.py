"""`make run`'s processes (Procfile) and the README's systemd units name real commands."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from django.conf import settings
from django.core.management import get_commands

ROOT = Path(settings.BASE_DIR)


def _procfile() -> dict[str, str]:
    lines = (ROOT / "Procfile").read_text().splitlines()
    entries = [line.split(":", 1) for line in lines if line and not line.startswith("#")]
    return {name: command.strip() for name, command in entries}


def _manage_command(command: str) -> str:
    words = shlex.split(command)
    return words[words.index("manage.py") + 1]


def test_make_run_starts_the_procfile_with_honcho():
    makefile = (ROOT / "Makefile").read_text()
    run = re.search(r"^run: .*?\n((?:\t.*\n)+)", makefile, re.M).group(1)
    assert "honcho start -f Procfile" in run


def test_procfile_runs_web_first_then_worker_and_scheduler():
    processes = _procfile()
    # honcho gives $PORT to the first process only.
    assert list(processes) == ["web", "worker", "scheduler"]
    assert "gunicorn prepapp.wsgi -c gunicorn.conf.py" in processes["web"]
    assert _manage_command(processes["worker"]) == "db_worker"
    assert _manage_command(processes["scheduler"]) == "reminders_enqueue"
    for name in ("worker", "scheduler"):
        assert _manage_command(processes[name]) in get_commands()


def test_readme_shows_the_worker_unit_with_real_commands():
    readme = (ROOT / "README.md").read_text()
    assert "/etc/systemd/system/prepapp-worker.service" in readme
    exec_starts = re.findall(r"ExecStart=(\S+ manage\.py [^`\n]+)", readme)
    assert {_manage_command(c) for c in exec_starts} == {"db_worker", "reminders_enqueue"}
    assert all(_manage_command(c) in get_commands() for c in exec_starts)
