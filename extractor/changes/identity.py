"""Stable session keys (`uid`): given when a session is first seen on a page, then carried by the matcher.

A session's `id` is a slug of its title: a fixed typo changes it, and a new "Pause" at 08:30 shifts
`pause`, `pause-2`… onto other sessions. Its `uid` does not move: each snapshot's sessions take the
uid of the session they are matched with (extractor.changes.diff.match_sessions: a fixed typo, a
move, a new neighbour are all matches) and only a session matched with nothing gets a new one.
Pure: the store decides which sessions to carry uids from.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from extractor.changes.diff import match_sessions
from extractor.models import Programme, Session

UID_LENGTH = 16  # hex digits: 64 bits, no collision in a page's lifetime; and `taken` checks anyway


def new_uid(page: str, snapshot: int, session_id: str, taken: set[str]) -> str:
    """The uid of a session first seen in snapshot `snapshot` of `page` with this id; not one in `taken`.

    Derived, not random, so that `reparse` and a version-1 snapshot read twice give the same uids.
    """
    for attempt in range(1_000):
        material = "\0".join([page, str(snapshot), session_id, *([str(attempt)] if attempt else [])])
        uid = hashlib.sha256(material.encode()).hexdigest()[:UID_LENGTH]
        if uid not in taken:
            return uid
    raise AssertionError("no free uid")  # 1,000 collisions of 64-bit hashes: not this universe


def identify(new: Programme, *sources: Sequence[Session], page: str, snapshot: int) -> Programme:
    """`new`, each of its sessions with a uid: that of its match in the first source that has one, else a new one.

    Sources are tried in order, each over the sessions still without a uid; a session of a source
    lends its uid once. A session that already has a uid keeps it.
    """
    waiting = [s for s in new.sessions if not s.uid]
    found: dict[int, str] = {}
    taken = {s.uid for s in new.sessions if s.uid} | {s.uid for source in sources for s in source if s.uid}
    lent: set[str] = {s.uid for s in new.sessions if s.uid}
    for source in sources:
        if not waiting:
            break
        candidates = [s for s in source if s.uid and s.uid not in lent]
        pairs, _, waiting = match_sessions(candidates, waiting)
        for old, session in pairs:
            assert old.uid is not None
            found[id(session)] = old.uid
            lent.add(old.uid)
    sessions = []
    for session in new.sessions:
        uid = session.uid or found.get(id(session)) or new_uid(page, snapshot, session.id, taken)
        taken.add(uid)
        sessions.append(session if uid == session.uid else session.model_copy(update={"uid": uid}))
    return new.model_copy(update={"sessions": sessions})


def carry_back(earlier: list[Programme], previous: Programme, programme: Programme) -> None:
    """One uid per session: where a session of `previous` (the last of `earlier`) is matched in `programme`
    under another uid, the later uid replaces the earlier one in every programme of `earlier`, in place
    (unless it already names another session there).

    Two readings can give one session two uids: records stored before uids existed, given theirs when
    read, followed by snapshots that carry the uids a check gave; and a new parser that sees a session
    sooner than the one that stored it. The later uid is the one alerts and synced tables already use.
    """
    pairs, _, _ = match_sessions(previous.sessions, programme.sessions)
    seen = {s.uid for p in earlier for s in p.sessions}
    renames = {old.uid: new.uid for old, new in pairs
               if old.uid and new.uid and old.uid != new.uid and new.uid not in seen}
    if not renames:
        return
    for i, p in enumerate(earlier):
        if any(s.uid in renames for s in p.sessions):
            earlier[i] = p.model_copy(update={"sessions": [
                s.model_copy(update={"uid": renames[s.uid]}) if s.uid in renames else s for s in p.sessions]})
