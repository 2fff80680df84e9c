"""What watch mode shows: a rich progress bar on a terminal, plain log lines otherwise.

Plain lines are quiet enough for cron (which mails any output): changes, failures and
health notices always; unchanged pages and the summary only with --verbose or when
something happened. rich is imported only when a terminal asks for it.
"""

from __future__ import annotations

import sys
from typing import Any, TextIO

from extractor.textkit.display import terminal_safe
from extractor.watch.scheduler import PageOutcome, WatchSummary


def describe(outcome: PageOutcome) -> str:
    label = outcome.page.label
    if outcome.failed:
        text = f"FAILED {label}: {outcome.error}"
    elif outcome.status == "changed":
        plural = "s" if outcome.changes != 1 else ""
        text = f"changed {label}: {outcome.changes} change{plural}, {outcome.alerts} to alert"
    elif outcome.status == "first":
        text = f"first snapshot of {label}"
    elif outcome.status == "not_modified":
        text = f"unchanged {label} (HTTP 304)"
    else:
        text = f"unchanged {label}"
    if outcome.notice == "failing":
        text += " [error alert: failing repeatedly]"
    elif outcome.notice == "recovered":
        text += " [recovery alert]"
    for error in outcome.delivery_errors:
        text += f"; notification failed: {error}"
    if outcome.sync_error:
        text += f"; sync failed: {outcome.sync_error}"
    return text


def summarise(summary: WatchSummary) -> str:
    parts = [f"{summary.checks} check{'s' if summary.checks != 1 else ''} of {summary.pages} pages"]
    parts.append(f"{summary.changed} changed, {summary.failed} failed, {summary.alerts} to alert")
    if summary.not_checked:
        parts.append(f"{summary.not_checked} not checked")
    text = "; ".join(parts) + f" in {summary.seconds:.1f} s"
    if summary.stopped_by:
        text += f" (stopped by {summary.stopped_by})"
    return text


def notable(outcome: PageOutcome) -> bool:
    return outcome.failed or outcome.status == "changed" or bool(outcome.notice or outcome.delivery_errors
                                                                  or outcome.sync_error)


class LogReporter:
    def __init__(self, stream: TextIO | None = None, *, verbose: bool = False) -> None:
        self.stream = stream or sys.stderr
        self.verbose = verbose
        self.eventful = False

    def _line(self, text: str) -> None:
        print(f"extractor: watch: {terminal_safe(text)}", file=self.stream, flush=True)

    def started(self, pages: int, once: bool) -> None:
        if self.verbose:
            self._line(f"checking {pages} pages {'once' if once else 'on their intervals'}")

    def finished(self, outcome: PageOutcome) -> None:
        if notable(outcome):
            self.eventful = True
        if self.verbose or notable(outcome):
            self._line(describe(outcome))

    def stopping(self, reason: str) -> None:
        self._line(f"{reason}: finishing the checks in progress, then stopping")

    def closed(self, summary: WatchSummary) -> None:
        if self.verbose or self.eventful or summary.stopped_by:
            self._line(summarise(summary))


class RichReporter:
    """A progress bar on stderr; notable outcomes are printed above it."""

    def __init__(self, *, verbose: bool = False) -> None:
        from rich.console import Console

        self.console = Console(stderr=True)
        self.verbose = verbose
        self.progress: Any = None
        self.task: Any = None

    def started(self, pages: int, once: bool) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.progress = Progress(
            TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[failed]} failed"), TimeElapsedColumn(),
            console=self.console, transient=False,
        )
        self.progress.start()
        description = "checking" if once else f"watching {pages} pages"
        self.task = self.progress.add_task(description, total=pages if once else None, failed=0)
        self.failed = 0

    def finished(self, outcome: PageOutcome) -> None:
        from rich.markup import escape

        if outcome.failed:
            self.failed += 1
        if self.verbose or notable(outcome):
            style = "red" if outcome.failed else "yellow" if outcome.status == "changed" else "dim"
            self.progress.console.print(f"[{style}]{escape(terminal_safe(describe(outcome)))}[/]")
        self.progress.update(self.task, advance=1, failed=self.failed)

    def stopping(self, reason: str) -> None:
        self.progress.console.print(f"[bold]{reason}[/]: finishing the checks in progress, then stopping")

    def closed(self, summary: WatchSummary) -> None:
        if self.progress is not None:
            self.progress.stop()
        self.console.print(summarise(summary))


def choose(*, progress: str = "auto", verbose: bool = False, stream: TextIO | None = None) -> Any:
    """'on' / 'off' / 'auto' (a progress bar when stderr is a terminal and TERM is not dumb)."""
    stream = stream or sys.stderr
    import os

    wanted = progress == "on" or (
        progress == "auto" and stream.isatty() and os.environ.get("TERM", "") != "dumb"
    )
    if wanted:
        try:
            return RichReporter(verbose=verbose)
        except ImportError:
            pass  # rich is in the `watch` extra; fall back to plain lines
    return LogReporter(stream, verbose=verbose)
