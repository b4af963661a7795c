"""`make mutate`: mutmut over the core modules, one module at a time, each against its own tests.

mutmut 3 runs one test selection for a whole project and has no sampling or time
budget, so this driver runs it once per module listed in pyproject.toml
(`[tool.mutmut.modules.<name>]`: `paths`, `tests`, optional `sample` and `budget`),
with that module's tests as the selection, and only that module's mutants named.
Mutants listed in `[[tool.mutmut.equivalent]]` (no behaviour can tell them apart
from the original) are not run and are left out of the score.

It writes var/mutation/report.md (the score table and every survivor's diff) and
prints the table. It never imports prepapp: the tests run in mutmut's copy in mutants/.

    python tools/mutate.py [module ...] [--max-children N] [--keep]
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT_DIR = ROOT / "var" / "mutation"
# mutmut's exit codes, grouped the way the score counts them (mutmut.stats.status_by_exit_code).
KILLED = {1, 3, 36, 37, -24, 24, 152, 255}  # a failing test, a timeout or a crash all catch it
NO_TESTS = {5, 33}


@dataclass
class Module:
    name: str
    paths: list[str]
    tests: list[str]
    sample: int | None = None
    budget: int = 1200  # seconds; what is not run by then is reported as "not run"


@dataclass
class Outcome:
    module: Module
    mutants: int = 0
    equivalent: int = 0
    planned: list[str] = field(default_factory=list)
    codes: dict[str, int | None] = field(default_factory=dict)
    diffs: dict[str, str] = field(default_factory=dict)
    stale_equivalents: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    error: str = ""

    @property
    def killed(self) -> int:
        return sum(1 for m in self.planned if self.codes.get(m) in KILLED)

    @property
    def not_run(self) -> int:
        return sum(1 for m in self.planned if self.codes.get(m) is None)

    @property
    def survivors(self) -> list[str]:
        """Run and not caught, including the mutants no selected test reaches."""
        return [m for m in self.planned if self.codes.get(m) not in KILLED | {None}]

    @property
    def score(self) -> float | None:
        judged = self.killed + len(self.survivors)
        return 100.0 * self.killed / judged if judged else None


def settings() -> tuple[dict, list[Module], list[dict]]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["mutmut"]
    modules = [
        Module(name=name, **{k: v for k, v in spec.items() if k in Module.__dataclass_fields__})
        for name, spec in data.get("modules", {}).items()
    ]
    return data, modules, data.get("equivalent", [])


def in_module(module: Module, path: str) -> bool:
    return any(fnmatch.fnmatch(path, pattern) for pattern in module.paths)


def present_tests(module: Module) -> list[str]:
    """The module's test selection less the files that do not exist (the driver warns)."""
    return [t for t in module.tests if (ROOT / t.partition("::")[0]).exists()]


def changed_lines(diff: str) -> str:
    """The mutated line(s) of a mutmut diff, whitespace-trimmed: what an equivalent entry names."""
    changed = " / ".join(
        line[1:]
        for line in diff.splitlines()
        if line.startswith("+") and not line.startswith("+++")
    )
    return " ".join(changed.split())


def function_of(mutant: str) -> str:
    return mutant.partition("__mutmut_")[0]


# --- the worker: one module, inside one process, so mutmut's config can be set for it ---


def worker(name: str, max_children: int, plan_path: Path) -> None:
    from mutmut.__main__ import _run, create_mutants
    from mutmut.configuration import config
    from mutmut.mutation.data import SourceFileMutationData
    from mutmut.mutation.diff_apply import get_diff_for_mutant
    from mutmut.utils.file_utils import (
        copy_also_copy_files,
        copy_src_dir,
        setup_source_paths,
        walk_mutatable_files,
    )

    _data, modules, equivalents = settings()
    module = next(m for m in modules if m.name == name)
    config().pytest_add_cli_args_test_selection = present_tests(module)

    Path("mutants").mkdir(exist_ok=True)
    copy_src_dir()
    copy_also_copy_files()
    setup_source_paths()
    create_mutants(max_children)

    diffs: dict[str, str] = {}
    for path in walk_mutatable_files():
        if not in_module(module, str(path)):
            continue
        data = SourceFileMutationData(path=path)
        data.load()
        for mutant in data.exit_code_by_key:
            diffs[mutant] = get_diff_for_mutant(mutant, path=path)

    equivalent, used = set(), set()
    for mutant, diff in diffs.items():
        for index, entry in enumerate(equivalents):
            if function_of(entry["mutant"]) == function_of(mutant) and changed_lines(
                diff
            ) == " ".join(entry["change"].split()):
                equivalent.add(mutant)
                used.add(index)
    # An entry for one of this module's files that matches nothing: the code moved on.
    files = {function_of(m).rpartition(".")[0] for m in diffs}
    stale = [
        entry
        for index, entry in enumerate(equivalents)
        if index not in used and function_of(entry["mutant"]).rpartition(".")[0] in files
    ]
    candidates = sorted(m for m in diffs if m not in equivalent)
    if module.sample and len(candidates) > module.sample:
        # A fixed seed: the same sample every run, so before and after compare.
        candidates = sorted(random.Random(module.name).sample(candidates, module.sample))
    plan_path.write_text(
        json.dumps(
            {
                "mutants": len(diffs),
                "equivalent": sorted(equivalent),
                "planned": candidates,
                "diffs": diffs,
                "stale": stale,
            }
        )
    )
    sys.stdout.flush()
    if candidates:
        _run(candidates, max_children)


