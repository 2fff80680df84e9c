"""`extractor schema`: print the JSON Schema of the record contract."""

from __future__ import annotations

import argparse
import json


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("schema", help="print the JSON Schema of the Programme record")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from extractor.models import json_schema

    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return 0
