"""Issue 11's four bugs, each through a real page on 127.0.0.1 and a real json:// endpoint."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from extractor.cli import main
from extractor.monitor.check import CheckResult, check
from extractor.monitor.store import Store
from extractor.read import fetch
from tests.endpoint import Endpoint, endpoint
from tests.site import FAST, PROGRAMME, Site, truncated

BREAK_AT_3 = ("15h00-15h30\nPause", "15h30-16h00\nPause")
ROOM_OF_CLOSING = ("Auditorium Jean-Coutu", "Salle 3.300")


@pytest.fixture(autouse=True)
def _fresh_fetch_state() -> None:
    fetch.reset_state()


def run(store: Store, site: Site, ep: Endpoint) -> CheckResult:
    return check(site.url, store=store, notify=[ep.url], fetch=FAST)


def kinds(ep: Endpoint) -> Counter[str]:
    return Counter(m["title"].split(" : ")[0] for m in ep.received)


def test_a_value_going_back_and_forth_alerts_every_time(httpserver: HTTPServer, tmp_path: Path) -> None:
    site = Site(httpserver)
    with endpoint() as ep, Store.open(tmp_path / "s.sqlite") as store:
        run(store, site, ep)
        # 15h00 -> 15h30 -> 15h00 -> 15h30, then the room 1 -> 2 -> 1 -> 2
        for values, step in [(v, step) for v in (BREAK_AT_3, ROOM_OF_CLOSING) for step in range(1, 5)]:
            site.text = PROGRAMME.replace(values[0], values[step % 2])
            result = run(store, site, ep)
            assert [d.ok for d in result.deliveries] == [True] * len(result.alerts) == [True]
        assert kinds(ep) == Counter({"Changement d'horaire": 4, "Changement de salle": 4})


def test_a_truncated_page_raises_no_removal_alert_and_a_returning_page_none(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    site = Site(httpserver)
    with endpoint() as ep, Store.open(tmp_path / "s.sqlite") as store:
        run(store, site, ep)
        site.text = truncated(PROGRAMME, 2)  # a deploy in progress
        cut = run(store, site, ep)
        assert [a.event.kind for a in cut.alerts] == [] and ep.received == []
        site.text = PROGRAMME
        back = run(store, site, ep)
        assert (back.alerts, ep.received) == ([], [])
        assert back.changes == [] and back.returned == 4  # the sessions were never gone: not "added"


def test_placeholders_are_provisional_values_so_the_real_ones_confirm(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    site = Site(httpserver)
    with endpoint() as ep, Store.open(tmp_path / "s.sqlite") as store:
        run(store, site, ep)
        site.text = (PROGRAMME.replace("Salle à venir", "Salle 2.110")
                     .replace("Salle 1.120 (à confirmer)", "Salle 1.120")
                     .replace("Description à venir.", "Description : Les transports collectifs de demain, "
                              "discutés par des élus et des usagers."))
        result = run(store, site, ep)
        assert sorted(a.event.kind for a in result.alerts) == [
            "description_finalized", "room_confirmed", "room_confirmed"]
        assert kinds(ep) == Counter({"Salle confirmée": 2, "Description définitive": 1})


def test_rooms_to_confirm_counts_provisional_rooms_only(
    httpserver: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = Site(httpserver)
    store = str(tmp_path / "s.sqlite")
    with endpoint() as ep:
        assert main(["check", site.url, "--store", store, "--notify", ep.url, "--ignore-robots"]) == 0
        capsys.readouterr()
        assert main(["history", site.url, "--store", store, "--json"]) == 0
        (snapshot,) = json.loads(capsys.readouterr().out)["snapshots"]
        assert snapshot["provisional_rooms"] == 2  # "Salle à venir", "Salle 1.120 (à confirmer)": not the breaks
        assert main(["history", site.url, "--store", store]) == 0
        assert "salles à confirmer : 2," in capsys.readouterr().out
        assert ep.received == []
