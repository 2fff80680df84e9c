"""Alert wording in the page's language: what became final, for which session, when, and where to look;
and a page's own alerts, when it keeps failing and when it works again.

Templates are data, one table per language; `compose` only fills them in.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from extractor.changes.diff import ChangeEvent
from extractor.lexicon import LANGUAGES

# kind -> (subject, body). Fields: {title} {when} {old} {new} {who} {what}.
TEMPLATES: dict[str, dict[str, tuple[str, str]]] = {
    "fr": {
        "room_confirmed": ("Salle confirmée : {title}",
                           "La salle de « {title} »{when} est confirmée : {new}."),
        "description_finalized": ("Description définitive : {title}",
                                  "La description de « {title} »{when} est maintenant définitive."),
        "room_changed": ("Changement de salle : {title}",
                         "« {title} »{when} change de salle : {new} (au lieu de {old})."),
        "room_unconfirmed": ("Salle à confirmer : {title}",
                             "La salle de « {title} »{when} n'est plus confirmée (c'était {old})."),
        "time_changed": ("Changement d'horaire : {title}",
                         "« {title} » est déplacée : {new} (au lieu de {old})."),
        "session_removed": ("Séance retirée : {title}", "« {title} »{when} n'apparaît plus au programme."),
        "session_added": ("Nouvelle séance : {title}", "« {title} »{when} a été ajoutée au programme."),
        "title_changed": ("Titre modifié : {title}", "« {old} » s'intitule désormais « {new} »."),
        "description_changed": ("Description modifiée : {title}",
                                "La description de « {title} »{when} a changé."),
        "speakers_changed": ("Intervenants modifiés : {title}", "« {title} »{when} : {who} ({what})."),
        "format_changed": ("Format modifié : {title}", "« {title} »{when} : {old} devient {new}."),
        "_link": ("", "Programme : {page}"),
        "_speaker": ("", "ajout|retrait|modification"),
        "_digest": ("Programme modifié : {count} changements", "{count} changements au programme :"),
    },
    "en": {
        "room_confirmed": ("Room confirmed: {title}", "The room for “{title}”{when} is confirmed: {new}."),
        "description_finalized": ("Description final: {title}",
                                  "The description of “{title}”{when} is now final."),
        "room_changed": ("Room changed: {title}", "“{title}”{when} changed room: {new} (was {old})."),
        "room_unconfirmed": ("Room to be confirmed: {title}",
                             "The room for “{title}”{when} is no longer confirmed (it was {old})."),
        "time_changed": ("Time changed: {title}", "“{title}” moved: {new} (was {old})."),
        "session_removed": ("Session removed: {title}", "“{title}”{when} is no longer in the programme."),
        "session_added": ("New session: {title}", "“{title}”{when} was added to the programme."),
        "title_changed": ("Title changed: {title}", "“{old}” is now called “{new}”."),
        "description_changed": ("Description changed: {title}",
                                "The description of “{title}”{when} changed."),
        "speakers_changed": ("Speakers changed: {title}", "“{title}”{when}: {who} ({what})."),
        "format_changed": ("Format changed: {title}", "“{title}”{when}: {old} is now {new}."),
        "_link": ("", "Programme: {page}"),
        "_speaker": ("", "added|removed|changed"),
        "_digest": ("Programme changed: {count} changes", "{count} changes to the programme:"),
    },
}


# A page's own alerts, kind -> (subject, body). Fields: {label} {url} {failures} {error}.
HEALTH_TEMPLATES: dict[str, dict[str, tuple[str, str]]] = {
    "fr": {
        "failing": ("Page en échec : {label}",
                    "{label} ({url}) n'a pas pu être vérifiée {failures} fois de suite.\n"
                    "Dernière erreur : {error}\n\nUn message suivra quand elle fonctionnera de nouveau."),
        "recovered": ("Page rétablie : {label}",
                      "{label} ({url}) a de nouveau été vérifiée sans erreur, après {failures} échecs."),
    },
    "en": {
        "failing": ("Page failing: {label}",
                    "{label} ({url}) could not be checked {failures} times in a row.\n"
                    "Last error: {error}\n\nYou will get one more message when it works again."),
        "recovered": ("Page back: {label}",
                      "{label} ({url}) was checked successfully again, after {failures} failed checks."),
    },
}


# `alerts --test`: (subject, body). Field: {version}.
TEST_TEMPLATES: dict[str, tuple[str, str]] = {
    "fr": ("extractor : notification d'essai",
           "Ceci est un essai d'extractor {version}. Les alertes de vos pages arriveront ici."),
    "en": ("extractor: test notification",
           "This is a test from extractor {version}. Alerts about your pages will arrive here."),
}


def compose_test(language: str, version: str) -> tuple[str, str]:
    subject, body = TEST_TEMPLATES[wording_language(language)]
    return subject, body.format(version=version)


# Changelog labels (`check`, `diff`, `history`): kind -> label, and the words around them.
LABELS: dict[str, dict[str, str]] = {
    "fr": {
        "session_added": "nouvelle", "session_removed": "annulée", "time_changed": "déplacée",
        "room_confirmed": "salle confirmée", "room_changed": "salle changée", "room_unconfirmed": "salle à confirmer",
        "description_finalized": "description définitive", "description_changed": "description modifiée",
        "speakers_changed": "intervenants", "title_changed": "renommée", "format_changed": "format modifié",
        "_speaker_added": "intervenant ajouté", "_speaker_removed": "intervenant retiré",
        "_speaker_changed": "intervenant modifié ({detail})", "_cosmetic": "typographie seulement", "_sep": " : ",
    },
    "en": {
        "session_added": "new", "session_removed": "cancelled", "time_changed": "moved",
        "room_confirmed": "room confirmed", "room_changed": "room changed", "room_unconfirmed": "room to be confirmed",
        "description_finalized": "description final", "description_changed": "description changed",
        "speakers_changed": "speakers", "title_changed": "renamed", "format_changed": "format changed",
        "_speaker_added": "speaker added", "_speaker_removed": "speaker removed",
        "_speaker_changed": "speaker changed ({detail})", "_cosmetic": "typography only", "_sep": ": ",
    },
}


def labels(language: str | None) -> dict[str, str]:
    return LABELS[wording_language(language)]


def wording_language(language: str | None) -> str:
    """The language an alert is worded in: the page's, when we have its words, else English."""
    return language if language in LANGUAGES else "en"


