"""The watch configuration file (TOML): top-level defaults and a list of [[page]] tables.

Pure: text in, WatchConfig out, or a ConfigError naming the file, the line (found in the
text, best effort) and the key. See samples/watch.toml for a commented example.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from extractor.changes.guard import RemovalGuard
from extractor.changes.kinds import KINDS
from extractor.errors import ConfigError, ExtractorError
from extractor.options import DEFAULT_PARSE_DEADLINE, check_timezone
from extractor.read.options import FetchOptions

DEFAULT_INTERVAL = 3600.0
MIN_INTERVAL = 1.0
DEFAULT_JITTER = 0.1
DEFAULT_WORKERS = 8
DEFAULT_FAILURE_THRESHOLD = 3
DEFAULT_LEASE = 600.0  # longer than a check can take (timeouts, retries, the parse deadline)

# Keys allowed at the top level (settings, and defaults for every page) and in a [[page]].
_TOP_KEYS = {
    "store", "workers", "jitter", "failure_threshold", "user_agent", "min_host_delay", "retries",
    "max_bytes", "max_per_host", "allow_private", "parse_deadline", "lease",
    # page defaults, overridable per page
    "interval", "notify", "alert_on", "date", "lang", "tz", "timeout", "ignore_robots", "digest", "suspect_share",
    "suspect_min", "sync",
    "page",
}
_PAGE_KEYS = {
    "url", "name", "key", "interval", "notify", "alert_on", "date", "lang", "tz", "timeout", "ignore_robots",
    "digest", "suspect_share", "suspect_min", "sync",
}
_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(ms|sec|min|s|m|h|d|w)?", re.I)
_UNIT_SECONDS = {"ms": 0.001, "s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "d": 86400, "w": 604800}


@dataclass(frozen=True)
class PageConfig:
    url: str
    key: str  # the store's page key: the URL unless the file gives one
    name: str | None = None
    interval: float = DEFAULT_INTERVAL
    notify: tuple[str, ...] = ()
    alert_on: tuple[str, ...] | None = None  # None: the default alert kinds
    date: date | None = None
    lang: str | None = None
    tz: str | None = None  # the event's IANA time zone, when the page does not state it
    timeout: float | None = None
    ignore_robots: bool = False
    digest: bool = False  # one message per check and target
    guard: RemovalGuard = field(default_factory=RemovalGuard)  # when removals are held (suspect_share, suspect_min)
    sync: str | None = None  # a SQLAlchemy URL the page is synced into after each check (extractor.sync)
    index: int = 0  # position in the file, from 1

    @property
    def label(self) -> str:
        return self.name or self.url

    @property
    def host(self) -> str:
        """Per-host scheduling key, the same the store's leases count by."""
        from extractor.monitor.leases import host_of

        return host_of(self.url)


@dataclass(frozen=True)
class WatchConfig:
    path: Path
    pages: tuple[PageConfig, ...]
    store: Path | str | None = None  # a SQLite file, or a PostgreSQL URL
    workers: int = DEFAULT_WORKERS
    jitter: float = DEFAULT_JITTER
    failure_threshold: int = DEFAULT_FAILURE_THRESHOLD
    max_per_host: int = 1
    # The file's user_agent, min_host_delay, retries, max_bytes and allow_private; timeout and robots
    # are per page.
    fetch: FetchOptions = field(default_factory=FetchOptions)
    parse_deadline: float = DEFAULT_PARSE_DEADLINE  # seconds one page may take to parse
    lease: float = DEFAULT_LEASE  # PostgreSQL store: how long a page stays with the watcher that took it

    def fetch_options(self, page: PageConfig) -> FetchOptions:
        """How `page` is fetched: the file's settings, with the page's own timeout and robots choice."""
        return replace(self.fetch, timeout=self.fetch.timeout if page.timeout is None else page.timeout,
                       ignore_robots=self.fetch.ignore_robots or page.ignore_robots)

    def overridden(self, *, timeout: float | None = None, user_agent: str | None = None,
                   ignore_robots: bool = False, allow_private: bool = False, sync: str | None = None) -> WatchConfig:
        """The configuration with the command line's options (those given) winning over the file's."""
        pages = tuple(replace(p, timeout=p.timeout if timeout is None else timeout,
                              ignore_robots=p.ignore_robots or ignore_robots, sync=sync or p.sync)
                      for p in self.pages)
        return replace(self, pages=pages, fetch=replace(self.fetch, user_agent=user_agent or self.fetch.user_agent,
                                                        allow_private=self.fetch.allow_private or allow_private))


