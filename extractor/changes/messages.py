"""Alert wording in the page's language: what became final, for which session, when, and where to look;
and a page's own alerts, when it keeps failing and when it works again.

The words are the lexicon's (extractor.lexicon.messages, tables in lexicon/fr.py and en.py); this
module only fills them in.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from extractor.changes.diff import ChangeEvent
from extractor.lexicon.messages import wording


def compose_test(language: str, version: str) -> tuple[str, str]:
    subject, body = wording(language).test
    return subject, body.format(version=version)


def labels(language: str | None) -> dict[str, str]:
    """Changelog labels (`check`, `diff`, `history`): change kind -> label, and the "_…" words around them."""
    return wording(language).changelog


def compose_health(kind: str, language: str, *, label: str, url: str, failures: int,
                   error: str = "") -> tuple[str, str]:
    """(subject, body) of a page's "failing" or "recovered" alert."""
    subject, body = wording(language).page_alerts[kind]
    fields = {"label": label, "url": url, "failures": failures, "error": error}
    return subject.format(**fields), body.format(**fields)


def compose(event: ChangeEvent, language: str, link: str | None = None) -> tuple[str, str]:
    """(subject, body) of the alert for one event; `link` is where to read the page (default: its key)."""
    subject, sentence = _wording(event, language)
    return subject, sentence + "\n\n" + wording(language).link.format(page=link or event.page)


def compose_digest(events: list[ChangeEvent], language: str, link: str | None = None) -> tuple[str, str]:
    """(subject, body) of one message listing several events, one line each."""
    words = wording(language)
    subject, head = (text.format(count=len(events)) for text in words.digest)
    lines = [f"- {_wording(e, language)[1]}" for e in events]
    page = link or (events[0].page if events else "")
    return subject, "\n".join([head, "", *lines, "", words.link.format(page=page)])


def _wording(event: ChangeEvent, language: str) -> tuple[str, str]:
    words = wording(language)
    subject, body = words.alerts[event.kind]
    fields: dict[str, Any] = {
        "title": event.title,
        "when": f" ({w})" if (w := when(event.slot, language)) else "",
        "old": _value(event.old, language),
        "new": _value(event.new, language),
        "who": "", "what": "",
    }
    if event.kind == "speakers_changed":
        person = event.new or event.old or {}
        fields["who"] = person.get("name", "?")
        detail = event.detail or ""
        fields["what"] = words.speaker[detail] if detail in ("added", "removed") else \
            words.speaker["changed"] + words.changelog["_sep"] + speaker_fields(detail, language)
    return subject.format(**fields), body.format(**fields)


def speaker_fields(detail: str, language: str | None) -> str:
    """'titles, affiliation' (diff's field names) as the page's language says them: 'fonctions, affiliation'."""
    names = wording(language).speaker_fields
    return ", ".join(names.get(f, f) for f in detail.split(", "))


def when(slot: dict[str, str | None] | None, language: str) -> str:
    """'mercredi 19 novembre 2025, 13h30–14h45' / 'Wednesday 19 November 2025, 13:30–14:45'."""
    if not slot:
        return ""
    parts = []
    if slot.get("day"):
        parts.append(_day(str(slot["day"]), language))
    start, end = slot.get("start"), slot.get("end")
    if start:
        hours = _time(start, language) + (f"–{_time(end, language)}" if end else "")
        parts.append(hours)
    return ", ".join(parts)


def _day(iso: str, language: str) -> str:
    d = date.fromisoformat(iso)
    words = wording(language)
    return f"{words.weekdays[d.weekday()]} {d.day} {words.months[d.month - 1]} {d.year}"


def _time(hhmm: str, language: str) -> str:
    return hhmm.replace(":", wording(language).time_separator)


def _value(value: Any, language: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, dict) and {"day", "start", "end"} <= value.keys():
        return when(value, language) or "—"
    if isinstance(value, dict):
        return str(value.get("name") or value.get("title") or value)
    return str(value)
