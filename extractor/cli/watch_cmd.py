"""`extractor watch CONFIG.toml [--once]`: check many pages on their intervals (extractor.watch.scheduler.watch)."""

from __future__ import annotations

import argparse

from extractor.cli.http_options import add_http_arguments


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "watch",
        help="check the pages of a TOML file on their intervals (or --once, for cron)",
        description="Check every [[page]] of CONFIG (see samples/watch.toml) on its interval, storing "
        "snapshots and sending alerts like `check`. SIGINT/SIGTERM finish the checks in progress, then stop.",
        epilog="Exit codes: 0 every check succeeded (or SIGTERM stopped a long-running watch); 2 bad "
        "configuration; 4 store cannot be opened; with --once, the highest exit code of the pages that "
        "failed (2 input/parse, 3 network/HTTP, 4 store, 5 notification, 6 sync target); 130 SIGINT; "
        "143 SIGTERM during --once.",
    )
    p.add_argument("config", metavar="CONFIG.toml")
    p.add_argument("--once", action="store_true", help="check every page once, then exit (for cron)")
    p.add_argument("--store", metavar="PATH|URL", help="snapshot store: a SQLite file or a postgresql:// URL, "
                   "where several watchers share the pages (default: the file's `store`, else the user data "
                   "directory)")
    p.add_argument("--lease", metavar="DURATION",
                   help="PostgreSQL store: how long a page stays with a watcher that took it; a page held by a "
                   "watcher that died is checked by another after this (default: the file's `lease`, else 10m; "
                   "longer than a check takes)")
    p.add_argument("--workers", type=int, metavar="N", help="checks at once (default: the file's, else 8)")
    p.add_argument("--progress", choices=["auto", "on", "off"], default="auto",
                   help="progress bar: auto shows it when stderr is a terminal")
    p.add_argument("--sync", metavar="TARGET", help="after each check, sync the page into this database "
                   "(a SQLAlchemy URL, as for `extractor sync`; over the file's `sync`)")
    add_http_arguments(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from extractor.errors import ConfigError
    from extractor.monitor.backend import is_database_url
    from extractor.watch import config as watch_config
    from extractor.watch.report import choose
    from extractor.watch.scheduler import watch

    if args.workers is not None and not 1 <= args.workers <= 256:
        raise ConfigError("--workers must be between 1 and 256")
    config = watch_config.load(args.config).overridden(timeout=args.timeout, user_agent=args.user_agent,
                                                       ignore_robots=args.ignore_robots,
                                                       allow_private=args.allow_private, sync=args.sync)
    reporter = choose(progress=args.progress, verbose=args.verbose)
    store = args.store or config.store
    if is_database_url(store):
        from extractor.watch.shared import watch_shared

        lease = config.lease
        if args.lease is not None:
            try:
                lease = max(watch_config.parse_duration(args.lease), 1.0)
            except ValueError as exc:
                raise ConfigError(f"--lease: {exc}") from None
        summary = watch_shared(config, str(store), once=args.once, reporter=reporter, workers=args.workers,
                               lease_seconds=lease)
    else:
        summary = watch(config, store_path=store, once=args.once, reporter=reporter, workers=args.workers)
    return summary.exit_code
