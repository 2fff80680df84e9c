"""Watch mode over many live pages: `extractor watch --once` next to urlwatch, same pages, same run.

    python bench/watch_bench.py [--pages 200] [--changed 20] [--page-kb 150] [--workers 10]

Serves N programme pages (Wix-shaped HTML and plain-text dumps in the style of samples/seed.txt,
each different, with ETags and 304s) from 127.0.0.1, then measures, each as a fresh child
process (wall time; peak RSS from wait4):
  1. cold: every page fetched and stored for the first time;
  2. warm: the same pages again after `--changed` of them changed (a room gets confirmed):
     the others answer 304 to the conditional request.
for `extractor watch --once` and, when found, urlwatch (not a project dependency: install it
in a scratch venv, e.g. `python3 -m venv /tmp/urlwatch-venv && /tmp/urlwatch-venv/bin/pip
install urlwatch`, and point URLWATCH at its executable; /tmp/urlwatch-venv/bin/urlwatch and
PATH are tried too). urlwatch fetches with 10 threads and has no per-host pacing or robots.txt;
extractor runs with the same 10 workers, max_per_host = 10 and min_host_delay = 0 so that both
do the same work. With extractor's polite defaults (1 s between requests to one host, one check
per host at a time) N pages on one host take at least N seconds by design.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ROOMS = ["Salle 2.105", "Local A-1510", "Auditorium Jean-Coutu", "Salle Marie-Gérin-Lajoie", "Agora"]
FORMATS = ["Études de cas", "Conférence", "Panel", "Atelier", "Table ronde"]
PEOPLE = [
    ("Julie Boivin", "Mairesse", "Sainte-Anne-des-Plaines"),
    ("Geneviève Baril", "Ph.D. et Codirectrice stratégie et innovation", "Cité-ID de l'ÉNAP"),
    ("Marc Tremblay", "Directeur général", "Ville de Laval"),
    ("Amélie Roy", "Conseillère en innovation", "Maison de l'innovation sociale"),
    ("Paul Côté", "Professeur", "Université du Québec à Montréal"),
]
WORDS = [
    "coproduction", "innovation", "sociale", "services", "publics", "territoires", "municipalités",
    "numérique", "données", "citoyens", "gouvernance", "transition", "écologique", "participation",
    "logement", "mobilité", "santé",
]


@dataclass
class Session:
    start: str
    end: str
    fmt: str
    title: str
    room: str
    speaker: tuple[str, str, str]
    description: str
    final: bool


def make_sessions(index: int) -> list[Session]:
    rng = random.Random(index)
    sessions = []
    for k in range(rng.randint(3, 9)):
        hour = 9 + k
        title = f"{' '.join(rng.choice(WORDS) for _ in range(6)).capitalize()} – cas {index}.{k + 1}"
        sessions.append(Session(
            f"{hour}h00", f"{hour}h45", rng.choice(FORMATS), title, "Salle à venir", rng.choice(PEOPLE),
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 120))) + ".", rng.random() < 0.5,
        ))
    return sessions


def as_text(sessions: list[Session]) -> bytes:
    lines = ["top of page", ""]
    for s in sessions:
        label = "Description" if s.final else "Description provisoire"
        lines += [f"{s.start}-{s.end}", "", s.fmt, "", s.title, "", s.room, "", ", ".join(s.speaker), "",
                  f"{label} : {s.description}", ""]
    lines.append("bottom of page")
    return "\n".join(lines).encode("utf-8")


def _p(text: str, bold: bool = False) -> str:
    style = ' style="font-weight:bold;"' if bold else ""
    span = f'<span{style} class="wixui-rich-text__text">{text}</span>'
    return f'<p class="font_8 wixui-rich-text__text">{span}</p>'


def as_wix(sessions: list[Session], index: int, size_kb: int) -> bytes:
    boxes = []
    for n, s in enumerate(sessions):
        label = "Description" if s.final else "Description provisoire"
        paragraphs = [f'<h2 class="font_2 wixui-rich-text__text">{s.start}-{s.end}</h2>',
                      _p(s.fmt, bold=True), _p(s.title, bold=True), _p(s.room), _p(", ".join(s.speaker)),
                      _p("\u00a0"), _p(f"{label} : {s.description}")]
        boxes.append(f'<div id="comp-{index}x{n}" class="wixui-rich-text" data-testid="richTextElement">'
                     f'{"".join(paragraphs)}</div>')
    body = ("<body><div id='SCROLL_TO_TOP' aria-label='top of page'><span>top of page</span></div>"
            f"<main id='PAGES_CONTAINER'>{''.join(boxes)}</main>"
            "<div id='SCROLL_TO_BOTTOM' aria-label='bottom of page'><span>bottom of page</span></div></body>")
    head = f"<head><meta charset='utf-8'><title>Colloque {index}</title></head>"
    page = f"<!DOCTYPE html><html lang='fr'>{head}{body}</html>"
    # Live Wix pages are mostly scripts: pad to the requested size with script blocks.
    script = "".join(f"<script>window.__w{i}=function(a){{return a*{i}+{index};}};</script>"
                     for i in range(max(0, size_kb * 1024 - len(page)) // 60))
    return page.replace("</head>", script + "</head>").encode("utf-8")


class Site:
    """The pages, their versions and ETags; `change(n)` confirms a room on n pages."""

    def __init__(self, count: int, page_kb: int) -> None:
        self.page_kb = page_kb
        self.sessions = {i: make_sessions(i) for i in range(count)}
        self.version = dict.fromkeys(self.sessions, 1)
        self.bodies = {i: self.render(i) for i in self.sessions}
        self.requests = 0
        self.lock = threading.Lock()

    def render(self, i: int) -> bytes:
        # One page in five is a saved text dump, the rest Wix-shaped HTML.
        return as_text(self.sessions[i]) if i % 5 == 4 else as_wix(self.sessions[i], i, self.page_kb)

    def change(self, count: int) -> None:
        for i in random.Random(99).sample(sorted(self.sessions), count):
            self.sessions[i][0].room = ROOMS[i % len(ROOMS)]
            self.version[i] += 1
            self.bodies[i] = self.render(i)

    def path(self, i: int) -> str:
        return f"/programme/{i}" + (".txt" if i % 5 == 4 else ".html")


def serve(site: Site) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            with site.lock:
                site.requests += 1
            if self.path == "/robots.txt":
                return self.reply(200, b"User-agent: *\nDisallow: /admin/\n", "text/plain", None)
            match = re.fullmatch(r"/programme/(\d+)\.(html|txt)", self.path)
            if not match or int(match.group(1)) not in site.bodies:
                return self.reply(404, b"not found", "text/plain", None)
            i = int(match.group(1))
            etag = f'"p{i}-v{site.version[i]}"'
            if self.headers.get("If-None-Match") == etag:
                return self.reply(304, b"", None, etag)
            kind = "text/plain; charset=utf-8" if i % 5 == 4 else "text/html; charset=utf-8"
            return self.reply(200, site.bodies[i], kind, etag)

        def reply(self, status: int, body: bytes, kind: str | None, etag: str | None) -> None:
            self.send_response(status)
            if kind:
                self.send_header("Content-Type", kind)
            if etag:
                self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)) if status != 304 else "0")
            self.end_headers()
            if status != 304:
                self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@dataclass
class Run:
    tool: str
    phase: str
    seconds: float
    peak_mib: float
    exit_code: int
    requests: int
    note: str


def measured(cmd: Sequence[str], workdir: Path, env: dict[str, str]) -> tuple[float, float, int, str, str]:
    """Wall seconds, peak RSS (MiB) of the child, exit code, stdout, stderr."""
    out, err = workdir / "stdout.txt", workdir / "stderr.txt"
    with out.open("wb") as so, err.open("wb") as se:
        began = time.perf_counter()
        proc = subprocess.Popen(list(cmd), stdout=so, stderr=se, env=env, cwd=workdir)
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - began
    proc.returncode = os.waitstatus_to_exitcode(status)
    return (seconds, usage.ru_maxrss / 1024, proc.returncode,
            out.read_text(errors="replace"), err.read_text(errors="replace"))


def find_urlwatch() -> str | None:
    candidates = (os.environ.get("URLWATCH"), "/tmp/urlwatch-venv/bin/urlwatch", shutil.which("urlwatch"))
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--changed", type=int, default=20, help="pages changed before the warm run")
    parser.add_argument("--page-kb", type=int, default=150, help="HTML page size (text pages are small)")
    parser.add_argument("--workers", type=int, default=10, help="extractor's workers (urlwatch uses 10)")
    args = parser.parse_args(argv)

    site = Site(args.pages, args.page_kb)
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    urls = [base + site.path(i) for i in range(args.pages)]
    total_mb = sum(len(b) for b in site.bodies.values()) / 1e6
    print(f"{args.pages} pages ({total_mb:.1f} MB in all) on {base}; "
          f"{args.changed} change before the warm run")

    urlwatch = find_urlwatch()
    if urlwatch is None:
        print("urlwatch not found (set URLWATCH or install it in /tmp/urlwatch-venv): "
              "measuring extractor only")
    runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="watch-bench-") as tmp:
        work = Path(tmp)
        env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(work), "NO_COLOR": "1"}
        config = work / "watch.toml"
        config.write_text(
            f"min_host_delay = 0\nmax_per_host = {args.workers}\nworkers = {args.workers}\n"
            'interval = "1h"\n' + "".join(f'\n[[page]]\nurl = "{u}"\n' for u in urls),
            encoding="utf-8",
        )
        jobs = [f"name: p{i}\nurl: {u}" for i, u in enumerate(urls)]
        (work / "urls.yaml").write_text("\n---\n".join(jobs) + "\n")
        ours = [sys.executable, "-m", "extractor", "-v", "watch", str(config), "--once",
                "--store", str(work / "store.sqlite"), "--progress", "off"]
        theirs = [urlwatch or "urlwatch", "--urls", str(work / "urls.yaml"),
                  "--config", str(work / "uw.yaml"), "--cache", str(work / "uw-cache.db"),
                  "--hooks", str(work / "hooks.py")]

        for phase in ("cold", "warm"):
            if phase == "warm":
                site.change(args.changed)
            for tool, cmd in (("extractor", ours), ("urlwatch", theirs)):
                if tool == "urlwatch" and urlwatch is None:
                    continue
                before = site.requests
                seconds, peak, code, out, err = measured(cmd, work, env)
                if tool == "extractor":
                    summary = re.search(r"\d+ checks? of \d+ pages; .*", err)
                    note = summary.group(0) if summary else err.strip().splitlines()[-1:] or ["?"]
                    note = note if isinstance(note, str) else note[0]
                else:
                    new, changed, errors = (len(re.findall(rf"^{word}: ", out, re.M))
                                            for word in ("NEW", "CHANGED", "ERROR"))
                    note = f"{new} new, {changed} changed, {errors} errors"
                runs.append(Run(tool, phase, seconds, peak, code, site.requests - before, note))
    server.shutdown()

    print(f"\n{'tool':<10} {'run':<5} {'wall s':>7} {'pages/s':>8} {'peak MiB':>9} {'exit':>4} "
          f"{'requests':>8}  result")
    for r in runs:
        print(f"{r.tool:<10} {r.phase:<5} {r.seconds:7.2f} {args.pages / r.seconds:8.1f} {r.peak_mib:9.1f} "
              f"{r.exit_code:4d} {r.requests:8d}  {r.note}")
    failed = [r for r in runs if r.tool == "extractor" and r.exit_code != 0]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
