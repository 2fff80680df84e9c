"""Families of pathological pages, each built at a requested size: what `bench/scaling_bench.py` times
and `tests/test_scaling.py` counts. Each family is one shape an attacker (or a broken CMS) can repeat
without bound: the parser must stay linear in the page's size on every one of them.
"""

from __future__ import annotations

from collections.abc import Callable


def _repeat(unit: str, size: int, head: str = "", tail: str = "") -> bytes:
    """`unit` repeated until the page holds about `size` bytes."""
    count = max(1, (size - len(head) - len(tail)) // max(1, len(unit.encode())))
    return (head + unit * count + tail).encode()


def _html(body: str) -> str:
    return f"<!doctype html><html lang=\"fr\"><head><title>Colloque</title></head><body>{body}</body></html>"


def one_long_line(size: int) -> bytes:
    """Several slots run together on one line, megabytes long, no newline."""
    return _repeat("9h00 Conférence sur le climat, Salle 2.105 10h15 Pause café ", size)


def many_short_lines(size: int) -> bytes:
    """The same short slot line, hundreds of thousands of times."""
    return _repeat("9h00 Pause\n", size)


def identical_titles(size: int) -> bytes:
    """Many sessions with one title, each with a room and a speaker (ids need -2, -3, …)."""
    unit = "<h3>Atelier</h3><p>10h00-11h00</p><p>Salle 2.105</p><p>Marie Roy, Université Laval</p>"
    return _repeat(unit, size, "<!doctype html><html><body>", "</body></html>")


def deep_nesting(size: int) -> bytes:
    """Elements nested far deeper than any page, with a slot at every level."""
    unit_open = "<div><p>9h00 Atelier</p>"
    count = max(1, size // (len(unit_open) + len("</div>")))
    return _html(unit_open * count + "</div>" * count).encode()


def wide_table(size: int) -> bytes:
    """A table of 1,000 columns (and more, as the page grows) over a few rows."""
    row_bytes = max(1, size // 4)
    columns = max(2, row_bytes // len("<td>Salle 2.105</td>"))
    head = "<tr>" + "".join(f"<th>Salle {i}</th>" for i in range(columns)) + "</tr>"
    rows = "".join("<tr>" + f"<td>{h}h00</td>" + "<td>Atelier</td>" * (columns - 1) + "</tr>" for h in (9, 10, 11))
    return _html(f"<table>{head}{rows}</table>").encode()


def speakers_in_one_cell(size: int) -> bytes:
    """One table cell listing thousands of people."""
    people = _repeat("Marie Roy (Université Laval), ", size - 200).decode()
    return _html("<table><tr><th>Heure</th><th>Séance</th><th>Intervenants</th></tr>"
                 f"<tr><td>9h00</td><td>Table ronde</td><td>{people}</td></tr>"
                 "<tr><td>10h00</td><td>Pause</td><td></td></tr></table>").encode()


def repeated_delimiters(size: int) -> bytes:
    """A slot line followed by a long run of separators of every kind."""
    return _repeat(" - | , ; / : – ( [ ", size, "9h00 Conférence ", "\n10h00 Pause\n")


def markdown_strong(size: int) -> bytes:
    """`**a ` repeated: Markdown bold markers that never close."""
    return _repeat("**a ", size, "9h00 ", "\n10h00 Pause\n")


def wix_grid_area(size: int) -> bytes:
    """A Wix stylesheet whose grid-area values are endless digits, and a rule with no closing brace."""
    digits = "1" * max(1, size // 4)
    style = (f"#comp-a{{grid-area:{digits} / 1 / 2 / 2}}#comp-b{{grid-area:2 / {digits}}}"
             f"[id=\"comp-c\"]{{grid-area: {digits}" + " grid-area:" * max(1, size // 40))
    body = ("<div><div id=\"comp-a\"><p>9h00 Atelier</p></div><div id=\"comp-b\"><p>10h00 Pause</p></div>"
            "<div id=\"comp-c\"><p>11h00 Conférence</p></div></div>")
    return f"<html><head><style>{style}</style></head><body>{body}</body></html>".encode()


def title_with_many_par(size: int) -> bytes:
    """A title line where "par" (by) comes back thousands of times."""
    return _repeat(" par Marie", size, "9h00 Conférence d’ouverture", "\n10h00 Pause\n")


def bare_name_parentheses(size: int) -> bytes:
    """A person followed by thousands of parentheses: `Marie Roy (a) (b) (c) …`."""
    return _repeat(" (Université Laval)", size, "9h00 Atelier\nMarie Roy", "\n10h00 Pause\n")


def many_times_one_line(size: int) -> bytes:
    """Digits and times with no title between them: `9h00 9h00 9h00 …`."""
    return _repeat("9h00 ", size, "Programme ", "\n10h00 Pause\n")


FAMILIES: dict[str, Callable[[int], bytes]] = {
    "one long line": one_long_line,
    "many short lines": many_short_lines,
    "identical titles": identical_titles,
    "deep nesting": deep_nesting,
    "wide table": wide_table,
    "speakers in one cell": speakers_in_one_cell,
    "repeated delimiters": repeated_delimiters,
    "markdown strong": markdown_strong,
    "wix grid-area": wix_grid_area,
    "title with many par": title_with_many_par,
    "bare name parentheses": bare_name_parentheses,
    "times without titles": many_times_one_line,
}
