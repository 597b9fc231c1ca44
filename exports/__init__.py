"""The referat: one summary view model, and one pure writer per format (data in, bytes out)."""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable

from exports.formats import FORMATS
from exports.summary import Summary, build_summary
from facilitator import qr
from facilitator.store import Store

Writer = Callable[[Summary], bytes]

# format → (module, writer, file suffix). CSV also writes the actions beside the cards (see
# cli.export). The writers are imported when first used: python-docx, openpyxl and Jinja2 cost
# the projector a fifth of a second at start-up otherwise.
WRITERS: dict[str, tuple[str, str, str]] = {
    "md": ("markdown", "write", ".md"),
    "html": ("html", "write", ".html"),
    "docx": ("word", "write", ".docx"),
    "xlsx": ("sheets", "write_xlsx", ".xlsx"),
    "csv": ("sheets", "write_cards_csv", ".csv"),
    "pdf": ("pdf", "write", ".pdf"),
}


def writer(fmt: str) -> Writer:
    module, name, _suffix = WRITERS[fmt]
    return getattr(importlib.import_module(f"exports.{module}"), name)  # type: ignore[no-any-return]


def render(
    store: Store, workshop_id: int, fmt: str, *, lang: str = "nb", join_url: str = ""
) -> list[tuple[str, bytes]]:
    """The files of one export as (file name, bytes); CSV gives the cards and the actions."""
    code = store.workshop(workshop_id).code  # type: ignore[union-attr]
    if fmt == "json":
        document = store.dump(workshop_id)
        return [
            (
                f"workshop-{code}.json",
                (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
            )
        ]
    if fmt == "qr-png":
        return [(f"qr-{code}.png", qr.png_bytes(join_url))]
    if fmt == "qr-svg":
        return [(f"qr-{code}.svg", qr.svg_text(join_url).encode("utf-8"))]
    summary = build_summary(store, workshop_id, lang)
    files = [(f"referat-{code}{WRITERS[fmt][2]}", writer(fmt)(summary))]
    if fmt == "csv":
        from exports import sheets

        files.append((f"referat-{code}-tiltak.csv", sheets.write_actions_csv(summary)))
    return files


__all__ = ["FORMATS", "WRITERS", "Summary", "build_summary", "render", "writer"]
