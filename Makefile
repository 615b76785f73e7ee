# Every target sets up what it needs: a virtual environment in .venv with the pinned packages.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: run test test-fast lint format bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

run: $(STAMP)  ## Load the demo catalog and serve it at http://127.0.0.1:8000
	$(BIN)/courseatlas demo --host 127.0.0.1 --port 8000

test: $(STAMP)  ## The whole suite, on SQLite and PostgreSQL
	$(BIN)/pytest

test-fast: $(STAMP)  ## Everything but the slow tests
	$(BIN)/pytest -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff format --check src tests bench
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

bench: $(STAMP)  ## Ingest benchmark at 150k resources (BENCH_SIZES=150000,1500000 for both)
	$(BIN)/python bench/ingest.py --sizes $${BENCH_SIZES:-150000}

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
