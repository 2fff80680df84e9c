"""Matching and change events between two Programmes (GUIDE §3). Pure: no I/O, no clock.

Sessions are paired in passes, each over what earlier passes left unmatched: uid (stored
snapshots have one, extractor.changes.identity), then id and slot together, then folded title and
slot (ids of duplicate titles shift when one of them goes), then id alone, then fuzzy title (a
corrected typo is a rename), then slot and position. Every difference between a pair is one ChangeEvent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Any

from rapidfuzz import fuzz

from extractor.models import Description, Programme, Room, Session, Slot, Speaker
from extractor.textkit.pairing import best_pairs
from extractor.textkit.typography import fold

TITLE_SIMILARITY = 85.0  # rapidfuzz ratio (0-100) above which two titles are one session renamed
SPEAKER_SIMILARITY = 90.0


@dataclass(frozen=True)
class ChangeEvent:
    page: str
    session_id: str
    title: str
    kind: str
    field: str
    old: Any
    new: Any
    cosmetic: bool = False
    detail: str | None = None  # e.g. "added", "removed", "affiliation" for speakers
    slot: dict[str, str | None] | None = None  # the session's slot (new side, or old if removed)
    uid: str | None = None  # the session's stable key, when the snapshots have one
    old_session_id: str | None = None  # its id in the old snapshot (differs from session_id after a rename)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ChangeEvent:
        known: dict[str, Any] = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**known)


Pair = tuple[Session, Session]


def diff(old: Programme, new: Programme, page: str | None = None) -> list[ChangeEvent]:
    """Change events from `old` to `new`, in the new page's order, removals last."""
    page = page or new.source.location
    pairs, removed, added = match_sessions(old.sessions, new.sessions)
    pair_of_new = {id(n): o for o, n in pairs}
    added_ids = {id(s) for s in added}
    events: list[ChangeEvent] = []
    for session in new.sessions:
        if id(session) in pair_of_new:
            events.extend(session_changes(page, pair_of_new[id(session)], session))
        elif id(session) in added_ids:
            events.append(_event(page, session, None, "session_added", "session", None, _summary(session)))
    for session in removed:
        events.append(_event(page, session, session, "session_removed", "session", _summary(session), None))
    return events


def match_sessions(
    old: list[Session], new: list[Session]
) -> tuple[list[Pair], list[Session], list[Session]]:
    """(matched pairs, unmatched old = removed, unmatched new = added), each in page order."""
    left, right = list(old), list(new)
    pairs: list[Pair] = _pair_by_uid(left, right)
    for key in (lambda s: (s.id, _slot_key(s.slot)), lambda s: (fold(s.title).lower(), _slot_key(s.slot)),
                lambda s: s.id):
        pairs += _pair_by_key(left, right, key)
    pairs += _pair_by_title_similarity(left, right)
    pairs += _pair_by_slot_position(left, right)
    return pairs, left, right


def _pair_by_key(left: list[Session], right: list[Session], key: Callable[[Session], Any]) -> list[Pair]:
    """Pair sessions whose key is unique on both sides; removes them from left and right."""
    lk, rk = _unique_index(left, key), _unique_index(right, key)
    pairs = [(lk[k], rk[k]) for k in lk if k in rk]
    _drop(left, right, pairs)
    return pairs


def _pair_by_uid(left: list[Session], right: list[Session]) -> list[Pair]:
    """Two stored snapshots of one page: the uid says which session is which, whatever else moved."""
    by_uid = {s.uid: s for s in left if s.uid}
    pairs = [(by_uid[s.uid], s) for s in right if s.uid and s.uid in by_uid]
    _drop(left, right, pairs)
    return pairs


def _pair_by_title_similarity(left: list[Session], right: list[Session]) -> list[Pair]:
    scored = []
    for i, o in enumerate(left):
        for j, n in enumerate(right):
            a, b = fold(o.title).lower(), fold(n.title).lower()
            score = fuzz.ratio(a, b)
            if score >= TITLE_SIMILARITY:
                # Ties break on the titles themselves, so diff(a, b) and diff(b, a) pair alike.
                scored.append(((-score, min(a, b), max(a, b)), i, j))
    pairs: list[Pair] = [(left[i], right[j]) for i, j in best_pairs(scored)]
    _drop(left, right, pairs)
    return pairs


def _pair_by_slot_position(left: list[Session], right: list[Session]) -> list[Pair]:
    """What is left in the same known slot is paired in page order: a retitled session."""
    pairs: list[Pair] = []
    for key in {_slot_key(s.slot) for s in left if s.slot.start}:
        olds = [s for s in left if _slot_key(s.slot) == key]
        news = [s for s in right if _slot_key(s.slot) == key]
        pairs += zip(olds, news, strict=False)
    _drop(left, right, pairs)
    return pairs


def _unique_index(sessions: list[Session], key: Callable[[Session], Any]) -> dict[Any, Session]:
    index: dict[Any, Session] = {}
    dupes = set()
    for s in sessions:
        k = key(s)
        if k in index:
            dupes.add(k)
        index[k] = s
    return {k: v for k, v in index.items() if k not in dupes}


def _drop(left: list[Any], right: list[Any], pairs: Iterable[tuple[Any, Any]]) -> None:
    # By identity: pydantic models compare by value, and two sessions may be equal.
    for o, n in list(pairs):
        del left[next(i for i, x in enumerate(left) if x is o)]
        del right[next(i for i, x in enumerate(right) if x is n)]


