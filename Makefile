# Every target sets up what it needs: a virtual environment in .venv with the pinned packages.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

CHROMIUM := /usr/bin/chromium

.PHONY: run test test-fast lint format bench screenshots clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,semantic]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

# Browser tests drive Debian's Chromium: a browser download step cannot work here.
$(CHROMIUM):
	@echo "installing Debian's chromium for the browser tests"
	@export DEBIAN_FRONTEND=noninteractive; \
	  apt-get install -y -qq chromium >/dev/null 2>&1 || \
	  { apt-get update -qq >/dev/null && apt-get install -y -qq chromium >/dev/null; }

run: $(STAMP)  ## Load the demo catalog and serve it at http://127.0.0.1:8000
	$(BIN)/courseatlas demo --host 127.0.0.1 --port 8000

# One test process per core; a file's tests stay in one process, so its fixtures are built once;
# files are handed out in collection order, which puts the slow ones first (tests/conftest.py).
PYTEST_PARALLEL := -n auto --dist loadfile --no-loadscope-reorder

test: $(STAMP) $(CHROMIUM)  ## The whole suite, on SQLite and PostgreSQL, and in Chromium
	$(BIN)/pytest $(PYTEST_PARALLEL)

test-fast: $(STAMP) $(CHROMIUM)  ## Everything but the slow tests
	$(BIN)/pytest $(PYTEST_PARALLEL) -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff format --check src tests bench scripts judgements
	$(BIN)/ruff check src tests bench scripts judgements
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format src tests bench scripts judgements
	$(BIN)/ruff check --fix src tests bench scripts judgements

bench: $(STAMP)  ## Every benchmark at 150k resources (BENCH_SIZES=150000,1500000 for both sizes)
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	$(BIN)/python bench/ingest.py --sizes $${BENCH_SIZES:-150000}
	$(BIN)/python bench/search.py --sizes $${BENCH_SIZES:-150000}
	$(BIN)/python bench/http_load.py
	$(BIN)/python bench/pages.py --sizes 150000
	$(BIN)/python bench/memory.py --size 150000
	$(BIN)/python bench/servers.py
	$(BIN)/python bench/production.py

screenshots: $(STAMP) $(CHROMIUM)  ## Refresh docs/screenshots/ from the demo catalog
	PYTHONPATH=. $(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
