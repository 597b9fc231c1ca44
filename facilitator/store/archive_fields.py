"""The field checks of the archive's schema (store/archive_schema.py): each takes a value and
where it is (`cards[3].phase`), and returns the value or raises ArchiveInvalid naming that place.
Pure: no SQL, no I/O.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable
from typing import Any

from facilitator import cardtext

LANGS = ("nb", "nn", "se", "en")


class ArchiveInvalid(ValueError):
    """One sentence (bokmål) naming the first field that is wrong."""


def fail(where: str, what: str) -> ArchiveInvalid:
    return ArchiveInvalid(f"{where}: {what}.")


def obj(
    value: Any, where: str, required: Iterable[str], optional: Iterable[str] = ()
) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise fail(where, "skal være et objekt")
    required = tuple(required)
    if missing := [k for k in required if k not in value]:
        raise fail(f"{where}.{missing[0]}", "mangler")
    if unknown := sorted(set(value) - set(required) - set(optional)):
        raise fail(f"{where}.{unknown[0]}", "er ikke et kjent felt")
    return value


def listed(value: Any, where: str, most: int) -> list[Any]:
    if not isinstance(value, list):
        raise fail(where, "skal være en liste")
    if len(value) > most:
        raise fail(where, f"har mer enn {most} elementer")
    return value


def text_of(value: Any, where: str, most: int, *, empty: bool = True) -> str:
    if not isinstance(value, str):
        raise fail(where, "skal være tekst")
    if len(value) > most:
        raise fail(where, f"er lengre enn {most} tegn")
    if not empty and not value.strip():
        raise fail(where, "kan ikke være tom")
    if cardtext.printable(value) != value.replace("\r\n", "\n").replace("\r", "\n"):
        raise fail(where, "inneholder tegn som ikke er tillatt")
    return value


def int_in(value: Any, where: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise fail(where, "skal være et heltall")
    if not low <= value <= high:
        raise fail(where, f"skal være mellom {low} og {high}")
    return value


def boolean(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise fail(where, "skal være true eller false")
    return value


def seconds(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise fail(where, "skal være et tidspunkt (sekunder)")
    if not math.isfinite(value) or not 0 <= value < 10**11:
        raise fail(where, "er ikke et mulig tidspunkt")
    return float(value)


def one_of(value: Any, where: str, allowed: Iterable[str]) -> str:
    allowed = tuple(allowed)
    if value not in allowed:
        shown = value if isinstance(value, str) else json.dumps(value)[:40]
        raise fail(where, f"«{shown}» er ikke en av {', '.join(allowed)}")
    return str(value)


def optional(check: Callable[..., Any], value: Any, *args: Any) -> Any:
    return None if value is None else check(value, *args)


def names(value: Any, where: str) -> dict[str, str]:
    if not isinstance(value, dict) or not value:
        raise fail(where, "skal være et objekt med tekst per språk")
    for lang, text in value.items():
        one_of(lang, f"{where}", LANGS)
        text_of(text, f"{where}.{lang}", 500)
    return value


def card_text(value: Any, where: str, most: int) -> str:
    try:
        return cardtext.clean(value, max_len=most)
    except cardtext.TextRefused as refused:
        reason = {
            "text_empty": "har ingen synlige tegn",
            "text_too_long": f"er lengre enn {most} tegn",
            "too_many_lines": f"har mer enn {cardtext.MAX_LINES} linjer",
            "invalid_value": "skal være tekst",
        }.get(refused.code, "inneholder tegn som ikke er tillatt")
        raise fail(where, reason) from None


def unique(values: list[Any], where: str, what: str) -> None:
    seen: set[Any] = set()
    for index, value in enumerate(values):
        if value in seen:
            raise fail(f"{where}[{index}].{what}", "finnes to ganger")
        seen.add(value)
