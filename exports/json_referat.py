"""The referat as JSON: the anonymised, machine-readable minutes (what an analyst may receive).

It is the same summary as every other reader format, so the anonymity rule has already been
applied: groups, not phones; no card times, no device or participant identifiers, no join
code. The full-fidelity file that `trepart import` restores is the archive format
(`store.dump`), which is a different thing with a different name.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from exports.safe import json_text
from exports.view import Summary

FORMAT = "trepart-referat"
VERSION = 1


def document(s: Summary) -> dict[str, Any]:
    data = dataclasses.asdict(s)
    for internal in ("words", "code"):
        data.pop(internal, None)
    return {"format": FORMAT, "version": VERSION, **data}


def write(s: Summary) -> bytes:
    return (json_text(json.dumps(document(s), ensure_ascii=False, indent=2)) + "\n").encode()
