"""`extractor watch` end to end: real pages on 127.0.0.1, a real store, alerts to a local json:// endpoint."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from extractor.cli import main
from extractor.monitor.outbox import Outbox
from extractor.monitor.store import Store
from extractor.read import fetch

ROOT = Path(__file__).resolve().parent.parent
SERIES = ROOT / "samples" / "series"


@pytest.fixture(autouse=True)
def _fresh_fetch_state() -> None:
    fetch.reset_state()


class Site:
    """Three pages whose content and health the test changes between runs."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.p1 = (SERIES / "01-initial.txt").read_bytes()
        self.p3_ok = False
        self.conditional: list[str | None] = []
        wix = (ROOT / "samples" / "seed-wix.html").read_bytes()

        def p2(request: Request) -> Response:
            self.conditional.append(request.headers.get("If-None-Match"))
            if request.headers.get("If-None-Match") == '"w1"':
                return Response(status=304, headers={"ETag": '"w1"'})
            return Response(wix, content_type="text/html; charset=utf-8", headers={"ETag": '"w1"'})

        def p3(_request: Request) -> Response:
            if self.p3_ok:
                return Response((SERIES / "01-initial.txt").read_bytes(), content_type="text/plain")
            return Response("down for maintenance", status=500)

        server.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /admin/\n")
        server.expect_request("/p1").respond_with_handler(
            lambda _r: Response(self.p1, content_type="text/plain; charset=utf-8"))
        server.expect_request("/p2").respond_with_handler(p2)
        server.expect_request("/p3").respond_with_handler(p3)
        server.expect_request("/alerts", method="POST").respond_with_data("ok")

    def alerts(self) -> list[dict[str, str]]:
        return [json.loads(req.get_data()) for req, _ in self.server.log if req.path == "/alerts"]


def write_config(path: Path, server: HTTPServer) -> Path:
    path.write_text(
        f"""
min_host_delay = 0
retries = 0
failure_threshold = 2
max_per_host = 2
notify = ["json://127.0.0.1:{server.port}/alerts"]

[[page]]
name = "Colloque"
url = "{server.url_for('/p1')}"
lang = "fr"

[[page]]
url = "{server.url_for('/p2')}"

[[page]]
name = "Flaky"
url = "{server.url_for('/p3')}"
""",
        encoding="utf-8",
    )
    return path


def run_once(config: Path, store: Path) -> int:
    return main(["watch", str(config), "--once", "--store", str(store), "--progress", "off"])


