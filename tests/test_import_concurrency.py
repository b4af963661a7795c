"""The largest import allowed, through gunicorn, while another user ticks: both succeed.

Real gunicorn workers (2) on a file SQLite database (or PostgreSQL when DATABASE_URL is
set), real HTTP. User A uploads the largest file the import limits allow
(bench.import_largest); user B ticks checklist items for as long as the upload runs.
Every tick must get its success answer and be in the database, the import must land
whole, and the server log must not mention "database is locked". Before the import
was built ahead of one short transaction, a far smaller file held the write lock for
22 s and B's ticks failed with a 500.
"""

from __future__ import annotations

import http.client
import json
import os
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.test_concurrent_writes import SETUP, _manage, _shell, gunicorn_serving

ROOT = Path(__file__).resolve().parent.parent

PAYLOAD = """
import json
from bench.import_largest import largest_payload
raw = json.dumps(largest_payload())
with open(PATH, "w") as out:
    out.write(raw)
print(json.dumps({"bytes": len(raw.encode())}))
"""

CHECK = """
import json, sys
from prepapp.checklist.models import ItemState
from prepapp.mocks.models import MockInterview
from prepapp.practice.models import Answer
want = json.load(sys.stdin)
print(json.dumps({
    "answers": Answer.objects.filter(user_id=want["importer"]).count(),
    "mocks": MockInterview.objects.filter(user_id=want["importer"]).count(),
    "ticked": sorted(ItemState.objects.filter(
        user_id=want["ticker"], ticked_at__isnull=False).values_list("item_id", flat=True)),
}))
"""


def _request(port, user, method, path, body: bytes, content_type: str, timeout: float):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {
        "Cookie": f"sessionid={user['session']}; csrftoken={user['csrf']}",
        "X-CSRFToken": user["csrf"],
        "Content-Type": content_type,
    }
    conn.request(method, path, body, headers)
    response = conn.getresponse()
    content = response.read()
    conn.close()
    return response.status, content


def _multipart(raw: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    head = (
        f"--{boundary}\r\n"
        'Content-Disposition: form-data; name="file"; filename="export.json"\r\n'
        "Content-Type: application/json\r\n\r\n"
    ).encode()
    return (
        head + raw + f"\r\n--{boundary}--\r\n".encode(),
        f"multipart/form-data; boundary={boundary}",
    )


@pytest.mark.postgres
def test_largest_import_does_not_block_another_users_ticks(tmp_path):
    env = {
        **os.environ,
        "PREPAPP_VAR_DIR": str(tmp_path),
        "DJANGO_SECRET_KEY": "import-concurrency-" + "s" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "WEB_CONCURRENCY": "2",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    _manage(env, "migrate", "--noinput", "-v0")
    _manage(env, "sync_content")
    run = uuid.uuid4().hex[:8]
    data = _shell(env, SETUP.replace("sys.argv[1]", repr(run)).replace("sys.argv[2]", "2"))
    importer, ticker = data["users"]
    path = tmp_path / "largest.json"
    size = _shell(env, PAYLOAD.replace("PATH", repr(str(path))))["bytes"]
    raw = path.read_bytes()
    assert len(raw) == size

    log = tmp_path / "gunicorn.log"
    imported: dict = {}
    ticks: dict[int, bool] = {}
    failures: list[str] = []
    latencies: list[float] = []
    # The upload parses, checks and renders 10 MB of answers; gunicorn.conf.py gives a
    # worker 120 s, and this test allows more on a loaded machine.
    with gunicorn_serving(env, log, "--timeout", "300") as port:

        def upload():
            body, content_type = _multipart(raw)
            began = time.monotonic()
            status, content = _request(
                port, importer, "POST", "/accounts/import/", body, content_type, 600
            )
            imported.update(status=status, seconds=time.monotonic() - began, body=content)

        uploader = threading.Thread(target=upload, daemon=True)
        uploader.start()
        n = 0
        while uploader.is_alive() or n < 20:
            item = data["items"][n % len(data["items"])]
            done = (n // len(data["items"])) % 2 == 0
            began = time.monotonic()
            try:
                status, _ = _request(
                    port,
                    ticker,
                    "POST",
                    f"/checklist/items/{item}/tick/",
                    urlencode({"done": "1" if done else "0"}).encode(),
                    "application/x-www-form-urlencoded",
                    60,
                )
            except OSError as error:
                status = repr(error)
            latencies.append(time.monotonic() - began)
            if status == 302:
                ticks[item] = done
            else:
                failures.append(f"tick {n}: {status}")
            n += 1
        uploader.join(timeout=600)

    server_log = log.read_text()
    assert imported.get("status") == 302, (imported, server_log[-3000:])
    assert failures == [], failures[:10]
    found = _shell(
        env, CHECK, stdin=json.dumps({"importer": importer["id"], "ticker": ticker["id"]})
    )
    from prepapp.portability.format import ROW_LIMITS

    assert found["answers"] == ROW_LIMITS["practice.answers"]
    assert found["mocks"] == ROW_LIMITS["mocks"]
    assert found["ticked"] == sorted(item for item, done in ticks.items() if done)
    assert "database is locked" not in server_log
    assert "Traceback" not in server_log
    # Reported, not asserted: machines are noisy.
    print(
        f"\nimport of {size:,} bytes: {imported['seconds']:.1f} s; {len(latencies)} ticks "
        f"meanwhile, slowest {max(latencies) * 1000:.0f} ms"
    )
