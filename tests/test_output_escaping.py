"""Nothing from a page acts on the reader (issue 10, items 9 and 10): terminal control sequences are
shown, never obeyed, in every human-readable output; a Markdown report holds no live HTML or Markdown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.cli import main
from extractor.textkit.display import markdown_safe, terminal_safe

# Escape sequences and controls a page may carry: recolour, set the window title, bell, CSI as one
# C1 byte, a right-to-left override.
HOSTILE = ["\x1b[31m", "\x1b]0;owned\x07", "\x9b2J", "\u202e", "\r"]
ESC_TITLE = "Conférence \x1b[31mrouge\x1b[0m \x1b]0;owned\x07 \x9b2J fin \u202egnp.exe"


def _jsonld_page(title: str, room: str = "Salle 2.105") -> str:
    event = {"@context": "https://schema.org", "@type": "Event", "name": "Colloque", "subEvent": [
        {"@type": "Event", "name": title, "startDate": "2025-11-19T09:00", "location": room},
        {"@type": "Event", "name": "Pause", "startDate": "2025-11-19T10:00"},
    ]}
    # JSON escapes (\u001b) survive decoding: the page's bytes hold no control character at all.
    script = json.dumps(event, ensure_ascii=True).replace("</", "<\\/")
    return f'<html><head><script type="application/ld+json">{script}</script></head><body></body></html>'


def _shows_no_control(text: str) -> None:
    for sequence in HOSTILE:
        assert sequence not in text, repr(sequence)
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "page.html"
    path.write_text(_jsonld_page(ESC_TITLE), encoding="utf-8")
    return path


# 9. Terminals.


@pytest.mark.parametrize("form", ["summary", "csv"])
def test_parse_outputs_for_people_show_control_sequences_inert(
        page: Path, form: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--format", form, str(page)]) == 0
    out = capsys.readouterr().out
    _shows_no_control(out)
    assert "\\x1b[31mrouge" in out and "\\u202egnp.exe" in out  # shown, so the reader sees what is there


def test_json_output_keeps_the_text_escaped_by_the_encoder(page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(page)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\\u001b[31m" in out
    assert json.loads(out)["sessions"][0]["title"].startswith("Conférence \x1b[31m")  # the data is intact


def _versions(tmp_path: Path, old_room: str, new_room: str, title: str = ESC_TITLE) -> tuple[Path, Path]:
    old, new = tmp_path / "old.html", tmp_path / "new.html"
    old.write_text(_jsonld_page(title, old_room), encoding="utf-8")
    new.write_text(_jsonld_page(title, new_room), encoding="utf-8")
    return old, new


def test_diff_text_shows_control_sequences_inert(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = _versions(tmp_path, "Salle 1", "Salle \x1b[2J\x1b[H2")
    assert main(["diff", str(old), str(new)]) == 1
    out = capsys.readouterr().out
    _shows_no_control(out)
    assert "Salle \\x1b[2J\\x1b[H2" in out


def test_check_and_history_show_control_sequences_inert(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = _versions(tmp_path, "Salle 1", "Salle \x1b[2J2")
    store = str(tmp_path / "store.sqlite")
    current = tmp_path / "current.html"
    for version in (old, new):
        current.write_bytes(version.read_bytes())
        assert main(["check", str(current), "--store", store, "--page", "p\x1b[31m"]) == 0
    assert main(["history", "p\x1b[31m", "--store", store]) == 0
    assert main(["alerts", "--store", store, "--all"]) == 0
    out = capsys.readouterr().out
    _shows_no_control(out)
    assert "room changed" in out and "Salle \\x1b[2J2" in out


def test_an_error_quoting_a_stranger_shows_control_sequences_inert(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "/nonexistent/\x1b[31mpage"]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\\x1b[31mpage" in err


# 10. Markdown reports.

MARKUP = ["<script>alert(1)</script>", "![pixel](https://tracker.example/p.png)",
          "[cliquez](javascript:alert(1))", "<img src=x onerror=alert(1)>", "**gras** _it_ `code` | # x"]


@pytest.mark.parametrize("value", MARKUP)
def test_diff_markdown_holds_no_live_html_or_markdown(
        tmp_path: Path, value: str, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = _versions(tmp_path, "Salle 1", f"Salle {value}", title=f"Atelier {value}")
    assert main(["diff", "--markdown", str(old), str(new)]) == 1
    out = capsys.readouterr().out
    for live in ("<script", "<img", "](", "![", "**gras**", "`code`", "_it_", "| #"):
        assert live not in out, live
    assert "### Atelier" in out and "**room changed**" in out  # our own Markdown stays Markdown


def test_markdown_safe_and_terminal_safe() -> None:
    assert markdown_safe("a <b> & [c](d) *e*\nf") == r"a &lt;b&gt; &amp; \[c\]\(d\) \*e\* f"
    assert terminal_safe("tab\tnew\nline \x1b[0m \u202e") == "tab\tnew\nline \\x1b[0m \\u202e"
    assert terminal_safe("Salle à venir – 13h30") == "Salle à venir – 13h30"
