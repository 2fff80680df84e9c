"""Failure memory for repeated checks: one error alert after N consecutive failures, one on recovery.

monitor.check decides, in the unit of work that records a check: the failure that makes the
streak reach the threshold queues the error alert in the outbox, the first success after a
streak at or above it queues the recovery alert. Each is keyed on the streak's first failed
check, so that neither can be queued twice, even by two processes. Delivery is the outbox's: a
notifier that is down gets the alert later, with backoff, or from `extractor alerts --retry`,
and a kill after the check was recorded loses nothing.

This module holds the settings and the keys of those alerts; their wording is extractor.changes.messages'.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from extractor.changes.messages import compose_health
from extractor.changes.payload import alert_data
from extractor.lexicon.messages import wording_language
from extractor.monitor.store import NewAlert, Streak
from extractor.monitor.targets import Target

Notice = Literal["failing", "recovered"]


@dataclass(frozen=True)
class FailureAlerts:
    """How a page's own alerts are worded and when they are due; they go to the check's targets."""

    label: str | None = None  # default: the URL
    threshold: int = 3  # consecutive failures before the error alert; 0 turns both alerts off
    language: str | None = None  # default: the language of the page's last snapshot, else English


NO_FAILURE_ALERTS = FailureAlerts(threshold=0)


def notice_key(page_key: str, kind: Notice, streak: Streak) -> str:
    material = json.dumps([page_key, kind, *(streak.first or ())], ensure_ascii=False)
    return hashlib.sha256(material.encode()).hexdigest()


def notices(alerts: FailureAlerts, kind: Notice, key: str, *, page: str, url: str, targets: Iterable[Target],
            failures: int, language: str | None, error: str = "") -> list[NewAlert]:
    """The page's own alert, one outbox row per target."""
    language = wording_language(language)
    subject, body = compose_health(kind, language, label=alerts.label or url, url=url, failures=failures,
                                   error=error)
    data = alert_data(kind, page, language)
    return [NewAlert(key, t.hash, t.label, kind, "", language, subject, body, data if t.structured else None)
            for t in targets]
