"""Every family of pathological page parses in time linear in its size (issue 10): a small page and one
8× larger, timed in the same run; quadratic growth would take ~64× as long, linear ~8×. The bound is
generous (24×) so a loaded machine does not make it flaky; bench/scaling_bench.py gives the numbers."""

from __future__ import annotations

import contextlib
import time

import pytest

from bench.hostile import FAMILIES
from extractor import parse_bytes
from extractor.errors import ExtractorError
from extractor.options import ParseOptions

SMALL = 6_000
MAX_RATIO = 24.0
FLOOR = 0.05  # seconds: below this, timer noise decides


def _seconds(data: bytes) -> float:
    best = float("inf")
    for _ in range(2):  # the better of two: a pause of the machine is not the parser's
        began = time.perf_counter()
        with contextlib.suppress(ExtractorError):
            parse_bytes(data, options=ParseOptions(deadline=None))
        best = min(best, time.perf_counter() - began)
    return best


@pytest.mark.parametrize("family", list(FAMILIES))
def test_parse_time_grows_linearly(family: str) -> None:
    make = FAMILIES[family]
    _seconds(make(SMALL))  # warm
    small, large = _seconds(make(SMALL)), _seconds(make(8 * SMALL))
    assert large <= MAX_RATIO * max(small, FLOOR), f"{family}: {small:.3f} s -> {large:.3f} s at 8×"
