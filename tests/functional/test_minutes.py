"""Minutes as a secretary writes them: people, notes, decisions, exempt items, sak numbers,
file names and the follow-up meeting, read back from the files a reader opens."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm

from exports import render
from exports.files import free_path, stem
from facilitator.cli import main
from facilitator.meeting import Presence, parse_line, parse_lines
from facilitator.store import Store, minutes
from tests import referat_fixture, steering_fixture

GOLDEN = Path(__file__).parents[1] / "data" / "golden"


def one(store: Store, workshop_id: int, fmt: str, **kwargs: object) -> tuple[str, bytes]:
    return render(store, workshop_id, fmt, **kwargs)[0]  # type: ignore[arg-type]


@pytest.fixture
def steering(store: Store) -> int:
    return steering_fixture.build(store)


def test_the_header_names_the_meeting_and_never_the_join_code(store: Store, steering: int) -> None:
    for fmt in ("md", "html"):
        text = one(store, steering, fmt)[1].decode()
        assert "STYR27" not in text
        assert "26. januar 2027, 12:00–14:00" in text
        assert "Mari Solberg" in text and "Eirik Strand" in text
    doc = Document(io.BytesIO(one(store, steering, "docx")[1]))
    assert "STYR27" not in "\n".join(c.text for t in doc.tables for c in t._cells)


def test_til_stede_and_forfall_list_the_people_by_party(store: Store, steering: int) -> None:
    md = one(store, steering, "md")[1].decode()
    present = md.split("## Til stede")[1].split("## Forfall")[0]
    absent = md.split("## Forfall")[1].split("## Saksliste")[0]
    assert "**Folkevalgte:** Hans Aas (ordfører), Berit Nilsen (gruppeleder)" in present
    assert "Tone Rød (vara)" in present and "Knut Eide" not in present
    assert "Knut Eide" in absent


def test_each_sak_has_its_discussion_decision_and_agreement(store: Store, steering: int) -> None:
    doc = Document(io.BytesIO(one(store, steering, "docx")[1]))
    texts = [p.text for p in doc.paragraphs]
    saker = next(
        i
        for i, p in enumerate(doc.paragraphs)
        if p.style.name == "Heading 2" and p.text == "Sak 03/27 Saker"
    )
    after = texts[saker : saker + 12]
    assert any(t.startswith("Diskusjon: Møtene har lagt seg") for t in after)
    assert "Vedtak: Møtene flyttes til tirsdager. Referatene publiseres på nettsiden." in after
    assert "Enighet om å evaluere møteformen i juni" in after
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert headings[:3] == ["Til stede", "Forfall", "Saksliste"]


def test_an_exempt_sak_shows_only_its_title_unless_internal(store: Store, steering: int) -> None:
    for fmt in ("md", "html", "docx", "xlsx", "csv"):
        public = one(store, steering, fmt)[1]
        internal = one(store, steering, fmt, internal=True)[1]
        if fmt == "docx":
            public = "\n".join(p.text for p in Document(io.BytesIO(public)).paragraphs).encode()
            internal = "\n".join(p.text for p in Document(io.BytesIO(internal)).paragraphs).encode()
        if fmt == "xlsx":
            public, internal = (
                "\n".join(
                    str(c.value)
                    for sheet in openpyxl.load_workbook(io.BytesIO(data)).worksheets
                    for row in sheet.iter_rows()
                    for c in row
                ).encode()
                for data in (public, internal)
            )
        assert steering_fixture.SECRET.encode() not in public, fmt
        if fmt in ("md", "html", "docx"):
            assert "Sak 05/27 Åpen post".encode() in public
            assert b"Unntatt offentlighet" in public
            assert steering_fixture.SECRET.encode() in internal, fmt
    assert one(store, steering, "md", internal=True)[0].endswith(" (intern).md")


def test_every_raw_card_goes_to_the_appendix_with_duplicates_collapsed(
    store: Store, steering: int
) -> None:
    md = one(store, steering, "md")[1].decode()
    body, appendix = md.split("## Vedlegg: alle innspill")
    # An ungrouped sak quotes what was said most often; the appendix has every card.
    assert "**Oftest nevnt:**\n\n- Møteplan for året (×2) (fra papir)" in body
    assert "- Møteplan for året (×2) (fra papir)" in appendix
    grouped = referat_fixture.build(store)
    body, appendix = one(store, grouped, "md")[1].decode().split("## Vedlegg: alle innspill")
    assert "Turnusen gir ikke hele stillinger" not in body
    # Two phones per party wrote challenges: under the limit of 3, so no party is named.
    assert "- Turnusen gir ikke hele stillinger\n" in appendix
    assert "| Heltidskultur | 2 |  |" in body and "bare én part" not in body


def test_norwegian_dates_and_decimal_commas(store: Store) -> None:
    ws_id = referat_fixture.build(store)
    md = one(store, ws_id, "md")[1].decode()
    assert "24. november 2026" in md and "2026-11-24" not in md
    assert "| 01.02.2027 |" in md and "| Alle | 9 | 3,0 |" in md
    en = one(store, ws_id, "md", lang="en")[1].decode()
    assert "24 November 2026" in en and "| Everyone | 9 | 3.0 |" in en


def test_word_tables_fit_a4_repeat_their_header_and_keep_rows_whole(
    store: Store, steering: int
) -> None:
    doc = Document(io.BytesIO(one(store, steering, "docx")[1]))
    section = doc.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert round(section.left_margin.cm, 1) == 2.5 and round(section.right_margin.cm, 1) == 2.0
    actions = next(t for t in doc.tables if t.rows[0].cells[0].text == "Tiltak")
    widths = [c.width for c in actions.rows[1].cells]
    assert widths[0] == max(widths), "the action's text gets the widest column"
    assert sum(widths) <= Cm(16.6)
    for table in doc.tables[1:]:
        first = table.rows[0]._tr.trPr
        assert first.find(qn("w:tblHeader")) is not None
        assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows)


def test_spreadsheets_have_dates_words_and_a_decisions_sheet(store: Store, steering: int) -> None:
    book = openpyxl.load_workbook(io.BytesIO(one(store, steering, "xlsx")[1]))
    assert "Enighet og vedtak" in book.sheetnames
    actions = book["Tiltak"]
    assert [c.value for c in actions[1]][:4] == ["Tiltak", "Fokusområde", "Ansvarlig", "Frist"]
    deadline = actions.cell(2, 4)
    assert deadline.value == dt.datetime(2027, 2, 15) and deadline.number_format == "DD.MM.YYYY"
    header = [c.value for c in book["Innspill"][1]]
    assert "→" not in header and "×" not in header and "Antall" in header
    decided = [[c.value for c in row] for row in book["Enighet og vedtak"].iter_rows(min_row=2)]
    assert ["Sak 03/27 Saker", "Vedtak", decided[1][2]] in decided
    assert ["Sak 03/27 Saker", "Enighet", "å evaluere møteformen i juni"] in decided
    demo = referat_fixture.build(store)
    pulse = openpyxl.load_workbook(io.BytesIO(one(store, demo, "xlsx")[1]))["Puls"]
    assert pulse.cell(2, 4).value == 4.0 and pulse.cell(2, 4).number_format == "0.0"
    assert pulse.page_setup.orientation == "landscape" and pulse.print_title_rows == "$1:$1"
    csv = render(store, steering, "csv")[1][1]
    assert csv.startswith(b"\xef\xbb\xbf") and b"15.02.2027" in csv and b";" in csv


def test_file_names_are_dated_titles_safe_on_windows_and_never_overwritten(
    store: Store, steering: int, tmp_path: Path
) -> None:
    assert one(store, steering, "docx")[0] == "2027-01-26 Styringsgruppe trepartssamarbeid.docx"
    assert stem("2027-03-20", 'Møte: "AMU"/HMS?') == "2027-03-20 Møte AMU HMS"
    assert stem("", "CON") == "_CON"
    first = tmp_path / "a.docx"
    first.write_bytes(b"x")
    assert free_path(first).name == "a (2).docx"
    db = str(store.path)
    for _ in range(2):
        assert (
            main(["--db", db, "export", "STYR27", "--format", "md", "-o", str(tmp_path / "r.md")])
            == 0
        )
    assert sorted(p.name for p in tmp_path.glob("r*.md")) == ["r (2).md", "r.md"]


def test_sak_numbers_run_on_through_the_year_and_can_be_set(store: Store, steering: int) -> None:
    march = store.create_follow_up(
        steering, "styringsgruppe", title="Styringsgruppe mars", date="2027-03-20"
    )
    assert (
        "- Sak 07/27 Godkjenning av innkalling og saksliste"
        in one(store, march.id, "md")[1].decode()
    )
    next_year = store.create_follow_up(
        march.id, "styringsgruppe", title="Styringsgruppe januar", date="2028-01-18"
    )
    assert "- Sak 01/28 Godkjenning" in one(store, next_year.id, "md")[1].decode()
    store.write(minutes.set_meeting, march.id, first_item=20)
    assert "- Sak 20/27 Godkjenning" in one(store, march.id, "md")[1].decode()


def test_the_follow_up_meeting_carries_people_and_open_actions(store: Store, steering: int) -> None:
    march = store.create_follow_up(
        steering, "styringsgruppe", title="Styringsgruppe mars", date="2027-03-20"
    )
    assert (march.facilitator, march.referent) == ("Mari Solberg", "Eirik Strand")
    people = store.read(minutes.attendees, march.id)
    assert [p.name for p in people] == [p[1] for p in steering_fixture.PEOPLE]
    assert all(p.status is Presence.PRESENT for p in people), "a fresh list: all present"
    md = one(store, march.id, "md")[1].decode()
    assert "Lage møteplan for 2027 med tirsdagsmøter" in md.split("## Sak 08/27")[1]


def test_attendance_from_the_shell(
    store: Store, steering: int, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(store.path)
    add = ["--db", db, "attendance", "STYR27", "add"]
    assert main([*add, "Per Olsen", "--party", "ansatte", "--role", "verneombud", "--absent"]) == 0
    assert main([*add, "Nils Ås", "--party", "nope"]) == 1
    assert "Ukjent part «nope»" in capsys.readouterr().err
    assert main(["--db", db, "attendance", "STYR27", "list"]) == 0
    listed = capsys.readouterr().out
    assert (
        "  Per Olsen, verneombud – forfall" in listed
        and "  Hans Aas, ordfører – til stede" in listed
    )


def test_pasted_lines_become_people() -> None:
    assert parse_line("Kari Nordmann, ordfører") == ("Kari Nordmann", "ordfører", Presence.PRESENT)
    assert parse_line("Ola Hansen – hovedtillitsvalgt (forfall)") == (
        "Ola Hansen",
        "hovedtillitsvalgt",
        Presence.ABSENT,
    )
    assert parse_line("Siri Moe\tvara") == ("Siri Moe", "", Presence.DEPUTY)
    assert parse_lines("\n  \n- Tor Vik\n") == [("Tor Vik", "", Presence.PRESENT)]


def test_names_are_never_linked_to_cards_votes_or_ratings(store: Store) -> None:
    tables = {
        row[0]: row[1]
        for row in store._r.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
    }
    assert "attendee" not in "".join(sql for name, sql in tables.items() if name != "attendee")
    assert "participant" not in tables["attendee"] and "card" not in tables["attendee"]


@pytest.mark.parametrize(
    ("fmt", "internal"), [("md", False), ("html", False), ("md", True), ("html", True)]
)
def test_the_steering_group_minutes_match_their_golden_files(
    store: Store, steering: int, fmt: str, internal: bool
) -> None:
    """Update after a deliberate change: TREPART_UPDATE_GOLDEN=1 pytest tests/functional/test_minutes.py"""
    import os

    produced = one(store, steering, fmt, internal=internal)[1]
    golden = GOLDEN / f"styringsgruppe{'-intern' if internal else ''}.{fmt}"
    if os.environ.get("TREPART_UPDATE_GOLDEN"):
        golden.write_bytes(produced)
    assert produced == golden.read_bytes()
