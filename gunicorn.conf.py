# gunicorn settings, read from the environment so `make run`, `make bench` and
# production share one file.
from __future__ import annotations

import os

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# Load the app before forking: workers share its memory and a broken app fails at start.
preload_app = True
graceful_timeout = 10
timeout = 30
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"
