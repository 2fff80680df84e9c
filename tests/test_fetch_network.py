"""fetch_page against servers that stall, reset or refuse connections (real sockets on 127.0.0.1)."""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
from collections.abc import Callable
from dataclasses import replace

import pytest

from extractor.errors import FetchError
from extractor.read import fetch
from extractor.read.options import FetchOptions

FAST = FetchOptions(min_host_delay=0, backoff=0.01, ignore_robots=True)


# Servers that misbehave in ways pytest-httpserver cannot: they stall or reset connections.


class RawServer:
    """Accepts connections on 127.0.0.1 and hands each to `behave(conn)` in a thread."""

    def __init__(self, behave: Callable[[socket.socket], None]) -> None:
        self._behave = behave
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)
        self._sock.settimeout(0.2)
        self.port = self._sock.getsockname()[1]
        self.connections = 0
        self._open: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> RawServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        for conn in self._open:
            with contextlib.suppress(OSError):
                conn.close()
        self._sock.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            self._open.append(conn)
            threading.Thread(target=self._behave, args=(conn,), daemon=True).start()


def read_request(conn: socket.socket) -> bytes:
    conn.settimeout(5)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


def reset(conn: socket.socket) -> None:
    """Close with RST instead of FIN."""
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()


def stall(conn: socket.socket) -> None:
    """Read the request, then say nothing; the connection stays open until the server stops."""
    read_request(conn)


def reset_before_answer(conn: socket.socket) -> None:
    read_request(conn)
    reset(conn)


def reset_mid_body(conn: socket.socket) -> None:
    read_request(conn)
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n"
    conn.sendall(head + b"<p>partial</p>" * 100)
    reset(conn)


@pytest.fixture(autouse=True)
def _fresh_fetch_state() -> None:
    fetch.reset_state()


def test_stalled_server_times_out_and_is_retried() -> None:
    with RawServer(stall) as server:
        with pytest.raises(FetchError) as info:
            fetch.fetch_page(server.url("/prog"), replace(FAST, timeout=0.3, retries=1))
        assert server.connections == 2  # one retry
    message = str(info.value)
    assert message.startswith(f"timed out after 0.3 s waiting for {server.url('/prog')}")
    assert message.endswith("(gave up after 2 attempts)")
    assert "\n" not in message


def test_reset_before_the_answer() -> None:
    with RawServer(reset_before_answer) as server:
        with pytest.raises(FetchError, match=r"cannot connect to 127\.0\.0\.1: connection reset") as info:
            fetch.fetch_page(server.url("/prog"), replace(FAST, timeout=5, retries=2))
        assert server.connections == 3
    assert info.value.exit_code == 3


def test_reset_in_the_middle_of_the_body() -> None:
    with RawServer(reset_mid_body) as server:
        with pytest.raises(FetchError, match=r"connection broken while reading http://127\.0\.0\.1:\d+/prog"):
            fetch.fetch_page(server.url("/prog"), replace(FAST, timeout=5, retries=0))
        assert server.connections == 1


def test_connection_refused() -> None:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nothing listens there now
    refused = r"cannot connect to 127\.0\.0\.1: connection refused \(gave up after 2"
    with pytest.raises(FetchError, match=refused):
        fetch.fetch_page(f"http://127.0.0.1:{port}/", replace(FAST, timeout=5, retries=1))


def test_connect_timeout_names_the_host() -> None:
    # A listening socket that never accepts, with its backlog full: further SYNs go unanswered.
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers = []
    try:
        for _ in range(4):
            filler = socket.socket()
            filler.setblocking(False)
            filler.connect_ex(("127.0.0.1", port))
            fillers.append(filler)
        with pytest.raises(FetchError, match=r"timed out after 0\.3 s connecting to 127\.0\.0\.1"):
            fetch.fetch_page(f"http://127.0.0.1:{port}/", replace(FAST, timeout=0.3, retries=0))
    finally:
        for filler in fillers:
            filler.close()
        listener.close()
