"""Alert rules: which events alert, their idempotency keys, the alerts as worded for the user, and the
messages they make (one per alert, or one digest per check).

Which events alert is a rule over kinds (cosmetic events never do); the wording lives in
extractor.changes.messages, the data machine endpoints get in extractor.changes.payload.
Queuing and delivering messages is extractor.monitor's.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from extractor.changes.diff import ChangeEvent
from extractor.changes.kinds import DEFAULT_ALERT_KINDS, KINDS
from extractor.changes.messages import compose, compose_digest
from extractor.changes.payload import alert_data, event_data
from extractor.errors import ConfigError
from extractor.lexicon import lexicon
from extractor.lexicon.messages import wording_language


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
    return [e for e in events if e.kind in kinds and not e.cosmetic and not _placeholder_session(e)]


def _placeholder_session(event: ChangeEvent) -> bool:
    """A "session" that was only a placeholder line ("Description à venir.", "Salle à venir"), as parsers
    before issue 11 read one: its going away when the real text arrives is no news."""
    if event.kind not in ("session_removed", "session_added"):
        return False
    lex = lexicon()
    described = lex.description_label_re.match(event.title)
    return bool(lex.room_provisional_re.match(event.title) or (
        described and not (described.group("text") or "").strip()
        and described.group("label").lower() in lex.description_provisional))


def idempotency_key(event: ChangeEvent, snapshot: int) -> str:
    """One event: this change of this session, found in snapshot number `snapshot` of the page.

    The snapshot is part of the key: a value going back and forth (15h00, 15h30, 15h00, 15h30) is a
    new event each time, while two checks that saw the same snapshot (only one of them stores it)
    share the key, so each event is sent once per target. A removal has no new value: the old one
    tells two removed speakers of one session apart.
    """
    material = json.dumps([event.page, snapshot, event.uid or event.session_id, event.kind, event.field,
                           event.detail, event.old, event.new], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(material.encode()).hexdigest()


@dataclass(frozen=True)
class Alert:
    """An alert as shown to the user, whether or not a target was given."""

    event: ChangeEvent
    language: str
    subject: str
    body: str
    idem_key: str
    snapshot: int = 0  # the number of the snapshot that found the event


def plan_alerts(events: Iterable[ChangeEvent], language: str | None,
                kinds: frozenset[str] = DEFAULT_ALERT_KINDS, link: str | None = None, *,
                snapshot: int = 0) -> list[Alert]:
    """The alerts for these events of snapshot number `snapshot`, worded in the page's language (English
    when unknown)."""
    lang = wording_language(language)
    return [Alert(e, lang, *compose(e, lang, link), idempotency_key(e, snapshot), snapshot)
            for e in alert_worthy(events, kinds)]


@dataclass(frozen=True)
class Message:
    """What the outbox queues for each target: one alert, or a digest of a check's alerts."""

    idem_key: str
    kind: str  # the change kind, or "digest"
    session_id: str  # '' for a digest
    uid: str | None
    language: str
    subject: str
    body: str
    payload: str  # JSON for machine endpoints (changes.payload)
    alerts: tuple[str, ...] = ()  # the idempotency keys of the alerts it holds


def messages(alerts: list[Alert], *, detected_at: str, digest: bool = False, link: str | None = None) -> list[Message]:
    """One message per alert; with `digest`, one for them all (when there are several)."""
    if not digest or len(alerts) < 2:
        return [Message(a.idem_key, a.event.kind, a.event.session_id, a.event.uid, a.language, a.subject, a.body,
                        alert_data("change", a.event.page, a.language,
                                   [event_data(a.event, a.snapshot, detected_at)]), (a.idem_key,))
                for a in alerts]
    language, page = alerts[0].language, alerts[0].event.page
    subject, body = compose_digest([a.event for a in alerts], language, link)
    # Named by the alerts it holds: two checks that found the same events queue it once.
    key = hashlib.sha256(json.dumps(["digest", *sorted(a.idem_key for a in alerts)]).encode()).hexdigest()
    data = alert_data("digest", page, language, [event_data(a.event, a.snapshot, detected_at) for a in alerts])
    return [Message(key, "digest", "", None, language, subject, body, data, tuple(a.idem_key for a in alerts))]
