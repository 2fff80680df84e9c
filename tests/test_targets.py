"""Notification URLs stay out of the store and out of every output; the outbox can be tried, retried, dropped."""

from __future__ import annotations

import logging
import socket
import sqlite3
import threading
from pathlib import Path

import pytest

from extractor.cli import main
from extractor.monitor.outbox import Outbox
from extractor.monitor.store import Store
from extractor.monitor.store_schema import MIGRATIONS
from extractor.monitor.targets import key_path, load_key
from tests.conftest import SAMPLES
from tests.endpoint import Endpoint, endpoint

SERIES = sorted((SAMPLES / "series").glob("*.txt"))
SECRET = "s3cr3t-t0ken"


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out + err


def secret_url(ep: Endpoint) -> str:
    return ep.url.replace("json://", f"json://organiser:{SECRET}@")


def store_bytes(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*") if p.suffix != ".key")


def test_no_url_is_stored_or_printed_and_the_key_is_private(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "s.sqlite"
    outputs = []
    with endpoint() as ep:
        url = secret_url(ep)
        for version in SERIES[:2]:
            for extra in ([], ["--json"]):
                outputs.append(cli(capsys, "check", str(version), "--store", str(store), "--page", "p",
                                   "--notify", url, *extra)[1])
        ep.down = True
        outputs.append(cli(capsys, "check", str(SERIES[2]), "--store", str(store), "--page", "p", "--notify", url)[1])
        for argv in (["alerts", "--all"], ["alerts", "--json", "--all"], ["history", "p", "--json"], ["pages"]):
            outputs.append(cli(capsys, *argv, "--store", str(store))[1])
        assert len(ep.received) == 2 and " : ÉCHEC (" in outputs[-5]
    assert SECRET not in "".join(outputs)
    assert SECRET.encode() not in store_bytes(store)
    labels = {r.target_label for r in Outbox(Store.open(store)).rows()}
    assert labels == {f"json://127.0.0.1:{ep.server.server_port}/…"}
    assert key_path(store).stat().st_mode & 0o077 == 0 and len(load_key(store)) == 32


def schema_2_store(path: Path, outbox_row: str) -> Path:
    """A store as versions before issue 11 left it (schema 2), holding its targets' URLs in clear."""
    db = sqlite3.connect(path)
    for migration in MIGRATIONS[:2]:
        db.executescript(migration)
    db.executescript(f"""
        CREATE TABLE schema_version (version INTEGER NOT NULL);
        INSERT INTO schema_version VALUES (2);
        INSERT INTO pages VALUES (1, 'k', '2025-11-01', NULL, NULL);
        INSERT INTO outbox {outbox_row};
    """)
    db.close()
    return path


def test_an_older_store_forgets_its_urls_and_still_delivers_when_given_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with endpoint() as ep:
        url = secret_url(ep)
        path = schema_2_store(tmp_path / "old.sqlite", f"""
            (id, idem_key, target, page_id, kind, session_id, language, subject, body, created_at)
            VALUES (3, 'key1', '{url}', 1, 'failing', '', 'en', 'Page failing: k', 'body', '2025-11-01')""")
        assert SECRET.encode() in store_bytes(path)
        with Store.open(path) as store:
            (row,) = Outbox(store).rows()
        assert SECRET.encode() not in store_bytes(path)
        assert (row.id, row.target_label, row.state()) == (3, f"json://127.0.0.1:{ep.server.server_port}/…", "pending")
        code, out = cli(capsys, "alerts", "--retry", "--store", str(path), "--notify", url)
        assert code == 0 and ": sent" in out and [m["title"] for m in ep.received] == ["Page failing: k"]


def test_an_older_stores_send_in_doubt_stays_in_doubt(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 10's "in doubt" (a send that went out unanswered) in a store of schema 2, opened by issue 11's code."""
    with endpoint() as ep:
        url = secret_url(ep)
        path = schema_2_store(tmp_path / "old.sqlite", f"""
            (id, idem_key, target, page_id, kind, session_id, language, subject, body, created_at, attempts,
             last_error, claimed_by, claimed_until)
            VALUES (4, 'key4', '{url}', 1, 'room_confirmed', 's', 'en', 'Room confirmed: S', 'body', '2025-11-01', 1,
                    'no answer after the message was sent', 'host:1:w', '')""")
        code, out = cli(capsys, "alerts", "--retry", "--store", str(path), "--notify", url)
        assert code == 0 and ep.received == [] and "#4 in doubt" in out
        code, out = cli(capsys, "alerts", "--retry", "--resend-in-doubt", "--store", str(path), "--notify", url)
        assert code == 0 and [(m["title"], m["event_id"]) for m in ep.received] == [("Room confirmed: S", "key4")]
    assert SECRET not in out and SECRET.encode() not in store_bytes(path)


def test_alerts_test_reports_each_target(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"json://127.0.0.1:{s.getsockname()[1]}/hook"
    with endpoint() as ep:
        code, out = cli(capsys, "alerts", "--test", ep.url)
        assert code == 0 and out.strip() == f"json://127.0.0.1:{ep.server.server_port}/…: sent"
        (message,) = ep.received
        assert message["kind"] == "test" and message["title"] == "extractor: test notification"
        code, out = cli(capsys, "alerts", "--test", secret_url(ep), dead)
    assert code == 5 and ": sent\n" in out and "FAILED (" in out and "1 of 2 target(s)" in out
    assert SECRET not in out


def test_waiting_alerts_are_shown_and_can_be_dropped(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     caplog: pytest.LogCaptureFixture) -> None:
    store = str(tmp_path / "s.sqlite")
    with endpoint() as ep:
        argv = ["--store", store, "--page", "p", "--notify", ep.url]
        cli(capsys, "check", str(SERIES[0]), *argv)
        ep.down = True
        code, out = cli(capsys, "check", str(SERIES[1]), *argv)
        assert code == 5 and "2 alerte(s) dans la boîte d'envoi (2 en attente) ; prochain essai " in out
        code, out = cli(capsys, "check", str(SERIES[1]), *argv)  # unchanged, and still says so
        assert code == 0 and "p (p@2) : inchangée\n" in out
        assert "2 alerte(s) dans la boîte d'envoi (2 en attente)" in out  # in the page's language
        with caplog.at_level(logging.WARNING, "extractor"):  # a failed check says so too
            assert cli(capsys, "check", str(tmp_path / "gone.txt"), *argv)[0] == 2
        warned = [r.getMessage() for r in caplog.records if r.name == "extractor.monitor.check"]
        assert len(warned) == 1
        assert warned[0].startswith("p: 2 alerte(s) attendent dans la boîte d'envoi, prochain essai à ")
        with Store.open(store) as s:
            first, second = (r.id for r in Outbox(s).rows())
        code, out = cli(capsys, "alerts", "--store", store, "--drop", str(first))
        assert code == 0 and f"dropped: #{first}" in out
        assert cli(capsys, "alerts", "--store", store, "--drop", str(first))[0] == 2  # already dropped
        code, out = cli(capsys, "alerts", "--store", store, "--drop-target", ep.url)
        assert code == 0 and f"dropped: #{second}" in out
        ep.down = False
        code, out = cli(capsys, "alerts", "--store", store, "--retry", "--notify", ep.url)
        assert code == 0 and "outbox: nothing undelivered" in out and ep.received == []
        code, out = cli(capsys, "alerts", "--store", store, "--all")
        assert out.count(" dropped ") == 2


def test_an_unknown_scheme_is_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(SERIES[0]), "--store", str(tmp_path / "s.sqlite"), "--notify", "jsno://host/x?t=abc"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err == ("extractor: error: not a notification URL extractor can send to: jsno://… (use an Apprise URL "
                   "such as mailto://, slack://, ntfys://, json://, or an http(s):// webhook)\n")
    # A scheme Apprise knows, with a URL it cannot read: not told to use that very scheme.
    code = main(["check", str(SERIES[0]), "--store", str(tmp_path / "s.sqlite"), "--notify", "tgram://s3cret"])
    out, wrong = capsys.readouterr()
    assert code == 2 and out == "" and "s3cret" not in wrong
    assert wrong == ("extractor: error: an incomplete or malformed notification URL: tgram://… (Apprise's page for "
                     "the service says what its URL holds)\n")
    # The same one line, and exit 2, wherever a URL is given.
    main(["check", str(SERIES[0]), "--store", str(tmp_path / "s.sqlite"), "--page", "p"])
    capsys.readouterr()
    for argv in (["alerts", "--test", "jsno://host/x?t=abc"],
                 ["alerts", "--retry", "--store", str(tmp_path / "s.sqlite"), "--notify", "jsno://host/x?t=abc"]):
        assert main(argv) == 2
        out, again = capsys.readouterr()
        assert (out, again) == ("", err)


def test_processes_creating_the_key_at_once_share_one(tmp_path: Path) -> None:
    keys: list[bytes] = []
    start = threading.Barrier(8)

    def read() -> None:
        start.wait()
        keys.append(load_key(tmp_path / "s.sqlite"))

    threads = [threading.Thread(target=read) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(keys)) == 1 and len(keys) == 8
    assert [p.name for p in tmp_path.iterdir()] == ["s.sqlite.key"]


def test_alerts_retry_takes_the_urls_of_a_watch_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, page = tmp_path / "s.sqlite", tmp_path / "programme.txt"
    with endpoint() as ep:
        config = tmp_path / "watch.toml"
        config.write_text(f'notify = ["{secret_url(ep)}"]\n[[page]]\nurl = "{page}"\n', encoding="utf-8")
        for version in SERIES[:2]:
            page.write_bytes(version.read_bytes())
            ep.down = True
            cli(capsys, "check", str(page), "--store", str(store), "--notify", secret_url(ep))
        ep.down = False
        code, out = cli(capsys, "alerts", "--retry", "--store", str(store), "--config", str(config))
    assert code == 0 and out.count(": sent") == 2 and len(ep.received) == 2 and SECRET not in out
