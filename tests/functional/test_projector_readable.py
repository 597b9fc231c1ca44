"""The projector read from the back row (issue 13, items 3, 5, 7, 8, 9 and 18)."""

from __future__ import annotations

import html
import re
from pathlib import Path

from textual.widgets import Input, OptionList, Select

from facilitator.model import Workshop
from facilitator.store import Store, grouping
from facilitator.store.actions import add_action
from facilitator.store.agreements import add_agreement
from facilitator.store.cards import add_card, merge
from facilitator.store.participants import add_participant
from facilitator.store.phases import update_phase
from screens.board import BoardScreen
from screens.editor import EditorScreen
from screens.matrix_cell import MatrixCellScreen, PickCell
from screens.results import ResultsView
from screens.wall import CardView
from tests.conftest import CHALLENGES, ROLES
from tests.functional.tui_helpers import make_app, screen_text, until

LONG = (
    "Vi forventer at administrasjonen involverer tillitsvalgte tidlig i alle omstillingsprosesser"
)


def card(store: Store, workshop: Workshop, party: str, text: str, target: str | None = None):  # type: ignore[no-untyped-def]
    who, _ = store.write(add_participant, workshop.id, party, "nb")
    made, _ = store.write(add_card, who, f"{party}-{text[:20]}", text, target)
    return made


async def test_the_matrix_shows_whole_texts_and_opens_a_cell_full_stage(
    db_path: Path, store: Store, workshop: Workshop
) -> None:
    store.open_phase(workshop.id, ROLES)
    card(store, workshop, "ansatte", LONG, "administrasjon")
    for i in range(3):
        card(store, workshop, "ansatte", f"Forventning nummer {i + 1}", "administrasjon")
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(120, 34)) as pilot:
        # the end of the long card, wrapped, and every card, not the latest two
        await until(pilot, lambda: "omstillingsprosess" in screen_text(app))
        assert "nummer 1" in screen_text(app)
        await pilot.press("X")
        await until(pilot, lambda: isinstance(app.screen, PickCell))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, MatrixCellScreen))
        full = " ".join(screen_text(app).split())
        assert LONG in full and "Ansatte og tillitsvalgte → Administrasjon" in full
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, MatrixCellScreen))


async def test_v_goes_back_to_the_vote_results(
    db_path: Path, store: Store, workshop: Workshop
) -> None:
    store.write(grouping.add_focus_area, workshop.id, "Heltidskultur")
    store.open_phase(workshop.id, 6)
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(120, 34)) as pilot:
        results = app.screen.query_one(ResultsView)
        assert results.display and results.visible
        await pilot.press("j")
        await until(pilot, lambda: app.screen.query_one("#views").current == "join")
        await pilot.press("v")
        await until(pilot, lambda: app.screen.query_one("#views").current == "results")
        assert "Heltidskultur" in screen_text(app)


