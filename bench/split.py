"""The one fixed split of the labelled real pages (../shared/corpus/real) into a tune part and a check part.

Rule, written before any parser output on these pages was looked at, and never changed afterwards:
a folder is in the **check** part when the SHA-256 of its name, read as a number, is divisible by 3;
every other folder is in the **tune** part. Hashing the name (rather than counting positions in the
sorted list) keeps every page where it is when pages are added. Develop on the tune part; score the
check part only to report.

    .venv/bin/python bench/split.py            # list both parts
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

REAL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"
TUNE, CHECK = "tune", "check"


def part_of(name: str) -> str:
    return CHECK if int(hashlib.sha256(name.encode("utf-8")).hexdigest(), 16) % 3 == 0 else TUNE


def pages(part: str, root: Path = REAL) -> list[Path]:
    """The folders of one part, sorted by name (empty when the corpus is absent)."""
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if (p / "labels.json").is_file() and part_of(p.name) == part)


def main() -> int:
    if not REAL.is_dir():
        print(f"labelled corpus not found at {REAL}: nothing to split", file=sys.stderr)
        return 2
    for part in (TUNE, CHECK):
        names = [p.name for p in pages(part)]
        print(f"{part} ({len(names)}): {' '.join(names)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
