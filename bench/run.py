"""`make bench`: load-test the pages that matter against a bare Django "hello".

Seeds a throwaway SQLite database (1,000 users; one with 2,000 answers and 200
mocks), starts gunicorn with the production settings on 127.0.0.1, and drives
each URL with wrk for a bounded time. The anchor is a bare Django project
(bench/bare: startproject's middleware, one view, no database) under the same
gunicorn settings, measured in the same run before and after the app, so every
rate is also a ratio to it: on a shared machine the rates move, the ratios much
less. Prints a table with each page's compressed weight and writes it to
var/bench/results.md. Times are measured, never asserted: machines are noisy.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PORT = int(os.environ.get("BENCH_PORT", "8765"))
DURATION = os.environ.get("BENCH_DURATION", "10s")
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
WORKERS = os.environ.get("BENCH_WORKERS", "2")
RESULTS = ROOT / "var" / "bench" / "results.md"

# DESIGN.md's targets, as ratios to the bare Django hello: the dashboard a quarter of its
# rate, every other signed-in page a tenth, every POST 0.15; p99 under 50 ms; every page's
# HTML under 30 KB compressed.
TARGET_DASHBOARD = 0.25
TARGET_PAGE = 0.10
TARGET_POST = 0.15
TARGET_P99_MS = 50.0
TARGET_GZIP_KB = 30.0


def _env(var_dir: Path, port: int = PORT) -> dict[str, str]:
    return {
        **os.environ,
        "PREPAPP_VAR_DIR": str(var_dir),
        "DJANGO_SECRET_KEY": "bench-" + "k" * 60,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_HTTPS": "true",
        "EMAIL_HOST": "localhost",
        "PREPAPP_BENCH": "true",
        "WEB_CONCURRENCY": WORKERS,
        "PORT": str(port),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", ""),
    }


def _manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return result.stdout


def _wait_ready(url: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            # The production settings redirect plain HTTP; a TLS proxy would set this.
            request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
            with urllib.request.urlopen(request, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer {url} within {timeout}s")


_LUA_POST = """
wrk.method = "POST"
wrk.body = {body}
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
"""


def _wrk(url: str, headers: dict[str, str], lua: Path | None) -> dict[str, float]:
    command = [
        "wrk",
        f"-t{THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{DURATION}",
        "--latency",
        "--timeout",
        "5s",
    ]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    if lua:
        command += ["-s", str(lua)]
    out = subprocess.run(command + [url], check=True, capture_output=True, text=True).stdout
    return _parse_wrk(out)


def _to_ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def _parse_wrk(out: str) -> dict[str, float]:
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = _to_ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = _to_ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    error_count = sum(int(g) for g in errors.groups()) if errors else 0
    return {
        "rps": rps,
        "p50": p50,
        "p99": p99,
        "requests": total,
        "errors": (int(bad.group(1)) if bad else 0) + error_count,
    }


def _worker_rss_mb(master_pid: int) -> list[float]:
    children = subprocess.run(
        ["ps", "--ppid", str(master_pid), "-o", "rss="], capture_output=True, text=True
    ).stdout.split()
    return [int(kb) / 1024 for kb in children]


def _gunicorn(app: str, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), app, "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _measure(url: str, headers: dict[str, str], lua: Path | None) -> dict[str, float]:
    # Warm up (imports, caches, SQLite page cache) before measuring.
    subprocess.run(
        ["wrk", "-t1", "-c2", "-d2s"]
        + [a for k, v in headers.items() for a in ("-H", f"{k}: {v}")]
        + (["-s", str(lua)] if lua else [])
        + [url],
        check=True,
        capture_output=True,
    )
    return _wrk(url, headers, lua)


def page_weight(url: str, headers: dict[str, str]) -> tuple[float, float]:
    """The page's HTML in KB, as served and gzip-compressed (what a proxy would send)."""
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
    return len(body) / 1024, len(gzip.compress(body, compresslevel=6)) / 1024


def _target(name: str, method: str) -> float:
    if method == "POST":
        return TARGET_POST
    return TARGET_DASHBOARD if name == "dashboard" else TARGET_PAGE


