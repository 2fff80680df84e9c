"""Secrets and delivery (issue 10, items 11–13): notification URLs never shown, a send that went out
unanswered is "in doubt" and not resent unless asked, `check` announces what it queued.

Real endpoints on 127.0.0.1. Services with fixed hosts (Slack, Discord, Telegram, ntfy.sh) are reached
through name resolution patched at the socket level to a closed local port: nothing leaves the machine.
"""

from __future__ import annotations

import json
import logging
import socket
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from extractor.cli import main
from extractor.monitor.store import NewAlert, Store
from extractor.monitor.targets import redacted
from tests.endpoint import endpoint

TOKEN = "Zq7secretTOKEN"
V1 = "9h00-10h00 Conférence sur le climat\nSalle 1\n10h00-10h30 Pause\n"
V2 = V1.replace("Salle 1", "Salle 2")


def _closed_port() -> int:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = int(probe.getsockname()[1])
    probe.close()
    return port


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """Every name but 127.0.0.1 resolves to a closed port on 127.0.0.1."""
    real = socket.getaddrinfo
    closed = _closed_port()

    def resolve(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host in ("127.0.0.1", "localhost"):
            return real(host, port, *args, **kwargs)
        return real("127.0.0.1", closed, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    yield closed


def _check(tmp_path: Path, text: str, *options: str) -> int:
    page = tmp_path / "page.txt"
    page.write_text(text, encoding="utf-8")
    return main(["-v", "check", str(page), "--page", "p", "--store", str(tmp_path / "s.sqlite"), *options])


# 11. Tokens appear in no output stream and no log.


def test_no_token_in_any_output_or_log(tmp_path: Path, offline: int, caplog: pytest.LogCaptureFixture,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    caplog.set_level(logging.DEBUG)  # Apprise's most talkative lines included
    with endpoint() as receiver:
        port = receiver.server.server_port
        targets = [
            f"json://127.0.0.1:{port}/hook-{TOKEN}",  # delivered
            f"json://user:{TOKEN}pw@127.0.0.1:{offline}/{TOKEN}path",  # refused
            f"jsons://127.0.0.1:{port}/{TOKEN}tls",  # TLS to a plain HTTP server
            f"ntfy://127.0.0.1:{offline}/{TOKEN}topic",
            f"ntfys://{TOKEN}cloud",
            f"slack://{TOKEN}A/{TOKEN}B/{TOKEN}C",
            f"discord://1234567890/{TOKEN}discord",
            f"tgram://123456789:{TOKEN}AAAAAAAAAAAAAAAAAAAAAAAAAAAA/12345",
            f"mailto://user:{TOKEN}mail@mail.example.org?from=a@example.org&to=b@example.org",
        ]
        notify = [arg for t in targets for arg in ("--notify", t)]
        assert _check(tmp_path, V1, *notify) == 0
        assert _check(tmp_path, V2, *notify) == 5  # some targets fail
        assert main(["alerts", "--store", str(tmp_path / "s.sqlite"), "--all"]) == 0
        assert main(["alerts", "--store", str(tmp_path / "s.sqlite"), "--json", "--all"]) == 0
        assert main(["alerts", "--store", str(tmp_path / "s.sqlite"), "--retry", *notify]) == 5
        assert len(receiver.received) == 1
    out, err = capsys.readouterr()
    assert "json://127.0.0.1:" in out and "slack://…" in out  # targets are named, by scheme and host
    for where, text in (("stdout", out), ("stderr", err), ("log", caplog.text)):
        assert TOKEN not in text, f"{where}: {text[text.find(TOKEN) - 80:text.find(TOKEN) + 40]}"
    with sqlite3.connect(tmp_path / "s.sqlite") as db:
        errors = " ".join(str(r[0]) for r in db.execute("SELECT last_error FROM outbox"))
    assert TOKEN not in errors and "Connection" in errors


def test_no_token_in_the_store(tmp_path: Path, offline: int) -> None:
    assert _check(tmp_path, V1, "--notify", f"json://127.0.0.1:{offline}/{TOKEN}") == 0
    assert _check(tmp_path, V2, "--notify", f"json://127.0.0.1:{offline}/{TOKEN}") == 5
    assert TOKEN.encode() not in (tmp_path / "s.sqlite").read_bytes()


def test_an_unknown_scheme_is_refused_without_showing_its_token(
        tmp_path: Path, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]) -> None:
    caplog.set_level(logging.DEBUG)
    assert _check(tmp_path, V1, "--notify", f"foo://{TOKEN}/x") == 2
    assert TOKEN not in capsys.readouterr().err + caplog.text


def test_redact_keeps_scheme_and_host_only() -> None:
    assert redacted("json://hooks.example.org:8080/a/b?x=1") == "json://hooks.example.org:8080/…"
    assert redacted("mailto://user:pw@smtp.example.org?to=x@y.z") == "mailto://smtp.example.org/…"
    assert redacted("ntfys://mytopic") == "ntfys://…"
    assert redacted("slack://T0/B0/xyz") == "slack://…"
    assert redacted("tgram://123:abc/456") == "tgram://…"
    assert redacted("json://[::1]:9/p") == "json://[::1]:9/…"
    assert redacted("https://hooks.example.org/services/T0/B0/x") == "https://hooks.example.org/…"
    assert redacted("no scheme") == "…"


# 12. A send that went out unanswered is in doubt: listed, not resent unless asked; payloads carry an id.


class _Silent:
    """Reads each request whole, keeps it, and never answers."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.received: list[dict[str, Any]] = []
        self.stop = threading.Event()
        self.open: list[socket.socket] = []
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.open.append(conn)
            conn.settimeout(5)
            data = b""
            while b"\r\n\r\n" not in data:
                data += conn.recv(65536)
            head, _, body = data.partition(b"\r\n\r\n")
            length = int(next(line.split(b":")[1] for line in head.split(b"\r\n")
                              if line.lower().startswith(b"content-length")))
            while len(body) < length:
                body += conn.recv(65536)
            self.received.append(json.loads(body))

    def close(self) -> None:
        self.stop.set()
        self.thread.join(5)
        for conn in self.open:
            conn.close()
        self.sock.close()


def test_a_send_without_an_answer_is_in_doubt_and_resent_only_on_request(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    silent = _Silent()
    store = str(tmp_path / "s.sqlite")
    target = f"json://127.0.0.1:{silent.sock.getsockname()[1]}/hook?rto=0.5"
    try:
        assert _check(tmp_path, V1, "--notify", target) == 0
        assert _check(tmp_path, V2, "--notify", target) == 5
        assert "in doubt" in capsys.readouterr().err
        assert len(silent.received) == 1
        event_id = silent.received[0]["event_id"]
        assert len(event_id) == 64  # the alert's id: a receiver drops a second copy by it
        assert _check(tmp_path, V2, "--notify", target) == 0  # unchanged page: nothing resent
        assert main(["alerts", "--store", store, "--retry", "--notify", target]) == 0
        assert len(silent.received) == 1
        assert main(["alerts", "--store", store]) == 0
        listing = capsys.readouterr().out
        assert "in doubt" in listing and "may have arrived" in listing
        assert main(["alerts", "--store", store, "--retry", "--resend-in-doubt", "--notify", target]) == 5
        assert len(silent.received) == 2 and silent.received[1]["event_id"] == event_id
    finally:
        silent.close()


# 13. `check` announces what it queued.


def test_check_announces_exactly_the_alerts_it_queued(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with endpoint() as receiver:
        for version in (V1, V2, V1, V2):  # Salle 1 -> 2 -> 1 -> 2
            with Store.open(tmp_path / "s.sqlite") as store:
                before = len(store.query("SELECT id FROM outbox"))
            capsys.readouterr()
            assert _check(tmp_path, version, "--notify", receiver.url) == 0
            out = capsys.readouterr().out
            with Store.open(tmp_path / "s.sqlite") as store:
                queued = [r[0] for r in store.query("SELECT subject FROM outbox ORDER BY id")][before:]
            announced = [line.strip()[2:] for line in out.splitlines() if line.strip().startswith("* ")]
            assert announced == queued, out
            assert f"{len(queued)} alert(s)" in out or "first snapshot" in out


def test_the_store_says_which_rows_it_queued(tmp_path: Path) -> None:
    row = NewAlert("key", "hmac-sha256:00", "json://127.0.0.1:9/…", "room_changed", "s", "fr", "subject", "body")
    with Store.open(tmp_path / "s.sqlite") as store, store.check("p") as tx:
        assert tx.queue([row]) == [row]
        assert tx.queue([row]) == []