def compose_health(kind: str, language: str, *, label: str, url: str, failures: int,
                   error: str = "") -> tuple[str, str]:
    """(subject, body) of a page's "failing" or "recovered" alert."""
    subject, body = HEALTH_TEMPLATES[wording_language(language)][kind]
    fields = {"label": label, "url": url, "failures": failures, "error": error}
    return subject.format(**fields), body.format(**fields)


def compose(event: ChangeEvent, language: str, link: str | None = None) -> tuple[str, str]:
    """(subject, body) of the alert for one event; `link` is where to read the page (default: its key)."""
    table = TEMPLATES[wording_language(language)]
    subject, sentence = _wording(event, language)
    return subject, sentence + "\n\n" + table["_link"][1].format(page=link or event.page)


def compose_digest(events: list[ChangeEvent], language: str, link: str | None = None) -> tuple[str, str]:
    """(subject, body) of one message listing several events, one line each."""
    table = TEMPLATES[wording_language(language)]
    subject, head = (text.format(count=len(events)) for text in table["_digest"])
    lines = [f"- {_wording(e, language)[1]}" for e in events]
    page = link or (events[0].page if events else "")
    return subject, "\n".join([head, "", *lines, "", table["_link"][1].format(page=page)])


def _wording(event: ChangeEvent, language: str) -> tuple[str, str]:
    table = TEMPLATES[wording_language(language)]
    subject, body = table[event.kind]
    fields: dict[str, Any] = {
        "title": event.title,
        "when": f" ({w})" if (w := when(event.slot, language)) else "",
        "old": _value(event.old, language),
        "new": _value(event.new, language),
        "who": "", "what": "",
    }
    if event.kind == "speakers_changed":
        added, removed, changed = table["_speaker"][1].split("|")
        person = event.new or event.old or {}
        fields["who"] = person.get("name", "?")
        detail = event.detail or ""
        what = {"added": added, "removed": removed}
        fields["what"] = what.get(detail) or changed + labels(language)["_sep"] + speaker_fields(detail, language)
    return subject.format(**fields), body.format(**fields)


def speaker_fields(detail: str, language: str | None) -> str:
    """'titles, affiliation' (diff's field names) as the page's language says them: 'fonctions, affiliation'."""
    names = LANGUAGES[wording_language(language)].SPEAKER_FIELD_NAMES
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
    words = LANGUAGES[wording_language(language)]
    return f"{words.WEEKDAY_NAMES[d.weekday()]} {d.day} {words.MONTH_NAMES[d.month - 1]} {d.year}"


def _time(hhmm: str, language: str) -> str:
    return hhmm.replace(":", "h") if language == "fr" else hhmm


def _value(value: Any, language: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, dict) and {"day", "start", "end"} <= value.keys():
        return when(value, language) or "—"
    if isinstance(value, dict):
        return str(value.get("name") or value.get("title") or value)
    return str(value)
