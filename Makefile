# The README's two commands: `make run` and `make test`. Both set up from scratch.
# `python3` resolves to Python 3.12 through pyenv and .python-version.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT
# The Procfile's commands find the virtualenv through this.
export BIN

.PHONY: run test setup lint bench demo e2e mutate clean html-checker

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# Re-install only when a requirements file changes.
$(VENV)/.deps: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

# The Nu Html Checker for tests/test_html_valid.py: vnu.jar, pinned in package.json (it
# needs Java). --ignore-scripts: its install script would fetch a Java runtime from the web.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# Without npm the HTML check skips on a developer's machine; in CI (CI=true) it must run.
html-checker:
	@if command -v npm >/dev/null 2>&1; then $(MAKE) -s node_modules/.installed; \
	elif [ "$$CI" = true ]; then echo "npm is missing: CI needs it for the HTML check" >&2; exit 1; \
	else echo "npm not found: tests/test_html_valid.py will skip"; fi

setup: $(VENV)/.deps
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput -v0
	@# The rate limiter's counters live in this table (a cache table, not a migration).
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py sync_content
	$(BIN)/python manage.py feedback_refresh
	$(BIN)/python manage.py collectstatic --noinput -v0

# The web server, the task worker (mail) and the reminder scheduler: see Procfile.
run: setup
	@echo "prepapp on http://127.0.0.1:$(PORT)/ with its mail worker and reminder scheduler (Ctrl-C stops them)"
	exec $(BIN)/honcho start -f Procfile

lint: $(VENV)/.deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: setup lint html-checker
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

demo: setup
	$(BIN)/python manage.py seed_demo
	@echo "prepapp demo on http://127.0.0.1:$(PORT)/ (Ctrl-C stops it)"
	@echo "Sign in as demo@example.org / demo-password-123"
	exec $(BIN)/honcho start -f Procfile

bench: setup
	@# wrk is the load generator: Debian's package, installed here when we can.
	@command -v wrk >/dev/null || [ "$$(id -u)" != 0 ] || apt-get install -y -qq wrk >/dev/null || true
	$(BIN)/python -m bench.run

# Mutation testing of the core modules (tools/mutate.py; modules and equivalents in
# pyproject.toml). Slow, so not part of `make test`. `make mutate MODULES="ticking progress"`
# runs some; the report is var/mutation/report.md.
MODULES ?=
MUTATE_CHILDREN ?= 2
mutate: $(VENV)/.deps
	mkdir -p var/mutation
	nice -n 10 $(BIN)/python tools/mutate.py --max-children $(MUTATE_CHILDREN) $(MODULES)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache node_modules mutants
