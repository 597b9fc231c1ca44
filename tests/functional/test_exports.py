"""The referat in every format, from one finished workshop: golden files, read-backs, round trip, safety."""

from __future__ import annotations

import csv
import io
import itertools
import json
import time
import uuid
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from markdown_it import MarkdownIt

from exports import render
from facilitator.cli import main
from facilitator.store import Store
from tests import referat_fixture

GOLDEN = Path(__file__).parents[1] / "data" / "golden"
EVIL = referat_fixture.CHALLENGES[-1][1]


@pytest.fixture
def finished(monkeypatch: pytest.MonkeyPatch, store: Store) -> int:
    """The fixture workshop, built on a fixed clock so that every export is byte-for-byte stable."""
    clock = itertools.count(1_790_000_000)
    monkeypatch.setattr(time, "time", lambda: float(next(clock)))
    ids = itertools.count(10**9)
    monkeypatch.setattr(uuid, "uuid4", lambda: uuid.UUID(int=next(ids), version=4))
    return referat_fixture.build(store)


def one(store: Store, workshop_id: int, fmt: str, lang: str = "nb") -> bytes:
    return render(store, workshop_id, fmt, lang=lang, join_url="http://10.0.0.5:8080/j/TANA24")[0][
        1
    ]


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_text_formats_match_their_golden_file(store: Store, finished: int, fmt: str) -> None:
    """Update after a deliberate change: TREPART_UPDATE_GOLDEN=1 pytest tests/functional/test_exports.py"""
    produced = one(store, finished, fmt)
    golden = GOLDEN / f"referat.{fmt}"
    import os

    if os.environ.get("TREPART_UPDATE_GOLDEN"):
        golden.write_bytes(produced)
    assert produced == golden.read_bytes()


def test_docx_has_real_headings_tables_and_literal_card_text(store: Store, finished: int) -> None:
    doc = Document(io.BytesIO(one(store, finished, "docx")))
    headings = [
        (p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")
    ]
    assert headings[0] == ("Heading 1", "Referat: Oppstartsseminar trepartssamarbeid")
    assert ("Heading 2", "Til stede") in headings and ("Heading 2", "2. Utfordringer") in headings
    assert ("Heading 2", "Vedlegg: alle innspill") in headings
    assert ("Heading 4", "Heltidskultur (2)") in headings
    texts = [p.text for p in doc.paragraphs]
    assert any(EVIL in t for t in texts), "card text goes in literally"
    assert "Dette kortet er skjult" not in "\n".join(texts)
    actions = next(t for t in doc.tables if t.rows[0].cells[0].text == "Tiltak")
    assert [c.text for c in actions.rows[1].cells][:5] == [
        "Kartlegge ønsket stillingsstørrelse",
        "Heltidskultur",
        "Administrasjonen",
        "01.02.2027",
        "pågår",
    ]
    phones = next(t for t in doc.tables if t.rows[0].cells[1].text == "Deltakere på telefon")
    assert [c.text for c in phones.rows[3].cells] == ["Ansatte og tillitsvalgte", "3", "–"]


def test_xlsx_has_a_sheet_per_part_and_formulas_stay_text(store: Store, finished: int) -> None:
    book = openpyxl.load_workbook(io.BytesIO(one(store, finished, "xlsx")))
    assert book.sheetnames == [
        "Innspill",
        "Fordeling på partene",
        "Prioritering",
        "Puls",
        "Tiltak",
        "Enighet og vedtak",
    ]
    cards = book["Innspill"]
    evil = next(
        row for row in cards.iter_rows(min_row=2) if str(row[3].value).startswith("=HYPERLINK")
    )
    assert evil[3].data_type == "s" and evil[3].value == EVIL
    votes = [[c.value for c in row] for row in book["Prioritering"].iter_rows(min_row=2)]
    assert votes[0][1:4] == [1, "Heltidskultur", 18]


def test_csv_opens_in_norwegian_excel_and_defuses_formulas(store: Store, finished: int) -> None:
    files = render(store, finished, "csv")
    assert [name for name, _ in files] == [
        "2026-11-24 Oppstartsseminar trepartssamarbeid.csv",
        "2026-11-24 Oppstartsseminar trepartssamarbeid - tiltak.csv",
    ]
    data = files[0][1]
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Sak", "Gruppe", "Part", "Tekst", "Til part", "Antall", "Fra papir"]
    assert "'" + EVIL in [r[3] for r in rows]
    actions = list(csv.reader(io.StringIO(files[1][1].decode("utf-8-sig")), delimiter=";"))
    assert actions[1][:3] == [
        "Kartlegge ønsket stillingsstørrelse",
        "Heltidskultur",
        "Administrasjonen",
    ]


def test_markdown_and_html_never_turn_card_text_into_markup(store: Store, finished: int) -> None:
    rendered = MarkdownIt("commonmark").render(one(store, finished, "md").decode())
    page = one(store, finished, "html").decode()
    for html in (rendered, page):
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_archive_round_trip_restores_the_same_workshop(
    store: Store, finished: int, tmp_path: Path
) -> None:
    first = one(store, finished, "archive")
    exported = tmp_path / "workshop.json"
    exported.write_bytes(first)
    other_db = tmp_path / "other.sqlite"
    assert main(["--db", str(other_db), "import", str(exported)]) == 0
    restored = Store(other_db)
    ws = restored.workshop_by_code("TANA24")
    assert ws is not None
    assert one(restored, ws.id, "archive") == first
    assert one(restored, ws.id, "md") == one(store, finished, "md")
    assert one(restored, ws.id, "json") == one(store, finished, "json")
    restored.close()
    document = json.loads(first)
    assert document["format"] == "trepart-workshop" and document["version"] == 1
    assert next(iter(document)) == "note" and "per telefon" in document["note"]
    assert "token" not in first.decode() and "token_hash" not in first.decode()


def test_import_refuses_what_is_not_an_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    assert main(["--db", str(tmp_path / "x.sqlite"), "import", str(bad)]) == 1
    assert "ikke en gyldig Trepart-eksport" in capsys.readouterr().err


def test_the_referat_speaks_nynorsk_and_english(store: Store, finished: int) -> None:
    nn = one(store, finished, "md", "nn").decode()
    en = one(store, finished, "md", "en").decode()
    assert (
        nn.startswith("# Referat:")
        and "## Til stades" in nn
        and "Kva utfordringar står kommunen overfor?" in nn
    )
    assert en.startswith("# Minutes:") and "## Present" in en and "| Elected officials | 3 |" in en
    assert "Semje om heltid" in nn and "Agreed on heltid" in en
