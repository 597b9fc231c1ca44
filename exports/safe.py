"""The exports' second line of defence: no stored text can break a writer or a terminal.

The card validator (facilitator/cardtext.py) keeps such text out of the store, but a file from an
older Trepart, or a text typed in before the validator, may still hold it. Every writer gets the
summary through `printable_summary`, which drops what no format can hold: C0 controls but tab and
line feed (XML refuses them: python-docx and openpyxl raise), C1 controls (a terminal obeys
them), surrogates and noncharacters. The archive JSON keeps the text and escapes them instead.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, TypeVar

from facilitator.cardtext import printable

T = TypeVar("T")

_ESCAPE_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def printable_summary(value: T) -> T:
    """`value` with every string in it made printable; dataclasses, tuples, lists and dicts."""
    cleaned: T = _clean(value)
    return cleaned


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return printable(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _clean(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if (f.init and isinstance(getattr(value, f.name), (str, tuple, list, dict)))
            or dataclasses.is_dataclass(getattr(value, f.name, None))
        }
        return dataclasses.replace(value, **changes) if changes else value
    if isinstance(value, tuple):
        return tuple(_clean(v) for v in value)
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    return value


def json_text(text: str) -> str:
    """JSON text (from json.dumps, ensure_ascii=False) with the characters a terminal or an
    editor would act on written as \\u escapes; the same data, safe to print."""
    return _ESCAPE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
