# The README's two commands: `make run` and `make test`. Both set up from scratch.
# `python3` resolves to Python 3.12 through pyenv and .python-version.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT

.PHONY: run test setup lint bench demo e2e mutate clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# Re-install only when a requirements file changes.
$(VENV)/.deps: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

setup: $(VENV)/.deps
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput -v0
	$(BIN)/python manage.py sync_content
	$(BIN)/python manage.py collectstatic --noinput -v0

run: setup
	@echo "prepapp on http://127.0.0.1:$(PORT)/ (Ctrl-C stops it)"
	exec $(BIN)/gunicorn prepapp.wsgi -c gunicorn.conf.py

lint: $(VENV)/.deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: setup lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

demo: setup
	$(BIN)/python manage.py seed_demo
	@echo "Sign in as demo@example.org / demo-password-123"
	exec $(BIN)/gunicorn prepapp.wsgi -c gunicorn.conf.py

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
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache mutants
