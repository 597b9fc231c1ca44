"""The referat as a spreadsheet (XLSX) and as CSV files that Norwegian Excel opens correctly.

A cell that begins with =, +, -, @, a tab or a carriage return would be read
as a formula (or a DDE command) by Excel. In XLSX such a cell is written as a
typed text cell, so it shows exactly what was written; in CSV, which has no
types, it gets a leading apostrophe (the usual guard). CSV is UTF-8 with a byte
order mark and semicolons, which is what Excel in a Norwegian locale expects.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from exports.view import Summary
from facilitator.locale_format import date_short

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def inert(value: object) -> object:
    """Text that a spreadsheet will never evaluate; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(DANGEROUS):
        return "'" + value
    return value


def _date(value: str) -> dt.date | str:
    """A deadline as a real date for the spreadsheet to sort and filter; free text stays text."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return value


def card_rows(s: Summary) -> tuple[list[str], list[list[object]]]:
    header = [
        s.t("item_col"),
        s.t("group"),
        s.t("party"),
        s.t("text"),
        s.t("target"),
        s.t("count"),
        s.t("paper_col"),
    ]
    rows: list[list[object]] = []
    for phase in s.phases:
        for group in phase.groups:
            for card in group.cards:
                rows.append(
                    [
                        phase.heading,
                        group.title,
                        card.party,
                        card.text,
                        card.target or "",
                        card.duplicates + 1,
                        s.t("yes") if card.paper else "",
                    ]
                )
    return header, rows


def action_rows(s: Summary, *, dates: bool = False) -> tuple[list[str], list[list[object]]]:
    """`dates=True` (XLSX): deadlines as date values; CSV has no types and gets 01.02.2027."""
    header = [*s.action_header, s.t("carried")]
    return header, [
        [
            a.title,
            a.focus_area,
            a.owner,
            _date(a.deadline) if dates else date_short(a.deadline, s.lang),
            a.status,
            a.note,
            s.t("yes") if a.carried else "",
        ]
        for a in s.actions
    ]


def decision_rows(s: Summary) -> tuple[list[str], list[list[object]]]:
    """Enighet og vedtak: what each item decided and agreed, one line each."""
    rows: list[list[object]] = []
    for phase in s.phases:
        if phase.decision.strip():
            rows.append([phase.heading, s.t("decision"), phase.decision])
        rows += [[phase.heading, s.t("agreements"), text] for text in phase.agreements]
    rows += [["", s.t("agreements"), text] for text in s.agreements]
    return [s.t("item_col"), s.t("kind"), s.t("text")], rows


def sheets(s: Summary) -> list[tuple[str, list[str], list[list[object]]]]:
    # Each vote has its own groups (see facilitator.anonymity): one column per group name.
    vote_columns = list(dict.fromkeys(c for p in s.phases if p.votes for c in p.columns))
    votes: list[list[object]] = [
        [
            p.heading,
            v.rank,
            v.label,
            v.dots,
            *(dict(zip(p.columns, v.by_party, strict=True)).get(c, "") for c in vote_columns),
        ]
        for p in s.phases
        for v in p.votes
    ]
    pulse: list[list[object]] = [
        [
            p.heading,
            line.party,
            line.answers,
            "" if line.mean is None else round(line.mean, 2),
        ]
        for p in s.phases
        for line in p.pulse
    ]
    areas = [
        [
            a.label,
            s.t("yes") if a.pinned else "",
            a.total,
            *a.by_party,
            s.t("common") if a.common else s.t("one_party") if a.one_party else "",
        ]
        for a in s.focus_areas
    ]
    return [
        (s.t("cards"), *card_rows(s)),
        (
            s.t("lens"),
            [s.t("focus_area"), s.t("pinned"), s.t("cards"), *s.area_columns, s.t("note")],
            areas,
        ),
        (
            s.t("votes"),
            [s.t("item_col"), s.t("rank"), s.t("focus_area"), s.t("dots"), *vote_columns],
            votes,
        ),
        (s.t("pulse"), [s.t("item_col"), s.t("party"), s.t("answers"), s.t("mean")], pulse),
        (s.t("actions"), *action_rows(s, dates=True)),
        (s.t("decisions"), *decision_rows(s)),
    ]


def write_xlsx(s: Summary) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, header, rows in sheets(s):
        sheet = book.create_sheet(title[:31])
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith(DANGEROUS):
                    cell.data_type = "s"  # text, never a formula
                elif isinstance(cell.value, dt.date):
                    cell.number_format = "DD.MM.YYYY"
                elif isinstance(cell.value, float):
                    cell.number_format = "0.0"  # a mean: 3,8 in Norwegian Excel
        for index, _ in enumerate(header, start=1):
            width = max(
                (len(str(sheet.cell(r, index).value or "")) for r in range(1, sheet.max_row + 1)),
                default=8,
            )
            sheet.column_dimensions[get_column_letter(index)].width = min(60, max(8, width + 2))
        sheet.freeze_panes = "A2"
        # Printed: A4 landscape, one page wide, the header row on every page.
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.orientation = "landscape"
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        sheet.print_title_rows = "1:1"
    book.properties.title = f"{s.t('referat')}: {s.title}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _csv(header: list[str], rows: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([[inert(v) for v in row] for row in rows])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_cards_csv(s: Summary) -> bytes:
    return _csv(*card_rows(s))


def write_actions_csv(s: Summary) -> bytes:
    return _csv(*action_rows(s))
