"""What machine endpoints receive: the alert's data as JSON, per schemas/alert.schema.json; and --digest."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from extractor.changes.payload import AlertMessage
from extractor.monitor.check import check
from extractor.monitor.health import FailureAlerts
from extractor.monitor.store import Store
from extractor.read import fetch
from tests.conftest import ROOT
from tests.endpoint import endpoint
from tests.site import FAST, PROGRAMME, Site

SCHEMA = ROOT / "schemas" / "alert.schema.json"
CONFIRMED = PROGRAMME.replace("Salle à venir", "Salle 2.110").replace("Salle 1.120 (à confirmer)", "Salle 1.120")


@pytest.fixture(autouse=True)
def _fresh_fetch_state() -> None:
    fetch.reset_state()


def test_the_published_schema_is_the_models_one() -> None:
    proc = subprocess.run([sys.executable, "-m", "extractor", "schema", "--alert"], capture_output=True, text=True,
                          cwd=ROOT, check=True)
    assert json.loads(proc.stdout) == json.loads(SCHEMA.read_text(encoding="utf-8")), \
        "run `make schema` and commit schemas/alert.schema.json"


def valid(message: dict[str, Any]) -> AlertMessage:
    """The message, checked against the published schema's models (no field missing, none unknown)."""
    return AlertMessage.model_validate(message)


def test_json_and_webhook_targets_get_the_alerts_data(httpserver: HTTPServer, tmp_path: Path) -> None:
    site = Site(httpserver)
    with endpoint() as ep, Store.open(tmp_path / "s.sqlite") as store:
        webhook = ep.url.replace("json://", "http://")  # a plain webhook: the same JSON, posted
        first = check(site.url, store=store, notify=[ep.url, webhook], fetch=FAST)
        site.text = CONFIRMED
        result = check(site.url, store=store, notify=[ep.url, webhook], fetch=FAST)
        assert [d.ok for d in result.deliveries] == [True] * 4
    messages = [valid(m) for m in ep.received]
    assert [m.kind for m in messages] == ["change"] * 4 and {m.language for m in messages} == {"fr"}
    by_title = {m.events[0].title: m for m in messages}
    room = by_title["Les transports collectifs"]
    assert room.title == "Salle confirmée : Les transports collectifs" and "Salle 2.110" in room.message
    (event,) = room.events
    assert first.snapshot is not None
    session = next(s for s in store_sessions(tmp_path, first.snapshot.id) if s["title"] == event.title)
    assert (event.kind, event.uid, event.id, event.old_id, event.old, event.new) == (
        "room_confirmed", session["uid"], "les-transports-collectifs", "les-transports-collectifs",
        "Salle à venir", "Salle 2.110")
    assert (event.day, event.start, event.end, event.snapshot, event.page) == (
        "2025-11-19", "10:45", "12:00", 2, site.url)
    assert event.cosmetic is False and event.detected_at.startswith("20")


def store_sessions(tmp_path: Path, snapshot_id: int) -> list[dict[str, Any]]:
    with Store.open(tmp_path / "s.sqlite") as store:
        return [s.model_dump() for s in store.programme(snapshot_id).sessions]


def test_a_digest_is_one_message_per_check_and_target(httpserver: HTTPServer, tmp_path: Path) -> None:
    site = Site(httpserver)
    with endpoint() as ep, Store.open(tmp_path / "s.sqlite") as store:
        check(site.url, store=store, notify=[ep.url], fetch=FAST, digest=True)
        site.text = CONFIRMED.replace("Description à venir.", "Description : Les transports de demain.")
        result = check(site.url, store=store, notify=[ep.url], fetch=FAST, digest=True)
        assert len(result.alerts) == 3 and len(result.deliveries) == 1
        check(site.url, store=store, notify=[ep.url], fetch=FAST, digest=True)  # unchanged: nothing more
    (message,) = [valid(m) for m in ep.received]
    assert message.kind == "digest" and message.title == "Programme modifié : 3 changements"
    assert sorted(e.kind for e in message.events) == ["description_finalized", "room_confirmed", "room_confirmed"]
    assert message.message.count("\n- ") == 3 and message.message.startswith("3 changements au programme :")


def test_a_pages_own_alert_is_json_too(tmp_path: Path) -> None:
    with endpoint() as ep, Store.open(tmp_path / "s.sqlite") as store:
        for _ in range(2):
            with pytest.raises(Exception, match="no such file"):
                check(str(tmp_path / "missing.txt"), store=store, page_key="p", notify=[ep.url],
                      failure_alerts=FailureAlerts("Colloque", 2, "en"))
    (message,) = [valid(m) for m in ep.received]
    assert (message.kind, message.page, message.events, message.title) == ("failing", "p", [], "Page failing: Colloque")


def test_received_messages_validate_against_the_published_file(httpserver: HTTPServer, tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed (the models check the "
                                     "same schema above)")
    site = Site(httpserver)
    with endpoint() as ep, Store.open(tmp_path / "s.sqlite") as store:
        check(site.url, store=store, notify=[ep.url], fetch=FAST)
        site.text = CONFIRMED
        check(site.url, store=store, notify=[ep.url], fetch=FAST)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    for message in ep.received:
        jsonschema.validate(message, schema)
