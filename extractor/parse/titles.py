"""What a title line carries besides its title: a room, people, a format.

`Titre (Salle 2.105)`, `Titre (Chair: Ana Ruiz)`, `Conférence d’ouverture par Anne Roy`,
`Atelier 2 - Titre - Léa Roy (Univ. X), Paul Côté (INRAE)`, `Panel: Open Contracting`. Pure functions.
"""

from __future__ import annotations

import re
from functools import cache

from extractor.lexicon import lexicon
from extractor.models import Room
from extractor.parse.classify import MAX_ROOM_CHARS, format_label, is_occasion, is_person_line, people_word, room_of
from extractor.parse.memo import memoised
from extractor.parse.speakers import (
    bare_name,
    courtesy_titled,
    dash_name,
    given_name,
    looks_like_name,
    says_a_job,
    split_speakers,
    strip_honorifics,
    trailing_paren,
)
from extractor.textkit.normalise import key

# Tried in this order: a parenthesis closing the line, then what follows its last comma or dash.
_ROOM_IN_PARENS = re.compile(r"^(?P<title>.+?)\s*\((?P<room>[^()]+)\)$")
_ROOM_AFTER_SEP = re.compile(r"^(?P<title>.+)(?:[,–—|@]|\s-\s|\s(?:in|en)(?=\s+(?:room|salle)\b))\s*"
                             r"(?P<room>(?:(?!\s-\s)[^,–—|@])+)$", re.I)


# Room codes: "S101-S102", "A-1510", "DS-1520", "B2.305"; letters and digits both, no spaces, and a room
# number of three digits or a floor-dot-room: "JIM-25", "COVID-19" are names, not rooms.
_ROOM_CODE = re.compile(
    r"^(?=[^ ]*[A-Za-z])(?=[^ ]*(?:\d{3}|\d\.\d))"
    r"[A-Z]{0,4}[-.]?\d{1,4}(?:[.-]\d{1,4})?[A-Z]?(?:[-/][A-Z]{0,4}\d{1,4}[A-Z]?)*$"
)


# A building or room code, then the place's name: "B42 Piazza", "B38 Terrace Restaurant".
_CODED_PLACE = re.compile(r"^[A-Z]{1,3}\d{1,4}[A-Z]?\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3}$")
# A building's name, then a room number of three digits: "Reed 114", "Olin 101A" ("Part 2" is no room).
_BUILDING_ROOM = re.compile(r"^[A-Z][a-z’'-]+\s+[A-Z]?\d{3}[A-Z]?$")


# "Open data – Auditorium", "Les données | Salle A", "Open maps @ Room 101": a title and a place, not one place
_TWO_PARTS = re.compile(r"\s[|–—@-]\s|\s@|\s(?:in|en)\s+(?:the\s+|la\s+)?(?:room|salle)\b", re.I)


@memoised
def place(text: str, in_parentheses: bool = False) -> Room | None:
    """A room written after a title or a time: `Salle 2.105`, `Bourgie Hall`, `(S101-S102)`."""
    room = room_of(text)
    if room is None and ((in_parentheses and (_ROOM_CODE.match(text) or _CODED_PLACE.match(text)))
                         or _BUILDING_ROOM.match(text)):
        room = Room(name=text, provisional=False, raw=text)  # "Déjeuner (S101-S102)", "Lunch (B42 Piazza)"
    if room is None and len(text) <= MAX_ROOM_CHARS and lexicon().venue_re.search(text) and (
            in_parentheses or ("(" not in text and not text[:1].islower() and len(text.split()) <= 5
                               and not _TWO_PARTS.search(text))) \
            and not _names_a_session(text):
        room = Room(name=text, provisional=False, raw=text)  # "Registration (North Village Hall)"
    return room


def _names_a_session(text: str) -> bool:
    """`Poster session in Marble Hall`: what happens there, not only where."""
    formats = lexicon().formats
    words = key(text).split()
    return any(" ".join(words[i:j]) in formats
               for i in range(len(words)) for j in range(i + 2, min(i + 4, len(words) + 1)))


