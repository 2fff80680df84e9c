"""How pages are fetched: one frozen FetchOptions, from the command line, a watch file or a caller
down to extractor.read.fetch. No requests here: `extractor --help` builds these without it."""

from __future__ import annotations

from dataclasses import dataclass

from extractor.about import PROJECT_URL, __version__

DEFAULT_USER_AGENT = f"extractor/{__version__} (+{PROJECT_URL})"


@dataclass(frozen=True)
class FetchOptions:
    timeout: float = 20.0  # seconds to connect, and between two reads
    # Seconds for one whole fetch: connecting, headers, body, redirects and retries (None: 6 × timeout).
    deadline: float | None = None
    max_bytes: int = 20 * 1024 * 1024  # larger pages (files, stdin, URLs) are refused, as soon as the limit is passed
    user_agent: str = DEFAULT_USER_AGENT
    ignore_robots: bool = False  # only for sites you own or may crawl
    retries: int = 3  # on connection errors, timeouts, 429 and 5xx
    min_host_delay: float = 1.0  # seconds between the starts of two requests to one host
    backoff: float = 0.5  # first retry after ~0.5 s, then ~1 s, ~2 s ... (with jitter)
    max_redirects: int = 10
    # Follow redirects to private, loopback and link-local addresses (always allowed when the URL given
    # is itself local).
    allow_private: bool = False
    # (ETag, Last-Modified) of the last fetch, for a conditional request; None: an unconditional
    # one (`check` sends the store's).
    validators: tuple[str | None, str | None] | None = None
