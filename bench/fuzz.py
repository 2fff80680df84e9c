"""Fuzz the parser: generated and mutated pages (bench/fuzz_inputs.py), each with a deadline.

    .venv/bin/python bench/fuzz.py [--count 20000] [--seed 1] [--deadline 10] [--workers 2] [--save DIR]

Every input must end in records or in one of our errors (a documented exit code). Reports the
tracebacks (crashes), the inputs over the deadline, and the slowest inputs; with --save, writes each
crashing or slow input to DIR (make it a regression file under tests/hostile/). Exit 1 if any.
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import random
import sys
import time
import traceback
from collections import Counter
from multiprocessing.connection import Connection
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.fuzz_inputs import generate
from extractor import parse_bytes
from extractor.errors import ExtractorError
from extractor.options import ParseOptions

NO_DEADLINE = ParseOptions(deadline=None)  # the bench's own deadline judges; the parser's must not hide a hang


def outcome_of(data: bytes) -> str:
    """'records', 'exit N' for one of our errors, or 'CRASH Type: message'."""
    try:
        parse_bytes(data, "fuzz", NO_DEADLINE)
    except ExtractorError as exc:
        return f"exit {exc.exit_code}"
    except Exception as exc:
        return "CRASH " + "".join(traceback.format_exception_only(type(exc), exc)).strip()[:300]
    return "records"


def _worker(inputs: Connection, results: Connection) -> None:
    while True:
        data = inputs.recv()
        if data is None:
            return
        began = time.perf_counter()
        outcome = outcome_of(data)
        results.send((outcome, time.perf_counter() - began))


class Worker:
    """A forked process that parses one input at a time; killed and replaced past the deadline."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("fork")
        self.to_worker, inputs = context.Pipe()
        results, self.from_worker = context.Pipe()
        self.process = context.Process(target=_worker, args=(inputs, results), daemon=True)
        self.process.start()

    def run(self, data: bytes, deadline: float) -> tuple[str, float]:
        self.to_worker.send(data)
        if self.from_worker.poll(deadline):
            result: tuple[str, float] = self.from_worker.recv()
            return result
        self.process.kill()
        self.process.join()
        self.__init__()  # type: ignore[misc]
        return "TIMEOUT", deadline

    def close(self) -> None:
        self.to_worker.send(None)
        self.process.join(5)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--deadline", type=float, default=10.0, help="seconds one input may take")
    parser.add_argument("--save", type=Path, help="write crashing and slow inputs here")
    args = parser.parse_args(argv)
    parse_bytes(b"9h00 Pause\n10h00 Atelier\n")  # warm before forking
    rng = random.Random(args.seed)
    worker = Worker()
    outcomes: Counter[str] = Counter()
    by_generator: Counter[str] = Counter()
    crashes: list[tuple[str, str, bytes]] = []
    timeouts: list[tuple[str, bytes]] = []
    slowest: list[tuple[float, str, int]] = []
    began = time.monotonic()
    for number in range(args.count):
        name, data = generate(rng)
        by_generator[name] += 1
        outcome, seconds = worker.run(data, args.deadline)
        outcomes["CRASH" if outcome.startswith("CRASH") else outcome] += 1
        if outcome.startswith("CRASH"):
            crashes.append((name, outcome, data))
        elif outcome == "TIMEOUT":
            timeouts.append((name, data))
        slowest = sorted([*slowest, (seconds, name, len(data))], reverse=True)[:5]
        if (number + 1) % 2000 == 0:
            print(f"{number + 1} inputs, {len(crashes)} crashes, {len(timeouts)} timeouts, "
                  f"{time.monotonic() - began:.0f} s", file=sys.stderr, flush=True)
    worker.close()
    print(f"inputs: {args.count} (seed {args.seed}; {', '.join(f'{n} {c}' for n, c in by_generator.items())})")
    print(f"outcomes: {', '.join(f'{k} {v}' for k, v in sorted(outcomes.items()))}")
    print(f"tracebacks: {len(crashes)}; over the {args.deadline:g} s deadline: {len(timeouts)}; "
          f"total {time.monotonic() - began:.0f} s")
    print("slowest: " + "; ".join(f"{s:.2f} s ({n}, {size} bytes)" for s, n, size in slowest))
    for kind, message in Counter((name, outcome.splitlines()[-1]) for name, outcome, _ in crashes).most_common(20):
        print(f"  {message}x {kind[0]}: {kind[1]}")
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
        for _name, _outcome, data in crashes:
            (args.save / f"crash-{hashlib.sha256(data).hexdigest()[:12]}.bin").write_bytes(data)
        for _name, data in timeouts:
            (args.save / f"slow-{hashlib.sha256(data).hexdigest()[:12]}.bin").write_bytes(data)
    return 1 if crashes or timeouts else 0


if __name__ == "__main__":
    sys.exit(main())
