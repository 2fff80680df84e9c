"""The parse options every command that reads a page accepts: --lang, --date, --as-of, --tz."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from extractor.cli.http_options import positive_seconds

if TYPE_CHECKING:
    from extractor.options import ParseOptions


def add_parse_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=["auto", "fr", "en"], default="auto",
                   help="page language (default: detect)")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="day to use when the page names none")
    p.add_argument("--as-of", metavar="YYYY-MM-DD",
                   help="read the page as of this date (default: when it was retrieved): day headings "
                   "without a year take the nearest year whose weekday fits")
    p.add_argument("--parse-deadline", type=positive_seconds, metavar="SECONDS",
                   help="give up on a page whose parsing takes longer (default: 60)")
    p.add_argument("--max-bytes", type=byte_size, metavar="SIZE",
                   help="refuse pages (files, stdin, URLs) larger than this: 500000, 800K, 20M (default: 20M)")
    add_tz_argument(p)


def add_tz_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("--tz", metavar="ZONE", help="the event's IANA time zone (e.g. Europe/Paris): calendars place "
                   "sessions in it (default: the zone the page states, else floating times)")


def parse_options_from(args: argparse.Namespace) -> ParseOptions:
    from extractor.options import ParseOptions

    return ParseOptions.from_cli(lang=args.lang, date=args.date, as_of=args.as_of, tz=args.tz,
                                 deadline=args.parse_deadline)


_UNITS = {"": 1, "K": 1024, "M": 1024 ** 2, "G": 1024 ** 3}


def byte_size(text: str) -> int:
    """`500000`, `800K`, `20M`, `1G` (binary units) as a number of bytes."""
    number, unit = text.strip().upper().rstrip("B").rstrip("I"), ""
    if number[-1:] in _UNITS:
        number, unit = number[:-1], number[-1]
    try:
        value = int(float(number) * _UNITS[unit])
    except (ValueError, OverflowError):
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (write e.g. 500000, 800K, 20M)") from None
    if not 1024 <= value <= 1 << 31:
        raise argparse.ArgumentTypeError(f"must be between 1K and 2G, not {text}")
    return value
