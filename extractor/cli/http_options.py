"""The HTTP options shared by commands that take a SOURCE (parse, check, diff, watch).

Defaults are not set here (None / False) so that only what the user gave replaces
extractor.read.options.FetchOptions' defaults, the single source of truth.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from extractor.read.options import FetchOptions


def add_http_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("HTTP (for http:// and https:// sources)")
    group.add_argument("--timeout", type=positive_seconds, metavar="SECONDS",
                       help="connect and read timeout (default: 20)")
    group.add_argument("--user-agent", metavar="TEXT",
                       help="User-Agent to send (default: extractor/VERSION (+project URL))")
    group.add_argument("--ignore-robots", action="store_true",
                       help="do not read robots.txt: only for sites you own or may crawl")
    group.add_argument("--allow-private", action="store_true",
                       help="follow redirects to private, loopback and link-local addresses (refused by default "
                       "unless the URL you gave is itself local)")


def fetch_options_from(args: argparse.Namespace) -> FetchOptions:
    """The defaults, with the HTTP options the user gave (timeout, user agent, robots)."""
    from extractor.read.options import FetchOptions

    defaults = FetchOptions()
    return FetchOptions(timeout=defaults.timeout if args.timeout is None else args.timeout,
                        user_agent=args.user_agent or defaults.user_agent, ignore_robots=args.ignore_robots,
                        max_bytes=getattr(args, "max_bytes", None) or defaults.max_bytes,
                        allow_private=args.allow_private)


def positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError(f"must be between 0 and 3600 seconds, not {text}")
    return value
