"""The stable key of a session: what calendars (ICS UID, frab guid) and databases (upserts) key on.

The key is the session's `uid`, given by the store when the session is first seen and kept across
renames, moves and new neighbours (extractor.changes.identity). A session without one (a one-off
`parse`, a snapshot stored before uids existed) is keyed on its readable `id`, a slug of its title.
One function decides it, for every exporter and the sync tables.
"""

from __future__ import annotations

import hashlib

from extractor.changes.diff import ChangeEvent
from extractor.models import Session


def session_key(page: str, session: Session) -> str:
    """The session's key on `page`: its uid, else its id (then a renamed session gets a new key)."""
    return session.uid or session.id


def event_key(event: ChangeEvent) -> str:
    """The key of the session a change event is about: the same as session_key gives for it."""
    return event.uid or event.session_id


def global_key(page: str, session: Session) -> str:
    """A name unique across pages too: the session's key qualified by a digest of its page's key."""
    return f"{session_key(page, session)}@{page_digest(page)}"


def page_digest(page: str) -> str:
    return hashlib.sha256(page.encode("utf-8")).hexdigest()[:16]
