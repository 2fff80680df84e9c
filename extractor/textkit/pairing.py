"""Greedy best-first pairing: the one matcher behind the diff (old and new sessions, speakers) and the
accuracy scorer (labelled and predicted sessions, people)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def best_pairs(candidates: Iterable[tuple[Any, int, int]]) -> list[tuple[int, int]]:
    """Pairs (left, right) taken best first, each index at most once.

    A candidate is (sort key, left index, right index); smaller keys are better, so a caller
    ranks by (-similarity, …, tie-breakers). Sorted by left index on return.
    """
    used_left: set[int] = set()
    used_right: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, left, right in sorted(candidates, key=lambda c: (c[0], c[1], c[2])):
        if left in used_left or right in used_right:
            continue
        used_left.add(left)
        used_right.add(right)
        pairs.append((left, right))
    return sorted(pairs)
