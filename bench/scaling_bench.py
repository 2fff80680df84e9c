"""How parse time and memory grow with the page, per family of pathological page (bench/hostile.py).

    .venv/bin/python bench/scaling_bench.py [--base 160000] [--steps 7] [--family NAME]… [--timeout 300]

Each family is parsed at base × 1, 2, 4 … 64 bytes (about 10 MB at the top), each size in a fresh
forked process: its time, the peak memory it added (resident set, from getrusage), and how much the
time grew from the size before (×2 per doubling is linear; ×4 quadratic). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import math
import multiprocessing
import resource
import sys
import time
from multiprocessing.connection import Connection
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.hostile import FAMILIES
from extractor import parse_bytes
from extractor.errors import ExtractorError
from extractor.options import ParseOptions

NO_DEADLINE = ParseOptions(deadline=None)


def _measure(family: str, size: int, pipe: Connection) -> None:
    data = FAMILIES[family](size)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    began = time.perf_counter()
    try:
        outcome = f"{len(parse_bytes(data, options=NO_DEADLINE).sessions)} sessions"
    except ExtractorError as exc:
        outcome = f"exit {exc.exit_code}"
    except Exception as exc:  # reported, not hidden: a crash is a finding
        outcome = f"CRASH {type(exc).__name__}"
    seconds = time.perf_counter() - began
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    pipe.send((len(data), seconds, peak_kb / 1024, outcome))


def measure(family: str, size: int, timeout: float) -> tuple[int, float, float, str] | None:
    """(bytes, seconds, MiB added at peak, outcome), or None past the timeout."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_measure, args=(family, size, send))
    process.start()
    ready = receive.poll(timeout)
    result = receive.recv() if ready else None
    if process.is_alive():
        process.kill()
    process.join()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=160_000, help="bytes at ×1 (default 160000)")
    parser.add_argument("--steps", type=int, default=7, help="sizes: ×1, ×2 … ×2^(steps-1) (default 7: ×64)")
    parser.add_argument("--family", action="append", choices=sorted(FAMILIES), help="only these families")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per page before giving up")
    args = parser.parse_args(argv)
    parse_bytes(b"9h00 Pause\n10h00 Atelier\n")  # warm: compiled patterns and the lexicon, before forking
    factors = [2 ** i for i in range(args.steps)]
    print("| family | " + " | ".join(f"×{f}" for f in factors) + " | growth per doubling | peak MiB at ×"
          f"{factors[-1]} | outcome at ×{factors[-1]} |")
    print("|---" * (len(factors) + 4) + "|")
    for family in args.family or list(FAMILIES):
        cells, times, peak, outcome = [], [], 0.0, ""
        for factor in factors:
            result = measure(family, args.base * factor, args.timeout)
            if result is None:
                cells.append(f">{args.timeout:g} s")
                outcome = "TIMEOUT"
                break
            _size, seconds, peak, outcome = result
            times.append(seconds)
            cells.append(f"{seconds:.2f} s")
        cells += [""] * (len(factors) - len(cells))
        print(f"| {family} ({FAMILIES[family](args.base).__len__() // 1000} KB at ×1) | " + " | ".join(cells)
              + f" | {_growth(times)} | {peak:.0f} | {outcome} |", flush=True)
    return 0


def _growth(times: list[float]) -> str:
    """The time ratio per doubling of the size, over the sizes that take long enough to time (≥ 0.05 s)."""
    timed = [t for t in times if t >= 0.05]
    if len(timed) < 2:
        return "—"
    ratio = math.exp(math.log(timed[-1] / timed[0]) / (len(timed) - 1))
    return f"×{ratio:.2f}"


if __name__ == "__main__":
    sys.exit(main())
