"""URLs through the command line: parse and check against pages on 127.0.0.1, HTTP options, exit code 3."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from extractor.cli import main
from extractor.read import fetch

ROOT = Path(__file__).resolve().parent.parent
SERIES = ROOT / "samples" / "series"


@pytest.fixture(autouse=True)
def _fresh_fetch_state() -> None:
    fetch.reset_state()


def test_parse_url_records_http_metadata(httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/prog"})
    httpserver.expect_request("/prog").respond_with_data(
        (ROOT / "samples" / "seed-wix.html").read_bytes(), content_type="text/html; charset=utf-8",
        headers={"ETag": '"abc"'},
    )
    assert main(["parse", httpserver.url_for("/old")]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["source"]["location"] == httpserver.url_for("/old")
    assert record["source"]["http"] == {
        "status": 200, "etag": '"abc"', "last_modified": None, "final_url": httpserver.url_for("/prog"),
    }
    assert len(record["sessions"]) == 3


def test_parse_url_http_error_is_exit_3_with_one_line(
    httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    httpserver.expect_request("/gone").respond_with_data("", status=404)
    assert main(["parse", "--ignore-robots", httpserver.url_for("/gone")]) == 3
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"extractor: error: HTTP 404 for {httpserver.url_for('/gone')}\n"


def test_parse_robots_user_agent_and_ignore_robots(
    httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    agents: list[str | None] = []

    def page(request: Request) -> Response:
        agents.append(request.headers.get("User-Agent"))
        return Response((SERIES / "01-initial.txt").read_bytes(), content_type="text/plain; charset=utf-8")

    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /\n")
    httpserver.expect_request("/prog").respond_with_handler(page)
    url = httpserver.url_for("/prog")
    assert main(["parse", url]) == 3
    assert capsys.readouterr().err == f"extractor: error: refused by robots.txt: {url}\n"
    assert main(["parse", "--ignore-robots", "--user-agent", "owner-check/1", "--timeout", "5", url]) == 0
    assert agents == ["owner-check/1"]


def test_parse_rejects_a_bad_timeout(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["parse", "--timeout", "soon", "http://127.0.0.1:9/"])
    assert info.value.code == 2
    assert "not a number of seconds" in capsys.readouterr().err


def test_check_url_conditional_request_and_alert(
    httpserver: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state: dict[str, Any] = {"body": (SERIES / "01-initial.txt").read_bytes(), "etag": '"v1"'}
    conditional: list[str | None] = []

    def page(request: Request) -> Response:
        conditional.append(request.headers.get("If-None-Match"))
        if request.headers.get("If-None-Match") == state["etag"]:
            return Response(status=304, headers={"ETag": state["etag"]})
        headers = {"ETag": state["etag"]}
        return Response(state["body"], content_type="text/plain; charset=utf-8", headers=headers)

    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/prog").respond_with_handler(page)
    httpserver.expect_request("/alerts", method="POST").respond_with_data("ok")
    url = httpserver.url_for("/prog")
    args = ["check", url, "--store", str(tmp_path / "s.sqlite"), "--json",
            "--notify", f"json://127.0.0.1:{httpserver.port}/alerts"]

    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "first"
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "not_modified"
    state.update(body=(SERIES / "02-rooms-confirmed.txt").read_bytes(), etag='"v2"')
    assert main(args) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["status"] == "changed"
    assert [c["kind"] for c in result["changes"]] == ["room_confirmed", "room_confirmed"]
    assert conditional == [None, '"v1"', '"v1"']
    posted = [json.loads(req.get_data()) for req, _ in httpserver.log if req.path == "/alerts"]
    assert [p["title"].split(" : ")[0] for p in posted] == ["Salle confirmée", "Salle confirmée"]
