# The README's commands. `make serve` and `make test` set everything up on their own.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: install serve test lint typecheck check bench bench-container bench-router soak clean

# (Re)create the virtualenv and install the project (editable, with the dev extra) whenever
# pyproject.toml changes.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Orionis needs Python 3.11 or newer; set PYTHON=python3.11 (found " + sys.version.split()[0] + ")")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

.env: $(STAMP)
	cp .env.example .env
	$(BIN)/reactor key:generate

## Serve the skeleton with Granian on http://127.0.0.1:8000 (GRANIAN_* variables and .env apply).
serve: $(STAMP) .env
	$(BIN)/reactor serve

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy --strict orionis

## Lint, type check and the whole test suite.
test: lint typecheck
	$(BIN)/python -m pytest

check: test

## Requests per second against a raw RSGI app on the same Granian (installs wrk when missing).
bench: $(STAMP)
	$(BIN)/python bench/run.py

## Load with faults for 5 x 60 s: worker memory drift, socket errors, failed good requests.
soak: $(STAMP)
	$(BIN)/python bench/soak.py

bench-container: $(STAMP)
	$(BIN)/python bench/container.py

bench-router: $(STAMP)
	$(BIN)/python bench/router.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
