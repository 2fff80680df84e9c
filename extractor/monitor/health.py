"""Failure memory for repeated checks: one error alert after N consecutive failures, one on recovery.

The store decides, in the transaction that records a check: the failure that makes the count
reach the threshold queues the error alert in the outbox, the first success after a streak at
or above it queues the recovery alert, each keyed on the streak's first failed check, so that
neither can be queued twice, even by two processes. Delivery is the outbox's (monitor.check
calls deliver_pending): a notifier that is down gets the alert later, with backoff, or from
`extractor alerts --retry`, and a kill after the check was recorded loses nothing.

This module words those alerts (extractor.changes.messages).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from extractor.changes.messages import compose_health
from extractor.errors import StoreError
from extractor.monitor.store import NoticePlan, PageNotice, Store

Notice = Literal["failing", "recovered"]


@dataclass(frozen=True)
class FailureAlerts:
    """How a page's own alerts are worded and when they are due; they go to the check's targets."""

    label: str | None = None  # default: the URL
    threshold: int = 3  # consecutive failures before the error alert; 0 turns both alerts off
    language: str | None = None  # default: the language of the page's last snapshot, else English

    def plans(self, store: Store, page_key: str, url: str, targets: Sequence[str]) -> HealthPlans:
        return HealthPlans(self, store, page_key, url, tuple(targets))


class HealthPlans:
    """The plans monitor.check hands to the store; `due` says which one the store called."""

    def __init__(self, alerts: FailureAlerts, store: Store, page_key: str, url: str,
                 targets: tuple[str, ...]) -> None:
        self.alerts, self.store, self.page_key, self.url, self.targets = alerts, store, page_key, url, targets
        self.due: Notice | None = None

    def failing(self, error: str) -> NoticePlan:
        return lambda failures: self._notices("failing", failures, None, error)

    def recovered(self, page_language: str | None = None) -> NoticePlan:
        return lambda failures: self._notices("recovered", failures, page_language, "")

    def _notices(self, kind: Notice, failures: int, page_language: str | None, error: str) -> list[PageNotice]:
        # Called by the store inside its transaction, only when the alert is due: the language
        # lookup below (a stored programme's JSON) happens once per streak, not on every check.
        self.due = kind
        language = self.alerts.language or page_language or self._stored_language()
        language = language if language in ("fr", "en") else "en"
        subject, body = compose_health(kind, language, label=self.alerts.label or self.url, url=self.url,
                                       failures=failures, error=error)
        return [PageNotice(target, language, subject, body) for target in self.targets]

    def _stored_language(self) -> str | None:
        latest = self.store.latest(self.page_key)
        try:
            return self.store.programme(latest.id).language if latest else None
        except StoreError:  # records from an older parser: the wording falls back to English
            return None