def _slot_key(slot: Slot) -> tuple[str | None, str | None, str | None]:
    return (slot.day, slot.start, slot.end)


def session_changes(page: str, old: Session, new: Session) -> list[ChangeEvent]:
    events: list[ChangeEvent] = []

    def emit(kind: str, field: str, a: Any, b: Any, cosmetic: bool = False,
             detail: str | None = None) -> None:
        events.append(_event(page, new, old, kind, field, a, b, cosmetic, detail))

    if old.title != new.title:
        emit("title_changed", "title", old.title, new.title, fold(old.title) == fold(new.title))
    if _slot_key(old.slot) != _slot_key(new.slot):
        emit("time_changed", "slot", _slot_value(old.slot), _slot_value(new.slot))
    _room_changes(old.room, new.room, emit)
    _description_changes(old.description, new.description, emit)
    for detail, a, b, cosmetic in speaker_changes(old.speakers, new.speakers):
        emit("speakers_changed", "speakers", a, b, cosmetic, detail)
    if old.format != new.format:
        emit("format_changed", "format", old.format, new.format, fold(old.format) == fold(new.format))
    return events


def _room_changes(old: Room | None, new: Room | None, emit: Callable[..., None]) -> None:
    old_named, new_named = _named(old), _named(new)
    if new_named and not old_named:
        emit("room_confirmed", "room", _room_value(old), new_named)
    elif old_named and not new_named:
        emit("room_unconfirmed", "room", old_named, _room_value(new))
    elif old_named and new_named and old_named != new_named:
        emit("room_changed", "room", old_named, new_named, fold(old_named) == fold(new_named))


def _named(room: Room | None) -> str | None:
    return room.name if room and room.name and not room.provisional else None


def _room_value(room: Room | None) -> str | None:
    return (room.name or room.raw) if room else None


def _description_changes(old: Description | None, new: Description | None, emit: Callable[..., None]) -> None:
    old_final = old is not None and not old.provisional
    new_final = new is not None and not new.provisional
    if new_final and not old_final:
        # Absent or provisional, now final: what users wait for, even if the text also moved.
        emit("description_finalized", "description", old.text if old else None, new.text if new else None)
    elif old is None or new is None or old.provisional != new.provisional:
        if old != new:
            emit("description_changed", "description", old.text if old else None, new.text if new else None,
                 detail="provisional again" if old_final and new is not None else None)
    elif old.text != new.text:
        emit("description_changed", "description", old.text, new.text, fold(old.text) == fold(new.text))


def speaker_changes(old: list[Speaker], new: list[Speaker]) -> list[tuple[str, Any, Any, bool]]:
    """(detail, old, new, cosmetic) per person added, removed or changed; order is not a change."""
    left, right = list(old), list(new)
    pairs: list[tuple[Speaker, Speaker]] = []
    for key in (lambda s: s.name, lambda s: fold(s.name).lower()):
        lk, rk = _unique_speakers(left, key), _unique_speakers(right, key)
        found = [(lk[k], rk[k]) for k in lk if k in rk]
        _drop(left, right, found)
        pairs += found
    for o in list(left):
        best = max(right, key=lambda n: fuzz.ratio(fold(o.name), fold(n.name)), default=None)
        if best is not None and fuzz.ratio(fold(o.name), fold(best.name)) >= SPEAKER_SIMILARITY:
            pairs.append((o, best))
            _drop(left, right, [(o, best)])
    changes: list[tuple[str, Any, Any, bool]] = []
    for o, n in pairs:
        fields = [f for f in ("name", "credentials", "titles", "affiliation", "role")
                  if getattr(o, f) != getattr(n, f)]
        if fields:
            cosmetic = all(_fold_value(getattr(o, f)) == _fold_value(getattr(n, f)) for f in fields)
            changes.append((", ".join(fields), _person(o), _person(n), cosmetic))
    changes += [("removed", _person(o), None, False) for o in left]
    changes += [("added", None, _person(n), False) for n in right]
    return changes


def _unique_speakers(speakers: list[Speaker], key: Callable[[Speaker], str]) -> dict[str, Speaker]:
    index: dict[str, list[Speaker]] = {}
    for s in speakers:
        index.setdefault(key(s), []).append(s)
    return {k: v[0] for k, v in index.items() if len(v) == 1}


def _fold_value(value: Any) -> Any:
    if isinstance(value, list):
        return [fold(v) for v in value]
    return fold(value) if isinstance(value, str) else value


def _person(s: Speaker) -> dict[str, Any]:
    return {"name": s.name, "credentials": s.credentials, "titles": s.titles, "affiliation": s.affiliation}


def _slot_value(slot: Slot) -> dict[str, str | None]:
    return {"day": slot.day, "start": slot.start, "end": slot.end}


def _summary(session: Session) -> dict[str, Any]:
    return {
        "title": session.title,
        "slot": _slot_value(session.slot),
        "room": _room_value(session.room),
        "speakers": [s.name for s in session.speakers],
    }


def _event(page: str, session: Session, previous: Session | None, kind: str, field: str, before: Any,
           after: Any, cosmetic: bool = False, detail: str | None = None) -> ChangeEvent:
    """An event of `session` (the new side, or the old one when removed); `previous` is its old side."""
    return ChangeEvent(page=page, session_id=session.id, title=session.title, kind=kind, field=field,
                       old=before, new=after, cosmetic=cosmetic, detail=detail, slot=_slot_value(session.slot),
                       uid=session.uid or (previous.uid if previous else None),
                       old_session_id=previous.id if previous else None)
