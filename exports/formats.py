"""Every export format in one typed registry.

`trepart export --format`, the export dialog's list, "all formats" and `exports.render` all read
FORMATS: a new format is one entry here and one writer. Cheap to import (the command line's
--help, the projector's start-up): each writer imports its libraries (python-docx, openpyxl,
Jinja2, WeasyPrint cost a fifth of a second together) when it is first called.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from facilitator.i18n import N_

if TYPE_CHECKING:
    from exports.view import Summary
    from facilitator.model import Workshop
    from facilitator.store import Store
    from facilitator.wifi import Wifi

ExportFile = tuple[str, bytes]  # one file of an export: its name (no folder) and its bytes


@dataclass(frozen=True, slots=True)
class ExportJob:
    """What every writer is given: one workshop, in one language, for one audience."""

    store: Store
    workshop_id: int
    lang: str = "nb"
    join_url: str = ""  # what the QR formats encode
    wifi: Wifi | None = None  # the network phones join first, beside the join code
    internal: bool = False  # keep the content of items unntatt offentlighet

    def workshop(self) -> Workshop:
        ws = self.store.workshop(self.workshop_id)
        assert ws is not None
        return ws

    def summary(self) -> Summary:
        """The referat's view model, anonymised and made printable for every writer."""
        from exports.safe import printable_summary
        from exports.summary import build_summary

        summary = build_summary(self.store, self.workshop_id, self.lang, internal=self.internal)
        return printable_summary(summary)

    def stem(self) -> str:
        """The referat's file name without its suffix: date and title, as the archive files it."""
        from exports import files

        ws = self.workshop()
        return files.stem(ws.date, ws.title, internal=self.internal, fallback=f"referat-{ws.code}")


# A writer gets its own format (for the suffix of the names it gives) and the job; the first
# file it returns is the export, any more are companions (CSV's actions, the Wi-Fi code).
Writer = Callable[["ExportFormat", ExportJob], list[ExportFile]]
SummaryWriter = Callable[["Summary"], bytes]  # a referat format: the view model in, one file out


@dataclass(frozen=True, slots=True)
class ExportFormat:
    name: str  # `trepart export --format NAME`
    suffix: str  # of the export's first file, ".docx"
    label: str  # the export dialog's line: a bokmål msgid, translated where it is shown
    write: Writer
    referat: bool = False  # one of "all formats": the referat for readers
    anonymous: bool = True  # False: per-phone data (the archive), for moving, never for readers
    variant_of: str | None = None  # no --format choice: `--format X -o file<suffix>` picks it

    @property
    def needs_confirmation(self) -> bool:
        """The dialog asks once more before it saves per-phone data."""
        return not self.anonymous

    def files(self, job: ExportJob) -> list[ExportFile]:
        return self.write(self, job)


def from_summary(write: SummaryWriter) -> Writer:
    """A writer of the referat: one file named for the meeting, with the format's suffix."""

    def files(fmt: ExportFormat, job: ExportJob) -> list[ExportFile]:
        return [(f"{job.stem()}{fmt.suffix}", write(job.summary()))]

    return files


# The writers, each importing its module when it is called (see the module's docstring).


def _docx(summary: Summary) -> bytes:
    from exports import word

    return word.write(summary)


def _pdf(summary: Summary) -> bytes:
    from exports import pdf

    return pdf.write(summary)  # PdfUnavailable says what to install


def _html(summary: Summary) -> bytes:
    from exports import html

    return html.write(summary)


def _markdown(summary: Summary) -> bytes:
    from exports import markdown

    return markdown.write(summary)


def _xlsx(summary: Summary) -> bytes:
    from exports import sheets

    return sheets.write_xlsx(summary)


def _json(summary: Summary) -> bytes:
    from exports import json_referat

    return json_referat.write(summary)


