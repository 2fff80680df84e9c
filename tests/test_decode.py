"""Bytes to text: encodings, BOMs, declarations, and twins that must parse alike."""

from __future__ import annotations

import codecs

import pytest

from extractor.errors import InputError
from extractor.parse.pipeline import parse_bytes
from extractor.read.decode import decode, looks_like_html
from tests.conftest import SAMPLES
from tests.test_golden import golden_view

SEED_TEXT = (SAMPLES / "seed.txt").read_text(encoding="utf-8")


def _twin(encoding: str) -> bytes:
    # ’ and – are not in latin-1; a cp1252 page has them, a latin-1 one uses ' and -.
    return SEED_TEXT.encode(encoding)


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-8-sig"])
def test_encoded_twins_parse_exactly_like_utf8(encoding: str) -> None:
    expected = golden_view(parse_bytes(SEED_TEXT.encode("utf-8"), "seed"))
    assert golden_view(parse_bytes(_twin(encoding), "seed")) == expected


def test_latin1_twin_parses_like_its_utf8_twin() -> None:
    text = SEED_TEXT.replace("’", "'").replace("–", "-").replace("œ", "oe")
    assert golden_view(parse_bytes(text.encode("latin-1"), "x")) == golden_view(parse_bytes(text.encode(), "x"))


def test_html_meta_charset_is_honoured() -> None:
    page = '<html><head><meta charset="windows-1252"></head><body><p>Théâtre ’</p></body></html>'
    text, encoding = decode(page.encode("cp1252"), "x")
    assert "Théâtre ’" in text and encoding == "cp1252"


def test_http_charset_wins_over_detection() -> None:
    text, _ = decode("Salle à venir".encode("cp1252"), "x", http_charset="iso-8859-1")
    assert text == "Salle à venir"


def test_wrong_declaration_falls_back_to_what_decodes() -> None:
    page = '<meta charset="utf-8"><p>Salle à venir</p>'.encode("cp1252")
    text, _ = decode(page, "x")
    assert "Salle à venir" in text


@pytest.mark.parametrize(("data", "message"), [
    (b"", "empty"), (b"%PDF-1.4 ...", "PDF"), (b"\x89PNG\r\n\x1a\n....", "PNG"),
    (b"PK\x03\x04zip", "ZIP"), (b"abc\x00def", "binary"), (codecs.BOM_UTF8 + b"\xff\xfe bad", "invalid utf-8"),
])
def test_unreadable_bytes_raise_input_error(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        decode(data, "x")


def test_html_is_detected_from_content_not_name() -> None:
    assert looks_like_html(b"\n  <!DOCTYPE html><html>")
    assert looks_like_html(b"<div class='x'>13h30</div>")
    assert not looks_like_html(SEED_TEXT.encode())
