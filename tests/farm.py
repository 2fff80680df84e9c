"""Many programme pages on several local hosts (127.0.0.1, 127.0.0.2, …: one server each), for
several watchers to share: each request's path, host and start time is logged, so that a test
or bench/scale_bench.py can count the checks of each page and measure the gaps between requests
to one host. Pages are samples/series versions; `version` says which one every page serves now.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SERIES = Path(__file__).resolve().parent.parent / "samples" / "series"
VERSIONS = [SERIES / "01-initial.txt", SERIES / "02-rooms-confirmed.txt"]


@dataclass
class Farm:
    servers: list[ThreadingHTTPServer]
    delay: float = 0.0  # seconds each answer takes
    version: int = 0
    changed: set[str] = field(default_factory=set)  # URLs that serve the next version already
    stall: set[str] = field(default_factory=set)  # paths that hang until `release` is set
    gate: int = 0  # when set, every request hangs until this many are in flight (or `release` is set)
    release: threading.Event = field(default_factory=threading.Event)
    in_flight: int = 0
    log: list[tuple[str, str, float]] = field(default_factory=list)  # (host, path, monotonic start)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def urls(self, per_host: int) -> list[str]:
        return [f"http://127.0.0.{n}:{s.server_port}/p{i}" for i in range(per_host)
                for n, s in enumerate(self.servers, start=1)]

    def hits(self) -> Counter[str]:
        """Requests per page URL."""
        with self.lock:
            return Counter(f"http://{host}{path}" for host, path, _ in self.log)

    def starts(self, host: str) -> list[float]:
        with self.lock:
            return sorted(t for h, _, t in self.log if h == host)

    def body(self, url: str) -> bytes:
        return VERSIONS[1 if url in self.changed else self.version].read_bytes()


@contextmanager
def farm(hosts: int, *, delay: float = 0.0) -> Iterator[Farm]:
    holder: dict[str, Farm] = {}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            site = holder["farm"]
            host = self.headers.get("Host", "")
            with site.lock:
                site.log.append((host, self.path, time.monotonic()))
                site.in_flight += 1
                if site.gate and site.in_flight >= site.gate:
                    site.release.set()
            if self.path in site.stall or site.gate:
                site.release.wait(30)
            with site.lock:
                site.in_flight -= 1
            if site.delay:
                time.sleep(site.delay)
            data = site.body(f"http://{host}{self.path}")
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    servers = [ThreadingHTTPServer((f"127.0.0.{n}", 0), Handler) for n in range(1, hosts + 1)]
    for server in servers:
        server.daemon_threads = True
    holder["farm"] = Farm(servers, delay=delay)
    threads = [threading.Thread(target=s.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
               for s in servers]
    for thread in threads:
        thread.start()
    try:
        yield holder["farm"]
    finally:
        holder["farm"].release.set()
        for server in servers:
            server.shutdown()
            server.server_close()


def watch_file(path: Path, urls: list[str], *, notify: str | None = None, min_host_delay: float = 0,
               max_per_host: int = 4, workers: int = 2, interval: str = "1h") -> Path:
    """A watch file for these pages: no robots.txt, no retries, local addresses allowed."""
    pages = "".join(f'\n[[page]]\nurl = "{url}"\n' for url in urls)
    path.write_text(
        f"""workers = {workers}
min_host_delay = {min_host_delay}
max_per_host = {max_per_host}
retries = 0
jitter = 0
interval = "{interval}"
ignore_robots = true
allow_private = true
lang = "fr"
date = "2025-11-19"
tz = "America/Toronto"
{f'notify = ["{notify}"]' if notify else ''}
{pages}""", encoding="utf-8")
    return path
