"""One error family; each kind maps to a documented exit code."""

from __future__ import annotations


class ExtractorError(Exception):
    """Base of every error the tool raises on purpose; the CLI prints it as one line."""

    exit_code = 1


class InputError(ExtractorError):
    """The input cannot be read as a page: missing, empty, binary, undecodable, too large."""

    exit_code = 2


class ParseError(ExtractorError):
    """The page was read but holds no programme we can recognise."""

    exit_code = 2


class FetchError(ExtractorError):
    """Network or HTTP failure (connection, timeout, status, robots.txt, size limit)."""

    exit_code = 3


class StoreError(ExtractorError):
    """The snapshot store cannot be opened, migrated or written."""

    exit_code = 4


class NotifyError(ExtractorError):
    """An alert could not be delivered (it stays in the outbox)."""

    exit_code = 5


class SyncError(ExtractorError):
    """A sync target (`sync`, `check --sync`, the watch file's `sync`) cannot be reached or written. Its own
    code: the snapshot store is untouched by it, and the next sync catches up from where this one stopped."""

    exit_code = 6


class ConfigError(ExtractorError):
    """A configuration file or option is invalid."""

    exit_code = 2


class InternalError(ExtractorError):
    """Something that is not one of our errors (a bug) was raised while checking a page: reported, never fatal."""

    exit_code = 1
