"""What a card's text may be: visible text, and nothing a terminal, a page or a file could choke on.

One validator for every way text gets in (the JSON API, the phone's forms, the facilitator's own
inputs and `trepart import`), so that no stored card can break the projector or an export. It is
pure: no I/O, no aiohttp, no Textual.

The text is NFC-normalised, CRLF and CR become LF, runs of blank lines shrink to one, and the
ends are trimmed. Refused: noncharacters, surrogates, C0 and C1 control characters other than the
line break, the bidi overrides used to disguise text, more than MAX_LINES lines, and text in which
no character is visible (only spaces, zero-width characters, Hangul fillers, Braille blanks…).
"""

from __future__ import annotations

import re
import unicodedata

MAX_LINES = 12

# Line separators a phone or a paste may send; all of them become "\n".
_LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029]")
_BLANK_RUN = re.compile(r"\n[^\S\n]*(?:\n[^\S\n]*)+\n")
# Every character a card refuses, found by one compiled search of the text as it came: C0
# controls but the line breaks (CR becomes LF below), DEL, C1 controls, the bidi
# embeddings/overrides/isolates, surrogates and noncharacters. Checking before the line breaks
# are mapped and the text is NFC-normalised refuses the same texts: neither step makes or
# removes any of these characters (none is part of a canonical decomposition). One search costs
# about 0.4 µs a card; the per-character loops it replaces cost ~10 µs.
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane | 0xFFFE)}{chr(plane | 0xFFFF)}" for plane in range(0, 0x110000, 0x10000)
)
_REFUSED = re.compile(
    f"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff{_NONCHARACTERS}]"
)
# Characters that are letters or symbols to Unicode but draw nothing.
_INVISIBLE = frozenset(
    "\u115f\u1160\u3164\uffa0\u2800\u180e\u034f\u17b4\u17b5\u1cbb\u1cbc\u2061\u2062\u2063\u2064"
)
_NOT_VISIBLE_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co", "Mn", "Me"})


class TextRefused(ValueError):
    """Why a text cannot be a card: `code` is an error code the phone's API knows."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def is_noncharacter(char: str) -> bool:
    point = ord(char)
    return 0xFDD0 <= point <= 0xFDEF or (point & 0xFFFE) == 0xFFFE


def is_visible(char: str) -> bool:
    if char in _INVISIBLE or is_noncharacter(char):
        return False
    return unicodedata.category(char) not in _NOT_VISIBLE_CATEGORIES


def clean(value: object, *, max_len: int, max_lines: int = MAX_LINES) -> str:
    """The text as it will be stored, or TextRefused (codes: invalid_value, text_empty,
    text_too_long, invalid_text, too_many_lines)."""
    if not isinstance(value, str):
        raise TextRefused("invalid_value")
    if _REFUSED.search(value):
        raise TextRefused("invalid_text")
    text = unicodedata.normalize("NFC", _LINE_BREAKS.sub("\n", value))
    text = _BLANK_RUN.sub("\n\n", text).strip()
    if not any(is_visible(c) for c in text):
        raise TextRefused("text_empty")
    if len(text) > max_len:
        raise TextRefused("text_too_long", max=max_len)
    if text.count("\n") >= max_lines:
        raise TextRefused("too_many_lines", max=max_lines)
    return text


def is_clean(value: str, *, max_len: int) -> bool:
    try:
        return clean(value, max_len=max_len) == value
    except TextRefused:
        return False


_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def printable(text: str) -> str:
    """Text with every character removed that no export format can hold safely.

    The second line of defence for text stored before the validator (or by a path that forgot
    it): XML (Word, Excel, HTML) cannot hold C0 controls, surrogates or noncharacters; a
    terminal would obey C1 controls. Tab and line breaks stay; CR becomes LF.
    """
    text = _LINE_BREAKS.sub("\n", text)
    text = _UNSAFE.sub("", text)
    if any((ord(c) & 0xFFFE) == 0xFFFE for c in text):  # noncharacters of the astral planes
        text = "".join(c for c in text if not is_noncharacter(c))
    return text
