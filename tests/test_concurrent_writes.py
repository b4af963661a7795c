"""Many clients write at once through gunicorn with 4 workers: nothing is lost.

Runs against SQLite (a file in a temporary folder) and, when DATABASE_URL is
set (the PostgreSQL run of CI), against that database. Each client thread
signs in as its own user and ticks items, saves answers and logs mocks for a
bounded time, remembering every request that got a success answer. Afterwards
each of those is looked up in the database, and the server's log must not
mention "database is locked".
"""

from __future__ import annotations

import http.client
import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = 8
DURATION = 6.0
WORKERS = "4"

SETUP = """
import json, secrets, string, sys
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from prepapp.accounts.models import User
from prepapp.library.models import ChecklistItem, Question, Round
run = sys.argv[1]
out = {"users": [], "items": list(ChecklistItem.objects.values_list("pk", flat=True)),
       "questions": list(Question.objects.values_list("slug", flat=True)[:10]),
       "rounds": list(Round.objects.values_list("pk", flat=True))}
for n in range(int(sys.argv[2])):
    user = User.objects.create_user(f"writer{n}-{run}@example.org", "x" * 20)
    s = SessionStore()
    s[SESSION_KEY] = str(user.pk)
    s[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    s[HASH_SESSION_KEY] = user.get_session_auth_hash()
    s.create()
    csrf = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
    out["users"].append({"id": user.pk, "session": s.session_key, "csrf": csrf})
print(json.dumps(out))
"""

CHECK = """
import json, sys
from prepapp.checklist.models import ItemState
from prepapp.mocks.models import MockInterview
from prepapp.practice.models import Answer
want = json.load(sys.stdin)
found = {
    "answers": sorted(set(want["answers"]) & set(
        b.split()[-1] for b in Answer.objects.filter(user_id__in=want["users"]).values_list("body", flat=True))),
    "mocks": sorted(set(want["mocks"]) & set(
        MockInterview.objects.filter(user_id__in=want["users"]).values_list("interviewer", flat=True))),
    "ticks": sorted(
        f"{u}:{i}" for u, i in ItemState.objects.filter(
            user_id__in=want["users"], ticked_at__isnull=False).values_list("user_id", "item_id")),
    "tick_rows": ItemState.objects.filter(user_id__in=want["users"]).count(),
}
print(json.dumps(found))
"""


def _shell(env, code: str, stdin: str | None = None):
    """Run code in `manage.py shell` with the server's settings; its last line is JSON."""
    out = _manage(env, "shell", "--no-imports", "-c", code, stdin=stdin)
    return json.loads(out.strip().splitlines()[-1])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn_serving(env: dict, log: Path, *options: str):
    """gunicorn with the app's own config on a free loopback port, until the block ends."""
    port = _free_port()
    with log.open("w") as log_file:
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "prepapp.wsgi"]
            + ["-c", "gunicorn.conf.py", *options],
            cwd=ROOT,
            env={**env, "PORT": str(port)},
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                    conn.request("GET", "/healthz")
                    if conn.getresponse().status == 200:
                        break
                except OSError:
                    pass
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.2)
            yield port
        finally:
            server.terminate()
            server.wait(timeout=30)


def _manage(env, *args, stdin=None) -> str:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    ).stdout


class Writer(threading.Thread):
    def __init__(self, port, user, data, deadline, seed):
        super().__init__(daemon=True)
        self.port, self.user, self.data, self.deadline = port, user, data, deadline
        self.rng = random.Random(seed)
        self.answers: list[str] = []
        self.mocks: list[str] = []
        self.ticks: dict[int, bool] = {}  # last successful state per item
        self.failures: list[str] = []
        self.requests = 0

    def post(self, path: str, fields: dict) -> int:
        from urllib.parse import urlencode

        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        cookie = f"sessionid={self.user['session']}; csrftoken={self.user['csrf']}"
        headers = {
            "Cookie": cookie,
            "X-CSRFToken": self.user["csrf"],
            "Content-Type": "application/x-www-form-urlencoded",
        }
        conn.request("POST", path, urlencode(fields, doseq=True), headers)
        response = conn.getresponse()
        response.read()
        conn.close()
        self.requests += 1
        return response.status

    def run(self):
        while time.monotonic() < self.deadline:
            kind = self.rng.choice(["tick", "tick", "answer", "mock"])
            token = uuid.uuid4().hex
            try:
                if kind == "tick":
                    item = self.rng.choice(self.data["items"])
                    done = self.rng.random() < 0.7
                    status = self.post(
                        f"/checklist/items/{item}/tick/", {"done": "1" if done else "0"}
                    )
                    if status == 302:
                        self.ticks[item] = done
                elif kind == "answer":
                    slug = self.rng.choice(self.data["questions"])
                    body = f"Concurrent answer about readmissions for patients {token}"
                    status = self.post(f"/practice/new/?question={slug}", {"body": body})
                    if status == 302:
                        self.answers.append(token)
                else:
                    fields = {
                        "round": self.rng.choice(self.data["rounds"]),
                        "scheduled_at": "2027-01-15T10:30",
                        "status": "scheduled",
                        "format": "peer",
                        "interviewer": token,
                    }
                    status = self.post("/mocks/new/", fields)
                    if status == 302:
                        self.mocks.append(token)
                if status != 302:
                    self.failures.append(f"{kind}: HTTP {status}")
            except OSError as error:
                self.failures.append(f"{kind}: {error!r}")


@pytest.mark.postgres
def test_concurrent_writes_lose_nothing(tmp_path):
    env = {
        **os.environ,
        "PREPAPP_VAR_DIR": str(tmp_path),
        "DJANGO_SECRET_KEY": "concurrency-" + "s" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "WEB_CONCURRENCY": WORKERS,
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    _manage(env, "migrate", "--noinput", "-v0")
    _manage(env, "sync_content")
    run = uuid.uuid4().hex[:8]
    data = _shell(
        env,
        SETUP.replace("sys.argv[1]", repr(run)).replace("sys.argv[2]", str(CLIENTS)),
    )

    log = tmp_path / "gunicorn.log"
    with gunicorn_serving(env, log) as port:
        stop = time.monotonic() + DURATION
        writers = [Writer(port, user, data, stop, seed=n) for n, user in enumerate(data["users"])]
        for writer in writers:
            writer.start()
        for writer in writers:
            writer.join(timeout=DURATION + 60)

    failures = [f for w in writers for f in w.failures]
    assert failures == [], failures[:10]
    total = sum(w.requests for w in writers)
    assert total >= CLIENTS * 5, f"only {total} requests got through"

    want = {
        "users": [u["id"] for u in data["users"]],
        "answers": [t for w in writers for t in w.answers],
        "mocks": [t for w in writers for t in w.mocks],
    }
    found = _shell(env, CHECK, stdin=json.dumps(want))
    assert found["answers"] == sorted(want["answers"])
    assert found["mocks"] == sorted(want["mocks"])
    expected_ticks = sorted(
        f"{user['id']}:{item}"
        for w, user in zip(writers, data["users"], strict=True)
        for item, done in w.ticks.items()
        if done
    )
    assert found["ticks"] == expected_ticks
    # One row per user and item at most, however many times it was ticked.
    assert found["tick_rows"] <= sum(len(w.ticks) for w in writers)
    server_log = log.read_text()
    assert "database is locked" not in server_log
    assert "Traceback" not in server_log