@memoised
def split_room(title: str) -> tuple[str, Room | None]:
    """`Titre (Salle 2.105)`, `Titre, Local A-1510`, `Titre – Room TBA`: the room is not the title."""
    for pattern, in_parentheses in ((_ROOM_IN_PARENS, True), (_ROOM_AFTER_SEP, False)):
        m = pattern.match(title)
        if m and sum(c.isalpha() for c in m.group("title")) >= MIN_TITLE_LETTERS:
            inner = m.group("room").strip()
            room = place(inner, in_parentheses=in_parentheses)
            if room is None and in_parentheses and is_occasion(m.group("title")) and _names_a_place(inner):
                room = Room(name=inner, provisional=False, raw=inner)  # "Déjeuner (Jean XXIII)": no one speaks
            if room is not None:
                return m.group("title").strip(" ,–—|:"), room
    return title, None


_ROOM_FIRST = re.compile(r"^(?P<room>[^|–—@]+?)\s*(?:[|–—@]|\s-\s)\s*(?P<title>.+)$")


def room_first(text: str) -> tuple[Room, str] | None:
    """`Salle C | Les communs numériques`, `Amphi B – Ouverture`: the place, then what happens there."""
    m = _ROOM_FIRST.match(text)
    if m is None or sum(c.isalpha() for c in m.group("title")) < MIN_TITLE_LETTERS:
        return None
    room = room_of(m.group("room").strip())
    return (room, m.group("title").strip()) if room is not None and room.name else None


MAX_PLACE_WORDS = 5


def _names_a_place(text: str) -> bool:
    """What a break's parenthesis may name instead of a room: a proper name, no kind of session
    ("Packed Lunch"), no ordinal ("II")."""
    words = text.split()
    formats = lexicon().formats
    return text[:1].isupper() and len(words) <= MAX_PLACE_WORDS and any(len(w) >= 3 for w in words) \
        and not _ROMAN.match(text) and not any(key(w) in formats for w in words)


_ROMAN = re.compile(r"^[IVXLC]+$")
MIN_TITLE_LETTERS = 3  # "2 - Chalet RdC" is a numbered place, not a title "2" by "Chalet RdC"
_PAREN_TAIL = re.compile(r"^(?P<title>.+?)\s*\((?P<inner>[^()]+)\)$")
_PIPE_TAIL = re.compile(r"^(?P<title>[^|]+?)\s+\|\s+(?P<people>[^|]+)$")
MIN_TITLE_WORDS_BEFORE_NAME = 2  # "Keynote (Ana Ruiz)" is a format and its speaker, read elsewhere
_DASH_TAIL = re.compile(r"^(?P<title>.+)\s+[-–—]\s+(?P<people>(?:(?!\s[-–—]\s).)+)$")


def split_people(title: str, titled: bool = False) -> tuple[str, list[tuple[str, str | None]]]:
    head, people = _split_people(title, titled)
    return head, list(people)


MIN_TITLED_WORDS = 3
_BLOCK_NUMBER = re.compile(
    r"^(?P<word>[^\W\d_][\w ]*?)\s+(?:n[o°º]\s*)?(?:(?:\d{1,4}|[ivx]{1,4})[a-z]?|(?P<letter>[a-z]))$", re.I)


def numbered_block(text: str, letters: bool = False) -> bool:
    """`Session 3`, `Séance 2`, `Track B1` (with `letters`, `Track A` too): which block, by its number."""
    m = _BLOCK_NUMBER.match(text.strip(" :–—-"))
    return m is not None and (letters or m.group("letter") is None) and key(m.group("word")) in lexicon().groupings


def _titled_phrase(head: str, people: str) -> bool:
    """`Finding Missed Optimizations by Differential Testing`: in a title written In Title Case, a capitalised
    phrase after "by" reads like a name; unless it starts with a given name, it is the title's own end."""
    words = [w for w in head.split() if len(w) > 3]
    if len(words) < MIN_TITLED_WORDS or not all(w[0].isupper() for w in words):
        return False
    return not given_name(people) and trailing_paren(people) is None and len(split_speakers(people)) == 1


@memoised
def _split_people(title: str, titled: bool) -> tuple[str, tuple[tuple[str, str | None], ...]]:
    head, people = _people_in(title, titled)
    return head, tuple(people)


