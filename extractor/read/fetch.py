"""HTTP(S) pages as RawPage: with guard.py, the only module that imports requests.

Politeness and robustness, all on by default:
- an honest User-Agent, `extractor/VERSION (+PROJECT_URL)`, overridable;
- robots.txt (RFC 9309) checked per host, cached, and its Crawl-delay honoured (capped);
- a minimum delay between two requests to the same host (per process, thread-safe);
- conditional requests from the caller's validators (ETag, Last-Modified); 304 -> not_modified;
- retries with exponential backoff and jitter on connection errors, timeouts, 429 and 5xx,
  honouring Retry-After (a server asking for more than MAX_RETRY_AFTER seconds is not retried);
- connect/read timeouts, and one total deadline per fetch (extractor.read.guard: a server dripping
  a byte a second is cut off); a streamed body with a size limit; a redirect limit, redirects
  followed by hand so that each hop is paced and checked against its host's robots.txt, and
  refused when they lead into the private network (guard.py) unless the user allows it.
Every failure is a FetchError (exit code 3) with one line of text.
"""

from __future__ import annotations

import email.utils
import errno
import random
import re
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import requests

from extractor.errors import ConfigError, FetchError
from extractor.models import HttpInfo
from extractor.read.guard import Guard, Refused, guarded
from extractor.read.options import DEFAULT_USER_AGENT, FetchOptions
from extractor.read.pacing import HostPacer
from extractor.read.page import RawPage
from extractor.read.robots import MAX_ROBOTS_BYTES, RobotsCache, RobotsResponse, product_token

BACKOFF_CAP = 30.0
MAX_RETRY_AFTER = 120.0
MAX_CRAWL_DELAY = 60.0
TOTAL_TIME_FACTOR = 6  # without an explicit deadline, a whole fetch must end within this many timeouts
CHUNK_SIZE = 64 * 1024
ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5"

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)

# Process-wide politeness state: shared by every fetch, whatever the thread or session.
pacer = HostPacer()
robots_cache = RobotsCache()
_local = threading.local()


def reset_state() -> None:
    """Forget pacing times and cached robots.txt files (tests; long-lived embedders)."""
    pacer.clear()
    robots_cache.clear()


def fetch_page(url: str, options: FetchOptions | None = None, *,
               session: requests.Session | None = None) -> RawPage:
    """GET an http(s) URL politely; conditionally when `options.validators` are given.

    Returns RawPage(not_modified=True, data=b"") on 304. Raises FetchError on any failure.
    """
    options = options or FetchOptions()
    _check_url(url)
    if not options.timeout > 0:
        raise ConfigError(f"the timeout must be more than 0 seconds, not {options.timeout}")
    deadline = options.deadline if options.deadline is not None else options.timeout * TOTAL_TIME_FACTOR
    with Guard(url, deadline, options.allow_private) as guard:
        return _fetch(url, options, session, guard)


def _fetch(url: str, options: FetchOptions, session: requests.Session | None, guard: Guard) -> RawPage:
    client = _Client(
        session=session or _thread_session(),
        user_agent=options.user_agent or DEFAULT_USER_AGENT,
        timeout=float(options.timeout),
        retries=max(0, int(options.retries)),
        backoff=max(0.0, float(options.backoff)),
        min_host_delay=max(0.0, float(options.min_host_delay)),
        ignore_robots=options.ignore_robots,
        guard=guard,
    )
    if session is not None:
        guarded(session)
    headers = {}
    etag, last_modified = options.validators or (None, None)
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified

    current = url
    seen = {url}
    for _hop in range(options.max_redirects + 1):
        client.check_robots(current)
        reply = client.get(current, headers, max_bytes=options.max_bytes)
        if reply.status in _REDIRECTS and reply.location:
            target = urljoin(current, reply.location)
            if urlsplit(target).scheme.lower() not in ("http", "https"):
                raise FetchError(f"{current} redirects to an unsupported URL: {target}")
            if target in seen:
                raise FetchError(f"too many redirects: {url} redirects in a loop (back to {target})")
            guard.redirected = True
            guard.refuse_literal(target)
            seen.add(target)
            current = target
            continue
        return _page(url, current, reply, etag, last_modified)
    raise FetchError(f"too many redirects (more than {options.max_redirects}) from {url}")


def _page(url: str, final_url: str, reply: _Reply, etag: str | None, last_modified: str | None) -> RawPage:
    status = reply.status
    if status == 304:
        http = HttpInfo(
            status=304,
            etag=reply.headers.get("ETag") or etag,
            last_modified=reply.headers.get("Last-Modified") or last_modified,
            final_url=final_url,
        )
        return RawPage(data=b"", location=url, http=http, not_modified=True)
    if status == 429 or status >= 500:
        tries = f" (gave up after {reply.attempts} attempts)" if reply.attempts > 1 else ""
        raise FetchError(f"HTTP {status} for {final_url}{tries}{reply.note}")
    if status >= 300:  # 4xx, or a 3xx that is not a usable redirect
        raise FetchError(f"HTTP {status} for {final_url}")
    http = HttpInfo(
        status=status,
        etag=reply.headers.get("ETag"),
        last_modified=reply.headers.get("Last-Modified"),
        final_url=final_url,
    )
    return RawPage(
        data=reply.body,
        location=url,
        retrieved_at=datetime.now(UTC),
        http=http,
        charset=content_type_charset(reply.headers.get("Content-Type")),
    )


