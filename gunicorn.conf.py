# gunicorn settings, read from the environment so `make run`, `make bench` and
# production share one file.
from __future__ import annotations

import os
import re
from pathlib import Path

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# Load the app before forking: workers share its memory and a broken app fails at start.
preload_app = True
graceful_timeout = 10
# The largest import the limits allow (10 MB: markdown and feedback for 5,000 answers, then one
# short write) takes about 20 s on two cores, more under load: at gunicorn's default 30 s a busy
# worker would be killed mid-import and the user would lose the upload. 120 s keeps it whole.
timeout = 120
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"

# gunicorn's control socket defaults to one path per host user (~/.gunicorn/gunicorn.ctl), so a
# second instance (another app, or `make demo` beside `make run`) would take it over and
# `gunicornc` would talk to the wrong master. Keep it in this app's var/ directory (the one the
# settings use), named after the bind address, which no two running instances can share.
_var_dir = Path(os.environ.get("PREPAPP_VAR_DIR") or Path(__file__).resolve().parent / "var")
control_socket = str(_var_dir / "run" / f"gunicorn-{re.sub(r'[^A-Za-z0-9.]+', '-', bind)}.ctl")
# A Unix socket path holds at most 107 bytes; past that, no control socket beats a failed start.
control_socket_disable = len(os.fsencode(control_socket)) > 100
