"""Generated and mutated pages for fuzzing the parser: programme-like text and HTML (times, dates, names,
tables, nesting, charset labels, control characters, hostile markup), mutations of the bundled samples,
and plain random bytes. Deterministic for a seed; used by bench/fuzz.py and tests/test_fuzz.py.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

TIMES = ["9h00", "13h30-14h45", "13 h 30 – 14 h 45", "de 9 h à 10 h 15", "1:30 PM – 2:45 PM", "09:00 - 12:00",
         "9h > 9h30", "Noon–1:00 p.m.", "11.30-11.50", "08H30", "25h99", "99:99", "0h", "12h60-", "7–8:15 p.m."]
DAYS = ["Mercredi 19 novembre 2025", "Jeudi 20 nov", "Wednesday, November 19", "Lundi 31 février 2025",
        "19/11/2025", "2025-11-19"]
TITLES = ["Études de cas", "Conférence d’ouverture par Anne Roy", "Pause", "Panel: Open data", "Keynote 1: X (Y)",
          "Atelier 2 - Titre - Léa Roy (Univ. X), Paul Côté (INRAE) & Marc", "Table ronde", "**Titre** gras",
          "Titre par par par Marie", "| 07:00 | Titre |", "Dîner", "Registration (North Village Hall)"]
ROOMS = ["Salle à venir", "Salle 2.105", "Room TBA", "Local A-1510", "Lieu à venir", "Location: Hall B"]
PEOPLE = ["Geneviève Baril, Ph.D. et Codirectrice, Cité-ID de l'ÉNAP", "TREMBLAY Marie (Université Laval)",
          "Mme Ana Ruiz [OSC]", "Par M. Jean Roy", "Speakers: A, B, C", "Marie Roy (a) (b) [c]"]
LABELS = ["Description provisoire : Cette étude de cas porte sur…", "Description : Texte final.",
          "Tentative description: TBD", "Résumé provisoire :"]
CHARSETS = ["utf-8", "iso-8859-1", "windows-1252", "base64", "hex", "rot13", "zlib", "undefined", "utf-16",
            "x-user-defined", "iso-2022-kr", "\"utf-8\"", "", "shift_jis", "utf-7", "bogus"]
CONTROLS = ["\x00", "\x01", "\x0b", "\x0c", "\x1b[31m", "\x7f", "\x85", "\u2028", "\ufeff", "\ufffe", "\u202e",
            "\ud800", "\x9b"]
TAGS = ["p", "div", "span", "b", "strong", "h1", "h2", "h3", "li", "td", "x-rows", "time", "nav", "header",
        "footer", "table", "tr", "br", "section", "article", "script", "style", "svg", "template"]


def _line(rng: random.Random) -> str:
    pick = rng.choice
    kind = rng.randrange(8)
    if kind == 0:
        return f"{pick(TIMES)} {pick(TITLES)}"
    if kind == 1:
        return pick(DAYS)
    if kind == 2:
        return pick(ROOMS)
    if kind == 3:
        return pick(PEOPLE)
    if kind == 4:
        return pick(LABELS)
    if kind == 5:
        return " ".join(pick(TIMES + TITLES) for _ in range(rng.randrange(2, 12)))  # run-on slots
    if kind == 6:
        return pick(TITLES) + pick(CONTROLS) + pick(TITLES)
    return pick(TITLES)


def programme_text(rng: random.Random) -> bytes:
    lines = [_line(rng) for _ in range(rng.randrange(1, 60))]
    text = "\n".join(lines)
    if "\ud800" in text:
        return text.encode("utf-8", "surrogatepass")  # a lone surrogate, as broken pages hold
    return text.encode(rng.choice(["utf-8", "utf-8", "cp1252", "utf-16", "latin-1"]), "replace")


def _element(rng: random.Random, depth: int) -> str:
    tag = rng.choice(TAGS)
    attrs = rng.choice(["", ' class="session-room"', ' id="comp-a1"', ' style="grid-area:2 / 1 / 3 / 2"',
                        ' rowspan="999999"', ' colspan="0"', ' role="navigation"', ' n="7"', ' hidden',
                        ' class="speaker"', ' datetime="2025-11-19T14:30"', ' style="font-weight:700"'])
    if tag == "br":
        return "<br>"
    inner = "".join(_element(rng, depth + 1) if depth < 12 and rng.random() < 0.45 else _line(rng)
                    for _ in range(rng.randrange(1, 4)))
    if tag == "table":
        cells = "".join(f"<td{rng.choice(['', ' rowspan=2', ' colspan=3'])}>{_line(rng)}</td>"
                        for _ in range(rng.randrange(1, 6)))
        inner = "".join(f"<tr>{cells}</tr>" for _ in range(rng.randrange(1, 5)))
    closing = "" if rng.random() < 0.1 else f"</{tag}>"  # unclosed elements too
    return f"<{tag}{attrs}>{inner}{closing}"


def programme_html(rng: random.Random) -> bytes:
    charset = rng.choice(CHARSETS)
    head = f'<meta charset="{charset}">' if rng.random() < 0.6 else ""
    if rng.random() < 0.2:
        head += "<style>" + rng.choice(["#comp-a1{grid-area:1 / 1 / 2 / 2}", ".t{grid-row:2}", "x{grid-area:"
                                        + "9" * rng.randrange(1, 9000) + "}", "{{{{}}}}"]) + "</style>"
    if rng.random() < 0.15:
        head += '<script type="application/ld+json">' + rng.choice([
            '{"@type":"Event","subEvent":[{"@type":"Event","name":"A\\u001b[31m","startDate":"2025-11-19T09:00"}]}',
            '{"@type":"Event","subEvent":{"@id":"#x"}}', "[[[[", '{"@graph":[null,1,"x"]}']) + "</script>"
    body = "".join(_element(rng, 0) for _ in range(rng.randrange(1, 25)))
    page = f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"
    encoding = charset if charset in ("utf-8", "iso-8859-1", "windows-1252", "utf-16", "shift_jis") else "utf-8"
    if "\ud800" in page:
        return page.encode("utf-8", "surrogatepass")  # a lone surrogate, as broken pages hold
    return page.encode(encoding, "replace")


_SAMPLE_CACHE: list[bytes] = []


def _samples() -> list[bytes]:
    if not _SAMPLE_CACHE:
        _SAMPLE_CACHE.extend(p.read_bytes() for p in sorted(SAMPLES.glob("*.*")) if p.suffix in (".html", ".txt"))
        _SAMPLE_CACHE.extend(p.read_bytes() for p in sorted((SAMPLES / "layouts").glob("*.*"))
                             if p.suffix in (".html", ".txt"))
    return _SAMPLE_CACHE


def mutated_sample(rng: random.Random) -> bytes:
    data = bytearray(rng.choice(_samples()))
    for _ in range(rng.randrange(1, 6)):
        if not data:
            break
        at = rng.randrange(len(data))
        operation = rng.randrange(7)
        if operation == 0:
            del data[rng.randrange(len(data)):]  # truncation
        elif operation == 1:
            data[at] = rng.randrange(256)  # a flipped byte
        elif operation == 2:
            data[at:at] = rng.choice(CONTROLS).encode("utf-8", "surrogatepass")
        elif operation == 3:
            start = rng.randrange(len(data))
            data[at:at] = data[start:start + rng.randrange(1, 400)] * rng.randrange(1, 20)  # repeats
        elif operation == 4:
            data[at:at] = f'<meta charset="{rng.choice(CHARSETS)}">'.encode()
        elif operation == 5:
            data[at:at] = rng.choice([b"<x-rows>", b"</table>", b"<table><tr><td>", b"<!--", b"]]>", b"<![CDATA[",
                                      b"&#0;", b"&#x1b;", b"<div>" * 300])
        else:
            data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 50)))
    return bytes(data)


def random_bytes(rng: random.Random) -> bytes:
    return bytes(rng.randrange(256) for _ in range(rng.randrange(0, 2000)))


def long_and_repeated(rng: random.Random) -> bytes:
    unit = _line(rng) + rng.choice(["", " ", "\n", " - ", "(", "**", " par ", "|"])
    return (unit * rng.randrange(50, 3000)).encode("utf-8", "surrogatepass")


GENERATORS: list[tuple[str, Callable[[random.Random], bytes], int]] = [
    ("programme text", programme_text, 3),
    ("programme html", programme_html, 4),
    ("mutated sample", mutated_sample, 4),
    ("random bytes", random_bytes, 1),
    ("long and repeated", long_and_repeated, 1),
]


def generate(rng: random.Random) -> tuple[str, bytes]:
    """One input: (the generator's name, its bytes)."""
    names = [g for g in GENERATORS for _ in range(g[2])]
    name, make, _weight = rng.choice(names)
    return name, make(rng)