def content_type_charset(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, if any (no default for text/*)."""
    if not content_type:
        return None
    match = _CHARSET.search(content_type)
    return match.group(1) if match else None


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Retry-After as seconds: delta-seconds or an HTTP date; None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def backoff_delay(attempt: int, base: float) -> float:
    """Exponential backoff with jitter: uniform in [d/2, d] where d = base * 2**attempt (capped)."""
    delay = min(BACKOFF_CAP, base * float(2 ** min(attempt, 30)))
    return delay / 2 + random.uniform(0, delay / 2)


@dataclass
class _Reply:
    status: int
    headers: requests.structures.CaseInsensitiveDict[str]
    body: bytes = b""
    attempts: int = 1
    note: str = ""

    @property
    def location(self) -> str | None:
        return self.headers.get("Location")


class _Retryable(Exception):
    """An attempt failed in a way worth retrying; carries the FetchError to raise at the end."""

    def __init__(self, error: FetchError) -> None:
        super().__init__(str(error))
        self.error = error


@dataclass
class _Client:
    session: requests.Session
    user_agent: str
    timeout: float
    retries: int
    backoff: float
    min_host_delay: float
    ignore_robots: bool
    guard: Guard

    def check_robots(self, url: str) -> None:
        if self.ignore_robots:
            return
        policy = robots_cache.policy(url, self._load_robots)
        agent = product_token(self.user_agent)
        if policy.unreachable_status is not None:
            raise FetchError(
                f"refused by robots.txt: {url} (robots.txt answered HTTP {policy.unreachable_status}, "
                "so the site asks crawlers to stay away for now)"
            )
        if not policy.allows(url, agent):
            raise FetchError(f"refused by robots.txt: {url}")

    def _load_robots(self, robots_url: str) -> RobotsResponse:
        current = robots_url
        for _hop in range(6):  # RFC 9309: follow at least five redirects
            reply = self.get(current, {}, max_bytes=MAX_ROBOTS_BYTES, truncate=True, robots=True)
            if reply.status in _REDIRECTS and reply.location:
                current = urljoin(current, reply.location)
                if urlsplit(current).scheme.lower() not in ("http", "https"):
                    break
                continue
            return RobotsResponse(status=reply.status, body=reply.body)
        return RobotsResponse(status=404, body=b"")  # unresolvable: treated as no robots.txt

    def delay_for(self, url: str) -> float:
        delay = self.min_host_delay
        if not self.ignore_robots:
            policy = robots_cache.policy(url, self._load_robots)
            crawl_delay = policy.crawl_delay(product_token(self.user_agent))
            if crawl_delay:
                delay = max(delay, min(crawl_delay, MAX_CRAWL_DELAY))
        return delay

    def get(
        self,
        url: str,
        headers: dict[str, str],
        *,
        max_bytes: int,
        truncate: bool = False,
        robots: bool = False,
    ) -> _Reply:
        """One GET with retries; returns the last reply (even a 5xx) or raises FetchError."""
        host = urlsplit(url).netloc.lower()
        # robots.txt (once per host and day) is neither paced nor counted: the page request that
        # follows it need not wait a full delay behind it.
        delay = 0.0 if robots else self.delay_for(url)
        last_error: FetchError | None = None
        for attempt in range(self.retries + 1):
            if not robots:
                pacer.wait(host, delay)
            self.guard.check()
            try:
                reply = self._attempt(url, headers, max_bytes=max_bytes, truncate=truncate)
            except _Retryable as exc:
                last_error = exc.error
                pause = backoff_delay(attempt, self.backoff)
                if attempt == self.retries or pause >= self.guard.left():
                    break
                time.sleep(pause)
                continue
            reply.attempts = attempt + 1
            if not (reply.status == 429 or reply.status >= 500):
                return reply
            wait = retry_after_seconds(reply.headers.get("Retry-After"))
            if wait is not None and wait > MAX_RETRY_AFTER:
                reply.note = f"; it asks to retry after {wait:.0f} s, over our {MAX_RETRY_AFTER:.0f} s limit"
                return reply
            pause = max(wait or 0.0, backoff_delay(attempt, self.backoff))
            if attempt == self.retries or pause >= self.guard.left():
                return reply
            time.sleep(pause)
        assert last_error is not None
        if attempt:
            raise FetchError(f"{last_error} (gave up after {attempt + 1} attempts)")
        raise last_error

    def _attempt(self, url: str, extra: dict[str, str], *, max_bytes: int, truncate: bool) -> _Reply:
        host = urlsplit(url).hostname or url
        headers = {"User-Agent": self.user_agent, "Accept": ACCEPT, **extra}
        timeouts = (self.timeout, self.timeout)
        try:
            response = self.session.get(
                url, headers=headers, timeout=timeouts, stream=True, allow_redirects=False
            )
        except Refused as exc:
            raise exc.error from None
        except requests.exceptions.RequestException as exc:
            raise self._failure(exc, url, host) from None
        with response:
            reply = _Reply(status=response.status_code, headers=response.headers)
            if 200 <= response.status_code < 300:
                reply.body = self._read_body(response, url, max_bytes=max_bytes, truncate=truncate)
            self.guard.check()  # a body cut short by the deadline looks complete: it is not
            return reply

    def _failure(self, exc: requests.exceptions.RequestException, url: str, host: str) -> Exception:
        """The FetchError (or _Retryable) a failed request means."""
        if self.guard.expired:
            return self.guard.error()  # the deadline shut the socket: whatever broke, that is why
        if isinstance(exc, requests.exceptions.ConnectTimeout):
            return _Retryable(self._connect_timeout(host))
        if isinstance(exc, requests.exceptions.ReadTimeout):
            return _Retryable(FetchError(f"timed out after {self.timeout:g} s waiting for {url}"))
        if isinstance(exc, requests.exceptions.SSLError):
            return FetchError(f"TLS error with {host}: {_reason(exc)}")
        if isinstance(exc, requests.exceptions.ConnectionError):
            if _is_timeout(exc):
                return _Retryable(self._connect_timeout(host))
            return _Retryable(FetchError(f"cannot connect to {host}: {_reason(exc)}"))
        return FetchError(f"cannot fetch {url}: {_reason(exc)}")

    def _connect_timeout(self, host: str) -> FetchError:
        return FetchError(f"timed out after {self.timeout:g} s connecting to {host}")

    def _read_body(self, response: requests.Response, url: str, *, max_bytes: int, truncate: bool) -> bytes:
        declared = response.headers.get("Content-Length", "")
        if not truncate and declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(f"page larger than {max_bytes} bytes: {url} (Content-Length {declared})")
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_content(CHUNK_SIZE):
                size += len(chunk)
                if size > max_bytes:
                    if truncate:
                        chunks.append(chunk[: max_bytes - (size - len(chunk))])
                        break
                    raise FetchError(f"page larger than {max_bytes} bytes: {url}")
                chunks.append(chunk)
                self.guard.check()
        except requests.exceptions.ContentDecodingError:
            raise FetchError(f"cannot decompress the body of {url}") from None
        except (requests.exceptions.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
            self.guard.check()
            if _is_timeout(exc):
                raise _Retryable(FetchError(f"timed out after {self.timeout:g} s reading {url}")) from None
            raise _Retryable(FetchError(f"connection broken while reading {url}: {_reason(exc)}")) from None
        return b"".join(chunks)


def _check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FetchError(f"not an http(s) URL: {url}")


def _thread_session() -> requests.Session:
    """One Session per thread: connection reuse without sharing a Session across threads."""
    session = getattr(_local, "session", None)
    if session is None:
        session = guarded(requests.Session())
        session.max_redirects = FetchOptions().max_redirects  # unused (we follow by hand), but bounded
        _local.session = session
    return session


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """The exception, its causes, contexts, wrapped `reason`s and exception args, breadth first."""
    queue: list[BaseException] = [exc]
    seen: set[int] = set()
    while queue:
        current = queue.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        nested = [current.__cause__, current.__context__, getattr(current, "reason", None), *current.args]
        queue.extend(item for item in nested if isinstance(item, BaseException))


def _is_timeout(exc: BaseException) -> bool:
    import urllib3.exceptions

    # urllib3's NewConnectionError subclasses ConnectTimeoutError for history's sake: a refused
    # connection is not a timeout, so only exact timeout types count.
    for cause in _causes(exc):
        if isinstance(cause, socket.timeout | urllib3.exceptions.ReadTimeoutError):
            return True
        if type(cause) is urllib3.exceptions.ConnectTimeoutError:
            return True
    return False


def _reason(exc: BaseException) -> str:
    for cause in _causes(exc):
        if isinstance(cause, socket.gaierror):
            return "host not found"
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cause, ConnectionResetError):
            return "connection reset by the server"
        if isinstance(cause, OSError) and cause.errno == errno.ENETUNREACH:
            return "network unreachable"
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if "RemoteDisconnected" in text or "Connection aborted" in text:
        return "the server closed the connection without answering"
    if "IncompleteRead" in text or "Connection broken" in text:
        return "the server closed the connection mid-transfer"
    return text[:200]
