"""Validation at the edge: what a phone sends is checked here, before the store sees it."""

from __future__ import annotations

import asyncio
import json
import re
import urllib.parse
import uuid
from collections.abc import Mapping
from typing import Any

from aiohttp import web
from multidict import MultiDict

try:  # a compiled JSON reader; the standard library answers wherever they would differ
    import orjson
except ImportError:  # pragma: no cover - a platform without its wheel
    orjson = None  # type: ignore[assignment]

from facilitator import cardtext
from facilitator.server import keys
from facilitator.server.errors import ApiError

# Numbers a phone may send: a few ASCII digits. Python's int() takes "²" and "٣" and spends
# quadratic time on (or refuses, past 4,300 digits) a long run of digits: bound them first.
_DIGITS = re.compile(r"[0-9]{1,9}")
FORM_TYPE = "application/x-www-form-urlencoded"
_LONG_DIGITS = re.compile(rb"[0-9]{19}")
_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _bounded_int(text: str) -> int:
    """JSON's integers: json only hands over ASCII digits; more than 40 of them is no count."""
    if len(text.removeprefix("-")) > 40:
        raise ApiError("invalid_value")
    return int(text)


def _no_constants(name: str) -> object:
    raise ApiError("invalid_json")  # NaN, Infinity: not JSON


async def _read(request: web.Request) -> bytes:
    """The body, bounded in size (client_max_size → 413) and in time (→ 408)."""
    if request.content.is_eof():
        # Already all in (a phone's card arrives in one packet): nothing to wait for, so no
        # timer to arm and cancel (an asyncio timeout costs ~7 % of the loop per card).
        return await request.read()
    try:
        async with asyncio.timeout(request.app[keys.LIMITS].body_seconds):
            return await request.read()
    except TimeoutError:
        raise ApiError("timeout") from None


async def json_body(request: web.Request, allowed: set[str]) -> dict[str, Any]:
    """The request's JSON object, with only `allowed` fields, or an ApiError."""
    # A phone's exact header needs no parsing and names no charset (1 % of the loop a card).
    if request.headers.get("Content-Type") != "application/json":
        if request.content_type != "application/json":
            raise ApiError("unsupported_media_type")
        charset(request)
    raw = await _read(request)
    body = _fast_loads(raw)
    if body is None:
        body = _loads(raw)
    if not isinstance(body, dict):
        raise ApiError("invalid_json")
    if unknown := set(body) - allowed:
        raise ApiError("unknown_field", fields=", ".join(sorted(unknown)))
    return body


def _loads(raw: bytes) -> Any:
    """The standard library's reading, whose answers are the documented ones."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError("invalid_encoding") from None
    try:
        return json.loads(text, parse_int=_bounded_int, parse_constant=_no_constants)
    except (json.JSONDecodeError, RecursionError, ValueError):
        raise ApiError("invalid_json") from None


def _fast_loads(raw: bytes) -> Any:
    """orjson's reading (~4x faster) where it gives what _loads gives, else None.

    orjson refuses what needs the documented answers (invalid UTF-8 → invalid_encoding, a lone
    surrogate escape → the card's 422, NaN, nesting too deep): those go to _loads. It turns an
    integer past 64 bits into a float, so a body with 19 digits in a row goes there too.
    """
    if orjson is None or _LONG_DIGITS.search(raw):
        return None
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        return None


def json_response(document: object, *, status: int = 200) -> web.Response:
    """web.json_response, written by orjson where it is installed."""
    if orjson is None:
        return web.json_response(document, status=status)
    return web.Response(
        body=orjson.dumps(document), status=status, content_type="application/json", charset="utf-8"
    )


def charset(request: web.Request) -> None:
    """Only UTF-8 is read; a body in another charset (or a made-up one) is refused, not guessed."""
    declared = request.charset
    if declared is not None and declared.strip().lower() not in ("utf-8", "utf8"):
        raise ApiError("unsupported_charset")


async def form_body(request: web.Request) -> MultiDict[str]:
    """A form post (application/x-www-form-urlencoded, UTF-8), strictly decoded."""
    if request.content_type != FORM_TYPE:
        raise ApiError("unsupported_form")
    charset(request)
    raw = await _read(request)
    try:
        text = raw.decode("ascii")  # percent-encoded: anything else is not a browser's form
        pairs = urllib.parse.parse_qsl(
            text, keep_blank_values=True, encoding="utf-8", errors="strict", max_num_fields=300
        )
    except (UnicodeDecodeError, ValueError):
        raise ApiError("invalid_encoding") from None
    if any(_has_surrogate(k) or _has_surrogate(v) for k, v in pairs):
        raise ApiError("invalid_encoding")
    return MultiDict(pairs)


def _has_surrogate(text: str) -> bool:
    return any(0xD800 <= ord(c) <= 0xDFFF for c in text)


def small_number(value: object) -> int | None:
    """A form's number: up to nine ASCII digits (blank is None); anything else is None too."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    return int(text) if _DIGITS.fullmatch(text) else None


def card_text(value: object, *, max_len: int) -> str:
    """The card as it will be stored (see facilitator/cardtext.py), or the phone's ApiError."""
    try:
        return cardtext.clean(value, max_len=max_len)
    except cardtext.TextRefused as refused:
        raise ApiError(refused.code, **refused.params) from None


def client_id(value: object) -> str:
    if not isinstance(value, str):
        raise ApiError("invalid_value")
    if _CANONICAL_UUID.fullmatch(value):
        return value  # what str(uuid.UUID(value)) would give back, without building one
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise ApiError("invalid_value") from None


def choice(value: object, options: Mapping[str, object] | set[str], code: str) -> str:
    if not isinstance(value, str) or value not in options:
        raise ApiError(code)
    return value


def allocations(value: object) -> dict[int, int]:
    """{"option id": dots} with whole, non-negative numbers."""
    if not isinstance(value, dict) or len(value) > 200:
        raise ApiError("invalid_value")
    result: dict[int, int] = {}
    for key, dots in value.items():
        if not isinstance(key, str) or not _DIGITS.fullmatch(key):
            raise ApiError("unknown_option")
        if isinstance(dots, bool) or not isinstance(dots, int) or dots < 0:
            raise ApiError("invalid_value")
        result[int(key)] = dots
    return result


def rating(value: object) -> int:
    if isinstance(value, str):
        value = small_number(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ApiError("invalid_rating")
    return value
