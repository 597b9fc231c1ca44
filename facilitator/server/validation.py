"""Validation at the edge: what a phone sends is checked here, before the store sees it."""

from __future__ import annotations

import json
import re
import unicodedata
import uuid
from collections.abc import Mapping
from typing import Any

from aiohttp import web

from facilitator.server.errors import ApiError

# Control characters other than tab and newlines, and the bidi overrides used to disguise text.
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


async def json_body(request: web.Request, allowed: set[str]) -> dict[str, Any]:
    """The request's JSON object, with only `allowed` fields, or an ApiError."""
    if request.content_type != "application/json":
        raise ApiError("unsupported_media_type")
    raw = await request.read()  # bounded by the app's client_max_size → 413
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError("invalid_encoding") from None
    try:
        body = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        raise ApiError("invalid_json") from None
    if not isinstance(body, dict):
        raise ApiError("invalid_json")
    if unknown := set(body) - allowed:
        raise ApiError("unknown_field", fields=", ".join(sorted(unknown)))
    return body


def card_text(value: object, *, max_len: int) -> str:
    if not isinstance(value, str):
        raise ApiError("invalid_value")
    text = value.strip()
    if not text:
        raise ApiError("text_empty")
    if len(text) > max_len:
        raise ApiError("text_too_long", max=max_len)
    if _FORBIDDEN.search(text) or any(unicodedata.category(c) == "Cs" for c in text):
        raise ApiError("invalid_text")
    return text


def client_id(value: object) -> str:
    if not isinstance(value, str):
        raise ApiError("invalid_value")
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
        if not isinstance(key, str) or not key.isdigit() or len(key) > 12:
            raise ApiError("unknown_option")
        if isinstance(dots, bool) or not isinstance(dots, int) or dots < 0:
            raise ApiError("invalid_value")
        result[int(key)] = dots
    return result


def rating(value: object) -> int:
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ApiError("invalid_rating")
    return value
