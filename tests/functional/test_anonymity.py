"""The hostile reader: one politician's phone and three each for the other parties, read on
every surface — the projector, the referat in every format, its JSON — for any figure or
label that singles out the lone politician, directly, by elimination or by subtraction."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import aiohttp
import openpyxl
import pytest
from docx import Document
from rich.text import Text
from textual.widgets import Button, Static

from exports import render
from facilitator.model import Participant, Workshop
from facilitator.settings import Limits
from facilitator.store import Store
from facilitator.store.cards import add_card
from facilitator.store.participants import add_participant
from facilitator.store.votes import add_option, reveal, set_rating, set_votes
from screens.board import BoardScreen
from tests.functional.tui_helpers import make_app, screen_text, until

LONE = "Politikerens budsjettkort"
LONE_ROLE = "Politikerens forventning til de ansatte"
ROOM = {"folkevalgte": 1, "administrasjon": 3, "ansatte": 4}
RATINGS = {"folkevalgte": [1], "administrasjon": [4, 4, 4], "ansatte": [4, 4, 4, 4]}


def room(store: Store, limit: int = 3) -> tuple[Workshop, dict[str, list[Participant]]]:
    """A Tana kickoff where Folkevalgte has one phone: cards, role expectations, dots, pulse."""
    ws = store.create_workshop(
        "tana-oppstart", title="Liten kommune", limits=Limits(anonymity_limit=limit)
    )
    people = {
        party: [store.write(add_participant, ws.id, party, "nb")[0] for _ in range(n)]
        for party, n in ROOM.items()
    }
    store.open_phase(ws.id, 2)
    for party, phones in people.items():
        for i, who in enumerate(phones):
            text = LONE if party == "folkevalgte" else f"Innspill {'ABCD'[i]} fra {party}"
            store.write(add_card, who, f"{party}-c{i}", text)
    store.open_phase(ws.id, 4)
    targets = {"folkevalgte": "ansatte", "administrasjon": "folkevalgte", "ansatte": "folkevalgte"}
    for party, phones in people.items():
        for i, who in enumerate(phones):
            text = LONE_ROLE if party == "folkevalgte" else f"Forventning {'ABCD'[i]} fra {party}"
            store.write(add_card, who, f"{party}-r{i}", text, targets[party])
    store.open_phase(ws.id, 6)
    vote = store.state(ws.id).current_phase
    assert vote is not None
    option = store.write(add_option, vote.id, "Sykefravær")
    store.write(add_option, vote.id, "Heltid")
    for party, phones in people.items():
        for who in phones:
            dots = 3 if party == "folkevalgte" else 1
            store.write(set_votes, who, {option: dots})
    store.write(reveal, vote.id, True)
    store.open_phase(ws.id, 8)
    for party, phones in people.items():
        for who, value in zip(phones, RATINGS[party], strict=True):
            store.write(set_rating, who, value)
    rate = store.state(ws.id).current_phase
    assert rate is not None
    store.write(reveal, rate.id, True)
    return ws, people


def lines_naming(text: str, word: str) -> list[str]:
    """Lines that name `word` as who wrote or counted something (not as an addressee)."""
    for addressee in (f"→ {word}", f'"target": "{word}"', f"→</span> {word}"):
        text = text.replace(addressee, "→ (addressee)")
    return [line for line in text.splitlines() if word in line]


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_no_text_export_ties_the_lone_politician_to_a_card_or_a_figure(
    store: Store, fmt: str
) -> None:
    ws, _people = room(store)
    data = render(store, ws.id, fmt)[0][1].decode("utf-8")
    assert LONE in data and LONE_ROLE in data  # what was said is in the minutes…
    for line in lines_naming(data, "Folkevalgte"):
        # …but Folkevalgte never stands beside a card or a figure: only as a party that exists
        # ("færre enn 3" phones) or as the addressee of an expectation.
        assert LONE not in line and LONE_ROLE not in line
        assert not re.search(r"\b\d+([.,]\d)?\b", line.replace("færre enn 3", "")), line


def test_the_csv_never_gives_a_card_the_lone_politicians_party(store: Store) -> None:
    ws, _people = room(store)
    rows = list(
        csv.reader(
            io.StringIO(render(store, ws.id, "csv")[0][1].decode("utf-8-sig")), delimiter=";"
        )
    )
    party = rows[0].index("Part")
    texts = {row[rows[0].index("Tekst")]: row[party] for row in rows[1:]}
    assert texts[LONE] != "Folkevalgte" and texts[LONE_ROLE] != "Folkevalgte"
    assert "Folkevalgte" not in {row[party] for row in rows[1:]}


def test_the_pulse_total_minus_the_shown_groups_is_a_pool_not_a_person(store: Store) -> None:
    ws, _people = room(store)
    document = json.loads(render(store, ws.id, "json")[0][1])
    pulse = next(p["pulse"] for p in document["phases"] if p["pulse"])
    groups = {line["party"]: line for line in pulse}
    everyone = groups.pop("Alle")
    assert "Folkevalgte" not in groups
    # Subtracting every shown group from "Alle" leaves nothing to recover:
    rest = everyone["answers"] - sum(g["answers"] for g in groups.values())
    assert rest == 0
    assert all(g["answers"] >= 3 for g in groups.values())
    votes = next(p for p in document["phases"] if p["votes"])
    assert "Folkevalgte" not in votes["columns"]
    for line in votes["votes"]:
        assert sum(line["by_party"]) == line["dots"]  # the parts add up to the total


def test_the_json_referat_holds_no_phones_times_or_join_code(store: Store) -> None:
    ws, _people = room(store)
    text = render(store, ws.id, "json")[0][1].decode()
    for leak in ("participant_id", "created_at", "client_id", "token", ws.code):
        assert leak not in text
    archive_name, archive = render(store, ws.id, "archive")[0]
    assert "per-telefon" in archive_name
    assert json.loads(archive)["note"].startswith("Trepart-arkiv")


def test_word_and_excel_never_break_out_the_lone_politician(store: Store) -> None:
    ws, _people = room(store)
    doc = Document(io.BytesIO(render(store, ws.id, "docx")[0][1]))
    words = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            words.append(" | ".join(c.text for c in row.cells))
    for line in lines_naming("\n".join(words), "Folkevalgte"):
        assert LONE not in line
        assert not re.search(r"\b\d+([.,]\d)?\b", line.replace("færre enn 3", "")), line
    book = openpyxl.load_workbook(io.BytesIO(render(store, ws.id, "xlsx")[0][1]))
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            cells = [str(c) for c in row if c is not None]
            if "Folkevalgte" in cells:
                assert LONE not in cells and LONE_ROLE not in cells, (sheet.title, cells)


def test_a_limit_of_five_pools_groups_of_four(store: Store) -> None:
    ws, _people = room(store, limit=5)
    md = render(store, ws.id, "md")[0][1].decode()
    assert "### Administrasjon" not in md and "### Ansatte og tillitsvalgte" not in md
    assert "| Ansatte og tillitsvalgte | færre enn 5 |" in md


def test_phantom_joins_do_not_break_out_a_party(store: Store) -> None:
    """Ten phones join for Folkevalgte but only one writes: it is still one person."""
    ws, _people = room(store)
    for _ in range(10):
        store.write(add_participant, ws.id, "folkevalgte", "nb")
    md = render(store, ws.id, "md")[0][1].decode()
    assert "### Folkevalgte" not in md
    assert not lines_naming(md, LONE)[0].endswith("*(Folkevalgte)*")


async def test_the_projector_shows_no_figure_or_label_of_the_lone_politician(
    db_path: Path, store: Store
) -> None:
    ws, _people = room(store)
    store.open_phase(ws.id, 2)
    app = make_app(db_path, ws.id)
    async with app.run_test(size=(120, 34)) as pilot:
        await until(pilot, lambda: LONE in screen_text(app))
        text = screen_text(app)
        assert "færre enn 3 tlf" in text  # the party bar: Folkevalgte's one phone
        assert "1 tlf" not in text
        for line in lines_naming(text, "Folkevalgte"):
            assert "innspill" not in line  # no card count for the hidden party
        from screens.wall import CardView

        labels = {Text.from_markup(str(v.border_title)).plain for v in app.screen.query(CardView)}
        assert "Folkevalgte" not in labels and "Øvrige parter" in labels

        await pilot.press("n", "n")  # Roller og forventninger: the matrix
        await until(pilot, lambda: "Hva forventer vi av hverandre?" in screen_text(app))
        text = screen_text(app)
        assert LONE_ROLE not in text  # the pool's cell towards Ansatte could only be hers
        assert "skjult (for få)" in text

        await pilot.press("b")  # the board's lens: no "Fol" figure, no "bare én part"
        await until(pilot, lambda: isinstance(app.screen, BoardScreen))
        await until(pilot, lambda: "Usortert" in screen_text(app))
        assert not re.search(r"Fol \d", screen_text(app))  # the legend names it; no figure does
        assert "Fol  Politikerens" not in screen_text(app)  # her card is tagged Øvr, not Fol
        await pilot.press("escape")

        store.open_phase(ws.id, 8)  # the pulse, revealed
        await until(pilot, lambda: "Snitt for alle" in screen_text(app))
        text = screen_text(app)
        assert "Folkevalgte:" not in text and "Øvrige parter: snitt" in text


async def test_the_join_view_and_the_editor_warn_of_a_small_room(
    db_path: Path, store: Store
) -> None:
    ws = store.create_workshop("tana-oppstart", title="Liten kommune")
    app = make_app(db_path, ws.id)
    async with app.run_test(size=(120, 34)) as pilot:
        await until(pilot, lambda: "Bli med på mobilen" in screen_text(app))
        assert "grupper under 5" not in screen_text(app)  # nobody has joined yet
        async with aiohttp.ClientSession() as session:
            url = f"http://127.0.0.1:{app.port}/api/v1/w/{ws.code}/participants"
            async with session.post(url, json={"party": "folkevalgte"}) as resp:
                assert resp.status == 201
        await until(pilot, lambda: "grupper under 5 kan kjennes igjen" in screen_text(app))
        await pilot.press("E")  # the editor says it too, beside the anonymity limit
        await until(pilot, lambda: "Rediger:" in screen_text(app))
        assert app.screen.query_one("#small-room", Static).display


async def test_the_export_dialog_asks_once_more_before_writing_the_per_phone_archive(
    db_path: Path, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets import Select

    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(tmp_path / "Dokumenter"))
    ws, _people = room(store)
    folder = tmp_path / "Dokumenter" / "Trepart"
    app = make_app(db_path, ws.id)
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.press("e")
        await until(pilot, lambda: "Eksporter referatet" in screen_text(app))
        app.screen.query_one("#format", Select).value = "archive"
        await pilot.pause()  # the dialog hears of the new format before Save is pressed
        save = app.screen.query_one("#save", Button)
        save.press()
        await until(pilot, lambda: "data per telefon" in screen_text(app))
        assert not list(folder.glob("arkiv-*"))  # nothing written before the second yes
        assert str(save.label) == "Lagre likevel"
        save.press()
        pattern = "arkiv-*-per-telefon-for-import.json"
        await until(pilot, lambda: bool(list(folder.glob(pattern))), rounds=1000)