def load(path: str | Path) -> WatchConfig:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such configuration file") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text (TOML files must be UTF-8)") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return parse(text, path)


def parse(text: str, path: Path) -> WatchConfig:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        where = f"{path}:{match.group(1)}" if match else str(path)
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc)) or "invalid TOML"
        raise ConfigError(f"{where}: not valid TOML: {reason}") from None
    return _Reader(text, path).config(data)


def parse_duration(value: object) -> float:
    """'90s', '30m', '1h', '1h30m', '1d', '2w', or a number of seconds -> seconds."""
    if isinstance(value, bool):
        raise ValueError("a duration, not true/false")
    if isinstance(value, int | float):
        seconds = float(value)
    elif isinstance(value, str):
        text = value.strip().replace(" ", "")
        pos, seconds = 0, 0.0
        while pos < len(text):
            match = _DURATION_PART.match(text, pos)
            if not match or match.end() == pos:
                raise ValueError(f"{value!r} is not a duration (write e.g. 90s, 30m, 1h, 1h30m, 1d)")
            unit = (match.group(2) or "s").lower()
            seconds += float(match.group(1)) * _UNIT_SECONDS[unit]
            pos = match.end()
        if not text:
            raise ValueError("an empty duration")
    else:
        raise ValueError(f"a duration such as \"1h\", not {type(value).__name__}")
    return seconds


