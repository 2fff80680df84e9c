"""One deadline per fetch, and no redirect into the private network (issue 10, items 6 and 7).

Real servers on 127.0.0.1. A page must look public for a redirect to be refused, so name resolution is
patched at the socket level: `programme.example.org` and `intranet.example.org` resolve to 127.0.0.1,
the way a hostile DNS name resolves to a private address. No traffic leaves the machine: redirects to
10.x or 169.254.169.254 are refused before any connection.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from extractor.cli import main
from extractor.errors import FetchError
from extractor.read import fetch
from extractor.read.guard import is_local_url, is_private
from extractor.read.options import FetchOptions
from tests.test_fetch_network import RawServer, read_request

FAST = FetchOptions(min_host_delay=0, backoff=0.01, timeout=0.5, retries=0, ignore_robots=True)
PAGE = "<p>9h00 Conférence</p><p>10h00 Pause</p>"
PUBLIC_NAMES = ("programme.example.org", "intranet.example.org")


@pytest.fixture(autouse=True)
def _fresh_fetch_state() -> None:
    fetch.reset_state()


def drip(conn: socket.socket, head: bytes = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n") -> None:
    """Answer one byte every 0.1 s, without Content-Length or chunks, until the client goes away."""
    read_request(conn)
    body = head + b"<p>" + b"x" * 100_000
    for byte in body:
        try:
            conn.sendall(bytes([byte]))
        except OSError:
            return
        time.sleep(0.1)


def drip_headers(conn: socket.socket) -> None:
    drip(conn, head=b"HTTP/1.1 200 OK\r\nX-Padding: " + b"a" * 10_000)


# 6. Slow drip: one deadline for the whole fetch.


@pytest.mark.parametrize("behave", [drip, drip_headers], ids=["body", "headers"])
def test_a_server_dripping_a_byte_at_a_time_is_cut_off_at_the_deadline(behave: Any) -> None:
    with RawServer(behave) as server:
        began = time.monotonic()
        with pytest.raises(FetchError, match=r"after 1\.5 s, the deadline for one whole fetch") as info:
            fetch.fetch_page(server.url("/prog"), replace(FAST, deadline=1.5, retries=2))
        took = time.monotonic() - began
    assert 1.4 < took < 4, took
    assert server.connections == 1  # a deadline passed is not retried
    assert info.value.exit_code == 3


def test_the_deadline_defaults_to_six_timeouts_and_parse_exits_3(capsys: pytest.CaptureFixture[str]) -> None:
    with RawServer(drip) as server:
        began = time.monotonic()
        code = main(["parse", "--timeout", "0.25", "--ignore-robots", server.url("/prog")])
        took = time.monotonic() - began
    assert code == 3 and 1.4 < took < 4, took
    assert "after 1.5 s, the deadline for one whole fetch" in capsys.readouterr().err


# 7. Redirects into the private network.


@pytest.fixture
def public_names(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    real = socket.getaddrinfo

    def resolve(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host in PUBLIC_NAMES:
            return real("127.0.0.1", *args, **kwargs)
        if host not in ("127.0.0.1", "localhost", "::1"):  # were the guard to fail, still no traffic out
            raise socket.gaierror(socket.EAI_NONAME, "not resolved in this test")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    yield


def _redirecting(httpserver: HTTPServer, target: str) -> str:
    httpserver.expect_request("/start").respond_with_data("", status=302, headers={"Location": target})
    httpserver.expect_request("/secret").respond_with_data(PAGE, content_type="text/html")
    return f"http://programme.example.org:{httpserver.port}/start"


@pytest.mark.usefixtures("public_names")
def test_a_public_page_redirecting_to_a_name_that_resolves_to_a_private_address_is_refused(
        httpserver: HTTPServer) -> None:
    start = _redirecting(httpserver, f"http://intranet.example.org:{httpserver.port}/secret")
    with pytest.raises(FetchError, match=r"refused a redirect .* to intranet\.example\.org \(127\.0\.0\.1\)"):
        fetch.fetch_page(start, FAST)
    assert [r.path for r, _ in httpserver.log] == ["/start"]  # the private page was never asked for


@pytest.mark.parametrize("target", ["http://10.1.2.3/admin", "http://169.254.169.254/latest/meta-data/",
                                    "http://192.168.0.1/", "http://[::1]/", "http://localhost/",
                                    "http://0.0.0.0/", "http://[::ffff:127.0.0.1]/"])
@pytest.mark.usefixtures("public_names")
def test_a_redirect_to_a_private_address_literal_is_refused_before_connecting(
        httpserver: HTTPServer, target: str) -> None:
    with pytest.raises(FetchError, match="refused a redirect"):
        fetch.fetch_page(_redirecting(httpserver, target), FAST)


@pytest.mark.usefixtures("public_names")
def test_allow_private_follows_the_redirect(httpserver: HTTPServer) -> None:
    start = _redirecting(httpserver, f"http://intranet.example.org:{httpserver.port}/secret")
    page = fetch.fetch_page(start, replace(FAST, allow_private=True))
    assert page.data == PAGE.encode()


@pytest.mark.usefixtures("public_names")
def test_allow_private_on_the_command_line(httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]) -> None:
    start = _redirecting(httpserver, f"http://intranet.example.org:{httpserver.port}/secret")
    assert main(["parse", "--ignore-robots", start]) == 3
    assert "--allow-private" in capsys.readouterr().err
    assert main(["parse", "--ignore-robots", "--allow-private", start]) == 0


def test_a_local_starting_url_may_redirect_locally(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/start").respond_with_data(
        "", status=302, headers={"Location": f"http://localhost:{httpserver.port}/secret"})
    httpserver.expect_request("/secret").respond_with_data(PAGE, content_type="text/html")
    assert fetch.fetch_page(httpserver.url_for("/start"), FAST).data == PAGE.encode()


@pytest.mark.usefixtures("public_names")
def test_a_kept_alive_connection_is_checked_again_after_a_redirect(httpserver: HTTPServer) -> None:
    # The public name and the private one share 127.0.0.1:port: a pooled connection must not slip through.
    httpserver.expect_request("/page").respond_with_data(PAGE, content_type="text/html")
    fetch.fetch_page(f"http://intranet.example.org:{httpserver.port}/page", replace(FAST, allow_private=True))
    start = _redirecting(httpserver, f"http://intranet.example.org:{httpserver.port}/secret")
    with pytest.raises(FetchError, match="refused a redirect"):
        fetch.fetch_page(start, FAST)


def test_address_classes() -> None:
    private = ["10.0.0.1", "172.16.5.4", "192.168.1.1", "127.0.0.1", "169.254.169.254", "::1", "fe80::1",
               "fd00::1", "100.64.0.1", "0.0.0.0", "::ffff:10.0.0.1", "224.0.0.1"]
    assert [a for a in private if not is_private(a)] == []
    assert [a for a in ["93.184.216.34", "2606:4700::1111", "example.org"] if is_private(a)] == []
    assert is_local_url("http://localhost:8000/") and is_local_url("http://10.0.0.2/")
    assert not is_local_url("https://example.org/")


def test_a_watch_file_may_allow_private_redirects(tmp_path: Any) -> None:
    from extractor.watch.config import load

    path = tmp_path / "watch.toml"
    path.write_text('allow_private = true\nparse_deadline = 30\n[[page]]\nurl = "https://example.org/"\n')
    config = load(path)
    assert config.fetch.allow_private and config.parse_deadline == 30
    path.write_text('allow_private = "yes"\n[[page]]\nurl = "https://example.org/"\n')
    with pytest.raises(Exception, match=r"allow_private.*must be true or false"):
        load(path)


def test_threads_have_their_own_guard(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/prog").respond_with_data(PAGE, content_type="text/html")
    results: list[bytes] = []
    threads = [threading.Thread(target=lambda: results.append(
        fetch.fetch_page(httpserver.url_for("/prog"), FAST).data)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [PAGE.encode()] * 4
