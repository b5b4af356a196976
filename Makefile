# Both targets create or refresh the local virtual environment first; the
# stamp file makes a re-run skip the install unless pyproject.toml changed.
PYTHON ?= python3
VENV ?= .venv
STAMP := $(VENV)/.installed

.PHONY: run test test-fast check bench bench-load data

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/aiindex-tui $(ARGS)

test: $(STAMP)
	$(VENV)/bin/python -m pytest $(PYTEST_ARGS)

# The middle tier: unit and in-process UI (pilot and snapshot) tests, no system tests
# (real terminals, SSH, browsers, the wheel, the bench).
test-fast: $(STAMP)
	$(VENV)/bin/python -m pytest -q -m "unit or ui" $(PYTEST_ARGS)

# The quick loop while working: the unit tests that take seconds, not minutes.
check: $(STAMP)
	$(VENV)/bin/python -m pytest -q -m "unit and not slow" $(PYTEST_ARGS)

bench: $(STAMP)
	$(VENV)/bin/python bench/run.py $(BENCH_ARGS)

# Load on `serve` over loopback: 20 and 50 tabs at once, then 50 at human pace (about 6 min).
bench-load: $(STAMP)
	$(VENV)/bin/python bench/load.py $(BENCH_ARGS)

# Rebuild the bundled pack's CSV files from the raw files in data/sources
# (the same bytes on every run; tests/unit/test_pack_build.py checks that).
data: $(STAMP)
	$(VENV)/bin/python -m packbuild data/sources data
