"""Alerts delivered through Apprise's json:// to a real HTTP endpoint on 127.0.0.1."""

from __future__ import annotations

import socket
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from extractor.changes.alerts import plan_alerts
from extractor.changes.diff import diff
from extractor.errors import ConfigError
from extractor.monitor.check import CheckResult, check
from extractor.monitor.deliver import backoff, deliver_pending
from extractor.monitor.outbox import Outbox
from extractor.monitor.store import Store
from extractor.monitor.targets import resolve
from tests.builders import changed, description_of, programme, room_of, session
from tests.conftest import SAMPLES
from tests.endpoint import endpoint

SERIES = sorted((SAMPLES / "series").glob("*.txt"))
A = "Coproduction et numérique – L’exemple de la MRC de Thérèse-De Blainville"
B = "Coproduction et logement social – Le cas des Habitations Saint-Michel Nord"
T0 = datetime(2025, 11, 1, 12, 0, tzinfo=UTC)


def run(store: Store, step: int, notify: list[str], **kwargs: Any) -> CheckResult:
    return check(str(SERIES[step]), store=store, page_key="series", notify=notify, **kwargs)


def test_first_snapshot_sends_nothing_then_each_alert_once(tmp_path: Path) -> None:
    with endpoint() as ep, Store.open(tmp_path / "s.sqlite") as store:
        first = run(store, 0, [ep.url])
        assert (first.status, first.alerts, ep.received) == ("first", [], [])
        second = run(store, 1, [ep.url])
        assert [d.ok for d in second.deliveries] == [True, True]
        run(store, 1, [ep.url])  # unchanged
        run(store, 2, [ep.url])
        assert ep.titles() == Counter(
            {f"Salle confirmée : {A}": 1, f"Salle confirmée : {B}": 1, f"Description définitive : {A}": 1}
        )
        message = next(m for m in ep.received if "Marie-Gérin-Lajoie" in m["message"])
        assert "(13h30–14h45) est confirmée : Salle Marie-Gérin-Lajoie." in message["message"]
        assert "Programme : " + str(SERIES[1]) in message["message"]


def test_endpoint_down_then_up_delivers_each_alert_exactly_once(tmp_path: Path) -> None:
    with endpoint() as ep, Store.open(tmp_path / "s.sqlite") as store:
        run(store, 0, [ep.url], now=T0)
        ep.down = True
        result = run(store, 1, [ep.url], now=T0)
        assert [d.ok for d in result.deliveries] == [False, False]
        rows = Outbox(store).rows()
        assert [(r.attempts, r.state(T0), r.next_try_at) for r in rows] == [
            (1, "waiting", "2025-11-01T12:01:00.000000+00:00")
        ] * 2
        ep.down = False
        # Before the backoff has passed, a check leaves them alone.
        assert deliver_pending(store, resolve([ep.url], store.key), now=T0 + timedelta(seconds=30)) == []
        assert ep.received == []
        delivered = deliver_pending(store, resolve([ep.url], store.key), now=T0 + timedelta(minutes=2))
        assert [d.ok for d in delivered] == [True, True]
        targets = resolve([ep.url], store.key)
        assert deliver_pending(store, targets, now=T0 + timedelta(hours=1), ignore_backoff=True) == []
        run(store, 1, [ep.url], now=T0 + timedelta(hours=2))
        assert set(ep.titles().values()) == {1} and len(ep.received) == 2


def test_an_unreachable_notifier_keeps_the_alert_with_the_reason(tmp_path: Path) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    target = f"json://127.0.0.1:{port}/hook"
    with Store.open(tmp_path / "s.sqlite") as store:
        run(store, 0, [target])
        result = run(store, 1, [target])
        assert all(not d.ok and "onnection" in (d.error or "") for d in result.deliveries)
        assert all(r.delivered_at is None and r.last_error for r in Outbox(store).rows())


def test_a_send_interrupted_by_a_dead_process_is_in_doubt_and_not_resent(tmp_path: Path) -> None:
    with endpoint() as ep, Store.open(tmp_path / "s.sqlite") as store:
        run(store, 0, [ep.url])
        ep.down = True
        run(store, 1, [ep.url], now=T0)
        ep.down = False
        row = Outbox(store).rows()[0]
        # A process claimed it, then died: the claim was never released.
        assert Outbox(store).claim(row.id, "dead-worker", T0)
        later = T0 + timedelta(hours=1)
        assert Outbox(store).rows()[0].state(later) == "in doubt"
        sent = deliver_pending(store, resolve([ep.url], store.key), now=later, ignore_backoff=True)
        assert [d.outbox_id for d in sent] == [Outbox(store).rows()[1].id]
        resent = deliver_pending(store, resolve([ep.url], store.key), now=later, ignore_backoff=True,
                                 resend_in_doubt=True)
        assert [d.outbox_id for d in resent] == [row.id]
        assert len(ep.received) == 2


def test_chosen_kinds_alert_and_cosmetic_changes_never_do() -> None:
    old = programme(session("Atelier", description="Texte – provisoire."))
    new = changed(
        old, 0, description=description_of(old.sessions[0]).model_copy(update={"text": "Texte - provisoire."})
    )
    events = diff(old, new)
    assert [(e.kind, e.cosmetic) for e in events] == [("description_changed", True)]
    assert plan_alerts(events, "fr", frozenset({"description_changed"})) == []
    retitled = diff(old, changed(old, 0, title="Atelier pratique"))
    assert plan_alerts(retitled, "fr") == []
    assert [a.event.kind for a in plan_alerts(retitled, "fr", frozenset({"title_changed"}))] == [
        "title_changed"
    ]


def test_messages_are_in_the_pages_language() -> None:
    old = programme(
        session("Opening keynote", "09:00", "10:00", day="2025-11-19", room="Room TBA"), language="en"
    )
    new = changed(
        old, 0, room=room_of(old.sessions[0]).model_copy(update={"name": "Great Hall", "provisional": False})
    )
    (alert,) = plan_alerts(diff(old, new), "en", link="https://example.org/prog")
    assert alert.subject == "Room confirmed: Opening keynote"
    assert alert.body == (
        "The room for “Opening keynote” (Wednesday 19 November 2025, 09:00–10:00) is confirmed: Great Hall."
        "\n\nProgramme: https://example.org/prog"
    )
    (alert,) = plan_alerts(diff(old, new), "fr")
    assert alert.body.startswith("La salle de « Opening keynote » (mercredi 19 novembre 2025, 09h00–10h00)")


def test_bad_kinds_and_bad_urls_are_refused_before_anything_is_stored(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite") as store:
        with pytest.raises(ConfigError, match="unknown change kind"):
            run(store, 0, [], alert_on={"room_confirmed", "room_moved"})
        with pytest.raises(ConfigError, match="Apprise"):
            run(store, 0, ["not-a-scheme://x"])
        assert store.pages() == []


def test_backoff_doubles_up_to_six_hours() -> None:
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [60, 120, 240, 480]
    assert backoff(30) == timedelta(hours=6)
