"""Speaker lines: `Name, Title[, Title…], Affiliation`, `Name (Affiliation)`, `Me Name`, `Name, PhD, Title, Org`."""

from __future__ import annotations

import re
from functools import cache

from extractor.lexicon import lexicon
from extractor.models import Speaker
from extractor.parse.memo import memoised
from extractor.textkit.normalise import has_digit, key, norm, unaccented_key

# "Garcez", "Jean-Luc", "J.", "d’Avila", "O'Connor", "McKay".
_NAME_TOKEN = re.compile(r"^(?:[dl][’'])?(?P<first>[^\W\d_])[\w’'.\-]*\*?$")  # "Ana*": who presents
# "Real-time", "Co-occurrences": compound words; hyphenated names capitalise both parts ("Hayes-Brady").
_LOWER_AFTER_HYPHEN = re.compile(r"[^\W\d_]{2}-[a-z]")
_TRAILING_PAREN = re.compile(r"\s*[(\[](?P<inner>[^()\[\]]+)[)\]]\s*$")



def trailing_paren(text: str) -> tuple[int, str] | None:
    """A parenthesis closing the text, nested ones allowed: `Ana Ruiz (Cellule (CPGU))` -> where it
    starts (blanks before it included) and "Cellule (CPGU)"."""
    stripped = text.rstrip()
    if not stripped.endswith((")", "]")):
        return None
    depth = 0
    for index in range(len(stripped) - 1, -1, -1):
        if stripped[index] in ")]":
            depth += 1
        elif stripped[index] in "([":
            depth -= 1
            if depth == 0:
                inner = stripped[index + 1 : -1].strip()
                return (len(stripped[:index].rstrip()), inner) if inner else None
    return None


@cache
def _trailing_joiner() -> re.Pattern[str]:
    """"Juan Paolo Balbin and": a list broken after its joiner."""
    return re.compile(rf"\s+(?:{lexicon().joiners})$", re.I)