async def test_the_agenda_shows_long_titles_on_few_lines(db_path: Path, store: Store) -> None:
    ws = store.create_workshop("styringsgruppe", title="Styringsgruppe", date="2027-03-01")
    phase = store.state(ws.id).phases[2]
    store.write(update_phase, phase.id, title="Budsjett 2027 – konsekvenser for tjenestene")
    store.open_phase(ws.id, 2)  # "Hva har vi fått til siden sist?": the stage is not the QR code
    app = make_app(db_path, ws.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
        first = next(i for i, line in enumerate(lines) if "Budsjett" in line)
        # three lines at most, not five
        assert "tjenestene" in "".join(lines[first : first + 3])


async def test_the_wall_moves_by_row_names_parties_whole_and_merges_honestly(
    db_path: Path, store: Store, workshop: Workshop
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    first = card(store, workshop, "folkevalgte", "Høyt sykefravær")
    duplicate = card(store, workshop, "administrasjon", "Høyt sykefravær blant nattevakter")
    for i in range(6):
        card(store, workshop, "ansatte", f"Kort {i}")
    store.write(merge, first.id, [duplicate.id])
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(120, 34)) as pilot:
        await until(pilot, lambda: len(app.screen.query(CardView)) == 7)
        assert "Ansatte og tillitsvalgte" in screen_text(app)  # the whole name, not cut
        merged = next(v for v in app.screen.query(CardView) if v.card.id == first.id)
        assert "også fra Administrasjon" in str(merged.render())
        await pilot.press("tab")
        views = list(app.screen.query(CardView))
        columns = sum(1 for v in views if v.region.y == views[0].region.y)
        assert columns > 1
        await pilot.press("down")
        assert app.focused is views[columns]  # the card below, not the next one
        await pilot.press("up")
        assert app.focused is views[0]
        assert "nyeste vises" not in screen_text(app)


async def test_the_board_names_parties_without_colour(
    db_path: Path, store: Store, workshop: Workshop
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    card(store, workshop, "folkevalgte", "Heltid som hovedregel")
    card(store, workshop, "ansatte", "Turnus laget for drift")
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.press("b")
        await until(pilot, lambda: isinstance(app.screen, BoardScreen))
        text = screen_text(app)
        assert "Fol = Folkevalgte" in text and "Ans = Ansatte og tillitsvalgte" in text
        assert "Fol  Heltid som hovedregel" in text and "Ans  Turnus laget for drift" in text
        assert "■" not in text


async def test_the_editor_names_parties_and_inserts_a_phase_after_the_selection(
    db_path: Path, store: Store, workshop: Workshop
) -> None:
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.press("E")
        await until(pilot, lambda: isinstance(app.screen, EditorScreen))
        app.screen.query_one("TabbedContent").active = "parties-pane"
        await pilot.pause()
        svg = re.sub(r"<style>.*?</style>", "", app.export_screenshot(), flags=re.DOTALL)
        text = html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")
        assert "Ansatte og tillitsvalgte" in text and "Blå" in text
        assert "#0072b2" not in text.lower() and "ansatte\n" not in text
        colour = app.screen.query_one("#party-ansatte-color", Select)
        colour.value = "#cc79a7"
        await until(pilot, lambda: store.state(workshop.id).parties[2].color == "#cc79a7")
        app.screen.query_one("TabbedContent").active = "phases-pane"
        await pilot.pause()
        app.screen.query_one("#phase-list", OptionList).highlighted = 1  # Utfordringer
        await pilot.press("ctrl+n")
        titles = [p.title for p in store.state(workshop.id).phases]
        assert titles[1:3] == ["Utfordringer", "Ny fase"]
        assert app.screen.query_one("#phase-list", OptionList).highlighted == 2
        assert isinstance(app.focused, Input)


async def test_focus_areas_show_the_groups_and_the_summary_what_was_decided(
    db_path: Path, store: Store, workshop: Workshop
) -> None:

    store.open_phase(workshop.id, CHALLENGES)
    card(store, workshop, "ansatte", "Turnus laget for drift")
    area = store.write(grouping.add_focus_area, workshop.id, "Heltidskultur")
    store.write(
        add_action,
        workshop.id,
        "Kartlegge stillinger",
        owner="Rådmannen",
        deadline="2027-01-15",
    )
    store.write(add_agreement, workshop.id, None, "heltid som hovedregel")
    assert area is not None
    store.open_phase(workshop.id, 5)  # Fokusområder
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(120, 34)) as pilot:
        await until(pilot, lambda: "Fokusområdene så langt" in screen_text(app))
        assert "Heltidskultur" in screen_text(app)
        assert "Skann QR-koden" not in screen_text(app)
        store.open_phase(workshop.id, 9)  # Oppsummering
        await until(pilot, lambda: "Dette har vi bestemt" in screen_text(app))
        text = screen_text(app)
        assert "heltid som hovedregel" in text and "Kartlegge stillinger" in text
        assert "Rådmannen" in text and "15.01.2027" in text
