"""The record contract (GUIDE §2) as pydantic models. No I/O here."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 2  # 2: Session.uid
Language = Literal["fr", "en"]  # the lexicon's languages (extractor.lexicon.LANGUAGES); a test keeps them equal


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Slot(_Record):
    day: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    start: str | None = Field(default=None, pattern=r"^\d{2}:\d{2}$")
    end: str | None = Field(default=None, pattern=r"^\d{2}:\d{2}$")
    raw: str | None = None


class Room(_Record):
    name: str | None
    provisional: bool
    raw: str


class Speaker(_Record):
    name: str
    credentials: list[str] = Field(default_factory=list)
    titles: list[str] = Field(default_factory=list)
    affiliation: str | None = None
    raw: str
    role: str | None = None


class Description(_Record):
    text: str
    provisional: bool
    label: str | None = None


class Session(_Record):
    id: str  # readable slug of the title, unique in the document; moves when the title does
    # The session's stable key on its page, kept across renames, moves and new neighbours. The store
    # assigns it (extractor.changes.identity); a page parsed on its own has none.
    uid: str | None = None
    slot: Slot = Field(default_factory=Slot)
    format: str | None = None
    title: str
    room: Room | None = None
    speakers: list[Speaker] = Field(default_factory=list)
    description: Description | None = None
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)


class Warning(_Record):
    where: str
    text: str
    reason: str


class HttpInfo(_Record):
    status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    final_url: str | None = None


class Source(_Record):
    location: str
    kind: Literal["text", "html", "jsonld"] | str
    sha256: str
    retrieved_at: datetime
    http: HttpInfo | None = None


class Programme(_Record):
    schema_version: int = SCHEMA_VERSION
    source: Source
    language: Language | None = None
    title: str | None = None
    # The event's IANA time zone ("Europe/Paris"), when the page states it or the user gives it (--tz, the
    # watch file's tz): calendars then place sessions in it; without one their times are floating.
    timezone: str | None = None
    sessions: list[Session] = Field(default_factory=list)
    warnings: list[Warning] = Field(default_factory=list)


def json_schema() -> dict[str, object]:
    schema = Programme.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://extractor.invalid/schemas/programme.schema.json"
    return schema
