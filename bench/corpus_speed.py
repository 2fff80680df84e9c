"""Parse speed over the whole real corpus, as ratios measured in the same run.

    python bench/corpus_speed.py [--baseline d8a3a4f] [--corpus ../shared/corpus] [--repeat 3]

Every page of `corpus/real/*/page.html` is parsed in-process and warm (one untimed pass first, then the
best of `--repeat` timed passes per page, in CPU time of the process so that other work on the machine
weighs less); the per-page times are summed. The same is done, in a child
process, for the code of `--baseline` (a commit of this repository, exported to a temporary folder), so
both are measured on this machine in this minute. Printed: both sums, the ratio (target: at most 1.20),
and the current code's time against two floors: a bare lxml parse (`document_fromstring` +
`text_content`) and `BeautifulSoup(page, "lxml").get_text()`.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
BASELINE = "d8a3a4f"  # the last commit before the generality issue

# Run in a child process with the tree to measure first on sys.path: prints {"page": seconds, …}.
_CHILD = r"""
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
try:
    from extractor.parse.pipeline import parse_bytes
except ImportError:  # before the packages by role
    from extractor.pipeline import parse_bytes
from extractor.errors import ExtractorError
pages = [Path(p) for p in sys.argv[3:]]
repeat = int(sys.argv[2])
data = {p.parent.name: p.read_bytes() for p in pages}

def once(name):
    start = time.process_time()
    try:
        parse_bytes(data[name], name)
    except ExtractorError:
        pass
    return time.process_time() - start

for name in data:
    once(name)  # warm: imports, caches, the lexicon
print(json.dumps({name: min(once(name) for _ in range(repeat)) for name in data}))
"""


def measure(tree: Path, pages: list[Path], repeat: int) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", _CHILD, str(tree), str(repeat), *map(str, pages)],
                         capture_output=True, text=True, check=True)
    return {k: float(v) for k, v in json.loads(out.stdout).items()}


def export(revision: str, into: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(PROJECT), "archive", revision, "extractor"],
                             capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def floor(pages: list[Path], repeat: int, read: Callable[[bytes], object]) -> float:
    total = 0.0
    for page in pages:
        data = page.read_bytes()
        read(data)
        best = float("inf")
        for _ in range(repeat):
            start = time.process_time()
            read(data)
            best = min(best, time.process_time() - start)
        total += best
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default=BASELINE, help="commit to compare with")
    parser.add_argument("--corpus", type=Path, default=PROJECT.parent / "shared" / "corpus")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    pages = sorted((args.corpus / "real").glob("*/page.html"))
    if not pages:
        print(f"no pages under {args.corpus / 'real'}: nothing to measure", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        old = measure(export(args.baseline, Path(tmp)), pages, args.repeat)
    new = measure(PROJECT, pages, args.repeat)

    from bs4 import BeautifulSoup

    from bench.parse_bench import lxml_floor

    lxml_s = floor(pages, args.repeat, lxml_floor)
    bs4_s = floor(pages, args.repeat, lambda b: BeautifulSoup(b, "lxml").get_text())
    result = {"pages": len(pages), "baseline": args.baseline, "baseline_s": sum(old.values()),
              "current_s": sum(new.values()), "lxml_s": lxml_s, "bs4_s": bs4_s}
    result["current_over_baseline"] = result["current_s"] / result["baseline_s"]
    result["current_over_lxml"] = result["current_s"] / lxml_s
    result["current_over_bs4"] = result["current_s"] / bs4_s
    result["baseline_over_lxml"] = result["baseline_s"] / lxml_s
    slowest = sorted(new, key=lambda k: new[k] - old.get(k, 0.0), reverse=True)[:5]
    result["most_slowed"] = {k: [round(old.get(k, 0.0), 4), round(new[k], 4)] for k in slowest}
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"{len(pages)} pages, best of {args.repeat}, warm, in-process")
    print(f"baseline {args.baseline}: {result['baseline_s']:.3f} s   current: {result['current_s']:.3f} s   "
          f"ratio {result['current_over_baseline']:.2f} (target <= 1.20)")
    print(f"current / bare lxml parse: {result['current_over_lxml']:.1f}x   "
          f"(baseline: {result['baseline_over_lxml']:.1f}x)")
    print(f"current / BeautifulSoup get_text: {result['current_over_bs4']:.2f}x")
    print("most slowed pages (baseline s, current s):", result["most_slowed"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
