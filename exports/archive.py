"""The archive: every phone's data, for moving or restoring a workshop with `trepart import`.

Not a referat: it holds per-phone rows (party, votes, ratings, times), so the file's name says
so before it is opened, and the export dialog asks once more before it saves one.
"""

from __future__ import annotations

import json

from exports.safe import json_text
from facilitator.store import Store

ARCHIVE_NOTE = (
    "Trepart-arkiv: for å flytte eller gjenopprette en workshop med `trepart import`. "
    "Inneholder data per telefon (part, stemmer, vurderinger, tidspunkt): del det ikke. "
    "Referatet for lesere er --format json, md, html, docx eller xlsx."
)


def write(store: Store, workshop_id: int, suffix: str = ".json") -> tuple[str, bytes]:
    ws = store.workshop(workshop_id)
    assert ws is not None
    document = {"note": ARCHIVE_NOTE, **store.dump(workshop_id)}
    text = json_text(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"
    return f"arkiv-{ws.code}-per-telefon-for-import{suffix}", text.encode()