def _loadavg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def bench_run() -> int:
    if not shutil.which("wrk"):
        print("wrk is missing: apt-get install wrk", file=sys.stderr)
        return 2
    var_dir = Path(tempfile.mkdtemp(prefix="prepapp-bench-"))
    env = _env(var_dir)
    if not env["DATABASE_URL"]:
        del env["DATABASE_URL"]
    print(f"== seeding a throwaway database in {var_dir}")
    started = time.monotonic()
    _manage(env, "migrate", "--noinput", "-v0")
    _manage(env, "createcachetable")
    _manage(env, "sync_content")
    seed = json.loads(
        _manage(env, "bench_seed", "--users", "1000", "--answers", "2000", "--mocks", "200")
    )
    print(f"   seeded in {time.monotonic() - started:.1f}s: {seed['summary']}")

    load_before = _loadavg()
    base = f"http://127.0.0.1:{PORT}"
    bare_base = f"http://127.0.0.1:{PORT + 1}"
    bare_env = {**_env(var_dir, PORT + 1), "DJANGO_SETTINGS_MODULE": "bench.bare.settings"}
    bare_env.pop("DATABASE_URL", None)
    bare = _gunicorn("bench.bare.wsgi", bare_env)
    server = _gunicorn("prepapp.wsgi", env)
    rows = []
    bare_rates = []
    try:
        _wait_ready(f"{bare_base}/bench/hello")
        _wait_ready(f"{base}/bench/hello")
        headers = {
            # The production settings redirect plain HTTP; a TLS proxy would set this.
            "X-Forwarded-Proto": "https",
            "Cookie": f"sessionid={seed['session']}; csrftoken={seed['csrf']}",
            "X-CSRFToken": seed["csrf"],
            "Origin": f"https://127.0.0.1:{PORT}",
            "Referer": f"https://127.0.0.1:{PORT}/",
        }
        # The bare hello before and after the app's pages: the spread says how much the
        # machine's load moved during the run; the ratios use the mean.
        bare_rates.append(_measure(f"{bare_base}/bench/hello", {}, None))
        print(f"   {'bare Django hello':<18} {bare_rates[-1]['rps']:8.0f} req/s")
        # The app's hello without the session cookie: what the middleware costs when it
        # need not load the session and the user (the bare hello never loads them).
        anonymous = {k: v for k, v in headers.items() if k != "Cookie"}
        result = _measure(f"{base}/bench/hello", anonymous, None)
        rows.append(("hello, signed out", "GET", "/bench/hello", result, None))
        print(f"   {'hello, signed out':<18} {result['rps']:8.0f} req/s")
        with tempfile.TemporaryDirectory() as scripts:
            for name, method, path, body in seed["endpoints"]:
                lua = None
                if method == "POST":
                    lua = Path(scripts) / f"{len(rows)}.lua"
                    lua.write_text(_LUA_POST.format(body=json.dumps(body)))
                weight = page_weight(base + path, headers) if method == "GET" else None
                result = _measure(base + path, headers, lua)
                rows.append((name, method, path, result, weight))
                print(f"   {name:<18} {result['rps']:8.0f} req/s  p99 {result['p99']:6.1f} ms")
        bare_rates.append(_measure(f"{bare_base}/bench/hello", {}, None))
        print(f"   {'bare Django hello':<18} {bare_rates[-1]['rps']:8.0f} req/s")
        rss = _worker_rss_mb(server.pid)
    finally:
        for process in (server, bare):
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
        shutil.rmtree(var_dir, ignore_errors=True)

    bare_rps = sum(r["rps"] for r in bare_rates) / len(bare_rates)
    hello = next(r for name, _m, _p, r, _w in rows if name == "hello")["rps"]
    lines = [
        f"# prepapp benchmark ({time.strftime('%Y-%m-%d %H:%M')})",
        "",
        f"gunicorn {WORKERS} sync workers, production settings, SQLite; wrk -t{THREADS} "
        f"-c{CONNECTIONS} -d{DURATION} on 127.0.0.1; {os.cpu_count()} cores; load average "
        f"{load_before} before, {_loadavg()} after. Data: {seed['summary']}.",
        "",
        f"Bare Django hello (bench/bare, same gunicorn settings): "
        f"{' and '.join(f'{r["rps"]:.0f}' for r in bare_rates)} req/s before and after "
        f"the app's pages; ratios use the mean, {bare_rps:.0f}.",
        "",
        "| endpoint | method | req/s | p50 ms | p99 ms | × bare | × app hello | KB | KB gzip "
        "| errors | target |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for name, method, _path, r, weight in rows:
        ratio = r["rps"] / bare_rps if bare_rps else 0.0
        target = _target(name, method)
        ok = r["errors"] == 0 and (
            name.startswith("hello")
            or (
                ratio >= target
                and r["p99"] < TARGET_P99_MS
                and (weight is None or weight[1] < TARGET_GZIP_KB)
            )
        )
        raw, packed = ("", "") if weight is None else (f"{weight[0]:.1f}", f"{weight[1]:.1f}")
        lines.append(
            f"| {name} | {method} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p99']:.1f} | "
            f"{ratio:.3f} | {r['rps'] / hello:.2f} | {raw} | {packed} | {r['errors']} | "
            f"{'n/a' if name.startswith('hello') else ('met' if ok else 'MISSED') + f' (≥ {target})'} |"
        )
    lines += [
        "",
        f"Targets (× bare): dashboard ≥ {TARGET_DASHBOARD}, other pages ≥ {TARGET_PAGE}, "
        f"POSTs ≥ {TARGET_POST}; p99 < {TARGET_P99_MS:.0f} ms; HTML < {TARGET_GZIP_KB:.0f} KB "
        f"gzip; no errors. Worker memory after the run (RSS): "
        f"{', '.join(f'{m:.0f} MB' for m in rss)}.",
    ]
    table = "\n".join(lines)
    print()
    print(table)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(table + "\n")
    print(f"\nwritten to {RESULTS.relative_to(ROOT)}")
    # Missing a target is reported, not fatal: the numbers depend on the machine.
    return 0


if __name__ == "__main__":
    sys.exit(bench_run())
