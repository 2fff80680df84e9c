"""Property-based fuzzing that stays (issue 10): generated and mutated pages end in records or in one of
our errors, never a traceback. A bounded number of examples here; bench/fuzz.py runs 20,000 and more.
Every input that ever crashed is a file under tests/hostile/ with its expected outcome."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.fuzz import outcome_of
from bench.fuzz_inputs import CHARSETS, CONTROLS, GENERATORS, TIMES, TITLES, generate

HOSTILE = Path(__file__).parent / "hostile"
EXPECTED = json.loads((HOSTILE / "expected.json").read_text(encoding="utf-8"))
BOUNDED = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)


@BOUNDED
@given(st.lists(st.one_of(st.sampled_from(TIMES + TITLES), st.sampled_from(CONTROLS), st.text(max_size=30)),
                max_size=40), st.sampled_from(CHARSETS), st.booleans())
def test_programme_like_pages_parse_or_fail_cleanly(pieces: list[str], charset: str, html: bool) -> None:
    text = " ".join(pieces)
    page = f'<html><head><meta charset="{charset}"></head><body><p>{text}</p></body></html>' if html else text
    outcome = outcome_of(page.encode("utf-8", "surrogatepass"))
    assert not outcome.startswith("CRASH"), outcome


@BOUNDED
@given(st.integers(min_value=0, max_value=2**32), st.sampled_from([g[0] for g in GENERATORS]))
def test_generated_and_mutated_pages_parse_or_fail_cleanly(seed: int, _generator: str) -> None:
    _name, data = generate(random.Random(seed))
    outcome = outcome_of(data)
    assert not outcome.startswith("CRASH"), outcome


@BOUNDED
@given(st.binary(max_size=3000))
def test_random_bytes_parse_or_fail_cleanly(data: bytes) -> None:
    assert not outcome_of(data).startswith("CRASH")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_inputs_that_once_crashed(name: str) -> None:
    assert outcome_of((HOSTILE / name).read_bytes()) == EXPECTED[name]
