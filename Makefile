# Two commands set up everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install demo test bench lint i18n clean

install: $(STAMP)

$(STAMP): pyproject.toml package.json
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@# axe-core (npm, test-only) checks the phone page against WCAG 2.1 AA inside Chromium.
	@if command -v npm >/dev/null 2>&1; then npm install --no-audit --no-fund --silent; \
	  else echo "npm not found: the accessibility scans will be skipped (they run in CI)"; fi
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/trepart demo

test: $(STAMP)
	@# The tests are independent (own tmp files, free ports, own browser): one worker per core.
	$(BIN)/python -m pytest -q -n auto

bench: $(STAMP)
	$(BIN)/python -m tests.bench

i18n: $(STAMP)
	$(BIN)/python -m tools.i18n

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
