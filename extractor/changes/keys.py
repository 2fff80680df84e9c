"""The stable key of a session: what calendars (ICS UID, frab guid) and databases (upserts) key on.

One function decides it, so that moving from the readable `id` to the store's `uid` (a key kept across
renames, moves and new neighbours) is one change here, not one per exporter.
"""

from __future__ import annotations

import hashlib

from extractor.changes.diff import ChangeEvent
from extractor.models import Session


def session_key(page: str, session: Session) -> str:
    """The session's key on `page`: today its `id`, a slug of its title, so a renamed session gets a new key
    (and the old one is reported removed) until the store's `uid` replaces it."""
    return session.id


def event_key(event: ChangeEvent) -> str:
    """The key of the session a change event is about: the same as session_key gives for it."""
    return event.session_id


def global_key(page: str, session: Session) -> str:
    """A name unique across pages too: the session's key qualified by a digest of its page's key."""
    return f"{session_key(page, session)}@{page_digest(page)}"


def page_digest(page: str) -> str:
    return hashlib.sha256(page.encode("utf-8")).hexdigest()[:16]
