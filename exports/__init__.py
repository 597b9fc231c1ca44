"""The referat: one summary view model, and one pure writer per format (data in, bytes out)."""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable

from exports import files
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


REFERAT_FORMATS = ("docx", "pdf", "html", "md", "xlsx", "csv")  # what "all formats" writes


def render(
    store: Store,
    workshop_id: int,
    fmt: str,
    *,
    lang: str = "nb",
    join_url: str = "",
    internal: bool = False,
) -> list[tuple[str, bytes]]:
    """The files of one export as (file name, bytes); CSV gives the cards and the actions.

    `internal` keeps the content of items unntatt offentlighet (and says so in the header); the
    default is the public version, which can be published as it is.
    """
    ws = store.workshop(workshop_id)
    assert ws is not None
    code = ws.code
    name = files.stem(ws.date, ws.title, internal=internal, fallback=f"referat-{code}")
    if fmt == "json":
        document = store.dump(workshop_id)
        return [
            (
                f"{files.stem(ws.date, ws.title, fallback=f'workshop-{code}')}.json",
                (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
            )
        ]
    if fmt == "qr-png":
        return [(f"qr-{code}.png", qr.png_bytes(join_url))]
    if fmt == "qr-svg":
        return [(f"qr-{code}.svg", qr.svg_text(join_url).encode("utf-8"))]
    summary = build_summary(store, workshop_id, lang, internal=internal)
    out = [(f"{name}{WRITERS[fmt][2]}", writer(fmt)(summary))]
    if fmt == "csv":
        from exports import sheets

        out.append(
            (f"{name} - {summary.t('actions').lower()}.csv", sheets.write_actions_csv(summary))
        )
    return out


__all__ = ["FORMATS", "REFERAT_FORMATS", "WRITERS", "Summary", "build_summary", "render", "writer"]
