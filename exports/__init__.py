"""The referat: one summary view model, and one pure writer per format (data in, bytes out)."""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable

from exports import files
from exports.formats import FORMATS
from exports.safe import json_text, printable_summary
from exports.summary import build_summary
from exports.view import Summary
from facilitator import qr
from facilitator.store import Store
from facilitator.wifi import Wifi

Writer = Callable[[Summary], bytes]

ARCHIVE_NOTE = (
    "Trepart-arkiv: for å flytte eller gjenopprette en workshop med `trepart import`. "
    "Inneholder data per telefon (part, stemmer, vurderinger, tidspunkt): del det ikke. "
    "Referatet for lesere er --format json, md, html, docx eller xlsx."
)

# format → (module, writer, file suffix). CSV also writes the actions beside the cards (see
# cli.export). The writers are imported when first used: python-docx, openpyxl and Jinja2 cost
# the projector a fifth of a second at start-up otherwise.
WRITERS: dict[str, tuple[str, str, str]] = {
    "md": ("markdown", "write", ".md"),
    "html": ("html", "write", ".html"),
    "docx": ("word", "write", ".docx"),
    "xlsx": ("sheets", "write_xlsx", ".xlsx"),
    "csv": ("sheets", "write_cards_csv", ".csv"),
    "json": ("json_referat", "write", ".json"),
    "pdf": ("pdf", "write", ".pdf"),
}


def writer(fmt: str) -> Writer:
    module, name, _suffix = WRITERS[fmt]
    found: Writer = getattr(importlib.import_module(f"exports.{module}"), name)
    return found


REFERAT_FORMATS = ("docx", "pdf", "html", "md", "xlsx", "csv")  # what "all formats" writes


def render(
    store: Store,
    workshop_id: int,
    fmt: str,
    *,
    lang: str = "nb",
    join_url: str = "",
    wifi: Wifi | None = None,
    internal: bool = False,
) -> list[tuple[str, bytes]]:
    """The files of one export as (file name, bytes); CSV gives the cards and the actions, the
    QR formats the Wi-Fi code beside the join code when there is a network to join.

    `internal` keeps the content of items unntatt offentlighet (and says so in the header); the
    default is the public version, which can be published as it is.
    """
    ws = store.workshop(workshop_id)
    assert ws is not None
    code = ws.code
    name = files.stem(ws.date, ws.title, internal=internal, fallback=f"referat-{code}")
    if fmt in ("handout", "handout-png"):
        from exports.handout import handout

        return [handout(store, workshop_id, fmt, lang=lang, join_url=join_url, wifi=wifi)]
    if fmt == "archive":
        # Per-phone data, for moving or restoring a workshop: the name says so before it is opened.
        document = {"note": ARCHIVE_NOTE, **store.dump(workshop_id)}
        return [
            (
                f"arkiv-{code}-per-telefon-for-import.json",
                (json_text(json.dumps(document, ensure_ascii=False, indent=2)) + "\n").encode(),
            )
        ]
    if fmt in ("qr-png", "qr-svg"):
        from exports import wifi_qr

        if fmt == "qr-png":
            qr_files = [(f"qr-{code}.png", qr.png_bytes(join_url))]
            if wifi is not None:
                qr_files.append((f"qr-{code}-wifi.png", wifi_qr.png_bytes(wifi)))
        else:
            qr_files = [(f"qr-{code}.svg", qr.svg_text(join_url).encode("utf-8"))]
            if wifi is not None:
                qr_files.append((f"qr-{code}-wifi.svg", wifi_qr.svg_text(wifi).encode("utf-8")))
        return qr_files
    summary = printable_summary(build_summary(store, workshop_id, lang, internal=internal))
    out = [(f"{name}{WRITERS[fmt][2]}", writer(fmt)(summary))]
    if fmt == "csv":
        from exports import sheets

        out.append(
            (f"{name} - {summary.t('actions').lower()}.csv", sheets.write_actions_csv(summary))
        )
    return out


__all__ = ["FORMATS", "REFERAT_FORMATS", "WRITERS", "Summary", "build_summary", "render", "writer"]
