"""Language tables compiled into matchers. The tables live in fr.py, en.py and common.py."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import cast

from extractor.lexicon import common, en, fr, names
from extractor.models import Language
from extractor.textkit.normalise import key, unaccented_key

LANGUAGES = {"fr": fr, "en": en}


def language_code(value: str | None) -> Language | None:
    """'fr-CA', 'FR', 'en_GB' -> a language we read; anything else -> None."""
    code = (value or "").strip().lower()[:2]
    return cast(Language, code) if code in LANGUAGES else None


def _alternation(words: list[str]) -> str:
    # Longest first so "description provisoire" wins over "description".
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class Lexicon:
    weekdays: dict[str, int]
    weekday_codes: dict[str, int]  # "me", "jeu": weekdays only right before a time
    months: dict[str, int]
    formats: frozenset[str]  # look-up keys (lexicon.variants)
    occasions: frozenset[str]  # look-up keys: formats that are sessions of their own ("Pause", "Lunch")
    bio_verbs: frozenset[str]  # lowercase: "works", "travaille": after a name, a biography begins
    bio_copulas: frozenset[str]  # lowercase: "is", "est": the same after a full name only
    pronouns: frozenset[str]  # lowercase: "she", "il": one opening a line begins a biography
    nobody: frozenset[str]  # look-up keys: "Could be you!", "Tous", "TBA": no one to list as a speaker
    half_days: frozenset[str]  # look-up keys: "Morning", "Après-midi": a section over sessions
    outlines: frozenset[str]  # look-up keys: "A typical day": a sample outline, not the programme
    groupings: frozenset[str]  # look-up keys: numbered, a block of sessions ("Session 2"), not a format
    room_word_re: re.Pattern[str]
    room_label_re: re.Pattern[str]
    venue_re: re.Pattern[str]  # a venue word anywhere in the text
    venue_words: frozenset[str]  # lowercase
    coded_room_words: frozenset[str]  # lowercase: room words that need a number or code after them
    place_links: frozenset[str]  # lowercase: "of", "des": small words inside a place's name
    strong_venue_words: frozenset[str]  # kinds of room no one is named after ("Auditorium", "Ballroom")
    room_provisional_re: re.Pattern[str]
    description_label_re: re.Pattern[str]
    description_provisional: frozenset[str]
    role_re: re.Pattern[str]
    speaker_heading_re: re.Pattern[str]
    by_re: re.Pattern[str]
    role_by: dict[str, str]  # lowercase "animée par" -> "animatrice"
    role_by_re: re.Pattern[str]
    joiners: str  # regex alternation: "et", "and", "&"
    at_words: str  # regex alternation: "at", "chez": between a job and where it is done
    particles_alt: str  # regex alternation of the name particles ("de", "van", …)
    title_by: str  # regex alternation: words introducing a title line's people (ROLE_BY phrases too)
    quoted_by: str  # the same after a quoted title
    run_on_by: str  # the same inside running text
    org_re: re.Pattern[str]
    courtesy: frozenset[str]
    credentials: frozenset[str]
    name_prefix_credentials: frozenset[str]
    particles: frozenset[str]
    noise: frozenset[str]  # look-up keys (lexicon.variants)
    address_re: re.Pattern[str]  # "780 Mission St", "12 rue de la Paix": where, not what
    day_number_re: re.Pattern[str]  # "- Day 1", "Jour 2 :": which day of the event, beside its date
    programme_heading_re: re.Pattern[str]  # "Workshop programme", "Programme des conférences"
    link_labels: frozenset[str]  # look-up keys: "slides", "vidéo": a link beside a session, never its text
    landmarks: frozenset[str]  # lowercase
    table_headers: dict[str, frozenset[str]]  # field -> header keys
    range_words: tuple[str, ...]
    from_words: tuple[str, ...]
    noon: tuple[str, ...]
    midnight: tuple[str, ...]
    stopwords: dict[str, frozenset[str]]
    field_label_re: re.Pattern[str]  # "Room:", "PRESENTERS:", "Track: X": a field label, its value after it
    field_labels: dict[str, str]  # lowercase label -> field ("room", "speakers", "format", "time", "meta"…)
    class_hints: dict[str, str]  # class word -> field
    duration_units: dict[str, int]  # "minutes" -> 1, "hours" -> 60
    chrome_classes: frozenset[str]
    job_words: frozenset[str]  # lowercase
    notice_re: re.Pattern[str]  # a note about the programme itself ("subject to change")
    update_stamp_re: re.Pattern[str]  # "last updated October 23, 2003": the page's date, not the event's
    countries: frozenset[str]  # lowercase
    attendance: frozenset[str]  # "présentiel", "online": how one attends, never a format
    about_person_re: re.Pattern[str]  # "About Ryan": a biography's heading; group "who"
    sponsored_heads: tuple[str, ...]  # lowercase first words of SPONSORED_BY: a cheap test before the pattern
    status_words: frozenset[str]  # look-up keys: "annulé", "cancelled": a session's fate, never a format
    given_names: frozenset[str]  # unaccented keys: "aaron", "helene": a capitalised pair starting so is a person
    sponsored_re: re.Pattern[str]  # "… offerte par Québec International": a sponsor's mention ending a title


def variants(words: list[str]) -> frozenset[str]:
    """Each entry as written and without accents, both as look-up keys."""
    return frozenset(v for w in words for v in (key(w), unaccented_key(w)))


def _collect(name: str) -> list[str]:
    return [w for mod in LANGUAGES.values() for w in getattr(mod, name)]


def _field_labels() -> dict[str, str]:
    """Every field label, lowercase, with the field it names (later tables win on a clash)."""
    tables = (("meta", "METADATA_LABELS"), ("format", "FORMAT_LABELS"), ("time", "TIME_LABELS"),
              ("end", "END_LABELS"), ("room", "ROOM_LABELS"), ("speakers", "SPEAKER_HEADINGS"),
              ("chair", "ROLES"), ("description", "DESCRIPTION_LABELS"))
    return {w.lower(): field for field, name in tables for w in _collect(name)}


def _address() -> re.Pattern[str]:
    streets = _alternation(_collect("STREET_WORDS"))
    return re.compile(rf"\b\d{{1,5}}[a-z]?,?\s+(?:(?:{streets})\b|(?:[A-Z][\w'’.-]*\s+){{1,3}}(?:{streets})\b)", re.I)


def _programme_heading() -> re.Pattern[str]:
    """The programme's own heading: its word last ("Conference Program"), or first and then a link word
    ("Programme des conférences", "Schedule of the workshop")."""
    words = _alternation(_collect("PROGRAMME_WORDS"))
    links = _alternation([*_collect("PLACE_LINKS"), "for", "the"])
    return re.compile(rf"^(?:(?:{words})\s+(?:{links})\s+(?P<after>.*)|(?P<before>.*?)\s*\b(?:{words}))$", re.I)


@cache
def lexicon() -> Lexicon:
    """Both languages at once: pages mix them, and a union costs nothing in accuracy here."""
    labels = _field_labels()
    room_words = _collect("ROOM_WORDS")
    provisional_rooms = _collect("ROOM_PROVISIONAL")
    desc_labels = _collect("DESCRIPTION_LABELS") + _collect("DESCRIPTION_PROVISIONAL")
    headers: dict[str, set[str]] = {}
    for mod in LANGUAGES.values():
        for field, words in mod.TABLE_HEADERS.items():
            headers.setdefault(field, set()).update(variants(words))
    return Lexicon(
        weekdays={k: v for mod in LANGUAGES.values() for k, v in mod.WEEKDAYS.items()},
        weekday_codes={k: v for mod in LANGUAGES.values() for k, v in mod.WEEKDAY_CODES.items()},
        months={k: v for mod in LANGUAGES.values() for k, v in mod.MONTHS.items()},
        formats=variants(_collect("FORMATS") + _collect("OCCASIONS")),
        occasions=variants(_collect("OCCASIONS")),
        groupings=variants(_collect("GROUPINGS")),
        half_days=variants(_collect("HALF_DAYS")),
        outlines=variants(_collect("OUTLINES")),
        nobody=variants(_collect("NOBODY")),
        place_links=frozenset(_collect("PLACE_LINKS")),
        coded_room_words=frozenset(_collect("CODED_ROOM_WORDS")),
        bio_verbs=frozenset(_collect("BIO_VERBS")),
        bio_copulas=frozenset(_collect("BIO_COPULAS")),
        pronouns=frozenset(_collect("PRONOUNS")),
        room_word_re=re.compile(rf"^(?:{_alternation(room_words)})\b", re.I),
        venue_words=frozenset(w.lower() for w in _collect("VENUE_WORDS")),
        strong_venue_words=frozenset(w.lower() for w in _collect("STRONG_VENUE_WORDS")),
        venue_re=re.compile(rf"(?:^|\W)(?:{_alternation(_collect('VENUE_WORDS'))})(?:\W|$)", re.I),
        room_label_re=re.compile(rf"^(?:{_alternation(_collect('ROOM_LABELS'))})\s*:\s*(?P<value>.+)$", re.I),
        room_provisional_re=re.compile(rf"^(?:{_alternation(provisional_rooms)})\s*[.!]?$", re.I),
        description_label_re=re.compile(
            rf"^(?P<label>{_alternation(desc_labels)})\s*(?:[:：]\s*(?P<text>.*)|[.!…]?$)", re.I | re.S
        ),
        description_provisional=frozenset(w.lower() for w in _collect("DESCRIPTION_PROVISIONAL")),
        role_re=re.compile(rf"^(?:{_alternation(_collect('ROLES'))})$", re.I),
        speaker_heading_re=re.compile(rf"^(?:{_alternation(_collect('SPEAKER_HEADINGS'))})$", re.I),
        by_re=re.compile(rf"^(?:{_alternation(_collect('BY_WORDS'))})\s+(?P<rest>.+)$", re.I),
        role_by={k: v for mod in LANGUAGES.values() for k, v in mod.ROLE_BY.items()},
        at_words=_alternation(_collect("AT_WORDS")),
        joiners=_alternation(_collect("LIST_JOINERS") + common.LIST_JOINERS),
        particles_alt=_alternation(common.NAME_PARTICLES),
        quoted_by=_alternation(_collect("QUOTED_BY_WORDS")),
        title_by=_alternation(_collect("TITLE_BY_WORDS") + [k for m in LANGUAGES.values() for k in m.ROLE_BY]),
        run_on_by=_alternation(_collect("RUN_ON_BY_WORDS") + [k for m in LANGUAGES.values() for k in m.ROLE_BY]),
        role_by_re=re.compile(
            rf"^(?P<by>{_alternation([k for mod in LANGUAGES.values() for k in mod.ROLE_BY])})\s*:?\s+(?P<rest>.+)$",
            re.I,
        ),
        org_re=re.compile(rf"(?:^|\W)(?:{_alternation(_collect('ORG_WORDS'))})(?:\W|$)", re.I),
        courtesy=frozenset(common.COURTESY),
        credentials=frozenset(common.CREDENTIALS),
        name_prefix_credentials=frozenset(common.NAME_PREFIX_CREDENTIALS),
        particles=frozenset(common.NAME_PARTICLES),
        noise=variants(_collect("NOISE")),
        link_labels=variants(_collect("LINK_LABELS")),
        programme_heading_re=_programme_heading(),
        address_re=_address(),
        day_number_re=re.compile(rf"(?:^|[\s,:|–—-]+)(?:{_alternation(_collect('DAY_WORDS'))})\s*\d{{1,2}}\s*[:,|–—-]*",
                                 re.I),
        landmarks=frozenset(_collect("LANDMARKS")),
        table_headers={k: frozenset(v) for k, v in headers.items()},
        range_words=tuple(_collect("TIME_RANGE_WORDS")),
        from_words=tuple(_collect("TIME_FROM_WORDS")),
        noon=tuple(_collect("NOON")),
        midnight=tuple(_collect("MIDNIGHT")),
        stopwords={code: frozenset(mod.STOPWORDS) for code, mod in LANGUAGES.items()},
        field_label_re=re.compile(rf"^(?P<label>{_alternation(list(labels))})\s*(?:[:：]\s*(?P<value>.*)|$)", re.I),
        field_labels=labels,
        class_hints={word: field for field, words in common.CLASS_HINTS.items() for word in words},
        duration_units={k: v for mod in LANGUAGES.values() for k, v in mod.DURATION_UNITS.items()},
        chrome_classes=frozenset(common.CHROME_CLASS_WORDS),
        job_words=frozenset(_collect("JOB_WORDS")),
        countries=frozenset(common.COUNTRIES),
        attendance=frozenset(_collect("ATTENDANCE")),
        about_person_re=re.compile(rf"^(?:{_alternation(_collect('ABOUT_PERSON'))})\s*(?P<who>[^\W\d_].{{0,60}})$",
                                   re.I),
        sponsored_heads=tuple(sorted({w.split()[0].lower() for w in _collect("SPONSORED_BY")})),
        status_words=variants(_collect("STATUS_WORDS")),
        given_names=frozenset(unaccented_key(n) for n in names.GIVEN_NAMES),
        sponsored_re=re.compile(rf"[\s,–—-]+(?:{_alternation(_collect('SPONSORED_BY'))})\s+\S.*$", re.I),
        notice_re=re.compile(rf"(?:^|\W)(?:{_alternation(_collect('NOTICES'))})(?:\W|$)", re.I),
        update_stamp_re=re.compile(rf"(?:^|\W)(?:{_alternation(_collect('UPDATE_STAMPS'))})(?:\W|$)", re.I),
    )
