"""Bytes to text: BOM, then the HTTP charset, then the document's own declaration, then detection.

Declared charsets are read as the WHATWG Encoding Standard reads labels (webencodings has its table):
`<meta charset="base64">` or `rot13` names no text encoding and is ignored with a warning. A
declaration the bytes clearly contradict (a legacy code page over valid UTF-8 with accented letters,
or UTF-8 over bytes that are not) gives way to what decodes, with a warning. Characters XML cannot
hold (C0 controls, noncharacters) are dropped here, once, so no later stage meets them.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

import webencodings

from extractor.errors import InputError
from extractor.models import Warning

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or office document)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "gzip-compressed data",
}
_HTML_SNIFF = re.compile(rb"<\s*(!doctype\s+html|html|head|body|div|p|table|meta|h[1-6]|section)\b", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)


def looks_like_html(data: bytes) -> bool:
    """Decide from content, not the file name: an HTML tag near the start."""
    head = data[:4096].lstrip()
    return bool(_HTML_SNIFF.search(head))


class Decoded(NamedTuple):
    text: str
    encoding: str
    warnings: list[Warning]


def decode(data: bytes, location: str, http_charset: str | None = None) -> tuple[str, str]:
    """Return (text, encoding used). Raises InputError for empty, binary or undecodable data."""
    text, encoding, _warnings = decode_page(data, location, http_charset)
    return text, encoding


def decode_page(data: bytes, location: str, http_charset: str | None = None) -> Decoded:
    """The text, the encoding used, and what was odd about the declarations (as warnings)."""
    if not data.strip():
        raise InputError(f"{location} is empty")
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"{location} is {what}, not a web page or text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Decoded(xml_compatible(_strict(data[len(bom) :], encoding, location)), encoding, [])
    if b"\x00" in data[:8192]:
        raise InputError(f"{location} looks binary (NUL bytes), not a web page or text")
    warnings: list[Warning] = []
    declarations = (("HTTP Content-Type charset", http_charset), ("charset declared in the page", _declared(data)))
    for where, label in declarations:
        if not label:
            continue
        codec = whatwg_codec(label)
        if codec is None:
            warnings.append(Warning(where=where, text=label[:80], reason="not a label of the WHATWG Encoding "
                                    "Standard: ignored"))
            continue
        text = _try(data, codec)
        if text is not None and codec != "utf-8" and not text.isascii() and _try(data, "utf-8") is not None:
            # Valid UTF-8 with accented letters is almost never legacy text: the declaration is wrong.
            warnings.append(Warning(where=where, text=label[:80], reason="contradicted by the bytes, which "
                                    "are valid UTF-8: read as UTF-8"))
            return Decoded(xml_compatible(data.decode("utf-8")), "utf-8", warnings)
        if text is not None:
            return Decoded(xml_compatible(text), codec, warnings)
        warnings.append(Warning(where=where, text=label[:80], reason=f"the bytes are not valid {codec}: "
                                "the encoding was detected instead"))
    text = _try(data, "utf-8")
    if text is not None:
        return Decoded(xml_compatible(text), "utf-8", warnings)
    text, encoding = _detect(data, location)
    return Decoded(xml_compatible(text), encoding, warnings)


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeError, LookupError):
        return None


# C0 controls and noncharacters: lxml refuses them ("All strings must be XML compatible"). Vertical
# tab, form feed and the file/group/record separators end lines (str.splitlines): they become one.
_XML_INCOMPATIBLE = re.compile("[\x00-\x08\x0e-\x1b\x1f\ufffe\uffff\ud800-\udfff]")
_LINE_CONTROLS = re.compile("[\x0b\x0c\x1c-\x1e]")


def xml_compatible(text: str) -> str:
    """The text without the characters XML cannot hold; line-ending controls become newlines."""
    if _XML_INCOMPATIBLE.search(text):
        text = _XML_INCOMPATIBLE.sub("", text)
    if _LINE_CONTROLS.search(text):
        text = _LINE_CONTROLS.sub("\n", text)
    return text


def _declared(data: bytes) -> str | None:
    head = data[:8192]
    match = _XML_DECL.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii", "replace") if match else None


def whatwg_codec(label: str) -> str | None:
    """The Python codec for a charset label, as the WHATWG Encoding Standard reads labels (latin-1 and
    ascii are windows-1252, as in browsers); None for anything else (`base64`, `rot13`, `undefined`)."""
    found = webencodings.lookup(label.strip().strip("\"'"))
    if found is None or found.name in ("replacement", "x-user-defined"):
        return None
    return str(found.codec_info.name)


def _codec(name: str | None) -> str | None:
    """A detector's name for an encoding, as a Python text codec; latin-1 read as windows-1252."""
    if not name:
        return None
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True):
        return None
    return "cp1252" if info.name in ("latin-1", "iso8859-1", "ascii") else info.name


def _detect(data: bytes, location: str) -> tuple[str, str]:
    western = _try(data[:200_000], "cp1252")
    if western is not None and _plausible(western) and _lowercase_inside_words(western):
        text = _try(data, "cp1252")
        if text is not None:
            return text, "cp1252"
    from charset_normalizer import from_bytes

    matches = from_bytes(data[:200_000])
    names = [m.encoding for m in matches]
    # Our pages are Western European: when a Latin code page is among the plausible readings,
    # take it over an exotic best guess (detectors misjudge short French text).
    # windows-1252 first among those: the legacy encoding of the Western web (the Encoding Standard's
    # default for French and English), where cp850 or mac-roman readings of short text are lucky guesses.
    readings = [_codec(n) for n in names]
    western = "cp1252" if "cp1252" in readings else next((n for n in readings if n in _WESTERN), None)
    best = matches.best()
    for candidate in (western, _codec(best.encoding) if best else None, "cp1252", "latin-1"):
        if candidate:
            text = _try(data, candidate)
            if text is not None and _plausible(text):
                return text, candidate
    raise InputError(f"{location}: cannot decode the text (unknown encoding)")


_WESTERN = frozenset({"cp1252", "iso8859-15", "mac-roman", "cp850"})


_INSIDE_WORD = re.compile(r"(?<=[a-z])[^\x00-\x7f](?=[a-z])")


def _lowercase_inside_words(text: str) -> bool:
    """Letters read between two lowercase letters are lowercase ("Conférence", not "ConfÚrence"): the
    code page that gives this is the right one, whatever a detector guesses from short text."""
    inside = [c for c in _INSIDE_WORD.findall(text) if c.isalpha()]
    lower = sum(1 for c in inside if c.islower())
    return lower > 0 and lower >= 4 * (len(inside) - lower)


def _plausible(text: str) -> bool:
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\r\n\t\f")
    return controls <= max(3, len(text[:20000]) // 200)


def _strict(data: bytes, encoding: str, location: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{location}: invalid {encoding} after its byte-order mark ({exc.reason})") from None