def _csv(fmt: ExportFormat, job: ExportJob) -> list[ExportFile]:
    """The cards, and the actions beside them (a spreadsheet holds one table per CSV file)."""
    from exports import sheets

    summary, stem = job.summary(), job.stem()
    return [
        (f"{stem}{fmt.suffix}", sheets.write_cards_csv(summary)),
        (f"{stem} - {summary.t('actions').lower()}{fmt.suffix}", sheets.write_actions_csv(summary)),
    ]


def _archive(fmt: ExportFormat, job: ExportJob) -> list[ExportFile]:
    from exports import archive

    return [archive.write(job.store, job.workshop_id, fmt.suffix)]


def _codes(fmt: ExportFormat, job: ExportJob) -> list[ExportFile]:
    from exports import codes

    return codes.files(job.workshop().code, job.join_url, job.wifi, fmt.suffix)


def _handout(fmt: ExportFormat, job: ExportJob) -> list[ExportFile]:
    from exports.handout import handout

    return [
        handout(
            job.store,
            job.workshop_id,
            fmt.suffix,
            lang=job.lang,
            join_url=job.join_url,
            wifi=job.wifi,
        )
    ]


# In the export dialog's order: the referat first, Word before the archive's PDF.
FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat(
        "docx",
        ".docx",
        N_("Word (DOCX) – referat til redigering"),
        from_summary(_docx),
        referat=True,
    ),
    ExportFormat(
        "pdf",
        ".pdf",
        N_("PDF/A – referat til arkivet og nettsiden"),
        from_summary(_pdf),
        referat=True,
    ),
    ExportFormat(
        "html",
        ".html",
        N_("Nettside (HTML) – til publisering"),
        from_summary(_html),
        referat=True,
    ),
    ExportFormat(
        "md",
        ".md",
        "Markdown",
        from_summary(_markdown),
        referat=True,
    ),
    ExportFormat(
        "xlsx",
        ".xlsx",
        N_("Excel (XLSX) – innspill, stemmer, tiltak"),
        from_summary(_xlsx),
        referat=True,
    ),
    ExportFormat(
        "csv",
        ".csv",
        N_("CSV – innspill og tiltak"),
        _csv,
        referat=True,
    ),
    ExportFormat(
        "json",
        ".json",
        N_("JSON – anonymt referat, maskinlesbart"),
        from_summary(_json),
    ),
    ExportFormat(
        "archive",
        ".json",
        N_("Arkiv – per telefon, for flytting og import"),
        _archive,
        anonymous=False,
    ),
    ExportFormat(
        "qr-png",
        ".png",
        N_("QR-kode som PNG"),
        _codes,
    ),
    ExportFormat(
        "qr-svg",
        ".svg",
        N_("QR-kode som SVG"),
        _codes,
    ),
    ExportFormat(
        "handout",
        ".pdf",
        N_("Utdelingsark (PDF) – QR-kodene og trinnene på fire språk"),
        _handout,
    ),
    ExportFormat(
        "handout-png",
        ".png",
        N_("Utdelingsark som bilde (PNG)"),
        _handout,
        variant_of="handout",
    ),
)
BY_NAME: dict[str, ExportFormat] = {fmt.name: fmt for fmt in FORMATS}

COMMAND_LINE = tuple(fmt.name for fmt in FORMATS if fmt.variant_of is None)  # --format's choices
REFERAT_FORMATS = tuple(fmt.name for fmt in FORMATS if fmt.referat)  # what "all formats" writes
ALL = "all"  # the export dialog's first line: every REFERAT_FORMATS at once
ALL_LABEL = N_("Alle formater – Word, PDF, nettside, Markdown, Excel, CSV")


def for_output(name: str, suffix: str) -> ExportFormat:
    """The format `--format NAME -o FILE` writes: a variant of NAME when FILE ends in its suffix
    (`--format handout -o bord.png` is the handout as a picture), else NAME itself."""
    for fmt in FORMATS:
        if fmt.variant_of == name and fmt.suffix == suffix.lower():
            return fmt
    return BY_NAME[name]
