"""`extractor schema [--alert]`: print the JSON Schema of the record contract, or of an alert's JSON."""

from __future__ import annotations

import argparse
import json


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("schema", help="print the JSON Schema of the Programme record (or of an alert)")
    p.add_argument("--alert", action="store_true",
                   help="the JSON machine endpoints receive for an alert (schemas/alert.schema.json)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from extractor import models
    from extractor.changes import payload

    schema = payload.json_schema() if args.alert else models.json_schema()
    print(json.dumps(schema, indent=2, ensure_ascii=False))
    return 0
