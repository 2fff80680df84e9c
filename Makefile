# Two entry points: `make demo` and `make test`. Both create or reuse .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: demo test lint bench schema clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,watch]'
	rm -f $(VENV)/.installed-*
	touch $@

demo: $(STAMP)
	@# The parser: every bundled sample page as a readable digest (JSON: drop --format).
	@echo "\$$ extractor parse --format summary samples/*.txt samples/*.html"
	@$(BIN)/extractor parse --format summary samples/*.txt samples/*.html
	@# Snapshots, diffs and alerts: `check` each version of samples/series into a throwaway store.
	@# No --notify: the alerts that would be sent are printed; nothing touches the network.
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; store="$$tmp/demo.sqlite"; \
	export NO_COLOR=1; zone="--date 2025-11-19 --tz America/Toronto"; \
	for f in samples/series/*.txt; do \
		echo; echo "\$$ extractor check $$f --page demo $$zone"; \
		$(BIN)/extractor check "$$f" --store "$$store" --page demo $$zone; \
	done; \
	echo; echo "\$$ extractor check samples/series/08-session-cancelled.txt --page demo $$zone   # again"; \
	$(BIN)/extractor check samples/series/08-session-cancelled.txt --store "$$store" --page demo $$zone; \
	echo; echo "\$$ extractor history demo"; $(BIN)/extractor history demo --store "$$store"; \
	echo; echo "\$$ extractor diff demo@1 demo@latest --markdown"; \
	$(BIN)/extractor diff demo@1 demo@latest --store "$$store" --markdown || [ $$? -eq 1 ]; \
	echo; echo "\$$ extractor show demo --format ics   # the latest snapshot as a calendar: an excerpt"; \
	$(BIN)/extractor show demo --store "$$store" --format ics | tr -d '\r' \
		| awk '/^ /{line = line substr($$0, 2); next} {if (line) print line; line = $$0} END {print line}' \
		| sed -n '/^BEGIN:VEVENT/,$$p' | grep -E '^(BEGIN:VEVENT|SUMMARY|DTSTART|UID|SEQUENCE|STATUS|LOCATION)'

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy extractor tests bench
	$(BIN)/python -m pytest -n auto

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy extractor tests bench

bench: $(STAMP)
	$(BIN)/python bench/parse_bench.py

schema: $(STAMP)
	$(BIN)/extractor schema > schemas/programme.schema.json
	$(BIN)/extractor schema --alert > schemas/alert.schema.json

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build *.egg-info
