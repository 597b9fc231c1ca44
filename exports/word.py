"""The referat as a Word document in the layout municipalities use for minutes.

Real Word headings (Heading 1–3) and tables, not styled paragraphs, so that the
archive's tools and screen readers find the structure. Card text is inserted
as literal runs: nothing a participant wrote is interpreted.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm, Pt
from docx.table import Table

from exports.summary import ActionLine, PhaseSection, Summary

TABLE_STYLE = "Table Grid"


def _table(
    doc: Document, header: list[str], rows: list[list[str]], widths: list[float] | None = None
) -> Table:
    """A Word table with a bold header row; `widths` in cm keeps names from breaking mid-word."""
    table = doc.add_table(rows=1, cols=len(header))
    table.style = TABLE_STYLE
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    _repeat_header(table)
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    if widths:
        table.autofit = False
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Cm(width)
    doc.add_paragraph()
    return table


def _repeat_header(table: Table) -> None:
    """Mark the first row as a header row (repeated on each page, read as headers by assistive tools)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _actions(doc: Document, s: Summary, actions: list[ActionLine]) -> None:
    _table(
        doc,
        s.action_header,
        [[a.title, a.focus_area, a.owner, a.deadline, a.status, a.note] for a in actions],
    )


def _phase(doc: Document, s: Summary, phase: PhaseSection) -> None:
    doc.add_heading(f"{phase.number} {phase.title}", level=2)
    if phase.prompt:
        doc.add_paragraph().add_run(phase.prompt).italic = True
    for text in phase.agreements:
        paragraph = doc.add_paragraph()
        paragraph.add_run(f"{s.t('agreement_on')} ").bold = True
        paragraph.add_run(text)
    if phase.matrix:
        _table(
            doc,
            [s.t("from_to"), *(p.name for p in s.parties)],
            [
                [name, *("–" if n is None else str(n) for n in counts)]
                for name, counts in phase.matrix
            ],
        )
    if phase.votes:
        party_width = 8.0 / max(1, len(phase.columns))
        _table(
            doc,
            [s.t("rank"), s.t("focus_area"), s.t("dots"), *phase.columns],
            [[str(v.rank), v.label, str(v.dots), *map(str, v.by_party)] for v in phase.votes],
            widths=[1.4, 4.8, 1.8, *[party_width] * len(phase.columns)],
        )
    if phase.pulse:
        _table(
            doc,
            [s.t("party"), s.t("answers"), s.t("mean")],
            [
                [p.party, str(p.answers), "–" if p.mean is None else f"{p.mean:.1f}"]
                for p in phase.pulse
            ],
        )
    if phase.privacy:
        doc.add_paragraph().add_run(phase.privacy).italic = True
    if phase.kind == "review":
        carried = [a for a in s.actions if a.carried]
        if carried:
            _actions(doc, s, carried)
        else:
            doc.add_paragraph(s.t("carried_none"))
    if phase.kind == "collect" and not phase.groups:
        doc.add_paragraph(s.t("no_cards"))
    for group in phase.groups:
        doc.add_heading(f"{group.title} ({len(group.cards)})", level=3)
        for card in group.cards:
            paragraph = doc.add_paragraph(style="List Bullet")
            if card.target:
                paragraph.add_run(f"→ {card.target}: ").italic = True
            paragraph.add_run(card.text)
            tags = []
            if card.duplicates:
                tags.append(f"×{card.duplicates + 1}")
            if card.paper:
                tags.append(s.t("paper"))
            if phase.by_focus_area:
                tags.append(card.party)
            if tags:
                paragraph.add_run(f" ({', '.join(tags)})").italic = True


def write(s: Summary) -> bytes:
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)
    doc.core_properties.title = f"{s.t('referat')}: {s.title}"
    doc.core_properties.author = s.referent or s.facilitator or ""
    doc.core_properties.language = s.lang
    doc.add_heading(f"{s.t('referat')}: {s.title}", level=1)
    table = doc.add_table(rows=0, cols=2)
    for label, value in s.facts:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].text = value
    doc.add_heading(s.t("present"), level=2)
    _table(
        doc,
        [s.t("party"), s.t("participants"), s.t("cards")],
        [
            [
                p.name,
                str(p.participants)
                if p.participants is not None
                else s.t("fewer_than", n=s.anonymity_limit),
                "–" if p.cards is None else str(p.cards),
            ]
            for p in s.parties
        ],
    )
    for phase in s.phases:
        _phase(doc, s, phase)
    if s.focus_areas:
        doc.add_heading(s.t("lens"), level=2)
        _table(
            doc,
            [s.t("focus_area"), s.t("cards"), *s.area_columns, s.t("note")],
            [
                [
                    ("★ " if a.pinned else "") + a.label,
                    str(a.total),
                    *map(str, a.by_party),
                    s.t("common") if a.common else s.t("one_party") if a.one_party else "",
                ]
                for a in s.focus_areas
            ],
        )
        if s.area_privacy:
            doc.add_paragraph().add_run(s.area_privacy).italic = True
    new_actions = [a for a in s.actions if not a.carried]
    if new_actions:
        doc.add_heading(s.t("actions"), level=2)
        _actions(doc, s, new_actions)
    if s.agreements:
        doc.add_heading(s.t("agreements"), level=2)
        for text in s.agreements:
            paragraph = doc.add_paragraph(style="List Bullet")
            paragraph.add_run(f"{s.t('agreement_on')} ").bold = True
            paragraph.add_run(text)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