def _people_in(title: str, titled: bool = False) -> tuple[str, list[tuple[str, str | None]]]:
    """People written into a title line: `Titre (Chair: Ana Ruiz)`, `Vin d’honneur (animation par Marc Roy)`,
    `Conférence d’ouverture par Anne Roy`, `Atelier 2 - Titre - Léa Roy (Univ. X), Paul Côté (INRAE)`."""
    lex = lexicon()
    quoted = _quoted().match(title)
    if quoted and _all_people(quoted.group("people")):  # '"Flow" with Ryan Lockard'
        return quoted.group("title").strip(), [(quoted.group("people").strip(), None)]
    m = _PAREN_TAIL.match(title)
    if m:
        inner = m.group("inner").strip()
        head, sep, rest = inner.partition(":")
        label = people_word(head.strip()) if sep else None
        if label is not None and _all_people(rest):  # "(Chair: Ana Ruiz)"
            return m.group("title").strip(), [(rest.strip(), label or None)]
        by = _patterns()[0].search(inner)
        if by and _all_people(by.group("people")):
            # "(animation et présentation par Marc Roy)": the role is the word that opens the parenthesis
            first = inner.split()[0].lower()
            role = first if lex.role_re.match(first) else lex.role_by.get(by.group("by").lower())
            return m.group("title").strip(), [(by.group("people").strip(), role)]
        if not titled and len(m.group("title").split()) >= MIN_TITLE_WORDS_BEFORE_NAME and (
                _all_people(inner) or is_person_line(inner)) \
                and not place(inner, in_parentheses=True) and format_label(inner) is None:
            return m.group("title").strip(), [(inner, None)]  # "Open maps for all (Ana Ruiz, Inria)"
    m = _PIPE_TAIL.match(title)
    if m and (_all_people(m.group("people")) or is_person_line(m.group("people"))) \
            and sum(c.isalpha() for c in m.group("title")) >= MIN_TITLE_LETTERS:
        return m.group("title").strip(), [(m.group("people").strip(), None)]  # "Open maps for all | Ana Ruiz"
    m = _patterns()[1].match(title)
    if m and (_all_people(m.group("people")) or is_person_line(m.group("people"))) \
            and not _titled_phrase(m.group("title"), m.group("people")):  # "Welcome by Ana Ruiz, OSC"
        return m.group("title").strip(), [(_unstopped(m.group("people").strip()),
                                           lex.role_by.get(m.group("by").lower()))]
    m = _COLON_TAIL.match(title)
    if m and _affiliated_person(m.group("people")) and format_label(m.group("title"), numbered=True) is None \
            and sum(c.isalpha() for c in m.group("title")) >= MIN_TITLE_LETTERS:
        return m.group("title").strip(), [(m.group("people").strip(), None)]  # "Système I : Ana Ruiz (LIG)"
    m = _COMMA_TAIL.match(title) if title.endswith(")") else None
    listed = split_speakers(m.group("people")) if m else []
    if m and any(_affiliated_person(p) for p in listed) and all(looks_like_name(bare_name(p)) for p in listed) \
            and not looks_like_name(m.group("title").rsplit(",", 1)[-1].strip()) \
            and format_label(m.group("title"), numbered=True) is None \
            and sum(c.isalpha() for c in m.group("title")) >= MIN_TITLE_LETTERS:
        return m.group("title").strip(), [(m.group("people").strip(), None)]  # "Les communs, Léa Roy (CNRS)"
    m = _DASH_TAIL.match(title)
    if m:  # `Session 1 : IA - Chair : Myriam Roy`: a labelled role after the dash
        head, sep, rest = m.group("people").partition(":")
        label = people_word(head.strip()) if sep else None
        if label is not None and _all_people(rest):
            return m.group("title").strip(), [(rest.strip(), label or None)]
    # After a format (`Paper Session - Music Perception and Cognition`) only a true list of names is people.
    strict = m is not None and format_label(m.group("title"), numbered=True) is not None
    if m and numbered_block(m.group("title")):
        return title, []  # `Session 3 — Teaching DevOps`: the block's name after its number
    if m and (_all_people(m.group("people"), strict=strict) or is_person_line(m.group("people"))) \
            and not place(m.group("people").strip()) \
            and sum(c.isalpha() for c in m.group("title")) >= MIN_TITLE_LETTERS:
        return m.group("title").strip(), [(m.group("people").strip(), None)]
    # A line the markup calls a title is one: only an explicit "par"/"Chair:" takes people out of it.
    if titled:
        return title, []
    first = people_first(title)
    return first if first is not None else _sentence_people(title)


