"""Failure memory: one error notice at N consecutive failures, one on recovery, on a real store."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.health import guarded_check, notice_after_failure, notice_after_success
from extractor.monitor import check
from extractor.store import Store

ROOT = Path(__file__).resolve().parent.parent
GOOD = str(ROOT / "samples" / "series" / "01-initial.txt")


@pytest.mark.parametrize(
    ("failures", "threshold", "due"), [(1, 3, False), (3, 3, True), (4, 3, False), (5, 0, False)]
)
def test_error_notice_when_the_count_reaches_the_threshold(failures: int, threshold: int, due: bool) -> None:
    notice = notice_after_failure(failures, threshold, label="L", url="http://x/", error="HTTP 500 for http://x/")
    assert (notice is not None) == due


@pytest.mark.parametrize(
    ("before", "threshold", "due"), [(0, 3, False), (2, 3, False), (3, 3, True), (9, 3, True)]
)
def test_recovery_notice_only_after_an_error_notice(before: int, threshold: int, due: bool) -> None:
    assert (notice_after_success(before, threshold, label="L", url="http://x/") is not None) == due


def test_notices_speak_the_page_language() -> None:
    fr = notice_after_failure(3, 3, label="Colloque", url="http://x/", error="HTTP 503", language="fr")
    en = notice_after_success(3, 3, label="Colloque", url="http://x/", language=None)
    assert fr is not None and fr.subject == "Page en échec : Colloque" and "HTTP 503" in fr.body
    assert en is not None and en.subject == "Page back: Colloque"


class Outbox:
    def __init__(self, fail_with: str | None = None) -> None:
        self.sent: list[tuple[str, str]] = []
        self.fail_with = fail_with

    def __call__(self, target: str, subject: str, _body: str) -> str | None:
        self.sent.append((target, subject))
        return self.fail_with


def test_failure_streak_alerts_once_then_recovery_once(tmp_path: Path) -> None:
    outbox = Outbox()
    source = {"path": str(tmp_path / "missing.txt")}
    with Store.open(tmp_path / "s.sqlite") as store:

        def one_check() -> str | None:
            guarded = guarded_check(
                lambda: check(source["path"], store=store, page_key="page"),
                store=store, page_key="page", label="Page", url=source["path"],
                notify=["json://127.0.0.1:9/x"], threshold=2, send=outbox,
            )
            return guarded.notice.kind if guarded.notice else None

        assert [one_check() for _ in range(4)] == [None, "failing", None, None]
        assert store.consecutive_failures("page") == 4
        source["path"] = GOOD
        assert [one_check() for _ in range(2)] == ["recovered", None]
        assert store.consecutive_failures("page") == 0
    assert [subject for _, subject in outbox.sent] == ["Page failing: Page", "Page back: Page"]


def test_a_bug_in_a_check_is_contained_and_counted(tmp_path: Path) -> None:
    def broken() -> None:
        raise KeyError("boom")

    outbox = Outbox(fail_with="endpoint down")
    with Store.open(tmp_path / "s.sqlite") as store:
        guarded = guarded_check(broken, store=store, page_key="p", label="P", url="http://x/",
                                notify=["json://127.0.0.1:9/x"], threshold=1, send=outbox)
        assert not guarded.ok
        assert str(guarded.error).startswith("internal error while checking http://x/: KeyError")
        assert store.consecutive_failures("p") == 1
    assert guarded.notice is not None and guarded.notice.kind == "failing"
    assert guarded.delivery_errors and guarded.delivery_errors[0].endswith("endpoint down")
