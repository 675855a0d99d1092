# Each target sets up what it needs: a virtualenv in .venv, the package, the database schema.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint format migrate install clean bench

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# The benchmark's reference apps and tools live in a venv of their own (benchmarks/bench).
BENCH_VENV := benchmarks/.venv
$(BENCH_VENV)/.installed-stamp: benchmarks/requirements.txt
	test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r $<
	touch $@

bench: $(STAMP) $(BENCH_VENV)/.installed-stamp
	$(BENCH_VENV)/bin/python benchmarks/bench

migrate: $(STAMP)
	$(BIN)/skillwise db upgrade

run: migrate
	$(BIN)/skillwise seed-demo
	$(BIN)/skillwise serve

test: $(STAMP)
	$(BIN)/lint-imports
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

format: $(STAMP)
	$(BIN)/ruff check --fix src tests benchmarks
	$(BIN)/ruff format src tests benchmarks

clean:
	rm -rf $(VENV) var .pytest_cache
