"""Bytes to text: BOM, then the HTTP charset, then the document's own declaration, then detection."""

from __future__ import annotations

import codecs
import re

from extractor.errors import InputError

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


def decode(data: bytes, location: str, http_charset: str | None = None) -> tuple[str, str]:
    """Return (text, encoding used). Raises InputError for empty, binary or undecodable data."""
    if not data.strip():
        raise InputError(f"{location} is empty")
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"{location} is {what}, not a web page or text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], encoding, location), encoding
    if b"\x00" in data[:8192]:
        raise InputError(f"{location} looks binary (NUL bytes), not a web page or text")
    for candidate in (http_charset, _declared(data)):
        known = _known(candidate)
        if known:
            try:
                return data.decode(known), known
            except UnicodeDecodeError:
                pass  # a wrong declaration is common; fall through to detection
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _detect(data, location)


def _declared(data: bytes) -> str | None:
    head = data[:8192]
    match = _XML_DECL.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii", "replace") if match else None


def _known(name: str | None) -> str | None:
    if not name:
        return None
    try:
        encoding = codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None
    # Browsers read latin-1 labels as windows-1252 (WHATWG); so do we.
    return "cp1252" if encoding in ("latin-1", "iso8859-1", "ascii") else encoding


def _detect(data: bytes, location: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    matches = from_bytes(data[:200_000])
    names = [m.encoding for m in matches]
    # Our pages are Western European: when a Latin code page is among the plausible readings,
    # take it over an exotic best guess (detectors misjudge short French text).
    western = next((n for n in names if _known(n) in _WESTERN), None)
    best = matches.best()
    for candidate in (_known(western), _known(best.encoding) if best else None, "cp1252", "latin-1"):
        if candidate:
            try:
                text = data.decode(candidate)
            except UnicodeDecodeError:
                continue
            if _plausible(text):
                return text, candidate
    raise InputError(f"{location}: cannot decode the text (unknown encoding)")


_WESTERN = frozenset({"cp1252", "iso8859-15", "mac-roman", "cp850"})


def _plausible(text: str) -> bool:
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\r\n\t\f")
    return controls <= max(3, len(text[:20000]) // 200)


def _strict(data: bytes, encoding: str, location: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{location}: invalid {encoding} after its byte-order mark ({exc.reason})") from None