_COLON_TAIL = re.compile(r"^(?P<title>[^:]+?)\s*:\s+(?P<people>[^:]+\))$")
_ACRONYM = re.compile(r"\b[A-Z]{2,}\b")
_COMMA_TAIL = re.compile(r"^(?P<title>[^()]+),\s+(?P<people>[^,()]+\([^()]+\)(?:\s+\S+\s+[^,()]+\([^()]+\))*)$")


def _affiliated_person(text: str) -> bool:
    """`Ana Ruiz (Univ. Franche Comté/FEMTO-ST)`: a name, then an organisation in parentheses."""
    m = _PAREN_TAIL.match(text.strip())
    if m is None or not looks_like_name(m.group("title")):
        return False
    inner = m.group("inner")
    return bool(lexicon().org_re.search(inner) or _ACRONYM.search(inner))


# "Names. Title", "Name (Org), Title", "Name - Title"
_INITIALS = re.compile(r"^(?:[A-Z]\.-?){2,}$")  # "B.L.", "J.-P.": initials, not the end of a sentence
_FULL_STOP = re.compile(r"\.\s+|(?<=\))[,:]\s+|\s+[-–—]\s*|\s*:\s+")
MIN_TAIL_WORDS = 3
MAX_PEOPLE_FIRST_CHARS = 1000  # longer lines are no "Authors. Title" line; each stop rereads the line


MAX_ROLE_WORDS = 6


def _says_what_they_do(text: str) -> bool:
    """A person's role or employer rather than a talk: job words (Director, CEO, Organizer) or institutions."""
    lex = lexicon()
    words = [w.strip(",.;()").lower() for w in text.split()]
    return any(w in lex.job_words for w in words[:MAX_ROLE_WORDS]) or (
        len(words) <= MAX_ROLE_WORDS and bool(lex.org_re.search(text)))


def _surely_a_person(head: str) -> bool:
    """`Mme Ana Ruiz…`, `Dr. Bo Ma`, `Ana Ruiz (OSM France)`, `Léa Roy`: a courtesy title, an institution in
    parentheses or a common given name opening a name."""
    name = head.split(",")[0].strip()
    bare = strip_honorifics(name)[0]
    return bool(looks_like_name(bare_name(name))
                and (courtesy_titled(name) or _affiliated_person(name) or given_name(bare)))


def people_first(text: str) -> tuple[str, list[tuple[str, str | None]]] | None:
    found = _people_first(text)
    return None if found is None else (found[0], list(found[1]))


@memoised
def _people_first(text: str) -> tuple[str, tuple[tuple[str, str | None], ...]] | None:
    found = _people_leading(text)
    return None if found is None else (found[0], tuple(found[1]))


def _people_leading(text: str) -> tuple[str, list[tuple[str, str | None]]] | None:
    """`Nicolas Ferry and Phu H. Nguyen. Towards Model-Based Deployment.`: authors, a full stop, the title.
    The longest head that is a list of people (initials have full stops too) is the authors."""
    found: tuple[str, list[tuple[str, str | None]]] | None = None
    if len(text) > MAX_PEOPLE_FIRST_CHARS:
        return None
    for stop in _FULL_STOP.finditer(text):
        head, tail = text[: stop.start()], text[stop.end():]
        last = head.split()[-1] if head.split() else ""
        if head.count("(") > head.count(")"):
            continue  # "Sara Bouchenak (LIRIS - INSA Lyon)": a dash inside the parenthesis ends nothing
        lower_tail = not tail[:1].isupper() and not tail[:1].isdigit()
        if (lower_tail and not (stop.group(0).strip() == ":" and _surely_a_person(head))) \
                or len(last.rstrip(".")) <= 1 or _INITIALS.match(last):
            continue  # "Ana Ruiz, Ph.D. et directrice", "Matthew E. P. Davies": not the end of the names
        if _all_people(tail.rstrip("."), strict=False) or _says_what_they_do(tail):
            continue  # "Ana Ruiz - Director and CEO, HiFX": the dash gives her role, not a title
        role = dash_name(head)[1]  # `Bart De Lathouwer - OGC president - Upcoming changes…`
        strong = _surely_a_person(head)
        people = _all_people(head, strict=False) or (role is not None and _says_what_they_do(role)) or (
            strong and is_person_line(head))
        colon = stop.group(0).strip() == ":"
        if colon and not head.endswith(")") and (not strong or found is not None or ". " in head):
            continue  # "Open data: a primer": a title and its subtitle, unless the head is surely someone
        # "Ana Ruiz (MIT): Title"; "M. Bo Ma (Laval) — Les données": who it is leaves no doubt, a short title
        wanted = MIN_TAIL_WORDS - 1 if strong or colon else MIN_TAIL_WORDS
        if len(tail.split()) >= wanted and people and not place(head):
            found = (tail.strip().rstrip("."), [(head.strip(), None)])
    return found


