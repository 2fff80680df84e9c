"""Time slots in the many ways pages write them: 13h30-14h45, 1:30–2:45 p.m., de 9 h à 10 h 15, Noon–1 p.m."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from itertools import pairwise

from extractor.lexicon import lexicon
from extractor.parse.memo import memoised
from extractor.textkit.normalise import has_digit


@dataclass(frozen=True)
class SlotMatch:
    start: str | None
    end: str | None
    raw: str
    rest: str  # what the line says besides the time (a title, often)
    problem: str | None = None  # set when the range is impossible; start/end then cleared or partial
    trailing: bool = False  # the time ends the line (`Title 9:00 am - 2:00 pm`, `Name, Org / 09h30 à 10h15`)
    place: str | None = None  # what follows the time after a comma: `LUNCH 12:15 - 1:15pm, Bruno's`


_AMPM = r"(?P<{n}ap>[aApP]\.?\s?[mM]\.?)(?![\w])"


def _time(n: str, dotted: bool) -> str:
    lex = lexicon()
    words = "|".join(re.escape(w) for w in (*lex.noon, *lex.midnight))
    dot = rf"|\.(?P<{n}m3>[0-5]\d)(?!\d)" if dotted else ""
    return (
        rf"(?:(?P<{n}word>{words})\b|"
        # "9h30", "9 h", but not the "1 H" of "1 Higher School": an h alone is followed by no letter
        rf"(?P<{n}h>[01]?\d|2[0-3])(?:\s?[hH](?:\s?(?P<{n}m1>[0-5]\d)(?![\d])|(?![^\W_]))"
        rf"|\s?:\s?(?P<{n}m2>[0-5]\d){dot})"
        rf"(?:\s?{_AMPM.format(n=n)})?"
        rf"|(?P<{n}h2>1[0-2]|0?\d)\s?{_AMPM.format(n=n + '2')})"
    )


_LEADING_NOISE = " -–•*·▪►|~≈"  # bullets, rules, "about" before a time: "- 9h00-10h15 : Titre", "~ 10:15"


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(a time or range opening a line, after bullets and "de"/"from"; one in parentheses ending it;
    a range, or a time written with h or a colon, ending it after a blank or a separator)."""
    lex = lexicon()
    sep_words = "|".join(re.escape(w) for w in sorted(lex.range_words, key=len, reverse=True))
    from_words = "|".join(re.escape(w) for w in lex.from_words)
    sep = rf"\s*(?:[-–—‑−‐‒―>]+|(?:{sep_words})\b)\s*"
    bullet = rf"^[\s{re.escape(_LEADING_NOISE)}]*"
    # "7–8:15 p.m.", "2–5 p.m.": a bare hour opens a range when the other end is a clear time.
    bare = rf"(?P<abare>[01]?\d|2[0-3])(?={sep}(?:[01]?\d|2[0-3])(?:\s?[:hH.]\s?[0-5]\d)?\s?[aApP]\.?\s?[mM]\b)"
    first = rf"(?:{_time('a', True)}|{bare})"
    rng = rf"(?:(?:{from_words})\s+)?(?P<range>{first}(?:{sep}{_time('b', True)})?)"
    leading = re.compile(rf"{bullet}{rng}", re.I)
    trailing = re.compile(rf"\((?P<range>{first}(?:{sep}{_time('b', True)})?)\)\s*$", re.I)
    tail = re.compile(rf"(?:^|(?<=[\s/|,;:–—−-]))(?:(?:{from_words})\s+)?(?P<range>(?:{_time('a', False)}|{bare})"
                      rf"(?:{sep}{_time('b', False)})?)\s*[.;]?\s*$", re.I)
    return leading, trailing, tail


MAX_TAIL_CHARS = 60  # a time ending a line is looked for in its last characters only


_REST_SEPARATORS = re.compile(r"^[\s:–—\-|•·.,>]+")


_FIRST_WORD = re.compile(r"[^\W\d_]+")


def _may_start_with_time(line: str) -> bool:
    """Cheap gate before the big patterns: most lines cannot start with a time."""
    head = line.lstrip(_LEADING_NOISE)
    if not head:
        return False
    if head[0].isdigit():
        return True
    lex = lexicon()
    word = _FIRST_WORD.match(head)
    first = word.group(0).lower() if word else ""
    return first in lex.from_words or first in lex.noon or first in lex.midnight


