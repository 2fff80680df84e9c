"""Property tests: arbitrary text and HTML never raise anything but the tool's own error type."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.errors import ExtractorError
from extractor.models import Programme
from extractor.parse.pipeline import parse_bytes

LINES = st.sampled_from([
    "13h30-14h45", "Études de cas", "Salle à venir", "Room TBA", "Description provisoire : Texte.",
    "Julie Boivin, Mairesse, Sainte-Anne-des-Plaines", "Mercredi 19 novembre 2025", "9:00 AM – 10:15 AM",
    "Marie Tremblay (Université Laval)", "\u00a0", "", "top of page", "Pause", "14h-13h", "Titre", "=1+1",
])
TAGS = st.sampled_from(["p", "div", "span", "h1", "h2", "table", "tr", "td", "th", "br", "script", "b", "li",
                        "header", "nav"])


def _parse(data: bytes) -> None:
    try:
        programme = parse_bytes(data, "prop")
    except ExtractorError:
        return
    assert isinstance(programme, Programme)
    assert programme.sessions
    assert len({s.id for s in programme.sessions}) == len(programme.sessions)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_random_bytes(data: bytes) -> None:
    _parse(data)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=1500))
def test_random_text(text: str) -> None:
    _parse(text.encode("utf-8", "surrogatepass"))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(LINES, st.text(max_size=60)), max_size=40))
def test_programme_like_lines(lines: list[str]) -> None:
    _parse("\n".join(lines).encode("utf-8", "surrogatepass"))


@st.composite
def html_documents(draw: st.DrawFn) -> str:
    parts = ["<html><body>"]
    for _ in range(draw(st.integers(0, 30))):
        tag = draw(TAGS)
        text = draw(st.one_of(LINES, st.text(max_size=30)))
        closing = draw(st.booleans())
        parts.append(f"<{tag}>{text}" + (f"</{tag}>" if closing else ""))
    return "".join(parts)


@settings(max_examples=150, deadline=None)
@given(html_documents())
def test_random_html(document: str) -> None:
    _parse(document.encode("utf-8", "surrogatepass"))


def test_deeply_nested_html_does_not_crash() -> None:
    page = "<html><body>" + "<div>" * 50_000 + "<p>13h30-14h45</p><p>Titre</p><p>Salle 2.105</p>" + "</div>" * 50_000
    _parse(page.encode())


def test_huge_flat_text_is_parsed_in_linear_time() -> None:
    # 30,000 sessions, and 8x fewer: the time must grow about 8x, not 64x (a quadratic step).
    def seconds(sessions: int) -> float:
        page = ("13h30-14h45\nTitre\nSalle 2.105\n" * sessions).encode()
        started = time.perf_counter()
        _parse(page)
        return time.perf_counter() - started

    small = min(seconds(3_750) for _ in range(2))
    assert seconds(30_000) < small * 24