class _Reader:
    def __init__(self, text: str, path: Path) -> None:
        self.text = text
        self.path = path
        self.lines = text.splitlines()

    def fail(self, key: str, problem: str, page: int | None = None) -> ConfigError:
        line = find_line(self.lines, key, page)
        where = f"{self.path}:{line}" if line else str(self.path)
        table = f"[[page]] #{page}, " if page else ""
        return ConfigError(f"{where}: {table}key '{key}': {problem}")

    def config(self, data: dict[str, Any]) -> WatchConfig:
        for key in data:
            if key not in _TOP_KEYS:
                raise self.fail(key, f"unknown key (known: {', '.join(sorted(_TOP_KEYS))})")
        pages_data = data.get("page")
        if not pages_data:
            raise self.fail("page", "no pages to watch: add at least one [[page]] table with a url")
        if not isinstance(pages_data, list) or not all(isinstance(p, dict) for p in pages_data):
            raise self.fail("page", "must be a list of tables: write each page as [[page]]")
        defaults = {k: data[k] for k in _PAGE_KEYS & data.keys()}
        pages: list[PageConfig] = []
        seen: dict[str, int] = {}
        for index, page_data in enumerate(pages_data, start=1):
            page = self.page(index, page_data, defaults)
            if page.key in seen:
                key = "key" if "key" in page_data else "url"
                raise self.fail(key, f"{page.key} is already watched by [[page]] #{seen[page.key]}", index)
            seen[page.key] = index
            pages.append(page)

        unset = FetchOptions()
        fetch = FetchOptions(
            user_agent=self.string(data, "user_agent") if "user_agent" in data else unset.user_agent,
            min_host_delay=self.number(data, "min_host_delay", 0, 3600, default=unset.min_host_delay),
            retries=int(self.number(data, "retries", 0, 10, integer=True, default=unset.retries)),
            max_bytes=int(self.number(data, "max_bytes", 1024, 1 << 31, integer=True, default=unset.max_bytes)),
            allow_private=self.flag(data, "allow_private"),
        )
        store: Path | str | None = None
        if "store" in data:
            from extractor.monitor.backend import is_database_url

            store = self.string(data, "store")
            if not is_database_url(store):
                store = Path(store).expanduser()
                if not store.is_absolute():
                    store = self.path.parent / store  # relative to the configuration file
        return WatchConfig(
            path=self.path,
            pages=tuple(pages),
            store=store,
            workers=int(self.number(data, "workers", 1, 256, integer=True, default=DEFAULT_WORKERS)),
            jitter=self.number(data, "jitter", 0, 0.5, default=DEFAULT_JITTER),
            failure_threshold=int(self.number(data, "failure_threshold", 0, 1000, integer=True,
                                              default=DEFAULT_FAILURE_THRESHOLD)),
            max_per_host=int(self.number(data, "max_per_host", 1, 64, integer=True, default=1)),
            fetch=fetch,
            parse_deadline=self.number(data, "parse_deadline", 0.1, 86400, default=DEFAULT_PARSE_DEADLINE),
            lease=self.lease(data),
        )

    def lease(self, data: dict[str, Any]) -> float:
        try:
            seconds = parse_duration(data.get("lease", DEFAULT_LEASE))
        except ValueError as exc:
            raise self.fail("lease", str(exc)) from None
        if not 1 <= seconds <= 86400:
            raise self.fail("lease", "between 1 s and 1 d")
        return seconds

    def page(self, index: int, data: dict[str, Any], defaults: dict[str, Any]) -> PageConfig:
        for key in data:
            if key not in _PAGE_KEYS:
                raise self.fail(key, f"unknown key in a page (known: {', '.join(sorted(_PAGE_KEYS))})", index)
        if "url" not in data:
            raise self.fail("url", "missing: every [[page]] needs a url", index)
        merged = {**defaults, **data}

        def at(key: str) -> int | None:
            return index if key in data else None  # a default's error points at the top-level line

        url = self.string(data, "url", page=index)
        scheme = urlsplit(url).scheme.lower()
        if scheme in ("http", "https"):
            if not urlsplit(url).hostname:
                raise self.fail("url", f"{url!r} has no host", index)
        elif scheme and scheme != "file" and len(scheme) > 1:  # len 1: a Windows drive letter
            raise self.fail("url", f"{url!r}: only http(s) URLs, file:// URLs and paths are watched", index)
        elif scheme != "file" and not Path(url).is_absolute():
            url = str((self.path.parent / url).resolve())  # a path, relative to the configuration file
        try:
            interval = parse_duration(merged.get("interval", DEFAULT_INTERVAL))
        except ValueError as exc:
            raise self.fail("interval", str(exc), at("interval")) from None
        if interval < MIN_INTERVAL:
            raise self.fail("interval", f"at least {MIN_INTERVAL:g} s", at("interval"))
        notify = self.strings(merged, "notify", at("notify"))
        for target in notify:
            try:
                from extractor.monitor.targets import check_urls

                check_urls([target])
            except ExtractorError as exc:
                raise self.fail("notify", str(exc), at("notify")) from None
        alert_on = self.strings(merged, "alert_on", at("alert_on")) if "alert_on" in merged else None
        if alert_on is not None:
            unknown = [kind for kind in alert_on if kind not in KINDS]
            if unknown:
                choices = ", ".join(KINDS)
                raise self.fail("alert_on", f"unknown change kind {unknown[0]!r}; choose from {choices}",
                                at("alert_on"))
        day = None
        if "date" in merged:
            raw_date = merged["date"]
            if isinstance(raw_date, date):
                day = raw_date
            else:
                try:
                    day = date.fromisoformat(str(raw_date))
                except ValueError:
                    raise self.fail("date", f"{raw_date!r} is not a date (YYYY-MM-DD)", at("date")) from None
        lang = None
        if "lang" in merged:
            lang = self.string(merged, "lang", page=at("lang"))
            if lang not in ("fr", "en", "auto"):
                raise self.fail("lang", f"{lang!r}: use fr, en or auto", at("lang"))
            lang = None if lang == "auto" else lang
        tz = None
        if "tz" in merged:
            zone = self.string(merged, "tz", page=at("tz"))
            try:
                tz = check_timezone(zone, "tz")
            except ExtractorError as exc:
                raise self.fail("tz", str(exc).removeprefix("tz: "), at("tz")) from None
        timeout = None
        if "timeout" in merged:
            timeout = self.number(merged, "timeout", 0.1, 3600, page=at("timeout"))
        ignore_robots, digest = (self.flag(merged, key, at(key)) for key in ("ignore_robots", "digest"))
        unset = RemovalGuard()
        guard = RemovalGuard(
            self.number(merged, "suspect_share", 0, 1, page=at("suspect_share"), default=unset.share),
            int(self.number(merged, "suspect_min", 1, 100_000, integer=True, page=at("suspect_min"),
                            default=unset.minimum)))
        sync = self.string(merged, "sync", page=at("sync")) if "sync" in merged else None
        if sync is not None and "://" not in sync:
            raise self.fail("sync", f"{sync!r} is not a database URL (e.g. sqlite:///programmes.db or "
                            "postgresql+psycopg://user@host/db)", at("sync"))
        if sync is not None and sync.startswith("sqlite:///") and not sync.startswith("sqlite:////"):
            path, sep, query = sync.removeprefix("sqlite:///").partition("?")
            if path and path != ":memory:":  # a file named in the file: relative to it, as `store` is
                sync = f"sqlite:///{(self.path.parent / path).resolve()}{sep}{query}"
        name = self.string(data, "name", page=index) if "name" in data else None
        key = self.string(data, "key", page=index) if "key" in data else url
        return PageConfig(url=url, key=key, name=name, interval=interval, notify=tuple(notify),
                          alert_on=tuple(alert_on) if alert_on is not None else None, date=day, lang=lang,
                          tz=tz, timeout=timeout, ignore_robots=ignore_robots, digest=digest, guard=guard,
                          sync=sync, index=index)

    def flag(self, data: dict[str, Any], key: str, page: int | None = None) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(key, "must be true or false", page)
        return value

    def string(self, data: dict[str, Any], key: str, page: int | None = None) -> str:
        value = data[key]
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, "must be a non-empty string", page)
        return value.strip()

    def strings(self, data: dict[str, Any], key: str, page: int | None) -> list[str]:
        value = data.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(key, "must be a list of strings", page)
        return [v.strip() for v in value]

    def number(self, data: dict[str, Any], key: str, low: float, high: float, *, integer: bool = False,
               page: int | None = None, default: float | None = None) -> float:
        if key not in data and default is not None:
            return default
        value = data[key]
        kind_ok = isinstance(value, int) if integer else isinstance(value, int | float)
        if isinstance(value, bool) or not kind_ok:
            raise self.fail(key, f"must be {'an integer' if integer else 'a number'}", page)
        if not low <= value <= high:
            raise self.fail(key, f"must be between {low:g} and {high:g}, not {value}", page)
        return float(value)


_HEADER = re.compile(r"^\s*\[")
_PAGE_HEADER = re.compile(r"^\s*\[\[\s*page\s*\]\]")


def find_line(lines: list[str], key: str, page: int | None = None) -> int | None:
    """The 1-based line where `key` is set: at the top level, or inside the page-th [[page]] table.

    Best effort over the raw text (tomllib keeps no positions); None when not found.
    """
    key_line = re.compile(rf"""^\s*(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')\s*=""")
    if page is None:
        for number, line in enumerate(lines, start=1):
            if _HEADER.match(line):
                break
            if key_line.match(line):
                return number
        if key == "page":
            return next((n for n, line in enumerate(lines, start=1) if _PAGE_HEADER.match(line)), None)
        return None
    seen = 0
    header = None
    for number, line in enumerate(lines, start=1):
        if _PAGE_HEADER.match(line):
            seen += 1
            if seen == page:
                header = number
                continue
            if seen > page:
                break
        elif header is not None and _HEADER.match(line):
            break
        elif header is not None and key_line.match(line):
            return number
    return header
