"""The parse options every command that reads a page accepts: --lang, --date, --as-of, --tz."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from extractor.options import ParseOptions


def add_parse_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=["auto", "fr", "en"], default="auto",
                   help="page language (default: detect)")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="day to use when the page names none")
    p.add_argument("--as-of", metavar="YYYY-MM-DD",
                   help="read the page as of this date (default: when it was retrieved): day headings "
                   "without a year take the nearest year whose weekday fits")
    add_tz_argument(p)


def add_tz_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("--tz", metavar="ZONE", help="the event's IANA time zone (e.g. Europe/Paris), when the page "
                   "does not state it: calendars place sessions in it (default: floating times)")


def parse_options_from(args: argparse.Namespace) -> ParseOptions:
    from extractor.options import ParseOptions

    return ParseOptions.from_cli(lang=args.lang, date=args.date, as_of=args.as_of, tz=args.tz)
