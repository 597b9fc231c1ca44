"""The referat: one summary view model, and one pure writer per format (data in, bytes out).

The formats are a typed registry in `exports.formats`; `render` writes one of them.
"""

from __future__ import annotations

from exports.formats import (
    ALL,
    BY_NAME,
    FORMATS,
    REFERAT_FORMATS,
    ExportFile,
    ExportFormat,
    ExportJob,
)
from exports.summary import build_summary
from exports.view import Summary
from facilitator.store import Store
from facilitator.wifi import Wifi


def render(
    store: Store,
    workshop_id: int,
    fmt: str,
    *,
    lang: str = "nb",
    join_url: str = "",
    wifi: Wifi | None = None,
    internal: bool = False,
) -> list[ExportFile]:
    """The files of one export as (file name, bytes); CSV gives the cards and the actions, the
    QR formats the Wi-Fi code beside the join code when there is a network to join.

    `internal` keeps the content of items unntatt offentlighet (and says so in the header); the
    default is the public version, which can be published as it is.
    """
    job = ExportJob(store, workshop_id, lang, join_url, wifi, internal)
    return BY_NAME[fmt].files(job)


__all__ = [
    "ALL",
    "BY_NAME",
    "FORMATS",
    "REFERAT_FORMATS",
    "ExportFile",
    "ExportFormat",
    "ExportJob",
    "Summary",
    "build_summary",
    "render",
]