def test_watch_once_changes_304_failure_memory_and_recovery(
    httpserver: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = Site(httpserver)
    config = write_config(tmp_path / "watch.toml", httpserver)
    store_path = tmp_path / "store.sqlite"

    # 1: baselines; p3 fails once (no alert yet)
    assert run_once(config, store_path) == 3
    err = capsys.readouterr().err
    assert f"FAILED Flaky: HTTP 500 for {httpserver.url_for('/p3')}" in err
    assert site.alerts() == []

    # 2: p1 confirms two rooms; p2 answers 304 to our ETag; p3 fails a second time -> one error alert
    site.p1 = (SERIES / "02-rooms-confirmed.txt").read_bytes()
    assert run_once(config, store_path) == 3
    err = capsys.readouterr().err
    assert "changed Colloque: 2 changes, 2 to alert" in err
    assert "[error alert: failing repeatedly]" in err
    assert site.conditional == [None, '"w1"']
    titles = sorted(alert["title"] for alert in site.alerts())
    assert titles == ["Page failing: Flaky", *sorted(["Salle confirmée : " + t for t in (
        "Coproduction et logement social – Le cas des Habitations Saint-Michel Nord",
        "Coproduction et numérique – L’exemple de la MRC de Thérèse-De Blainville")])]
    assert "could not be checked 2 times in a row" in next(
        a["message"] for a in site.alerts() if a["title"].startswith("Page failing"))

    # 3: still failing: no new alert
    assert run_once(config, store_path) == 3
    capsys.readouterr()
    assert len(site.alerts()) == 3

    # 4: p3 works again -> one recovery alert, in the language of the page it now serves; exit 0
    site.p3_ok = True
    assert run_once(config, store_path) == 0
    assert "[recovery alert]" in capsys.readouterr().err
    assert [a["title"] for a in site.alerts()][3:] == ["Page rétablie : Flaky"]

    # 5: nothing new anywhere
    assert run_once(config, store_path) == 0
    assert len(site.alerts()) == 4
    assert capsys.readouterr().err == ""  # quiet for cron when nothing happened

    with Store.open(store_path) as store:
        assert len(store.snapshots(httpserver.url_for("/p1"))) == 2
        assert len(store.snapshots(httpserver.url_for("/p2"))) == 1
        assert store.consecutive_failures(httpserver.url_for("/p3")) == 0
        assert store.page_named("Colloque") == [httpserver.url_for("/p1")]  # for `pages` and `history NAME`
        # The page's own alerts went through the outbox like the others, and were delivered once.
        health = [(r.kind, r.page, r.delivered_at is not None, r.attempts) for r in Outbox(store).rows()
                  if r.kind in ("failing", "recovered")]
        assert health == [("failing", httpserver.url_for("/p3"), True, 1),
                          ("recovered", httpserver.url_for("/p3"), True, 1)]
    assert [req.path for req, _ in httpserver.log].count("/robots.txt") == 1  # cached per host


def test_watch_once_reports_a_bad_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "bad.toml"
    config.write_text('[[page]]\nurl = "http://127.0.0.1:9/x"\ninterval = "sometimes"\n', encoding="utf-8")
    assert run_once(config, tmp_path / "s.sqlite") == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"extractor: error: {config}:3: [[page]] #1, key 'interval': ")
    assert "\n" not in err


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 0), (signal.SIGINT, 130)])
def test_signal_finishes_the_check_in_flight(
    httpserver: HTTPServer, tmp_path: Path, sig: signal.Signals, code: int
) -> None:
    seen, release = threading.Event(), threading.Event()

    def slow(_request: Request) -> Response:
        seen.set()
        release.wait(20)
        return Response((SERIES / "01-initial.txt").read_bytes(), content_type="text/plain")

    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/slow").respond_with_handler(slow)
    config = tmp_path / "watch.toml"
    config.write_text(
        f'min_host_delay = 0\ninterval = "1h"\n[[page]]\nurl = "{httpserver.url_for("/slow")}"\n',
        encoding="utf-8",
    )
    store_path = tmp_path / "store.sqlite"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "extractor", "watch", str(config), "--store", str(store_path),
         "--progress", "off"],
        stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env,
    )
    try:
        assert seen.wait(30), "the watcher never asked for the page"
        proc.send_signal(sig)
        assert proc.stderr is not None
        ready, _, _ = select.select([proc.stderr], [], [], 20)
        assert ready, "no word from the watcher after the signal"
        first_line = proc.stderr.readline()
        assert f"{sig.name}: finishing the checks in progress" in first_line
        release.set()  # only now does the check in flight get its page
        rc = proc.wait(timeout=30)
        rest = proc.stderr.read()
    finally:
        release.set()
        if proc.poll() is None:
            proc.kill()
    assert rc == code
    assert "Traceback" not in rest
    assert "1 check of 1 pages; 0 changed, 0 failed, 0 to alert" in rest
    assert f"(stopped by {sig.name})" in rest
    with Store.open(store_path) as store:
        assert store.latest(httpserver.url_for("/slow")) is not None  # the check in flight was stored


def test_progress_bar_and_local_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "files.toml"
    config.write_text(
        f'[[page]]\nname = "seed"\nurl = "{ROOT / "samples" / "seed.txt"}"\n\n'
        f'[[page]]\nurl = "{(SERIES / "01-initial.txt").as_uri()}"\n\n'
        f'[[page]]\nname = "missing"\nurl = "{tmp_path / "absent.txt"}"\n',
        encoding="utf-8",
    )
    code = main(["watch", str(config), "--once", "--store", str(tmp_path / "s.sqlite"), "--progress", "on"])
    err = capsys.readouterr().err
    assert code == 2  # the missing file is bad input; the other two were checked
    assert "3/3" in err and "1 failed" in err
    assert "FAILED missing: no such file" in err
    assert "3 checks of 3 pages; 0 changed, 1 failed" in err
    with Store.open(tmp_path / "s.sqlite") as store:
        assert store.latest(str(ROOT / "samples" / "seed.txt")) is not None
        assert store.latest((SERIES / "01-initial.txt").as_uri()) is not None