@cache
def _joined() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a credential heading a title: "Ph.D. et Codirectrice…"; the joiner between two people)."""
    joiners = lexicon().joiners
    return (re.compile(rf"^(?P<cred>\S+?)(?:,|\s+(?:{joiners})\s+|\s+)(?P<rest>.+)$"),
            re.compile(rf"\s+(?:{joiners})\s+"))



def split_outside_parens(text: str, sep: str = ",") -> list[str]:
    return list(_split_outside_parens(text, sep))


@memoised
def _split_outside_parens(text: str, sep: str) -> tuple[str, ...]:
    if "(" not in text and "[" not in text:
        return tuple(p.strip() for p in text.split(sep) if p.strip())
    parts: list[str] = []
    buf: list[str] = []
    depth = 0
    for ch in text:
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        if ch == sep and depth == 0:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf))
    return tuple(p.strip() for p in parts if p.strip())


def courtesy_titled(name: str) -> bool:
    """`Mme Chantal Marion`, `M. Patrick Gilli`, `Dr. Bo Ma`: a courtesy title or an honorific opens it."""
    head = name.strip().partition(" ")[0]
    lex = lexicon()
    return head.lower() in lex.courtesy or head in lex.name_prefix_credentials


def strip_honorifics(name: str) -> tuple[str, list[str]]:
    """Remove courtesy titles (dropped) and honorific credentials (kept) from the head of a name."""
    lex = lexicon()
    credentials: list[str] = []
    while True:
        head, _, rest = name.partition(" ")
        if not rest:
            return name, credentials
        if head.lower() in lex.courtesy:
            name = rest.strip()
        elif head in lex.name_prefix_credentials:
            credentials.append(head)
            name = rest.strip()
        else:
            return name, credentials


@memoised
def looks_like_name(text: str) -> bool:
    """Two to five capitalised words, particles allowed: "Geneviève Baril", "Jean de la Fontaine"."""
    lex = lexicon()
    name, _ = strip_honorifics(text.strip())
    tokens = name.split()
    if not 2 <= len(tokens) <= 5 or len(name) > 60 or has_digit(name) or _LOWER_AFTER_HYPHEN.search(name):
        return False
    capitalised = 0
    for token in tokens:
        m = _NAME_TOKEN.match(token)
        if m and m.group("first").isupper():  # any script's capitals: "Şentürk", "Łukasz", "Čapek"
            capitalised += 1
        elif token.lower() not in lex.particles:
            return False
    return capitalised >= 2 and not _is_known_phrase(name)


def says_a_job(text: str) -> bool:
    """One of its words names a job (`Senior Software Engineer`, `CEO`, `directrice`)."""
    job_words = lexicon().job_words
    return any(w.strip(",.;()").lower() in job_words for w in text.split())


def given_name(text: str) -> bool:
    """The text starts with a common given name ('Aaron Rosenmund', 'Dr. Anil Kumar')."""
    name, _ = strip_honorifics(text.strip())
    first = name.split()[0] if name.split() else ""
    return unaccented_key(first.split("-")[0]) in lexicon().given_names


def _is_known_phrase(name: str) -> bool:
    lex = lexicon()
    return bool(lex.room_word_re.match(name) or lex.org_re.search(name) or lex.description_label_re.match(name)
                or any(word.lower() in lex.job_words for word in name.split()) or key(name) in lex.formats
                or key(name.split()[0]) in lex.formats  # "Tutoriel Upmem", "Workshop Docker"
                or _holds_small_word(name))


def _holds_small_word(name: str) -> bool:
    """`The PiSeduce Project`, `Writing Music With Machine Learning`: a small word of a sentence, which no
    name holds (name particles apart)."""
    lex = lexicon()
    return any(w not in lex.particles and any(w in words for words in lex.stopwords.values())
               for w in (t.lower() for t in name.split()))


def _is_credential(text: str) -> bool:
    lex = lexicon()
    return text in lex.credentials or text.rstrip(".") in lex.credentials


_HANDLE_NOTE = re.compile(r"\s*[(\[]\s*@[\w.]+\s*[)\]]|\s+@[\w.]{2,30}$")


@memoised
def parse_speaker(raw: str) -> Speaker:
    lex = lexicon()
    line = norm(raw).replace("*", "") if "*" in raw else norm(raw)
    body = _HANDLE_NOTE.sub("", line) or line  # "Pierre Henriquet (@astropierre)": the handle is no affiliation
    body = body.strip(" -–—|,;:") or body  # "Goulwen Reboux - " once the link to @nautilebleu is gone
    body = _trailing_joiner().sub("", body) or body  # "Juan Paolo Balbin and" / "Conrad Gozalo" on the next line
    role = None
    role_by = lex.role_by_re.match(body)
    if role_by:
        role = lex.role_by[role_by.group("by").lower()]
        body = role_by.group("rest")
    else:
        by = lex.by_re.match(body)
        if by:
            body = by.group("rest")
    paren = trailing_paren(body)
    if paren and lex.role_re.match(paren[1]):
        role = paren[1].lower()
        body = body[: paren[0]].strip()
    parts = _name_first(split_outside_parens(body))
    name_part = parts[0] if parts else body
    name_part, after_dash = dash_name(name_part)
    if after_dash:
        parts = [name_part, after_dash, *parts[1:]]
    affiliation = None
    titles_in_parens: list[str] = []
    paren = trailing_paren(name_part)
    if paren:
        inner = paren[1]
        if lex.role_re.match(inner):
            role = role or inner.lower()
        elif inner[:1].islower():
            # "Par Mme Hélène Caron (présidente)": a title, not an organisation; "(présidente, Université X)":
            # what she does, then where
            job, where = _role_and_organisation(inner)
            titles_in_parens, affiliation = ([job], where) if job else ([inner], None)
        else:
            job, affiliation = _role_and_organisation(inner)
            titles_in_parens = [job] if job else []
        name_part = name_part[: paren[0]].strip()
    name, credentials = strip_honorifics(name_part)
    titles: list[str] = titles_in_parens
    for part in parts[1:]:
        if _is_credential(part):
            credentials.append(part)
            continue
        head = _joined()[0].match(part)
        if head and _is_credential(head.group("cred")):
            credentials.append(head.group("cred"))
            part = head.group("rest").strip()
        titles.append(part)
    if len(titles) >= 2 and affiliation is None and titles[-1].lower() in lex.countries:
        country = titles.pop()  # "Jim Dowling, Logical Clocks, Sweden": the organisation and its country
        titles[-1] = f"{titles[-1]}, {country}"
    if titles and affiliation is None and (len(titles) >= 2 or lex.org_re.search(titles[-1])
                                           or _organisation_not_role(titles[-1])):
        affiliation = titles.pop()
    if affiliation is None and titles and _DASH.search(titles[-1]):
        affiliation = titles.pop()  # "Directeur Hébergement - Libéo": split below, if a job comes first
        if not any(w in lex.job_words for w in _DASH.split(affiliation, maxsplit=1)[0].lower().split()):
            titles.append(affiliation)
            affiliation = None
    if affiliation and _DASH.search(affiliation) and any(w in lex.job_words for w in affiliation.lower().split()):
        job, affiliation = _DASH.split(affiliation, maxsplit=1)  # "writer and consultant - Brad Frost Web"
        titles.append(job)
    return Speaker(name=name, credentials=credentials, titles=titles, affiliation=affiliation, raw=line,
                   role=role)


@cache
def _at_organisation() -> re.Pattern[str]:
    """`CEO at Alzette`, `directrice chez X`: a job, the word for where, the organisation."""
    return re.compile(rf"^(?P<job>.+?)\s+(?:{lexicon().at_words}|@)\s+(?P<org>[A-Z0-9].+)$")


def _role_and_organisation(inner: str) -> tuple[str | None, str]:
    """`(CEO at Alzette Information Security)`, `(Suricata core developer, Stamus Networks)`: what the person
    does, then where; a parenthesis with only an organisation is that organisation."""
    at = _at_organisation().match(inner)
    if at and says_a_job(at.group("job")):
        return at.group("job"), at.group("org")
    head, comma, last = inner.rpartition(", ")
    if comma and _organisation_not_role(last) and (
            says_a_job(head)
            or any(w.islower() and w.isalpha() and len(w) > 3 for w in head.split())):
        return head, last
    return None, inner


def _organisation_not_role(text: str) -> bool:
    """`Ana Ruiz, Loxodata`: one capitalised item after a name is where the person works, unless it
    says what they do (`Program Director`, `Mairesse`)."""
    words = text.split()
    return bool(words) and words[0][:1].isupper() and not says_a_job(text)


_DASH = re.compile(r"\s+[–—-]\s+")


def dash_name(text: str) -> tuple[str, str | None]:
    """`Marie Roy – Professeure à l’UQAM`: (name, what follows the dash) when the left is a name."""
    pieces = _DASH.split(text, maxsplit=1)
    if len(pieces) == 2 and looks_like_name(pieces[0]):
        return pieces[0], pieces[1]
    return text, None


def _name_first(parts: list[str]) -> list[str]:
    """`Directrice générale, Mme Louise Roy`: the role comes first; put the person first."""
    if len(parts) < 2 or looks_like_name(bare_name(parts[0])):
        return parts
    for index, part in enumerate(parts[1:], start=1):
        bare = bare_name(part)
        if looks_like_name(bare) and strip_honorifics(bare)[0] != bare:
            return [part, *parts[:index], *parts[index + 1 :]]
    return parts


def split_speakers(line: str) -> list[str]:
    return list(_split_speakers(line))


@memoised
def _split_speakers(line: str) -> tuple[str, ...]:
    """Several people on one line: `;`, or ` et ` / ` and ` / ` & ` between plain names."""
    parts = split_outside_parens(line, ";")
    out: list[str] = []
    for part in parts:
        pieces = _joined()[1].split(part)
        if len(pieces) > 1 and all(looks_like_name(bare_name(p)) for p in pieces):
            out.extend(pieces)
        else:
            out.append(part)
    return tuple(out)


_BRACKET = re.compile(r"[()\[\]]")


def bare_name(text: str) -> str:
    """`Name (Org) (Animateur)` -> `Name`: every trailing parenthesis or bracket dropped.

    What _TRAILING_PAREN removes, repeatedly, read once from the right: a name followed by thousands of
    parentheses costs one pass, not one regex search per parenthesis."""
    marks = [m.start() for m in _BRACKET.finditer(text)]
    end = len(text)
    cut = None
    i = len(marks) - 1
    while i >= 1:
        close, start = marks[i], marks[i - 1]
        if text[close] not in ")]" or text[start] not in "([" or close - start < 2 or text[close + 1:end].strip():
            break
        end = cut = start
        i -= 2
    return text.strip() if cut is None else text[:cut].strip()


_NUMBERED_ITEM = re.compile(r"^\d{1,3}\s*[‐‑–—.)-]\s")
_ABBREVIATION = re.compile(r"\b[A-Z][a-z]{1,3}\.$")
_ORG_SEPARATORS = re.compile(r"\s+[|/]\s+|\s*;\s*")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.-]{1,9}$")


def organisations(text: str) -> list[str] | None:
    """`Tel Aviv University, Israel | Duke University, USA`: a line of organisations, else None.

    Each part names an institution (University, Lab, CNRS), or ends with a country."""
    if len(text) > 300 or text.endswith(("?", "!")) or (text.endswith(".") and not _ABBREVIATION.search(text)):
        return None  # a sentence, unless its full stop ends "Inc." or "Ltd."
    if _NUMBERED_ITEM.match(text):
        return None  # "22 ‐ La fondation OpenStreetMap": the 22nd talk, not an employer
    lex = lexicon()
    parts = [p.strip() for p in _ORG_SEPARATORS.split(text) if p.strip()]
    for part in parts:
        last = part.rsplit(",", 1)[-1].strip().lower() if "," in part else ""
        if not (lex.org_re.search(part) or last in lex.countries or _ACRONYM.match(part)):
            return None
    return parts or None


MIN_CAPITAL_WORD = 4
CAPITALS_SHARE = 0.5  # of an organisation's longer words, written with a capital: "Politecnico di Milano"
# "Azer Bestavros: Boston University, USA", "Vasiliki Kalavri (Vasia): ETH Zurich": a name, then where from.
_COLON_PERSON = re.compile(r"^(?P<name>[^:()]{3,60}?)(?:\s*\([^()]{1,30}\))?\s*:\s+(?P<org>\S.{1,200})$")


@memoised
def colon_person(text: str) -> str | None:
    """`Name: Organisation` -> `Name (Organisation)`, the way the rest of the parser reads it; else None."""
    found = _COLON_PERSON.match(text)
    if found is None:
        return None
    name, org = found.group("name").strip(), found.group("org")
    if key(name) in lexicon().formats or not looks_like_name(name) or organisations(org) is None:
        return None
    if "(" in org and looks_like_name(org.split("(")[0].strip()):
        return None  # `Système I : Joachim Roy (CNRS)`: a session, then its chair
    words = [w for w in org.split() if len(w) >= MIN_CAPITAL_WORD and w[0].isalpha()]
    if sum(w[0].isupper() for w in words) < CAPITALS_SHARE * len(words):
        return None  # `Google Earth : La synergie géospatiale au service…`: a title, then what it is about
    return f"{name} ({org})"


def organisation_colon_person(text: str) -> str | None:
    """`Université Paul Valéry : M. Patrick Gilli (président)` -> `M. Patrick Gilli (président, Université
    Paul Valéry)`: an organisation, then the person speaking for it (a courtesy title makes it sure)."""
    org, sep, person = text.partition(" : ") if " : " in text else text.partition(": ")
    if not sep or not org or not person or len(text) > MAX_ORG_PERSON_CHARS:
        return None
    head = person.split("(")[0].strip()
    if not courtesy_titled(head) or not looks_like_name(strip_honorifics(head)[0]):
        return None
    words = [w for w in org.split() if len(w) >= MIN_CAPITAL_WORD and w[0].isalpha()]
    if not words or sum(w[0].isupper() for w in words) < CAPITALS_SHARE * len(words):
        return None
    paren = trailing_paren(person.strip())
    if paren:  # "M. Patrick Gilli (président)" -> "M. Patrick Gilli (président, Université …)"
        return f"{person.strip()[: paren[0]].strip()} ({paren[1]}, {org.strip()})"
    return f"{person.strip()} ({org.strip()})"


MAX_ORG_PERSON_CHARS = 200

