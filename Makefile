# Two entry points: `make demo` and `make test`. Both create or reuse .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: demo test lint bench schema clean

# `make demo` prints the sync target's current state with this (the sqlite3 module: no client needed).
define DEMO_TABLE
import json, sqlite3, sys

def cut(value, width):
    text = "" if value is None else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"

def value(text):
    found = json.loads(text) if text else None
    if isinstance(found, dict):
        return ", ".join(str(v) for v in found.values() if v and not isinstance(v, list))
    return found

def table(title, header, rows, widths):
    print(title)
    for cells in [header, *rows]:
        print("  " + "  ".join(cut(c, w).ljust(w) for c, w in zip(cells, widths)).rstrip())

db = sqlite3.connect(sys.argv[1])
table("sessions", ["day", "start", "end", "title", "room", "removed_at"], [
    (day, start, end, title, room or ("to be announced" if provisional else ""), removed)
    for day, start, end, title, room, provisional, removed in db.execute(
        "SELECT day, start, \"end\", title, COALESCE(room_name, ''), room_provisional, substr(removed_at, 1, 19) "
        "FROM sessions ORDER BY removed_at IS NOT NULL, day, start, title")], [10, 5, 5, 44, 26, 19])
table("changes", ["@", "kind", "uid", "new"], [(n, kind, uid, value(new)) for n, kind, uid, new in db.execute(
    "SELECT snapshot, kind, uid, new FROM changes ORDER BY snapshot, position")], [2, 22, 16, 44])
endef
export DEMO_TABLE

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
	@# Snapshots, diffs and alerts: `check` each version of samples/series into a throwaway store, and sync
	@# each snapshot into a throwaway SQLite database (`extractor sync`'s tables), printed at the end.
	@# No --notify: the alerts that would be sent are printed; nothing touches the network.
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; store="$$tmp/demo.sqlite"; \
	export NO_COLOR=1; zone="--date 2025-11-19 --tz America/Toronto"; \
	for f in samples/series/*.txt; do \
		echo; echo "\$$ extractor check $$f --page demo $$zone --sync sqlite:///current.db"; \
		$(BIN)/extractor check "$$f" --store "$$store" --page demo $$zone --sync "sqlite:///$$tmp/current.db"; \
	done; \
	echo; echo "\$$ extractor check samples/series/08-session-cancelled.txt --page demo $$zone   # again"; \
	$(BIN)/extractor check samples/series/08-session-cancelled.txt --store "$$store" --page demo $$zone; \
	echo; echo "\$$ extractor history demo"; $(BIN)/extractor history demo --store "$$store"; \
	echo; echo "\$$ extractor diff demo@1 demo@latest --markdown"; \
	$(BIN)/extractor diff demo@1 demo@latest --store "$$store" --markdown || [ $$? -eq 1 ]; \
	echo; echo "# current.db, synced after each check: the current state (sessions) and the feed (changes)"; \
	$(BIN)/python -c "$$DEMO_TABLE" "$$tmp/current.db"; \
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
