"""Failure memory for repeated checks: one error alert after N consecutive failures, one on recovery.

The store counts failures (monitor.check records each failed check; this module records the
ones monitor.check cannot see, such as a parser bug). The decision is made from that count:
the error alert goes out on the check that makes the count reach the threshold, the recovery
alert on the first success after a count at or above it. So a page that keeps failing alerts
once, not on every run, and re-running the same check decides the same way.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Generic, Literal, TypeVar

from extractor.errors import ExtractorError, StoreError
from extractor.store import Store

log = logging.getLogger(__name__)
T = TypeVar("T")
Sender = Callable[[str, str, str], "str | None"]  # (target, subject, body) -> None or why it failed

_TEXT = {
    "en": {
        "failing": ("Page failing: {label}",
                    "{label} ({url}) could not be checked {failures} times in a row.\n"
                    "Last error: {error}\n\nYou will get one more message when it works again."),
        "recovered": ("Page back: {label}",
                      "{label} ({url}) was checked successfully again, after {failures} failed checks."),
    },
    "fr": {
        "failing": ("Page en échec : {label}",
                    "{label} ({url}) n'a pas pu être vérifiée {failures} fois de suite.\n"
                    "Dernière erreur : {error}\n\nUn message suivra quand elle fonctionnera de nouveau."),
        "recovered": ("Page rétablie : {label}",
                      "{label} ({url}) a de nouveau été vérifiée sans erreur, après {failures} échecs."),
    },
}


class InternalError(ExtractorError):
    """A check raised something that is not one of our errors (a bug): reported, never fatal."""

    exit_code = 1


@dataclass(frozen=True)
class HealthNotice:
    kind: Literal["failing", "recovered"]
    failures: int
    subject: str
    body: str


@dataclass
class Guarded(Generic[T]):
    result: T | None = None
    error: ExtractorError | None = None
    notice: HealthNotice | None = None
    delivery_errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None


def notice_after_failure(failures: int, threshold: int, *, label: str, url: str, error: str,
                         language: str | None = None) -> HealthNotice | None:
    if threshold <= 0 or failures != threshold:
        return None
    return _notice("failing", failures, language, label=label, url=url, error=error)


def notice_after_success(failures_before: int, threshold: int, *, label: str, url: str,
                         language: str | None = None) -> HealthNotice | None:
    if threshold <= 0 or failures_before < threshold:
        return None
    return _notice("recovered", failures_before, language, label=label, url=url, error="")


def _notice(kind: Literal["failing", "recovered"], failures: int, language: str | None,
            **fields: str) -> HealthNotice:
    subject, body = _TEXT.get(language or "en", _TEXT["en"])[kind]
    return HealthNotice(kind, failures, subject.format(failures=failures, **fields),
                        body.format(failures=failures, **fields))


def guarded_check(run: Callable[[], T], *, store: Store, page_key: str, label: str, url: str,
                  notify: Iterable[str] = (), threshold: int = 3, language: str | None = None,
                  send: Sender | None = None) -> Guarded[T]:
    """Run one check; never raise. Failures are counted in the store; notices go to `notify`."""
    outcome: Guarded[T] = Guarded()
    before = 0
    try:
        before = store.consecutive_failures(page_key)
        outcome.result = run()
    except ExtractorError as exc:
        outcome.error = exc
    except Exception as exc:  # one page's bug must not stop the others
        outcome.error = InternalError(f"internal error while checking {url}: {type(exc).__name__}: {exc}")
        with contextlib.suppress(ExtractorError):
            store.record_failure(page_key, str(outcome.error))
    try:
        if outcome.error is None:
            outcome.notice = notice_after_success(before, threshold, label=label, url=url, language=language)
        elif not isinstance(outcome.error, StoreError):
            failures = store.consecutive_failures(page_key)
            outcome.notice = notice_after_failure(failures, threshold, label=label, url=url,
                                                  error=str(outcome.error), language=language)
    except ExtractorError as exc:
        log.warning("cannot read the failure count of %s: %s", page_key, exc)
    if outcome.notice is not None:
        outcome.delivery_errors = _deliver(outcome.notice, notify, send)
    return outcome


def _deliver(notice: HealthNotice, targets: Iterable[str], send: Sender | None) -> list[str]:
    if send is None:
        from extractor.alerts import send as apprise_send

        send = apprise_send
    errors = []
    for target in targets:
        reason = send(target, notice.subject, notice.body)
        if reason is not None:
            from extractor.alerts import redact

            errors.append(f"{redact(target)}: {reason}")
    return errors
