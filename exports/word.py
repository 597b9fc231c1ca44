"""The referat as a Word document in the layout municipalities use for minutes.

Real Word headings (Heading 1–4) and tables, not styled paragraphs, so that the archive's tools
and screen readers find the structure. A4 with the usual margins; every table has column widths
worked out from its content (exports.layout), a header row repeated on each page and rows that
never split across pages. Card text is inserted as literal runs: nothing a participant wrote is
interpreted.
"""

from __future__ import annotations

import io
from collections.abc import Set as AbstractSet

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from exports.items import CardItem, person_text
from exports.layout import TABLE_PT, TEXT_WIDTH_CM, column_widths
from exports.view import ActionLine, PhaseSection, Summary
from facilitator.locale_format import date_short, number

TABLE_STYLE = "Table Grid"
FONT = "Arial"  # on every Windows PC; LibreOffice maps it to the metric-compatible Liberation Sans


def _flag(row_properties: object, tag: str) -> None:
    element = OxmlElement(tag)
    element.set(qn("w:val"), "true")
    row_properties.append(element)  # type: ignore[attr-defined]


def _table(
    doc: DocxDocument,
    header: list[str],
    rows: list[list[str]],
    *,
    right: AbstractSet[int] = frozenset(),
    first_bold: bool = False,
) -> None:
    """A Word table sized for its content: the header row repeats, no row breaks across pages."""
    widths = column_widths(header, rows)
    table = doc.add_table(rows=1, cols=len(header))
    table.style = TABLE_STYLE
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold, run.font.size = True, Pt(TABLE_PT)
    for row in rows:
        cells = table.add_row().cells
        for index, (cell, text) in enumerate(zip(cells, row, strict=True)):
            cell.text = ""
            run = cell.paragraphs[0].add_run(text)
            run.bold, run.font.size = first_bold and index == 0, Pt(TABLE_PT)
    for index, width in enumerate(widths):
        table.columns[index].width = Cm(width)  # the grid LibreOffice reads
    for number_, row in enumerate(table.rows):
        properties = row._tr.get_or_add_trPr()
        _flag(properties, "w:cantSplit")
        if number_ == 0:
            _flag(properties, "w:tblHeader")
        for index, (cell, width) in enumerate(zip(row.cells, widths, strict=True)):
            cell.width = Cm(width)  # the cell widths Word reads
            cell.paragraphs[0].paragraph_format.space_after = Pt(0)  # rows as tight as a list
            if index in right:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph().paragraph_format.space_after = Pt(0)  # air below the table


def _n(n: int | None) -> str:
    return "–" if n is None else str(n)


def _actions(doc: DocxDocument, s: Summary, actions: list[ActionLine]) -> None:
    _table(
        doc,
        s.action_header,
        [
            [a.title, a.focus_area, a.owner, date_short(a.deadline, s.lang), a.status, a.note]
            for a in actions
        ],
    )


def _labelled(doc: DocxDocument, label: str, text: str) -> None:
    if not text.strip():
        return
    paragraph = doc.add_paragraph()
    paragraph.add_run(f"{label}: ").bold = True
    lines = text.splitlines()
    for index, line in enumerate(lines):
        run = paragraph.add_run(line)
        if index < len(lines) - 1:
            run.add_break()


def _phase(doc: DocxDocument, s: Summary, phase: PhaseSection) -> None:
    parties = [p.name for p in s.parties]
    doc.add_heading(f"{phase.number} {phase.title}", level=2)
    if phase.exempt is not None:
        doc.add_paragraph().add_run(f"{s.t('exempt')} ({phase.exempt})").bold = True
    if phase.withheld:
        return
    if phase.prompt:
        prompt = doc.add_paragraph()
        prompt.add_run(phase.prompt).italic = True
        prompt.paragraph_format.keep_with_next = True
    if phase.areas:
        _table(
            doc,
            [s.t("focus_area"), s.t("cards"), *phase.columns, s.t("note")],
            [[a.label, str(a.total), *map(_n, a.by_party), a.note] for a in phase.areas],
            right=set(range(1, 2 + len(phase.columns))),
        )
    elif phase.nothing_came_in:
        doc.add_paragraph(s.t("no_cards"))
    if phase.matrix:
        _table(
            doc,
            [s.t("from_to"), *parties],
            [[name, *map(_n, counts)] for name, counts in phase.matrix],
            right=set(range(1, 1 + len(parties))),
        )
    if phase.votes:
        _table(
            doc,
            [s.t("rank"), s.t("focus_area"), s.t("dots"), *phase.columns],
            [[str(v.rank), v.label, str(v.dots), *map(_n, v.by_party)] for v in phase.votes],
            right={0, 2, *range(3, 3 + len(phase.columns))},
        )
        doc.add_paragraph(s.t("per_party_note", n=s.anonymity_limit))
    if phase.pulse:
        _table(
            doc,
            [s.t("party"), s.t("answers"), s.t("mean")],
            [
                [p.party, str(p.answers), "–" if p.mean is None else number(p.mean, s.lang)]
                for p in phase.pulse
            ],
            right={1, 2},
        )
    if phase.privacy:
        doc.add_paragraph().add_run(phase.privacy).italic = True
    if phase.top:
        label = doc.add_paragraph()
        label.add_run(f"{s.t('most_often')}:").bold = True
        label.paragraph_format.keep_with_next = True  # never alone at the foot of a page
        for card in phase.top:
            _card(doc, s, card, tag_party=False)
    _labelled(doc, s.t("discussion"), phase.discussion)
    _labelled(doc, s.t("decision"), phase.decision)
    for text in phase.agreements:
        paragraph = doc.add_paragraph(style="List Bullet")
        paragraph.add_run(f"{s.t('agreement_on')} ").bold = True
        paragraph.add_run(text)
    if phase.actions:
        _actions(doc, s, list(phase.actions))
    elif phase.kind == "review":
        doc.add_paragraph(s.t("carried_none"))


