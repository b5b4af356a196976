# Both targets create or refresh the local virtual environment first; the
# stamp file makes a re-run skip the install unless pyproject.toml changed.
PYTHON ?= python3
VENV ?= .venv
STAMP := $(VENV)/.installed

.PHONY: run test check bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/aiindex-tui $(ARGS)

test: $(STAMP)
	$(VENV)/bin/python -m pytest $(PYTEST_ARGS)

# The quick loop while working: the unit tests that take seconds, not minutes.
check: $(STAMP)
	$(VENV)/bin/python -m pytest -q -m "unit and not slow" $(PYTEST_ARGS)

bench: $(STAMP)
	$(VENV)/bin/python bench/run.py $(BENCH_ARGS)
