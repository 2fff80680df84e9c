"""The `--store PATH` option shared by check, diff, history, alerts and reparse."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from extractor.monitor.store import Store


def add_store_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("--store", metavar="PATH|URL",
                   help="snapshot store: a SQLite file, or a postgresql:// URL; "
                   "default: extractor/extractor.sqlite in the user data directory")


def open_store(args: argparse.Namespace) -> Store:
    from extractor.monitor.store import Store  # here, not at the top: `extractor --help` stays fast

    return Store.open(args.store)
