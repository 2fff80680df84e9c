"""Text from pages, made harmless for where it is shown: terminals and Markdown reports.

A page (or a server's error message, or a redirect's Location) can hold escape sequences that
recolour or rewrite a terminal, bidirectional overrides that reorder what is read, and HTML or
Markdown that a rendered report would run or link. Every human-readable output passes page text
through one of these two functions; JSON output is escaped by the encoder already.
"""

from __future__ import annotations

import re

# C0 and C1 controls (ESC, CSI, BEL, backspace, carriage return…) but tab and newline; DEL; bidi controls.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+!|~])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """Control characters written out as `\\x1b`, `\\u202e`: shown, never obeyed by the terminal."""
    return _UNSAFE.sub(_visible, text) if _UNSAFE.search(text) else text


def markdown_safe(text: str) -> str:
    """One line of inert Markdown: HTML special characters as entities, Markdown's with a backslash."""
    text = " ".join(terminal_safe(text).split())
    text = "".join(_HTML.get(ch, ch) for ch in text) if any(ch in _HTML for ch in text) else text
    return _MARKDOWN.sub(r"\\\1", text)
