"""Failure memory as watch mode uses it: guarded checks on a real store, alerts to a real json:// endpoint."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extractor.changes.messages import compose_health
from extractor.errors import StoreError
from extractor.monitor.check import CheckResult, attempt
from extractor.monitor.health import FailureAlerts
from extractor.monitor.outbox import Outbox
from extractor.monitor.store import Store
from extractor.watch.scheduler import Guarded, guarded_check
from tests.endpoint import Endpoint, endpoint

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "samples" / "series" / "01-initial.txt"  # a French programme


def test_health_messages_in_both_languages() -> None:
    fr = compose_health("failing", "fr", label="Colloque", url="http://x/", failures=3, error="HTTP 503")
    en = compose_health("recovered", "en", label="Colloque", url="http://x/", failures=4)
    assert fr[0] == "Page en échec : Colloque" and "3 fois de suite" in fr[1] and "HTTP 503" in fr[1]
    assert en == ("Page back: Colloque", "Colloque (http://x/) was checked successfully again, "
                  "after 4 failed checks.")
    assert compose_health("failing", "de", label="L", url="u", failures=3)[0] == "Page failing: L"


def guarded(store: Store, source: Path, ep: Endpoint, threshold: int = 2, language: str | None = "en") -> Guarded:
    return guarded_check(
        lambda: attempt(str(source), store=store, page_key="page", notify=[ep.url],
                        failure_alerts=FailureAlerts("Page", threshold, language)),
        url=str(source),
    )


def test_failure_streak_alerts_once_then_recovery_once(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"  # missing for now: every check fails
    with endpoint() as ep, Store.open(tmp_path / "s.sqlite") as store:
        notices = [guarded(store, page, ep).notice for _ in range(4)]
        assert notices == [None, "failing", None, None]
        assert store.consecutive_failures("page") == 4
        shutil.copy(GOOD, page)
        assert [guarded(store, page, ep).notice for _ in range(2)] == ["recovered", None]
        assert store.consecutive_failures("page") == 0
        assert [m["title"] for m in ep.received] == ["Page failing: Page", "Page back: Page"]
        assert "could not be checked 2 times in a row" in ep.received[0]["message"]
        assert "no such file" in ep.received[0]["message"]


def test_a_threshold_of_zero_sends_neither_alert(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    with endpoint() as ep, Store.open(tmp_path / "s.sqlite") as store:
        assert [guarded(store, page, ep, threshold=0).notice for _ in range(3)] == [None] * 3
        shutil.copy(GOOD, page)
        assert guarded(store, page, ep, threshold=0).notice is None
        assert Outbox(store).rows() == [] and ep.received == []


def test_alerts_speak_the_pages_language_unless_told(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    shutil.copy(GOOD, page)
    with endpoint() as ep, Store.open(tmp_path / "s.sqlite") as store:
        guarded(store, page, ep, language=None)  # a French snapshot
        page.unlink()
        assert [guarded(store, page, ep, language=None).notice for _ in range(2)] == [None, "failing"]
        assert [m["title"] for m in ep.received] == ["Page en échec : Page"]
        assert "Dernière erreur : no such file" in ep.received[0]["message"]


def test_a_bug_outside_the_page_check_is_contained_not_counted(tmp_path: Path) -> None:
    def broken() -> CheckResult:
        raise KeyError("boom")

    with Store.open(tmp_path / "s.sqlite") as store:
        outcome = guarded_check(broken, url="http://x/")
        assert not outcome.ok and outcome.result is None
        assert str(outcome.error) == "internal error while checking http://x/: KeyError: 'boom'"
        assert outcome.error is not None and outcome.error.exit_code == 1
        assert store.consecutive_failures("p") == 0  # not the page's failure


def test_the_stores_trouble_is_reported_and_not_counted(tmp_path: Path) -> None:
    with endpoint() as ep, Store.open(tmp_path / "s.sqlite") as store:
        store.db.execute("PRAGMA query_only = ON")  # as a read-only store file would
        outcome = guarded(store, tmp_path / "missing.txt", ep)
        assert isinstance(outcome.error, StoreError) and outcome.notice is None
        store.db.execute("PRAGMA query_only = OFF")
        assert store.consecutive_failures("page") == 0


@pytest.mark.parametrize("down", [False, True])
def test_delivery_errors_of_the_error_alert_are_reported(tmp_path: Path, down: bool) -> None:
    with endpoint() as ep, Store.open(tmp_path / "s.sqlite") as store:
        ep.down = down
        outcomes = [guarded(store, tmp_path / "missing.txt", ep) for _ in range(2)]
        assert outcomes[1].notice == "failing"
        assert len(outcomes[1].delivery_errors) == int(down)
        assert [r.state() for r in Outbox(store).rows()] == ["waiting" if down else "delivered"]
