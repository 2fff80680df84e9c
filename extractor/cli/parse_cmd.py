"""`extractor parse SOURCE…`: print records as JSON, JSON Lines, CSV, a digest, a calendar or a schedule."""

from __future__ import annotations

import argparse
import sys

from extractor.cli.http_options import add_http_arguments, fetch_options_from
from extractor.cli.output import WHOLE, add_format_arguments, check_format_arguments, write_one, write_whole
from extractor.cli.parse_options import add_parse_arguments, parse_options_from


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "parse",
        help="parse pages (paths, '-' for stdin, or URLs) and print their records",
        description="One source: one JSON document. Several: one JSON document per line. "
        "A source that fails is reported on stderr and the others are still printed.",
    )
    p.add_argument("sources", nargs="+", metavar="SOURCE")
    add_format_arguments(p)
    add_parse_arguments(p)
    add_http_arguments(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from extractor import parse_source
    from extractor.errors import ExtractorError, InternalError
    from extractor.export.feed import Feed
    from extractor.textkit.display import terminal_safe

    check_format_arguments(args, len(args.sources))
    options = parse_options_from(args)
    fetch = fetch_options_from(args)
    status = 0
    feeds = []
    for source in args.sources:
        try:
            programme = parse_source(source, options, fetch)
        except ExtractorError as exc:
            if len(args.sources) == 1:
                raise
            print(f"extractor: error: {terminal_safe(_naming(str(exc), source))}", file=sys.stderr)
            status = max(status, exc.exit_code)
            continue
        except Exception as exc:  # a parser bug on one page: that page fails, the others are still read
            error = InternalError(f"{source}: internal error: {type(exc).__name__}: {exc}")
            if len(args.sources) == 1:
                raise error from exc
            print(f"extractor: error: {terminal_safe(str(error))}", file=sys.stderr)
            status = max(status, error.exit_code)
            continue
        feed = Feed(programme.source.location, programme)
        if args.format in WHOLE:
            feeds.append(feed)
        else:
            write_one(feed, args, single=len(args.sources) == 1)
    write_whole(feeds, args)
    return status


def _naming(message: str, source: str) -> str:
    """The error's one line, naming the source it is about."""
    return message if source in message else f"{source}: {message}"