# --- the driver ---


def run_module(module: Module, max_children: int) -> Outcome:
    outcome = Outcome(module=module)
    plan_path = ROOT / "mutants" / f"plan-{module.name}.json"
    plan_path.parent.mkdir(exist_ok=True)
    plan_path.unlink(missing_ok=True)
    log_path = REPORT_DIR / f"{module.name}.log"
    started = time.monotonic()
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, __file__, "--worker", module.name, str(max_children), str(plan_path)],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            process.wait(timeout=module.budget)
        except subprocess.TimeoutExpired:
            # mutmut stops on Ctrl-C and keeps the results it has; then it is told firmly.
            os.killpg(process.pid, signal.SIGINT)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
    outcome.seconds = time.monotonic() - started
    if not plan_path.exists():
        outcome.error = f"mutmut did not start; see {log_path.relative_to(ROOT)}"
        return outcome
    plan = json.loads(plan_path.read_text())
    outcome.mutants = plan["mutants"]
    outcome.equivalent = len(plan["equivalent"])
    outcome.planned = plan["planned"]
    outcome.diffs = plan["diffs"]
    outcome.stale_equivalents = plan["stale"]
    for meta in (ROOT / "mutants").rglob("*.py.meta"):
        source = str(meta.relative_to(ROOT / "mutants"))[: -len(".meta")]
        if in_module(module, source):
            outcome.codes.update(json.loads(meta.read_text())["exit_code_by_key"])
    if process.returncode not in (0, -signal.SIGINT) and not outcome.codes:
        outcome.error = f"mutmut exited {process.returncode}; see {log_path.relative_to(ROOT)}"
    return outcome


def table(outcomes: list[Outcome]) -> str:
    rows = [
        "| module | mutants | run | killed | survived | equivalent (excluded) | not run | score |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for o in outcomes:
        score = "error" if o.error else ("—" if o.score is None else f"{o.score:.1f} %")
        run = len(o.planned) - o.not_run
        sampled = (
            f" (sample {len(o.planned)})"
            if o.module.sample and o.module.sample < (o.mutants - o.equivalent)
            else ""
        )
        rows.append(
            f"| {o.module.name} | {o.mutants}{sampled} | {run} | {o.killed} | {len(o.survivors)}"
            f" | {o.equivalent} | {o.not_run} | {score} |"
        )
    return "\n".join(rows)


def report(outcomes: list[Outcome]) -> str:
    lines = [
        "# Mutation testing",
        "",
        "`make mutate` (tools/mutate.py, mutmut over each module against its own tests).",
        "Score = killed ÷ (killed + survived); equivalent mutants are not run and not counted;",
        "a mutant no selected test reaches counts as survived.",
        "",
        table(outcomes),
        "",
    ]
    for o in outcomes:
        if o.error:
            lines += [f"**{o.module.name}**: {o.error}", ""]
        for entry in o.stale_equivalents:
            lines += [f"- stale equivalent entry (matches no mutant): `{entry['mutant']}`"]
        if not o.survivors:
            continue
        lines += [f"## {o.module.name}: survivors", ""]
        for mutant in o.survivors:
            status = "no tests" if o.codes[mutant] in NO_TESTS else f"exit {o.codes[mutant]}"
            if o.codes[mutant] == 0:
                status = "survived"
            lines += [f"`{mutant}` ({status})", "", "```diff", o.diffs.get(mutant, ""), "```", ""]
    return "\n".join(lines)


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        os.chdir(ROOT)
        worker(sys.argv[2], int(sys.argv[3]), Path(sys.argv[4]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="module names from pyproject (default: all)")
    parser.add_argument("--max-children", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="reuse mutants/ from the last run")
    args = parser.parse_args()
    _data, modules, _eq = settings()
    unknown = set(args.modules) - {m.name for m in modules}
    if unknown:
        parser.error(f"unknown module(s) {sorted(unknown)}; known: {[m.name for m in modules]}")
    chosen = [m for m in modules if not args.modules or m.name in args.modules]
    os.chdir(ROOT)
    if not args.keep:
        shutil.rmtree(ROOT / "mutants", ignore_errors=True)
    REPORT_DIR.mkdir(parents=True, exist_ok=True)
    outcomes = []
    for module in chosen:
        if missing := sorted(set(module.tests) - set(present_tests(module))):
            print(f"warning: {module.name}: no such test file(s) {missing}, left out", flush=True)
            module.tests = present_tests(module)
        print(f"mutating {module.name} against {' '.join(module.tests)} ...", flush=True)
        outcome = run_module(module, args.max_children)
        print(
            f"  {outcome.killed} killed, {len(outcome.survivors)} survived,"
            f" {outcome.not_run} not run in {outcome.seconds:.0f} s {outcome.error}",
            flush=True,
        )
        outcomes.append(outcome)
        # Written after every module: the next module's run resets mutmut's own results.
        (REPORT_DIR / "report.md").write_text(report(outcomes) + "\n")
    print()
    print(table(outcomes))
    print(f"\nsurvivors and their diffs: {(REPORT_DIR / 'report.md').relative_to(ROOT)}")
    return 1 if any(o.error for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
