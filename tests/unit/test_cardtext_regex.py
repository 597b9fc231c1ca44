"""card_text refuses with one compiled search: exactly the texts the per-character loops refused.

The reference below is the validator as it was before issue 20 (loops over every character);
random texts drawn from the characters that matter must get the same answer from both.
"""

from __future__ import annotations

import random
import re
import sys
import unicodedata

import pytest

from facilitator import cardtext
from facilitator.cardtext import TextRefused

_FORBIDDEN = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def reference(value: object, *, max_len: int) -> str:
    if not isinstance(value, str):
        raise TextRefused("invalid_value")
    if any(0xD800 <= ord(c) <= 0xDFFF for c in value):
        raise TextRefused("invalid_text")
    text = unicodedata.normalize("NFC", cardtext._LINE_BREAKS.sub("\n", value))
    if _FORBIDDEN.search(text) or any(cardtext.is_noncharacter(c) for c in text):
        raise TextRefused("invalid_text")
    text = cardtext._BLANK_RUN.sub("\n\n", text).strip()
    if not any(cardtext.is_visible(c) for c in text):
        raise TextRefused("text_empty")
    if len(text) > max_len:
        raise TextRefused("text_too_long", max=max_len)
    if text.count("\n") >= cardtext.MAX_LINES:
        raise TextRefused("too_many_lines", max=cardtext.MAX_LINES)
    return text


def answer(fn, value: str) -> str:  # type: ignore[no-untyped-def]
    try:
        return "ok:" + fn(value, max_len=40)
    except TextRefused as refused:
        return "refused:" + refused.code


ALPHABET = (
    "aøæå A1 .\t\n\r\u2028\u2029\x00\x01\x0b\x0c\x0e\x1b\x7f\x80\x85\x9f\u200b\u200d\u202a"
    "\u202e\u2066\u2069\u00a0\u3000\u115f\u2800\u0301\u0308e\u1100\u1161\uac00\ufdd0\ufdef"
    "\ufffe\uffff\U0001fffe\U0010ffff\U0001f600\ud800\udfff\ue000\u212b\u2126\uff21"
)


@pytest.mark.parametrize("seed", range(4))
def test_same_answer_as_the_per_character_loops(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(3000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 16)))
        assert answer(cardtext.clean, text) == answer(reference, text), repr(text)


def test_no_canonical_decomposition_makes_or_hides_a_refused_character() -> None:
    """Why checking before NFC is the same as checking after it."""
    for point in range(sys.maxunicode + 1):
        char = chr(point)
        if 0xD800 <= point <= 0xDFFF:
            continue
        if not unicodedata.decomposition(char) and not 0xAC00 <= point <= 0xD7A3:
            continue  # no decomposition (Hangul syllables have one by rule): NFC and NFD keep it
        decomposed = unicodedata.normalize("NFD", char)
        composed = unicodedata.normalize("NFC", char)
        refused = bool(cardtext._REFUSED.search(char))
        assert bool(cardtext._REFUSED.search(decomposed)) == refused, hex(point)
        assert bool(cardtext._REFUSED.search(composed)) == refused, hex(point)
