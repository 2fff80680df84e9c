"""Command line: argument parsing and printing only; each command is one library call.

Each command lives in its own module exposing `register(subparsers)`; its handler is
stored as the parser's `run` default. Heavy imports happen inside handlers so that
`extractor --help` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from extractor.about import __version__
from extractor.errors import ExtractorError

# Modules under extractor.cli, in the order `--help` lists them.
COMMAND_MODULES = ["parse_cmd", "schema_cmd", "eval_cmd",
                   "check_cmd", "diff_cmd", "show_cmd", "history_cmd", "pages_cmd", "status_cmd", "alerts_cmd",
                   "reparse_cmd", "watch_cmd", "sync_cmd"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="extractor",
        description="Turn conference programme pages into validated records; snapshot, diff and alert.",
        epilog="Exit codes: 0 ok, 1 differences/alerts found (diff, check --exit-code), 2 bad input, "
        "3 network/HTTP failure, 4 store failure, 5 notification failure, 6 sync target failure, 130 interrupted.",
    )
    parser.add_argument("--version", action="version", version=f"extractor {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"extractor.cli.{name}").register(sub)
    for command in sub.choices.values():
        # `extractor check -v` as well as `extractor -v check`; SUPPRESS keeps the first from undoing the second.
        command.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                             help="log what the command does to stderr")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return 2
    _configure_logging(args.verbose)
    try:
        return int(args.run(args) or 0)
    except ExtractorError as exc:
        from extractor.textkit.display import terminal_safe

        print(f"extractor: error: {terminal_safe(str(exc))}", file=sys.stderr)  # URLs and replies of strangers
        return exc.exit_code
    except KeyboardInterrupt:
        print("extractor: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # stdout closed early (e.g. piped into `head`): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _configure_logging(verbose: bool) -> None:
    import logging

    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="extractor: %(levelname)s: %(message)s",
        stream=sys.stderr,
    )