@memoised
def match_slot(line: str) -> SlotMatch | None:
    """A time (range) at the start of the line, or at its end: `Accueil (10h – 10h20)`,
    `Keynote 9:00 am - 10:00 am`, `Mathieu Grzybek, Gendarmerie / 09h30 à 10h15`."""
    leading, trailing, _ = _patterns()
    if line.startswith("(") and line.endswith(")") and line.count("(") == 1:
        line = line[1:-1].strip()  # "(09:00-09:30: Accueil)": a whole line in parentheses
    if not _may_start_with_time(line):
        if line.endswith(")"):
            m = trailing.search(line)
            if m and m.start() > 0:
                return _build(m, m.group("range").strip(), line[: m.start()].strip(" -–:"))
        return _tail(line)
    m = leading.match(line)
    if m:
        rest = _REST_SEPARATORS.sub("", line[m.end() :]).strip()
        has_end = bool(m.group("bh") or m.group("bword") or m.group("bh2"))
        if rest and rest[0].isdigit() and not has_end:
            return None  # "2025 …", "19 novembre": a number that is not a time (a range is: "5 à 7" titles)
        return _build(m, line[: m.end()].strip(_LEADING_NOISE), rest)  # raw keeps "de"/"from"
    m = trailing.search(line)
    if m and m.start() > 0:
        return _build(m, m.group("range").strip(), line[: m.start()].strip(" -–:"))
    return None


MAX_PLACE_WORDS = 6


def _tail(line: str) -> SlotMatch | None:
    found = _tail_time(line)
    if found is None and "," in line[-MAX_TAIL_CHARS:]:
        # `BREAKFAST 8 - 9am, Bruno's (Upstairs Reed)`: the time, then where
        head, _, place = line.rpartition(",")
        if 0 < len(place.split()) <= MAX_PLACE_WORDS and not any(c.isdigit() for c in place[:2]):
            timed = _tail_time(head)
            if timed is not None:
                return replace(timed, place=place.strip())
    return found


def _tail_time(line: str) -> SlotMatch | None:
    start = max(0, len(line) - MAX_TAIL_CHARS)
    if (not line[-1:].isalnum() and line[-1:] not in ".;") or not has_digit(line, start):
        return None
    m = _patterns()[2].search(line, start)
    if m is None or m.start() == 0:
        return None
    has_end = bool(m.group("bh") or m.group("bword") or m.group("bh2"))
    written = bool(m.group("am1") or m.group("am2") or m.group("aap") or m.group("a2ap") or m.group("aword")
                   or "h" in m.group("range").lower() or m.groupdict().get("abare"))
    if not has_end and not written:
        return None  # "Workshop 2": a number, not a time
    rest = line[: m.start()].rstrip(" /|,;:–—-").strip()
    found = _build(m, m.group("range").strip(), rest)
    return replace(found, trailing=True) if found and rest else None


def _build(m: re.Match[str], raw: str, rest: str) -> SlotMatch | None:
    start = _clock(m, "a")
    end = _clock(m, "b") if m.group("bh") or m.group("bword") or m.group("bh2") else None
    if start is None:
        return None
    h1, m1, ap1 = start
    if end is None:
        if ap1 is None and _is_dotted(m, "a"):
            return None  # "2.105" and friends: a dotted number alone is not a time
        return SlotMatch(_fmt(h1, m1, ap1), None, raw, rest)
    h2, m2, ap2 = end
    if ap1 is None and ap2 is not None:
        # "1:30–2:45 p.m.": the meridiem written once covers both ends, unless that inverts the range.
        ap1 = ap2 if _to24(h1, ap2) * 60 + m1 <= _to24(h2, ap2) * 60 + m2 else "am"
    s, e = _fmt(h1, m1, ap1), _fmt(h2, m2, ap2)
    if e <= s and e != "00:00":  # "22:30 - 00:00" ends at midnight
        return SlotMatch(s, None, raw, rest, problem=f"end {e} is not after start {s}")
    return SlotMatch(s, e, raw, rest)


def _is_dotted(m: re.Match[str], n: str) -> bool:
    return bool(m.groupdict().get(f"{n}m3"))


def _clock(m: re.Match[str], n: str) -> tuple[int, int, str | None] | None:
    word = m.group(f"{n}word")
    if word:
        return (0, 0, "am") if word.lower() in lexicon().midnight else (12, 0, "pm")
    if m.group(f"{n}h2"):
        return int(m.group(f"{n}h2")), 0, _meridiem(m.group(f"{n}2ap"))
    hour = m.group(f"{n}h") or (m.groupdict().get(f"{n}bare"))
    if hour is None:
        return None
    minute = m.group(f"{n}m1") or m.group(f"{n}m2") or m.groupdict().get(f"{n}m3") or "0"
    return int(hour), int(minute), _meridiem(m.group(f"{n}ap"))


def _meridiem(text: str | None) -> str | None:
    if not text:
        return None
    return "pm" if text.strip().lower().startswith("p") else "am"


def _to24(hour: int, ap: str | None) -> int:
    if ap == "pm" and hour < 12:
        return hour + 12
    if ap == "am" and hour == 12:
        return 0
    return hour


