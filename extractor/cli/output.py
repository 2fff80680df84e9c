"""The output formats `parse` and `show` share: one option set, one writer per format."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from extractor.export.feed import Feed

FORMATS = ["json", "jsonl", "csv", "summary", "ics", "frab-xml", "frab-json"]
# Formats written once for all pages (the others are written page by page, as each is read).
WHOLE = {"csv", "ics", "frab-xml", "frab-json"}


def add_format_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=FORMATS, default="json",
                   help="json: the Programme document; jsonl: one session per line; csv: one row per session; "
                   "summary: a readable digest; ics: an iCalendar file; frab-xml, frab-json: the schedule "
                   "that schedule apps import (needs the event's time zone)")
    p.add_argument("--excel", action="store_true", help="with --format csv: start with a BOM, for Excel")


def check_format_arguments(args: argparse.Namespace, sources: int) -> None:
    from extractor.errors import InputError

    if args.excel and args.format != "csv":
        raise InputError("--excel goes with --format csv")
    if args.format.startswith("frab") and sources > 1:
        raise InputError(f"--format {args.format} writes one page's schedule: give one source")


def write_one(feed: Feed, args: argparse.Namespace, single: bool) -> None:
    """A format written page by page."""
    from extractor.export import json, jsonl, summary

    out = sys.stdout
    if args.format == "json":
        out.write(json.to_json(feed.programme, indent=2 if single else None) + "\n")
    elif args.format == "jsonl":
        jsonl.write_jsonl(feed.programme, out)
    elif args.format == "summary":
        summary.write_summary(feed.programme, out)


def write_whole(feeds: Sequence[Feed], args: argparse.Namespace) -> None:
    """A format written once for every page: CSV, a calendar, a schedule."""
    if args.format == "csv":
        from extractor.export.csv import write_csv

        write_csv([f.programme for f in feeds], sys.stdout, excel=args.excel)
        return
    if not feeds:
        return
    from extractor.export.ics import to_ics

    if args.format == "ics":
        exported = to_ics(feeds)
    else:
        from extractor.export.frab import to_frab_json, to_frab_xml

        exported = (to_frab_xml if args.format == "frab-xml" else to_frab_json)(feeds[0])
    for warning in exported.warnings:
        print(f"extractor: warning: {warning}", file=sys.stderr)
    sys.stdout.flush()
    sys.stdout.buffer.write(exported.data)
    sys.stdout.buffer.flush()
