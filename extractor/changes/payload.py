"""What machine endpoints receive: an alert's data as JSON, beside its wording (schemas/alert.schema.json).

json://, jsons:// and plain http(s):// webhook targets get one JSON object per message: Apprise's
JSON fields (`version`, `title`, `message`, `type`, `attachments`: the human subject and text) and
ours: what kind of message it is, its `event_id` (also sent to form:// and xml:// endpoints), the
page, and its change events, each with the session's uid, id, title, old and new values, slot, the
snapshot that found it and when. One event for a single alert, several in a digest, none for a
page's own "failing" / "recovered" alert or a test.

Pure: models and builders; monitor.deliver adds these fields, and the event_id of the outbox row, to
what Apprise posts.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from extractor.changes.diff import ChangeEvent

SCHEMA = "https://extractor.invalid/schemas/alert.schema.json"
MessageKind = Literal["change", "digest", "failing", "recovered", "test"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EventData(_Strict):
    """One change event (GUIDE §3)."""

    kind: str = Field(description="the change kind: room_confirmed, time_changed, session_removed, …")
    page: str = Field(description="the page's key in the store: its URL, path or --page KEY")
    uid: str | None = Field(description="the session's stable key on its page (null for stores older than uids)")
    id: str = Field(description="the session's readable id in the snapshot that found the event")
    old_id: str | None = Field(description="its id in the snapshot before (differs after a rename); null if new")
    title: str = Field(description="the session's title")
    field: str = Field(description="what changed: session, title, slot, room, description, speakers, format")
    detail: str | None = Field(description="for speakers: added, removed, or the fields that changed")
    old: Any = Field(description="the value before (null when there was none)")
    new: Any = Field(description="the value after (null when there is none)")
    day: str | None = Field(description="the session's day, YYYY-MM-DD")
    start: str | None = Field(description="its start, HH:MM")
    end: str | None = Field(description="its end, HH:MM")
    cosmetic: bool = Field(description="only typography changed (never alerted unless asked)")
    snapshot: int = Field(description="the number of the snapshot that found the event (PAGE@N)")
    detected_at: str = Field(description="when the check that found it ran (ISO 8601, UTC)")


class AlertData(_Strict):
    """Our fields; the store keeps them with each outbox row for a machine endpoint."""

    schema_: str = Field(SCHEMA, alias="schema")
    kind: MessageKind = Field(description="change: one event; digest: every alert-worthy event of a check; "
                              "failing / recovered: the page's own alerts; test: `alerts --test`")
    page: str | None = Field(description="the page the message is about (null for a test)")
    language: str = Field(description="the language of title and message")
    events: list[EventData]


class AlertMessage(AlertData):
    """The whole JSON object an endpoint receives: Apprise's json:// fields, then ours."""

    version: str = Field(description="Apprise's JSON format version")
    title: str = Field(description="the human subject line")
    message: str = Field(description="the human text")
    type: str = Field(description="Apprise's notification type (info)")
    attachments: list[Any] = Field(description="always empty")
    event_id: str = Field(description="the message's id (its idempotency key in the outbox): the same in every "
                          "copy of one message, so a receiver drops a second copy (a resend after a send in doubt)")


def event_data(event: ChangeEvent, snapshot: int, detected_at: str) -> EventData:
    slot = event.slot or {}
    return EventData(kind=event.kind, page=event.page, uid=event.uid, id=event.session_id,
                     old_id=event.old_session_id, title=event.title, field=event.field, detail=event.detail,
                     old=event.old, new=event.new, day=slot.get("day"), start=slot.get("start"),
                     end=slot.get("end"), cosmetic=event.cosmetic, snapshot=snapshot, detected_at=detected_at)


def alert_data(kind: MessageKind, page: str | None, language: str, events: list[EventData] | None = None) -> str:
    """Our fields as the JSON text the outbox keeps."""
    data = AlertData(schema=SCHEMA, kind=kind, page=page, language=language, events=events or [])
    return data.model_dump_json(by_alias=True)


def json_schema() -> dict[str, object]:
    schema = AlertMessage.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA
    return schema
