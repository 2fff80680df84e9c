"""How often each session of a page changed, and which ones were removed, from its snapshots in order.

Pure: the caller passes the snapshots' records. Calendars number their updates with it (ICS SEQUENCE) and
send removed sessions as cancelled, so a calendar app updates its copy instead of keeping a stale one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from extractor.changes.keys import session_key
from extractor.models import Programme, Session


@dataclass
class Revisions:
    """Per session key: times its record changed since first seen (`sequence`); sessions gone by the last snapshot."""

    sequence: dict[str, int] = field(default_factory=dict)
    removed: list[Session] = field(default_factory=list)  # each as last seen, in the order they went


def replay(page: str, snapshots: Iterable[Programme]) -> Revisions:
    """Walk the snapshots oldest first: a session counts one change per snapshot where its record differs."""
    sequence: dict[str, int] = {}
    last: dict[str, tuple[Session, Any]] = {}  # each key's latest record, in the order keys were first seen
    gone: dict[str, Session] = {}
    for programme in snapshots:
        present = set()
        for session in programme.sessions:
            key = session_key(page, session)
            present.add(key)
            content = _content(session)
            if key in gone or (key in last and last[key][1] != content):
                sequence[key] += 1  # back after a cancellation, or changed: calendars must take the update
            else:
                sequence.setdefault(key, 0)
            last[key] = (session, content)
            gone.pop(key, None)
        for key, (session, _) in last.items():
            if key not in present and key not in gone:
                sequence[key] += 1  # its cancellation is an update too
                gone[key] = session
    return Revisions(sequence, list(gone.values()))


def _content(session: Session) -> Any:
    # What a reader sees; the parser's confidence is no change of the session.
    return session.model_dump(exclude={"confidence"})
