"""Many watchers on one PostgreSQL store, next to one watcher on SQLite: pages per second, and proof of no double work.

    python bench/scale_bench.py [--pages 2000] [--hosts 4] [--changed 0.1] [--watchers 1 2 4] [--workers 8]
                                [--latency 0]

Serves `--pages` programme pages from `--hosts` local servers (127.0.0.1, 127.0.0.2, …: one host
name each, tests/farm.py), starts a throwaway PostgreSQL cluster (tests/pg.py) and, for each
setup, runs two rounds of `extractor watch --once` as separate processes started together:
  1. cold: every page fetched, parsed and stored for the first time;
  2. warm: the same pages again after `--changed` of them confirmed two rooms (two alerts each,
     sent to a local json:// endpoint); the others are unchanged.
Setups: SQLite with one watcher (the baseline: SQLite serves one machine), then PostgreSQL with
each count of `--watchers`, each on an empty store. Reported per round: wall seconds, pages per
second, the speed-up over one PostgreSQL watcher; peak RSS of the largest watcher (wait4); and the
checks that matter: the most requests any page got in the round (must be 1), snapshots stored
(pages + changed), alerts received and the most copies of any one alert (must be 1).
The watchers' CPU time per page tells whether the work grows with watchers; the machine's CPU busy
share (all processes, from /proc/stat) whether the cores ran out.
`--latency S` has every answer take S seconds, as a remote site's do: then the watchers wait on the
network rather than on the CPU, and more watchers (more workers in all) get through more pages.
Politeness is out of the way (min_host_delay 0, max_per_host = workers), as in bench/watch_bench.py.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.monitor.store import Store  # noqa: E402
from tests.endpoint import Endpoint, endpoint  # noqa: E402
from tests.farm import Farm, farm, watch_file  # noqa: E402
from tests.pg import create_database, started_cluster  # noqa: E402


@dataclass
class Round:
    seconds: float
    peak_mib: float  # the largest watcher's
    cpu: float  # seconds of CPU, all watchers together
    busy: float  # share of the machine's CPU time in use during the round, whoever used it
    most_hits: int  # the most requests one page got
    snapshots: int
    alerts: int
    most_copies: int  # the most times one alert arrived


def run_watchers(config: Path, store: str, count: int, log_dir: Path) -> tuple[float, float, float]:
    """`watch --once` in `count` processes started together: (wall seconds, peak MiB of the largest, CPU seconds)."""
    began = time.monotonic()
    running = []
    for n in range(count):
        log = (log_dir / f"watcher-{n}.log").open("w")
        running.append(subprocess.Popen(
            [sys.executable, "-m", "extractor", "watch", str(config), "--store", store, "--once",
             "--progress", "off", "--lease", "5m"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log))
    peak, cpu = 0, 0.0
    for process in running:
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in (0,):
            raise SystemExit(f"a watcher exited {process.returncode}; see {log_dir}")
        peak = max(peak, usage.ru_maxrss)
        cpu += usage.ru_utime + usage.ru_stime
    return time.monotonic() - began, peak / 1024, cpu


def measure(site: Farm, hook: Endpoint, config: Path, store: str, watchers: int, log_dir: Path,
            urls: list[str]) -> Round:
    before = sum(site.hits().values())
    before_hits = site.hits()
    ticks = cpu_ticks()
    seconds, peak, cpu = run_watchers(config, store, watchers, log_dir)
    busy = busy_share(ticks, cpu_ticks())
    hits = site.hits() - before_hits
    assert sum(hits.values()) == sum(site.hits().values()) - before
    with Store.open(store) as opened:
        snapshots = int(opened.query("SELECT count(*) FROM snapshots")[0][0])
    copies = Counter(m.get("event_id") for m in hook.received)
    return Round(seconds, peak, cpu, busy, max(hits[u] for u in urls), snapshots, sum(copies.values()),
                 max(copies.values(), default=0))


def cpu_ticks() -> tuple[int, int]:
    """(busy, total) CPU ticks of the whole machine so far, from /proc/stat."""
    fields = [int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    return sum(fields) - idle, sum(fields)


def busy_share(before: tuple[int, int], after: tuple[int, int]) -> float:
    total = after[1] - before[1]
    return (after[0] - before[0]) / total if total else 0.0


def due_again(store: str) -> None:
    """As if the interval had passed (a SQLite watch --once checks every page anyway)."""
    with Store.open(store) as opened, opened.transaction() as db:
        db.execute("UPDATE pages SET next_due_at = '' WHERE url IS NOT NULL")


def setup(label: str, store: str, watchers: int, args: argparse.Namespace, work: Path) -> list[Round]:
    rounds = []
    with farm(args.hosts, delay=args.latency) as site, endpoint() as hook:
        urls = site.urls(args.pages // args.hosts)
        config = watch_file(work / f"{label}.toml", urls, notify=hook.url, workers=args.workers,
                            max_per_host=args.workers)
        log_dir = work / label
        log_dir.mkdir()
        rounds.append(measure(site, hook, config, store, watchers, log_dir, urls))
        site.changed = set(urls[:: max(1, round(1 / args.changed))]) if args.changed else set()
        due_again(store)
        rounds.append(measure(site, hook, config, store, watchers, log_dir, urls))
        rounds[-1].snapshots -= rounds[0].snapshots
    return rounds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--hosts", type=int, default=4, help="local servers, 127.0.0.1 … (default 4)")
    parser.add_argument("--changed", type=float, default=0.1, help="share of pages changed in round 2")
    parser.add_argument("--watchers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--workers", type=int, default=8, help="checks at once per watcher (default 8)")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds each page takes to answer (default 0)")
    args = parser.parse_args(argv)
    cluster = started_cluster(max_connections=20 + max(args.watchers) * (args.workers + 4))
    results: list[tuple[str, int, list[Round]]] = []
    try:
        with tempfile.TemporaryDirectory(prefix="scale-bench-") as tmp:
            work = Path(tmp)
            results.append(("SQLite", 1, setup("sqlite", str(work / "store.sqlite"), 1, args, work)))
            print(f"SQLite, 1 watcher: {results[-1][2]}", file=sys.stderr, flush=True)
            for count in args.watchers:
                database = create_database(cluster.url(), f"w{count}")
                results.append(("PostgreSQL", count, setup(f"pg{count}", database, count, args, work)))
                print(f"PostgreSQL, {count} watcher(s): {results[-1][2]}", file=sys.stderr, flush=True)
    finally:
        cluster.stop()
    print(table(results, args))
    return 0


def table(results: list[tuple[str, int, list[Round]]], args: argparse.Namespace) -> str:
    base = {i: next((r[i].seconds for b, n, r in results if b == "PostgreSQL" and n == 1), None) for i in (0, 1)}
    lines = [f"{args.pages} pages on {args.hosts} local hosts answering in {args.latency:g} s, "
             f"{args.workers} workers per watcher, "
             f"{nproc()} cores; round 2: {args.changed:.0%} of the pages changed (2 alerts each)", "",
             "| store | watchers | round | seconds | pages/s | vs 1 PG watcher | watchers' CPU ms per page "
             "| machine CPU busy | peak MiB per watcher | most checks of a page | snapshots | alerts "
             "| most copies of an alert |",
             "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for backend, count, rounds in results:
        for i, (name, r) in enumerate(zip(("cold", "warm"), rounds, strict=True)):
            one = base[i]
            speedup = f"×{one / r.seconds:.2f}" if backend == "PostgreSQL" and one else "—"
            lines.append(f"| {backend} | {count} | {name} | {r.seconds:.1f} | {args.pages / r.seconds:.0f} | "
                         f"{speedup} | {1000 * r.cpu / args.pages:.1f} | {r.busy:.0%} | {r.peak_mib:.0f} | "
                         f"{r.most_hits} | "
                         f"{r.snapshots} | {r.alerts} | {r.most_copies} |")
    return "\n".join(lines)


def nproc() -> int:
    return len(os.sched_getaffinity(0))


if __name__ == "__main__":
    sys.exit(main())
