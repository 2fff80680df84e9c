"""Resolve a diff operand: a file, a URL, or a stored snapshot `PAGE@N` / `PAGE@latest` / `PAGE@latest~K`."""

from __future__ import annotations

import os
import re
from pathlib import Path

from extractor.errors import InputError
from extractor.models import Programme
from extractor.monitor.records import records
from extractor.monitor.store import SnapshotInfo, Store
from extractor.options import ParseOptions
from extractor.read.options import FetchOptions
from extractor.read.sources import is_url

# PAGE@3, PAGE@latest, PAGE@latest~1; a URL may hold '@' elsewhere, so only the suffix counts.
SNAPSHOT_REF = re.compile(r".@(latest(~\d+)?|\d+)$")


def load(operand: str, *, store_path: str | os.PathLike[str] | None = None,
         options: ParseOptions | None = None, fetch: FetchOptions | None = None) -> Programme:
    if not SNAPSHOT_REF.search(operand) or operand == "-" or Path(operand).exists():
        from extractor.parse.pipeline import parse_page
        from extractor.read.sources import read_source

        return parse_page(read_source(operand, fetch), options)
    with open_existing(store_path) as store:
        return records(store, resolve(store, operand))


def open_existing(store_path: str | os.PathLike[str] | None) -> Store:
    from extractor.monitor.backend import is_database_url
    from extractor.monitor.store import default_path

    if is_database_url(store_path):
        return Store.open(store_path)
    path = Path(store_path) if store_path else default_path()
    if not path.exists():
        raise InputError(f"no store at {path}: run `extractor check` first, or pass --store PATH")
    return Store.open(path)


def page_key(store: Store, page: str) -> str:
    """The stored key for PAGE: as written, the absolute path it names, or the watch file's name for it."""
    if store.has_page(page):
        return page
    absolute = str(Path(page).resolve())
    if not is_url(page) and store.has_page(absolute):
        return absolute
    named = store.page_named(page)
    if len(named) == 1:
        return named[0]
    if named:
        raise InputError(f"{len(named)} pages are named {page!r}: give one's key ({', '.join(named)})")
    raise InputError(f"no page {page!r} in the store {store.label} (`extractor pages` lists them)")


def resolve(store: Store, operand: str) -> SnapshotInfo:
    page, _, ref = operand.rpartition("@")
    key = page_key(store, page)
    snapshots = store.snapshots(key)
    if not snapshots:
        raise InputError(f"page {page!r} has no snapshot yet")
    if ref == "latest" or ref.startswith("latest~"):
        back = ref.removeprefix("latest").removeprefix("~") or "0"
        if not back.isdigit() or int(back) >= len(snapshots):
            raise InputError(f"{operand}: the page has {len(snapshots)} snapshot(s)")
        return snapshots[-1 - int(back)]
    if ref.isdigit():
        found = store.snapshot(key, int(ref))
        if found:
            return found
    raise InputError(f"{operand}: no such snapshot (use PAGE@N with N from 1 to {len(snapshots)}, "
                     "or PAGE@latest)")
