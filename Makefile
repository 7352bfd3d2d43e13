# `make run` sets up and serves Rekindle on SQLite; `make test` sets up and runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run demo test test-fast bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install -q -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install -q -c constraints.txt -e '.[test]'
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/rekindle serve

demo: $(VENV)/.installed
	$(BIN)/rekindle demo

# Two workers, one per core; a file's tests stay together in one of them (module fixtures).
test: $(VENV)/.installed-test
	$(BIN)/pytest -n 2 --dist loadfile

test-fast: $(VENV)/.installed-test
	$(BIN)/pytest -m "not e2e"

# A benchmark, not a test: seeds a throwaway database and prints CPU and queries per page.
bench: $(VENV)/.installed
	$(BIN)/python -m rekindle.bench

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache
