"""orjson reads a phone's body only where it gives what the standard library gives.

The documented answers (invalid_encoding, invalid_json, invalid_value for a number past 40
digits, the card's 422 for a lone surrogate escape) come from the standard library's reading;
orjson is used when it agrees, and steps aside otherwise.
"""

from __future__ import annotations

import pytest

from facilitator.server import validation
from facilitator.server.errors import ApiError

BODIES = [
    b'{"id": "0b6a2f7e-3c1d-4e5f-8a9b-0c1d2e3f4a5b", "text": "H\xc3\xb8yt sykefrav\xc3\xa6r"}',
    b'{"text": "\\ud800"}',  # a lone surrogate escape: the card's 422, not invalid_json
    b'{"text": "\\ud83d\\ude00"}',
    b'{"phase": 123456789012345678901234567890}',  # orjson would make this a float
    b'{"phase": ' + b"9" * 41 + b"}",  # past 40 digits: invalid_value
    b'{"phase": 18446744073709551615}',
    b'{"phase": -9223372036854775809}',
    b'{"phase": 1.5e3, "x": -0, "y": 1e400}',
    b'{"a": NaN}',
    b'{"a": Infinity}',
    b"\xef\xbb\xbf{}",
    b'{"a": "\xff"}',
    b'{"a": "\xed\xa0\x80"}',  # a surrogate encoded in UTF-8: invalid_encoding
    b'{"a": 1, "a": 2}',
    b'{"a": "\x01"}',
    b"[" * 5000 + b"]" * 5000,
    b'{"a": [1, 2, {"b": null, "c": true, "d": false}]}',
    b"  {} ",
    b"{",
    b"",
]


def answer(read, raw: bytes) -> object:  # type: ignore[no-untyped-def]
    try:
        value = read(raw)
    except ApiError as error:
        return ("refused", error.code)
    return ("read", repr(value))


@pytest.mark.parametrize("raw", BODIES)
def test_the_fast_reading_agrees_or_steps_aside(raw: bytes) -> None:
    fast = validation._fast_loads(raw)
    if fast is not None:
        assert ("read", repr(fast)) == answer(validation._loads, raw)


def test_a_lone_surrogate_reaches_the_card_validator() -> None:
    assert validation._fast_loads(b'{"text": "\\ud800"}') is None
    assert validation._loads(b'{"text": "\\ud800"}') == {"text": "\ud800"}
