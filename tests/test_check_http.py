"""`check` of an http:// page on a real local server: conditional requests, 304, failures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from extractor.errors import FetchError
from extractor.monitor.check import check
from extractor.monitor.store import Store
from extractor.read import fetch
from extractor.read.options import FetchOptions
from tests.conftest import SAMPLES

FAST = FetchOptions(min_host_delay=0, backoff=0.01, timeout=5, ignore_robots=True, retries=0)
SERIES = sorted((SAMPLES / "series").glob("*.txt"))


@pytest.fixture(autouse=True)
def _fresh_fetch_state() -> None:
    fetch.reset_state()


def test_304_adds_no_snapshot_and_a_new_version_is_diffed(httpserver: HTTPServer, tmp_path: Path) -> None:
    served: dict[str, Any] = {"version": 0, "etag": '"v0"'}
    seen: list[str | None] = []

    def handler(request: Request) -> Response:
        seen.append(request.headers.get("If-None-Match"))
        if request.headers.get("If-None-Match") == served["etag"]:
            return Response(status=304, headers={"ETag": served["etag"]})
        body = SERIES[served["version"]].read_bytes()
        return Response(body, content_type="text/plain; charset=utf-8", headers={"ETag": served["etag"]})

    httpserver.expect_request("/prog").respond_with_handler(handler)
    url = httpserver.url_for("/prog")
    with Store.open(tmp_path / "s.sqlite") as store:
        assert check(url, store=store, fetch=FAST).status == "first"
        assert store.validators(url) == ('"v0"', None)
        again = check(url, store=store, fetch=FAST)
        assert (again.status, again.snapshot.number if again.snapshot else None) == ("not_modified", 1)
        served.update(version=1, etag='"v1"')
        changed = check(url, store=store, fetch=FAST)
        assert (
            changed.status == "changed" and [a.event.kind for a in changed.alerts] == ["room_confirmed"] * 2
        )
        assert f"Programme : {url}" in changed.alerts[0].body
        assert seen == [None, '"v0"', '"v0"']
        assert [c["outcome"] for c in store.checks(url)] == ["snapshot", "not_modified", "snapshot"]


def test_http_failures_are_recorded_and_counted(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/gone").respond_with_data("down for maintenance", status=503)
    url = httpserver.url_for("/gone")
    with Store.open(tmp_path / "s.sqlite") as store:
        for _ in range(2):
            with pytest.raises(FetchError):
                check(url, store=store, fetch=FAST)
        assert store.consecutive_failures(url) == 2
        (failed,) = store.checks(url)
        assert failed["outcome"] == "failed" and failed["count"] == 2 and "503" in failed["error"]
        assert store.snapshots(url) == []
