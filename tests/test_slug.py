from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from extractor.textkit.slug import ascii_fold, slugify, unique_ids


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Études de cas", "etudes-de-cas"),
        ("L’IA au service de la ville : enjeux", "l-ia-au-service-de-la-ville-enjeux"),
        ("  Mot de bienvenue  ", "mot-de-bienvenue"),
        ("Cœur & œuvre", "coeur-oeuvre"),
        ("Straße 2.0", "strasse-2-0"),
        ("Keynote: Open OnDemand — What's next?", "keynote-open-ondemand-what-s-next"),
        ("Pause\u00a0café", "pause-cafe"),
        ("13h30 – 14h45", "13h30-14h45"),
        ("!!!", "session"),
        ("", "session"),
        ("日本語", "session"),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_ascii_fold_keeps_case() -> None:
    assert ascii_fold("Énap Œuvre") == "Enap OEuvre"


def test_unique_ids_numbers_duplicates_in_order() -> None:
    assert unique_ids(["Pause", "Dîner", "Pause", "pause!"]) == ["pause", "diner", "pause-2", "pause-3"]


def test_unique_ids_skips_suffixes_already_taken() -> None:
    assert unique_ids(["Pause", "Pause", "Pause 2"]) == ["pause", "pause-3", "pause-2"]


def test_unique_ids_is_unique_and_stable() -> None:
    titles = ["A", "a", "A 2", "a-2", "", "!", "A"]
    ids = unique_ids(titles)
    assert len(set(ids)) == len(ids)
    assert ids == unique_ids(titles)
    assert unique_ids([]) == []


def _best_of_three(run: Callable[[], object]) -> float:
    times = []
    for _ in range(3):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def test_unique_ids_grows_linearly_with_repeated_titles() -> None:
    # 8x the titles: about 8x the time when linear, 64x when every repeat rescans the suffixes.
    small = _best_of_three(lambda: unique_ids(["Pause"] * 1_000))
    large = _best_of_three(lambda: unique_ids(["Pause"] * 8_000))
    assert large < small * 24