def _fmt(hour: int, minute: int, ap: str | None) -> str:
    return f"{_to24(hour, ap):02d}:{minute:02d}"


_TIME_START = re.compile(
    r"(?<![\w(:./-])(?:\d{1,2}(?:\s?[:hH.]\s?\d{2}|\s?[hH]\b|\s?[aApP]\.?\s?[mM]\b)|[Nn]oon\b|[Mm]idi\b)"
)
MIN_RUN_ON_CHARS = 60
# A slot is read from this much of the line after its time, not from all the rest: each time of a
# megabyte line would otherwise reread the line to its end.
RUN_ON_WINDOW = 1000
_DIGIT_RUNS = re.compile(r"\d+")


def split_run_on(line: str) -> list[str]:
    """`8:00 am Breakfast 9:00 am Opening 9:55 am Keynote`: one line holding several slots, split.

    A piece starts at each time (outside parentheses) that opens a slot with a title of its own;
    text before the first such time (a note) is kept as its own piece.
    """
    if len(line) < MIN_RUN_ON_CHARS or len(_DIGIT_RUNS.findall(line, 0, 400)) < 2:
        return [line]
    starts: list[tuple[int, int]] = []
    depth = 0
    last = 0
    for m in _TIME_START.finditer(line):
        depth += line.count("(", last, m.start()) - line.count(")", last, m.start())
        last = m.start()
        if depth > 0:
            continue
        found = match_slot(line[m.start():m.start() + RUN_ON_WINDOW])
        if found is None or found.problem or not _titled(found.rest):
            continue
        if starts and m.start() < starts[-1][1]:
            continue  # inside the previous slot's own time range
        starts.append((m.start(), m.start() + len(found.raw)))
    if len(starts) < 2:
        return [line]
    pieces = [line[: starts[0][0]].strip()] if starts[0][0] > 0 else []
    bounds = [s for s, _ in starts] + [len(line)]
    pieces += [line[a:b].strip() for a, b in pairwise(bounds)]
    return [p for p in pieces if p]


def _titled(rest: str) -> bool:
    """A slot's own title starts with a capital: "9:55 am Keynote", not "à 12h30 et la reprise"."""
    return rest[:1].isupper()


@cache
def _duration_pattern() -> re.Pattern[str]:
    units = "|".join(re.escape(u) for u in sorted(lexicon().duration_units, key=len, reverse=True))
    return re.compile(rf"^[(\[]?\s*(?P<n>\d{{1,3}})\s?(?P<unit>{units})\.?\s*[)\]]?$", re.I)


def match_duration(line: str) -> int | None:
    """A line that is only a duration: "50 minutes", "(30 min)", "2 hours", "(0:55)" -> minutes."""
    if len(line) > 20 or not line[:2].strip("([ ")[:1].isdigit():
        return None
    m = _duration_pattern().match(line.strip())
    if m is None:
        short = _CLOCK_DURATION.match(line.strip()[1:-1].strip()) if line.strip()[:1] == "(" else None
        if short and line.strip()[-1:] == ")" and int(short.group("h")) <= MAX_BRACKETED_HOURS:
            return int(short.group("h")) * 60 + int(short.group("m"))  # "(2:00)" under a title: how long
        return None
    return int(m.group("n")) * lexicon().duration_units[m.group("unit").lower()]


_CLOCK_DURATION = re.compile(r"^(?P<h>\d{1,2})\s?[:hH]\s?(?P<m>[0-5]\d)$")
MAX_BRACKETED_HOURS = 4  # "(0:55)", "(2:00)" alone are lengths; no programme puts a session at 2 a.m.
MAX_PLAIN_MINUTES = 600


def written_duration(cell: str) -> int | None:
    """A duration column's cell: "45 min", "1:15", "0:55", "1h30", "90" -> minutes, else None."""
    text = cell.strip()
    minutes = match_duration(text)
    if minutes is not None:
        return minutes
    m = _CLOCK_DURATION.match(text)
    if m:
        return int(m.group("h")) * 60 + int(m.group("m"))
    return int(text) if text.isdigit() and 0 < int(text) <= MAX_PLAIN_MINUTES else None


def minutes_of(hhmm: str) -> int:
    """"09:30" -> 570."""
    return int(hhmm[:2]) * 60 + int(hhmm[3:5])


def add_minutes(start: str, minutes: int) -> str:
    """"10:00" + 50 -> "10:50"; "23:30" + 60 -> "00:30" (the next day)."""
    hours, mins = map(int, start.split(":"))
    total = (hours * 60 + mins + minutes) % (24 * 60)
    return f"{total // 60:02d}:{total % 60:02d}"
