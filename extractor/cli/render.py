"""Change events as a schedule changelog (grouped by session), in plain text, colour or Markdown.

Shared by `check`, `diff` and `history`; printing only, no decisions.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import IO, Any

from extractor.changes.diff import ChangeEvent
from extractor.changes.messages import when
from extractor.textkit.display import markdown_safe, terminal_safe

LABELS = {
    "session_added": "new", "session_removed": "cancelled", "time_changed": "moved",
    "room_confirmed": "room confirmed", "room_changed": "room changed",
    "room_unconfirmed": "room to be confirmed",
    "description_finalized": "description final", "description_changed": "description changed",
    "speakers_changed": "speakers", "title_changed": "renamed", "format_changed": "format changed",
}
_GREEN, _RED, _YELLOW = "\033[32m", "\033[31m", "\033[33m"
_DIM, _BOLD, _RESET = "\033[2m", "\033[1m", "\033[0m"
_COLOURS = {
    "session_added": _GREEN, "room_confirmed": _GREEN, "description_finalized": _GREEN,
    "session_removed": _RED, "room_unconfirmed": _RED,
}


def use_colour(stream: IO[str]) -> bool:
    """Colour on a terminal only, and never when NO_COLOR is set (no-color.org)."""
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def short(value: Any, width: int = 70) -> str:
    """A value in one line, cut at `width`; page text, so pass it through terminal_safe or markdown_safe."""
    if value is None:
        return "—"
    if isinstance(value, dict) and {"day", "start", "end"} <= value.keys():
        return when(value, "en") or "—"
    if isinstance(value, dict):
        return str(value.get("name") or value.get("title") or value)
    text = " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def describe(event: ChangeEvent, clean: Callable[[str], str] = terminal_safe) -> str:
    """One line: what changed, old → new; the page's values passed through `clean`."""
    label = LABELS.get(event.kind, event.kind)
    if event.kind == "speakers_changed":
        person = clean(short(event.new if event.new is not None else event.old))
        detail = clean(event.detail or "")
        return f"speaker {detail}: {person}" if detail in ("added", "removed") else \
            f"speaker changed ({detail}): {clean(short(event.old))} → {clean(short(event.new))}"
    if event.kind == "session_added":
        return f"{label}: {clean(short(event.new))}" if event.new else label
    if event.kind == "session_removed":
        return label
    if event.kind == "description_finalized":
        return label
    if isinstance(event.old, str) and isinstance(event.new, str):
        return f"{label}: {' → '.join(map(clean, around_difference(event.old, event.new)))}"
    return f"{label}: {clean(short(event.old))} → {clean(short(event.new))}"


def around_difference(old: str, new: str, width: int = 70) -> tuple[str, str]:
    """Both texts cut to a window around where they first differ, so long texts stay readable."""
    old, new = " ".join(old.split()), " ".join(new.split())
    if len(old) <= width and len(new) <= width:
        return old, new
    pairs = enumerate(zip(old, new, strict=False))
    start = next((i for i, (a, b) in pairs if a != b), min(len(old), len(new)))
    left = max(0, start - 20)

    def window(text: str) -> str:
        return ("…" if left else "") + text[left:left + width] + ("…" if len(text) > left + width else "")

    return window(old), window(new)


def grouped(events: Iterable[ChangeEvent]) -> list[tuple[ChangeEvent, list[ChangeEvent]]]:
    """Events by session, in first-seen order: (first event, its session's events)."""
    groups: dict[tuple[str, str], list[ChangeEvent]] = {}
    for e in events:
        groups.setdefault((e.page, e.session_id), []).append(e)
    return [(evs[0], evs) for evs in groups.values()]


def text_changelog(events: Iterable[ChangeEvent], colour: bool = False, indent: str = "") -> list[str]:
    lines = []
    for head, evs in grouped(events):
        slot = when(head.slot, "en")
        title = f"{_BOLD}{terminal_safe(head.title)}{_RESET}" if colour else terminal_safe(head.title)
        lines.append(f"{indent}{title}" + (f"  [{slot}]" if slot else ""))
        for e in evs:
            line = describe(e) + ("  (typography only)" if e.cosmetic else "")
            if colour:
                line = (_DIM if e.cosmetic else _COLOURS.get(e.kind, _YELLOW)) + line + _RESET
            lines.append(f"{indent}  - {line}")
    return lines


def markdown_changelog(events: Iterable[ChangeEvent]) -> list[str]:
    lines = []
    for head, evs in grouped(events):
        slot = when(head.slot, "en")
        lines.append(f"### {markdown_safe(head.title)}" + (f" ({slot})" if slot else ""))
        lines.append("")
        for e in evs:
            label, _, rest = describe(e, markdown_safe).partition(": ")
            note = " _(typography only)_" if e.cosmetic else ""
            lines.append(f"- **{label}**" + (f": {rest}" if rest else "") + note)
        lines.append("")
    return lines
