"""The removal guard: a snapshot that loses a large share of its sessions at once is suspect.

A deploy in progress, a CMS error page or a maintenance page can still parse as a programme, with
two sessions instead of eight: six "session removed" alerts would be false. So when a snapshot
loses at least `share` of the previous one's sessions, and at least `minimum`, its removals are
held. The next snapshot (or the next check, if the page has not changed) settles them: removals
of sessions still absent are confirmed (alerted then, once); sessions that came back were never
removed, and are compared with the version they had before the suspect snapshot.

Pure: the store keeps which snapshot is suspect; monitor.check decides with `compare`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from extractor.changes.diff import ChangeEvent, diff
from extractor.models import Programme, Session


@dataclass(frozen=True)
class RemovalGuard:
    share: float = 0.5  # of the previous snapshot's sessions; 0 turns the guard off
    minimum: int = 3

    def trips(self, removed: int, before: int) -> bool:
        return self.share > 0 and removed >= max(self.minimum, 1) and removed >= self.share * before


@dataclass
class Comparison:
    """What a new snapshot says, against the previous one and the removals that one held."""

    events: list[ChangeEvent]  # the new snapshot's events (its own held removals included)
    held: list[ChangeEvent] = field(default_factory=list)  # its removals, held: the guard tripped
    returned: list[str] = field(default_factory=list)  # uids whose held removal it drops: they are back

    @property
    def alertable(self) -> list[ChangeEvent]:
        held = {id(e) for e in self.held}
        return [e for e in self.events if id(e) not in held]


def compare(previous: Programme, new: Programme, *, page: str, held: Sequence[Session] = (),
            guard: RemovalGuard | None = None) -> Comparison:
    """Events from `previous` to `new`; `held` are the sessions whose removal `previous` held.

    A held session still absent is not removed again: its removal is `previous`'s event, which
    the caller confirms. One that is back is paired with its version from before, and `returned`.
    """
    base = previous.model_copy(update={"sessions": [*previous.sessions, *held]}) if held else previous
    waiting = {s.uid for s in held if s.uid}
    events, absent = [], set()
    for event in diff(base, new, page=page):
        if event.kind == "session_removed" and event.uid in waiting:
            absent.add(event.uid)
        else:
            events.append(event)
    removals = [e for e in events if e.kind == "session_removed"]
    tripped = (guard or RemovalGuard()).trips(len(removals), len(base.sessions))
    return Comparison(events, removals if tripped else [], sorted(u for u in waiting - absent if u))
