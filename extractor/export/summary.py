"""A readable digest for people: one block per session, provisional values flagged."""

from __future__ import annotations

from typing import IO

from extractor.export.people import speaker_label
from extractor.models import Programme
from extractor.textkit.display import terminal_safe


def write_summary(programme: Programme, out: IO[str]) -> None:
    """A readable digest for people: one block per session, provisional values flagged; what the page
    wrote is shown, its control characters never obeyed (terminal_safe)."""
    _write_summary(programme, _Safe(out))


class _Safe:
    def __init__(self, out: IO[str]) -> None:
        self.out = out

    def write(self, text: str) -> None:
        self.out.write(terminal_safe(text))


def _write_summary(programme: Programme, out: _Safe) -> None:
    head = programme.title or programme.source.location
    out.write(f"{head}  [{programme.source.kind}, {programme.language or '?'}, "
              f"{len(programme.sessions)} sessions, {len(programme.warnings)} warnings]\n")
    for session in programme.sessions:
        slot = session.slot
        when = " ".join(x for x in (slot.day, "–".join(t for t in (slot.start, slot.end) if t)) if x)
        out.write(f"  {when or '(no time)':22s} {session.title}\n")
        details = []
        if session.format:
            details.append(session.format)
        if session.room:
            details.append("room to be announced" if session.room.provisional else (session.room.name or ""))
        if session.description:
            details.append("description provisional" if session.description.provisional else "description final")
        if details:
            out.write(f"  {'':22s} {' · '.join(details)}\n")
        for speaker in session.speakers:
            role = f" [{speaker.role}]" if speaker.role else ""
            out.write(f"  {'':22s} - {speaker_label(speaker)}{role}\n")
    for warning in programme.warnings:
        out.write(f"  warning: {warning.where}: {warning.reason}: {warning.text[:80]}\n")
