"""Change events as a schedule changelog (grouped by session), in plain text, colour or Markdown.

Shared by `check`, `diff` and `history`; worded in the page's language (the lexicon's
CHANGELOG labels and dates, through changes.messages). Printing only, no decisions.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import IO, Any

from extractor.changes.diff import ChangeEvent
from extractor.changes.messages import labels, speaker_fields, when
from extractor.textkit.display import markdown_safe, terminal_safe

_GREEN, _RED, _YELLOW = "\033[32m", "\033[31m", "\033[33m"
_DIM, _BOLD, _RESET = "\033[2m", "\033[1m", "\033[0m"
_COLOURS = {
    "session_added": _GREEN, "room_confirmed": _GREEN, "description_finalized": _GREEN,
    "session_removed": _RED, "room_unconfirmed": _RED,
}


def use_colour(stream: IO[str]) -> bool:
    """Colour on a terminal only, and never when NO_COLOR is set (no-color.org)."""
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def short(value: Any, language: str | None = None, width: int = 70) -> str:
    """A value in one line, cut at `width`; page text, so pass it through terminal_safe or markdown_safe."""
    if value is None:
        return "—"
    if isinstance(value, dict) and {"day", "start", "end"} <= value.keys():
        return when(value, language or "en") or "—"
    if isinstance(value, dict):
        return str(value.get("name") or value.get("title") or value)
    text = " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def describe(event: ChangeEvent, language: str | None = None,
             clean: Callable[[str], str] = terminal_safe) -> tuple[str, str | None]:
    """(what changed, old → new), in the page's language; the page's values passed through `clean`."""
    words = labels(language)
    label = words.get(event.kind, event.kind)
    if event.kind == "speakers_changed":
        detail = event.detail or ""
        if detail in ("added", "removed"):
            return words[f"_speaker_{detail}"], clean(short(event.new if event.new is not None else event.old))
        # "Julie Roy → Julie Roy" says nothing: the fields that changed do, after the name unless it is one.
        fields = detail.split(", ")
        name = "" if "name" in fields else clean(short(event.new)) + words["_sep"]
        return (words["_speaker_changed"].format(detail=clean(speaker_fields(detail, language))),
                f"{name}{clean(_person_fields(event.old, fields))} → {clean(_person_fields(event.new, fields))}")
    if event.kind == "session_added":
        return label, clean(short(event.new, language)) if event.new else None
    if event.kind in ("session_removed", "description_finalized"):
        return label, None
    if isinstance(event.old, str) and isinstance(event.new, str):
        return label, " → ".join(map(clean, around_difference(event.old, event.new)))
    return label, f"{clean(short(event.old, language))} → {clean(short(event.new, language))}"


def _person_fields(person: Any, fields: list[str]) -> str:
    """The values of these fields of a speaker (diff's dict of one), in one line."""
    if not isinstance(person, dict):
        return short(person)
    values = [person.get(f) for f in fields]
    return short(" · ".join(", ".join(v) if isinstance(v, list) else str(v or "—") for v in values))


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
        groups.setdefault((e.page, e.uid or e.session_id), []).append(e)
    return [(evs[0], evs) for evs in groups.values()]


def text_changelog(events: Iterable[ChangeEvent], colour: bool = False, indent: str = "",
                   language: str | None = None) -> list[str]:
    words = labels(language)
    lines = []
    for head, evs in grouped(events):
        slot = when(head.slot, language or "en")
        title = f"{_BOLD}{terminal_safe(head.title)}{_RESET}" if colour else terminal_safe(head.title)
        lines.append(f"{indent}{title}" + (f"  [{slot}]" if slot else ""))
        for e in evs:
            label, rest = describe(e, language)
            line = label + (words["_sep"] + rest if rest else "") + (f"  ({words['_cosmetic']})" if e.cosmetic else "")
            if colour:
                line = (_DIM if e.cosmetic else _COLOURS.get(e.kind, _YELLOW)) + line + _RESET
            lines.append(f"{indent}  - {line}")
    return lines


def markdown_changelog(events: Iterable[ChangeEvent], language: str | None = None) -> list[str]:
    words = labels(language)
    lines = []
    for head, evs in grouped(events):
        slot = when(head.slot, language or "en")
        lines.append(f"### {markdown_safe(head.title)}" + (f" ({slot})" if slot else ""))
        lines.append("")
        for e in evs:
            label, rest = describe(e, language, markdown_safe)
            note = f" _({words['_cosmetic']})_" if e.cosmetic else ""
            lines.append(f"- **{label}**" + (words["_sep"] + rest if rest else "") + note)
        lines.append("")
    return lines
