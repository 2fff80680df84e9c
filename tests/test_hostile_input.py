"""Broken and hostile pages end in records or one line with a documented exit code: never a traceback.

Numbers refer to the items of issue 10 ("Hostile and broken input").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.hostile import many_short_lines
from extractor import parse_bytes
from extractor.cli import main
from extractor.errors import InputError, ParseError
from extractor.options import ParseOptions
from extractor.parse.pipeline import parse_page
from extractor.read.decode import decode_page
from extractor.read.page import RawPage

PROGRAMME = "<p>9h00-10h00 Conférence sur le climat</p><p>Salle 2.105</p><p>10h00-10h30 Pause café</p>"


def _page(head: str = "", body: str = PROGRAMME) -> bytes:
    return f"<html><head>{head}</head><body>{body}</body></html>".encode()


# 1. A charset label that names no text encoding is ignored with a warning; detection takes over.


@pytest.mark.parametrize("label", ["base64", "hex", "rot13", "zlib", "undefined", "bz2", "uu", "quopri"])
def test_a_meta_charset_naming_no_text_encoding_is_ignored_with_a_warning(label: str) -> None:
    programme = parse_bytes(_page(f'<meta charset="{label}">'))
    assert [s.title for s in programme.sessions] == ["Conférence sur le climat", "Pause café"]
    assert any(w.text == label and "WHATWG" in w.reason for w in programme.warnings)


@pytest.mark.parametrize("label", ["base64", "rot13", "undefined", "x-user-defined", "iso-2022-kr"])
def test_an_http_charset_naming_no_text_encoding_is_ignored(label: str) -> None:
    text, encoding, warnings = decode_page("Salle à venir".encode(), "x", http_charset=label)
    assert (text, encoding) == ("Salle à venir", "utf-8")
    assert warnings[0].where == "HTTP Content-Type charset"


def test_whatwg_labels_are_read_as_browsers_read_them() -> None:
    # "latin1" and "ascii" are windows-1252 for the Encoding Standard: ’ is 0x92 there.
    text, encoding, warnings = decode_page(b"<meta charset='latin1'><p>L\x92atelier \xe9t\xe9</p>", "x")
    assert "L’atelier été" in text and encoding == "cp1252" and warnings == []


# 2. Internal marker tags never collide with page content.


def test_a_page_element_named_like_the_table_placeholder_is_read_as_content() -> None:
    body = '<x-rows n="3"><p>11h00-12h00 Atelier pratique</p></x-rows>' + PROGRAMME
    programme = parse_bytes(_page(body=body))
    assert "Atelier pratique" in [s.title for s in programme.sessions]


def test_a_placeholder_lookalike_beside_a_real_table_does_not_take_its_rows() -> None:
    table = ("<table><tr><th>Heure</th><th>Séance</th></tr><tr><td>9h00</td><td>Ouverture officielle</td></tr>"
             "<tr><td>10h00</td><td>Table ronde régionale</td></tr></table>")
    programme = parse_bytes(_page(body="<x-rows>Note</x-rows>" + table))
    assert [s.title for s in programme.sessions] == ["Ouverture officielle", "Table ronde régionale"]


# 3. Characters XML cannot hold are removed once, at decoding.


@pytest.mark.parametrize("control", ["\x0b", "\x0c", "\x01", "\x1b", "\x1f", "\ufffe"])
def test_control_characters_next_to_removed_navigation_are_dropped_at_decoding(control: str) -> None:
    body = (f'<div id="SITE_HEADER">menu</div>{control}<nav>x</nav>{control}'
            + PROGRAMME.replace("Pause", f"Pau{control}se"))
    programme = parse_bytes(_page(body=body))
    assert len(programme.sessions) == 2
    text = decode_page(_page(body=body), "x").text
    assert control not in text


def test_line_ending_controls_still_end_lines_in_a_text_page() -> None:
    programme = parse_bytes("9h00 Pause café\x0c10h00 Conférence sur le climat\x0b11h00 Clôture".encode())
    assert [s.title for s in programme.sessions] == ["Pause café", "Conférence sur le climat", "Clôture"]


# 4. `extractor parse A B C`: every source fails on its own.


def test_one_source_that_crashes_the_parser_does_not_stop_the_others(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from extractor.parse import pipeline

    real = pipeline.split_run_on

    def buggy(line: str) -> list[str]:  # a parser bug triggered by one page's text
        if "BUG" in line:
            raise KeyError(0)
        return real(line)

    monkeypatch.setattr(pipeline, "split_run_on", buggy)
    paths = []
    for name, title in (("a", "Conférence A"), ("b", "Conférence BUG"), ("c", "Conférence C")):
        path = tmp_path / f"{name}.txt"
        path.write_text(f"9h00 {title}\n10h00 Pause\n", encoding="utf-8")
        paths.append(str(path))
    assert main(["parse", "--format", "jsonl", *paths]) == 1
    out, err = capsys.readouterr()
    assert "Conférence A" in out and "Conférence C" in out
    assert err.count("\n") == 1 and "b.txt: internal error: KeyError" in err and "Traceback" not in err


def test_each_failing_source_is_named_and_the_exit_code_is_the_worst(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.txt"
    good.write_text("9h00 Conférence\n10h00 Pause\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["parse", str(empty), str(good), str(tmp_path / "missing.txt")]) == 2
    out, err = capsys.readouterr()
    assert '"Conférence"' in out
    lines = err.splitlines()
    assert len(lines) == 2 and "empty.txt" in lines[0] and "missing.txt" in lines[1]


# 5. The library boundary and `eval` say what they want.


def test_parse_bytes_accepts_text() -> None:
    programme = parse_bytes('<meta charset="iso-8859-1"><p>9h00 Atelier été</p><p>10h00 Pause</p>')
    assert programme.sessions[0].title == "Atelier été"


def test_parse_bytes_says_what_it_wants() -> None:
    with pytest.raises(TypeError, match="bytes or str, not int"):
        parse_bytes(42)  # type: ignore[arg-type]


def test_eval_on_a_directory_without_labelled_pages_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "page.html").write_text("<p>9h00 Pause</p>", encoding="utf-8")  # a page, no labels
    assert main(["eval", str(tmp_path)]) == 2
    assert "no labelled pages" in capsys.readouterr().err


# 8. A charset the bytes contradict gives way to what decodes, with a warning.


def test_a_latin1_header_over_utf8_bytes_reads_utf8_and_warns() -> None:
    page = RawPage(data=_page(body=PROGRAMME), location="x", charset="ISO-8859-1")
    programme = parse_page(page)
    assert programme.sessions[0].title == "Conférence sur le climat"
    assert any("contradicted" in w.reason for w in programme.warnings)


def test_a_utf8_header_over_latin1_bytes_reads_the_bytes_and_warns() -> None:
    page = RawPage(data=_page(body=PROGRAMME).decode().encode("cp1252"), location="x", charset="utf-8")
    programme = parse_page(page)
    assert programme.sessions[1].title == "Pause café"
    assert any("not valid utf-8" in w.reason for w in programme.warnings)


def test_a_meta_declaration_over_utf8_bytes_reads_utf8() -> None:
    programme = parse_bytes(_page('<meta charset="windows-1252">'))
    assert programme.sessions[0].title == "Conférence sur le climat"


def test_ascii_under_a_legacy_header_is_no_contradiction() -> None:
    assert decode_page(b"<p>9h00 Pause</p>", "x", http_charset="iso-8859-1").warnings == []


# Limits: the input size and the per-page parse deadline.


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(many_short_lines(4096))
    assert main(["parse", "--max-bytes", "2K", str(path)]) == 2
    assert "the limit is 2048 (--max-bytes)" in capsys.readouterr().err


def test_a_page_over_the_parse_deadline_ends_with_a_clear_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "slow.txt"
    path.write_bytes(many_short_lines(300_000))
    assert main(["parse", "--parse-deadline", "0.05", str(path)]) == 2
    err = capsys.readouterr().err
    assert "parsing took longer than 0.05 s" in err and err.count("\n") == 1


def test_the_deadline_is_checked_while_lines_are_assembled() -> None:
    with pytest.raises(ParseError, match="per-page deadline"):
        parse_bytes(many_short_lines(300_000), options=ParseOptions(deadline=0.05))


def test_pages_with_more_lines_than_read_say_so(monkeypatch: pytest.MonkeyPatch) -> None:
    from extractor.parse import blocks, pipeline

    for module in (blocks, pipeline):  # the limit lowered, so that the test reads 100 lines, not 200,000
        monkeypatch.setattr(module, "MAX_BLOCKS", 100)
    programme = parse_bytes(b"9h00 Pause\n" * 150)
    assert len(programme.sessions) == 101
    assert any("more than 100 lines" in w.reason for w in programme.warnings)


def test_an_empty_page_is_an_input_error() -> None:
    with pytest.raises(InputError):
        parse_bytes(b"  \n")
