"""A truncated or broken page raises no removal alert until the next check confirms it (issue 11.2)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from extractor.changes.guard import RemovalGuard
from extractor.cli import main
from extractor.errors import ParseError
from extractor.monitor.check import CheckResult, check
from extractor.monitor.reparse import reparse
from extractor.monitor.store import Store
from extractor.read import fetch
from tests.endpoint import Endpoint, endpoint
from tests.site import FAST, PROGRAMME, Site, truncated

REMOVED = "Séance retirée"


@pytest.fixture(autouse=True)
def _fresh_fetch_state() -> None:
    fetch.reset_state()


def run(store: Store, site: Site, ep: Endpoint, **kwargs: object) -> CheckResult:
    return check(site.url, store=store, notify=[ep.url], fetch=FAST, **kwargs)  # type: ignore[arg-type]


def subjects(ep: Endpoint) -> Counter[str]:
    return Counter(m["title"].split(" : ")[0] for m in ep.received)


def test_a_page_still_truncated_at_the_next_check_confirms_each_removal_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page, store = tmp_path / "programme.txt", str(tmp_path / "s.sqlite")
    page.write_text(PROGRAMME, encoding="utf-8")
    with endpoint() as ep:
        argv = ["check", str(page), "--store", store, "--page", "p", "--notify", ep.url]
        assert main(argv) == 0
        page.write_text(truncated(PROGRAMME, 2), encoding="utf-8")
        assert main(argv) == 0
        out = capsys.readouterr().out
        assert "suspecte : la page a perdu 4 séance(s) d'un coup" in out and ep.received == []
        assert main(argv) == 0  # the same truncated page: the removals were real
        out = capsys.readouterr().out
        assert "retraits retenus de p@2 : 4 confirmé(s) (signalé(s) maintenant)" in out
        assert subjects(ep) == Counter({REMOVED: 4})
        assert main(argv) == 0 and subjects(ep) == Counter({REMOVED: 4})  # once
        capsys.readouterr()
        assert main(["history", "p", "--store", store]) == 0
        assert "suspect : 4 retrait(s) retenu(s) ; " in capsys.readouterr().out
        assert main(["history", "p", "--store", store, "--json"]) == 0
        hold = json.loads(capsys.readouterr().out)["snapshots"][1]["hold"]
        assert (hold["state"], hold["removals"], hold["confirmed"], hold["dropped"]) == ("confirmed", 4, 4, 0)


def test_sessions_back_are_compared_with_what_they_were_and_keep_their_uids(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    site = Site(httpserver)
    with endpoint() as ep, Store.open(tmp_path / "s.sqlite") as store:
        before = run(store, site, ep)
        site.text = truncated(PROGRAMME, 2)
        cut = run(store, site, ep)
        assert cut.snapshot is not None and cut.snapshot.suspect and len(cut.held) == 4
        # Back, and meanwhile a room was confirmed: that is news; the return is not.
        site.text = PROGRAMME.replace("Salle à venir", "Salle 2.110")
        back = run(store, site, ep)
        assert [(e.kind, e.title) for e in back.changes] == [("room_confirmed", "Les transports collectifs")]
        assert (back.returned, back.confirmed, subjects(ep)) == (4, [], Counter({"Salle confirmée": 1}))
        assert before.snapshot and back.snapshot
        uids = [[s.uid for s in store.programme(r.snapshot.id).sessions] for r in (before, back)]  # type: ignore[union-attr]
        assert uids[0] == uids[1]
        assert store.snapshots(site.url)[1].hold is not None and not store.snapshots(site.url)[1].suspect


def test_some_back_some_gone_confirms_only_the_gone(httpserver: HTTPServer, tmp_path: Path) -> None:
    site = Site(httpserver)
    with endpoint() as ep, Store.open(tmp_path / "s.sqlite") as store:
        run(store, site, ep)
        site.text = truncated(PROGRAMME, 2)
        run(store, site, ep)
        site.text = truncated(PROGRAMME, 4)  # two of the four are back
        partly = run(store, site, ep)
        assert (partly.returned, [e.title for e in partly.confirmed]) == (2, ["Pause", "Bilan de la journée"])
        assert subjects(ep) == Counter({REMOVED: 2}) and partly.held == []


def test_small_losses_alert_at_once_and_the_guard_can_be_turned_off(httpserver: HTTPServer, tmp_path: Path) -> None:
    site = Site(httpserver)
    with endpoint() as ep, Store.open(tmp_path / "s.sqlite") as store:
        run(store, site, ep)
        site.text = truncated(PROGRAMME, 4)  # 2 of 6: under the minimum of 3
        assert [a.event.kind for a in run(store, site, ep).alerts] == ["session_removed"] * 2
        site.text = PROGRAMME
        run(store, site, ep)
        site.text = truncated(PROGRAMME, 2)
        off = run(store, site, ep, guard=RemovalGuard(share=0))
        assert (off.held, len(off.alerts)) == ([], 4) and subjects(ep) == Counter({REMOVED: 6})
    assert RemovalGuard(0.5, 3).trips(3, 6) and not RemovalGuard(0.5, 3).trips(3, 7)


def test_a_page_that_no_longer_reads_as_a_programme_alerts_nothing(httpserver: HTTPServer, tmp_path: Path) -> None:
    site = Site(httpserver)
    with endpoint() as ep, Store.open(tmp_path / "s.sqlite") as store:
        run(store, site, ep)
        site.text = "Site en maintenance. Revenez plus tard.\n"  # a CMS error page, served 200
        with pytest.raises(ParseError):
            run(store, site, ep)
        site.text = PROGRAMME
        assert run(store, site, ep).status == "unchanged" and ep.received == []


def test_reparse_keeps_the_guards_reading_of_a_suspect_snapshot(tmp_path: Path) -> None:
    page = tmp_path / "programme.txt"
    with Store.open(tmp_path / "s.sqlite") as store:
        for text in (PROGRAMME, truncated(PROGRAMME, 2), PROGRAMME.replace("Salle à venir", "Salle 2.110")):
            page.write_text(text, encoding="utf-8")
            check(str(page), store=store, page_key="p")
        before = [store.events(s.id) for s in store.snapshots("p")]
        reparse(store, "p")
        snapshots = store.snapshots("p")
        assert [store.events(s.id) for s in snapshots] == before
        assert [e.kind for e in before[2]] == ["room_confirmed"]  # not four sessions "added"
        assert snapshots[1].hold is not None and snapshots[1].hold.state == "dropped"