@cache
def _quoted() -> re.Pattern[str]:
    return re.compile(rf"^[\"“«]\s*(?P<title>[^\"“”«»]+?)\s*[\"”»]\s+(?:{lexicon().quoted_by})\s+(?P<people>.+)$", re.I)


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(by-phrase in a parenthesis, by-phrase ending a title, by-phrase or full stop in running text)."""
    lex = lexicon()
    return (
        re.compile(rf"(?:^|\s)(?P<by>{lex.title_by})\s+(?P<people>.+)$", re.I),
        # (the people part unrolled, `[^()]*(?:\(…\)[^()]*)*`: one step per parenthesis, not per character)
        re.compile(rf"^(?P<title>.+?)\s+(?P<by>{lex.title_by})\s+(?P<people>[^()]*(?:\([^()]*\)[^()]*)*)$", re.I),
        re.compile(rf"\s+(?P<by>{lex.run_on_by})\s+|(?-i:(?<![A-Z]))\.\s+", re.I),
    )


MIN_SENTENCE_TITLE = 40


def _sentence_people(title: str) -> tuple[str, list[tuple[str, str | None]]]:
    """A title that runs on into a sentence naming people: `Discours d’ouverture par Léa Roy,
    directrice du musée, et Paul Côté, maire.` -> the head, and the names after "par"."""
    if len(title) < MIN_SENTENCE_TITLE:
        return title, []
    m = _patterns()[2].search(title)
    before = title[: m.start()].split()[-1:] if m else []
    if m and before and m.group(0).strip() == "." and courtesy_titled(f"{before[0]}. X"):
        return title, []  # "Session 1: Plenary: Prof. Sharon Strover": the stop ends a courtesy title
    if not m or m.start() == 0 or format_label(title[: m.start()], numbered=True) is not None:
        return title, []  # "Session 1. Economics of Blockchain and Smart Contract": a number, then a name
    tail = title[m.end():]
    names = [n for n in _capitalised_runs().findall(tail) if looks_like_name(n)]
    if not names or (not m.group(0).strip().startswith(".") and not tail.startswith(names[0])):
        return title, []  # "Learning by Doing Great Things": the words after "by" are no list of people
    parts = [p for p in re.split(rf",|;|\s(?:{lexicon().joiners})\s", tail.rstrip(" .")) if p.strip()]
    if len(tail) > MAX_PEOPLE_TAIL or any(len(p.split()) > MAX_ROLE_WORDS and not looks_like_name(p) for p in parts):
        return title, []  # `… things fall apart. Functional CSS, a way of…`: a sentence goes on, no list
    role = lexicon().role_by.get((m.group("by") or "").lower())
    return title[: m.start()].strip(" .,:"), [(_unstopped(name), role) for name in names]


MAX_PEOPLE_TAIL = 250
MAX_ROLE_WORDS = 5  # "directrice du musée": what a person does, beside their name


def _unstopped(name: str) -> str:
    """"Krishna Gummadi." -> "Krishna Gummadi": a sentence's full stop, not an initial's ("Jin L.C.")."""
    last = name.split()[-1] if name.split() else ""
    return name[:-1] if name.endswith(".") and len(last.rstrip(".")) > 1 and "." not in last[:-1] else name


_GROUPED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


@cache
def _capitalised_runs() -> re.Pattern[str]:
    """Runs of two to four capitalised words, particles allowed between: candidate names in prose."""
    particle = lexicon().particles_alt
    return re.compile(rf"[A-ZÀ-Ö][\w’'-]+(?:\s+(?:(?:{particle})\s+)?[A-ZÀ-Ö][\w’'-]+){{1,3}}")


@cache
def _joiner() -> re.Pattern[str]:
    return re.compile(rf"\s+(?:{lexicon().joiners})\s+")


@cache
def _list_separator() -> re.Pattern[str]:
    joiners = lexicon().joiners
    return re.compile(rf"\s*[,;]\s*(?:(?:{joiners})\s+)?|\s+(?:{joiners}|/)\s+")  # ", and", " / " too


def _items(text: str) -> list[str]:
    """`A (X, Y et Z), B & C` -> the items; separators inside parentheses or brackets do not count."""
    masked = _GROUPED.sub(lambda m: "\0" * len(m.group(0)), text)
    items, start = [], 0
    for sep in _list_separator().finditer(masked):
        items.append(text[start : sep.start()].strip())
        start = sep.end()
    items.append(text[start:].strip())
    return [item for item in items if item]


def _acronym_led(text: str) -> bool:
    """`OSM France`, `CNRS Lyon`: an acronym, then no given name: an organisation (`CULOT Maurice` is a person)."""
    words = text.split()
    return len(words[0]) >= 2 and words[0].isupper() and words[0].isalpha() \
        and not any(given_name(w) for w in words[1:])


def people_list(text: str) -> list[str]:
    """`A (X), B (Y) & C`: a list of people, when most items look like names (organisations allowed)."""
    parts = _items(text)
    if len(parts) > 1 and says_a_job(parts[1]):
        return [text]  # "Suraj Nath, Senior Software Engineer, Grafana Labs": one person, what they do, where
    names = [looks_like_name(bare_name(p)) and not _acronym_led(bare_name(p)) for p in parts]
    # Most items are names (two of two): "Ana Ruiz, Maire du Rouret" is one person and their role.
    return parts if len(parts) > 1 and names[0] and sum(names) * 2 > len(parts) else [text]


@memoised
def _all_people(text: str, strict: bool = True) -> bool:
    """Every part of `A (X), B & C` is a person; not strict: most are, organisations allowed (a short
    name in capitals, not a phrase: "Unpredictability in a Long Term Collaboration" is no organisation)."""
    items = _items(text)
    names = [looks_like_name(bare_name(p)) for p in items]
    if not names:
        return False
    if strict:
        return all(names)
    return sum(names) * 2 >= len(names) and names[0] and all(
        named or _organisation_like(bare_name(item)) for named, item in zip(names, items, strict=True))


def _organisation_like(text: str) -> bool:
    words = text.split()
    particles = lexicon().particles
    return len(words) <= 6 and all(w[:1].isupper() or w[:1].isdigit() or w.lower() in particles for w in words)


def all_names(text: str, pair: bool = False) -> list[str] | None:
    """`Ana Ruiz, Paul Côté, Léa Roy`: the people of a list whose every item is a name, else None.

    Two items need a joiner (`Ana Ruiz & Paul Côté`), an affiliation (`Ana Ruiz, Paul Côté (OSC)`) or a line
    the markup calls people (`pair`): `Mathieu Grzybek, Gendarmerie Nationale` is a person and an
    organisation far more often than two people."""
    items = _items(text)
    if len(items) < 2 or not all(looks_like_name(bare_name(i)) for i in items):
        return None
    if len(items) == 2 and not pair and not _joiner().search(text) and "(" not in text:
        return None
    return items


_FORMAT_DASH = re.compile(r"^(?P<head>[^–—:-]{2,40}?)\s+[–—-]\s+(?P<rest>.+)$")


@memoised
def split_format(title: str, numbered: bool = False) -> tuple[str | None, str]:
    """`Panel: Open Contracting…`, `Conférence : L’avenir…`, `Invited talk — Ana Ruiz`: a known format
    before a colon or a dash (with `numbered`, `Tutorial 1: …` too)."""
    head, sep, rest = title.partition(":")
    if sep and rest.strip() and format_label(head, numbered):
        return format_label(head, numbered), rest.strip()
    dashed = _FORMAT_DASH.match(title)
    if dashed and format_label(dashed.group("head"), numbered) and not is_occasion(dashed.group("head")):
        return format_label(dashed.group("head"), numbered), dashed.group("rest").strip()
    return None, title
