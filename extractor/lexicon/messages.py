"""What extractor writes to people about a page, in its language: alerts, changelogs, the lines around them.

The words live in fr.py and en.py, beside the words extractor reads, so that one place holds a
language; this module only picks a language's tables (English when the page's is unknown), and
extractor.changes.messages and the CLI fill them in.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from extractor.lexicon import LANGUAGES


@dataclass(frozen=True)
class Wording:
    language: str  # the language these words are in: the page's, else "en"
    alerts: dict[str, tuple[str, str]]  # change kind -> (subject, body)
    link: str  # the line ending every alert: {page}
    speaker: dict[str, str]  # a speakers_changed alert's {what}: "added", "removed", "changed"
    digest: tuple[str, str]  # (subject, first line): {count}
    page_alerts: dict[str, tuple[str, str]]  # "failing" / "recovered" -> (subject, body)
    test: tuple[str, str]  # `alerts --test`: (subject, body)
    changelog: dict[str, str]  # change kind -> label, and the "_…" words around labels
    weekdays: list[str]  # Monday first
    months: list[str]  # January first
    speaker_fields: dict[str, str]  # diff's field names of a speaker -> their names in this language
    time_separator: str  # between hours and minutes
    status: dict[str, str]  # the lines `check` and `history` print around the changelog
    outbox_states: dict[str, str]  # an outbox row's state, as those lines say it


def wording_language(language: str | None) -> str:
    """The language a message is worded in: the page's, when we have its words, else English."""
    return language if language in LANGUAGES else "en"


@cache
def wording(language: str | None) -> Wording:
    code = wording_language(language)
    words = LANGUAGES[code]
    return Wording(language=code, alerts=words.ALERTS, link=words.ALERT_LINK, speaker=words.ALERT_SPEAKER,
                   digest=words.DIGEST, page_alerts=words.PAGE_ALERTS, test=words.TEST_ALERT,
                   changelog=words.CHANGELOG, weekdays=words.WEEKDAY_NAMES, months=words.MONTH_NAMES,
                   speaker_fields=words.SPEAKER_FIELD_NAMES, time_separator=words.TIME_SEPARATOR,
                   status=words.STATUS, outbox_states=words.OUTBOX_STATES)
