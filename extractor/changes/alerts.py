"""Alert rules: which events alert, their idempotency keys, and the alerts as worded for the user.

Which events alert is a rule over kinds (cosmetic events never do); the wording lives in
extractor.changes.messages. Queuing and delivering alerts is extractor.monitor's.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from extractor.changes.diff import ChangeEvent
from extractor.changes.kinds import DEFAULT_ALERT_KINDS, KINDS
from extractor.changes.messages import compose, wording_language
from extractor.errors import ConfigError


def alert_kinds(kinds: Iterable[str] | None) -> frozenset[str]:
    """The kinds that alert: the default set, or the user's choice checked against GUIDE §3."""
    if kinds is None:
        return DEFAULT_ALERT_KINDS
    chosen = frozenset(kinds)
    unknown = sorted(chosen - set(KINDS))
    if unknown:
        raise ConfigError(f"unknown change kind(s) {', '.join(unknown)}; choose from {', '.join(KINDS)}")
    return chosen


def alert_worthy(events: Iterable[ChangeEvent],
                 kinds: frozenset[str] = DEFAULT_ALERT_KINDS) -> list[ChangeEvent]:
    return [e for e in events if e.kind in kinds and not e.cosmetic]


def idempotency_key(event: ChangeEvent) -> str:
    """(page, session, kind, new value): the same news is never sent twice.

    A removal has no new value, so the old one stands in for it (two speakers removed
    from one session are two alerts).
    """
    new = event.new if event.new is not None else {"removed": event.old}
    material = json.dumps([event.page, event.session_id, event.kind, event.field, new],
                          ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(material.encode()).hexdigest()


@dataclass(frozen=True)
class Alert:
    """An alert as shown to the user, whether or not a target was given."""

    event: ChangeEvent
    language: str
    subject: str
    body: str
    idem_key: str


def plan_alerts(events: Iterable[ChangeEvent], language: str | None,
                kinds: frozenset[str] = DEFAULT_ALERT_KINDS, link: str | None = None) -> list[Alert]:
    """The alerts for these events, worded in the page's language (English when unknown)."""
    lang = wording_language(language)
    return [Alert(e, lang, *compose(e, lang, link), idempotency_key(e)) for e in alert_worthy(events, kinds)]