def _people(doc: DocxDocument, s: Summary) -> None:
    doc.add_heading(s.t("present"), level=2)
    if not s.people:
        doc.add_paragraph(s.t("no_people"))
    for group in s.people:
        if group.present:
            paragraph = doc.add_paragraph()
            paragraph.add_run(f"{group.party}: ").bold = True
            paragraph.add_run(", ".join(person_text(p, s.lang) for p in group.present))
    absent = [g for g in s.people if g.absent]
    if absent:
        doc.add_heading(s.t("absent"), level=2)
        for group in absent:
            paragraph = doc.add_paragraph()
            paragraph.add_run(f"{group.party}: ").bold = True
            paragraph.add_run(", ".join(person_text(p, s.lang) for p in group.absent))


def _appendix(doc: DocxDocument, s: Summary) -> None:
    heading = doc.add_heading(s.t("appendix"), level=2)
    heading.paragraph_format.page_break_before = True
    doc.add_paragraph(s.t("appendix_note"))
    _table(
        doc,
        [s.t("party"), s.t("phones"), s.t("cards")],
        [
            [
                p.name,
                str(p.participants)
                if p.participants is not None
                else s.t("fewer_than", n=s.anonymity_limit),
                _n(p.cards),
            ]
            for p in s.parties
        ],
        right={1, 2},
    )
    for phase in s.phases:
        if not phase.groups:
            continue
        doc.add_heading(f"{phase.number} {phase.title}", level=3)
        for group in phase.groups:
            doc.add_heading(f"{group.title} ({group.count})", level=4)
            for card in group.cards:
                _card(doc, s, card, tag_party=phase.by_focus_area)


def _card(doc: DocxDocument, s: Summary, card: CardItem, *, tag_party: bool) -> None:
    paragraph = doc.add_paragraph(style="List Bullet")
    if card.target:
        paragraph.add_run(f"→ {card.target}: ").italic = True
    paragraph.add_run(card.text)
    tags = []
    if card.duplicates:
        tags.append(f"×{card.duplicates + 1}")
    if card.paper:
        tags.append(s.t("paper"))
    if tag_party:
        tags.append(card.party)
    if tags:
        paragraph.add_run(f" ({', '.join(tags)})").italic = True


def _page(doc: DocxDocument) -> None:
    """A4, 2.5 cm binding margin on the left, 2 cm elsewhere; Arial throughout."""
    for section in doc.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = Cm(21 - 2 - TEXT_WIDTH_CM)
        section.right_margin = section.top_margin = section.bottom_margin = Cm(2)
    for name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "List Bullet"):
        style = doc.styles[name]
        style.font.name = FONT
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.styles["Normal"].paragraph_format.space_after = Pt(4)
    for name, size in (
        ("Heading 1", 16),
        ("Heading 2", 13),
        ("Heading 3", 11.5),
        ("Heading 4", 11),
    ):
        doc.styles[name].font.size = Pt(size)


def write(s: Summary) -> bytes:
    doc = Document()
    _page(doc)
    doc.core_properties.title = f"{s.t('referat')}: {s.title}"
    doc.core_properties.author = s.referent or s.facilitator or ""
    doc.core_properties.language = s.lang
    doc.add_heading(f"{s.t('referat')}: {s.title}", level=1)
    facts = doc.add_table(rows=0, cols=2)
    label_cm = max((len(label) for label, _ in s.facts), default=6) * 0.25 + 0.6  # bold, 10.5 pt
    widths = [label_cm, TEXT_WIDTH_CM - label_cm]
    facts.autofit = False
    for label, value in s.facts:
        cells = facts.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].text = value
    for index, width in enumerate(widths):
        facts.columns[index].width = Cm(width)
        for cell in facts.columns[index].cells:
            cell.width = Cm(width)
    if s.internal:
        doc.add_paragraph().add_run(s.t("internal")).bold = True
    _people(doc, s)
    doc.add_heading(s.t("agenda"), level=2)
    for item in s.agenda:
        doc.add_paragraph(item)
    for phase in s.phases:
        if phase.in_body:
            _phase(doc, s, phase)
    if s.loose_actions:
        doc.add_heading(s.t("actions"), level=2)
        _actions(doc, s, list(s.loose_actions))
    if s.agreements:
        doc.add_heading(s.t("agreements"), level=2)
        for text in s.agreements:
            paragraph = doc.add_paragraph(style="List Bullet")
            paragraph.add_run(f"{s.t('agreement_on')} ").bold = True
            paragraph.add_run(text)
    if s.has_cards:
        _appendix(doc, s)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
