"""The Programme as one JSON document (the record contract of GUIDE §2)."""

from __future__ import annotations

import json

from extractor.models import Programme


def to_json(programme: Programme, indent: int | None = 2) -> str:
    return json.dumps(programme.model_dump(mode="json"), ensure_ascii=False, indent=indent)
