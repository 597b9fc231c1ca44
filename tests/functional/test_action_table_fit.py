"""The action table fits the projector: cells wrap instead of scrolling sideways (issue 13, item 4)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList

from facilitator.model import ActionStatus, Workshop
from facilitator.store import Store, grouping
from facilitator.store.actions import add_action
from screens.action_table import ActionTable
from screens.actions_screen import ActionsScreen
from tests.functional.tui_helpers import make_app, screen_text, until

TITLE = "Kartlegge ønsket stillingsstørrelse blant alle deltidsansatte i helse og omsorg"
OWNER = "Kommunalsjef for helse, omsorg og velferd sammen med hovedtillitsvalgte"


@pytest.mark.parametrize("size", [(120, 34), (100, 30)])
async def test_long_cells_wrap_and_every_column_is_on_screen(
    db_path: Path, store: Store, workshop: Workshop, size: tuple[int, int]
) -> None:
    store.write(add_action, workshop.id, TITLE, owner=OWNER, deadline="2027-01-15")
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=size) as pilot:
        await pilot.press("l")
        await until(pilot, lambda: isinstance(app.screen, ActionsScreen))
        await until(pilot, lambda: app.screen.query_one(ActionTable).row_count == 1)
        table = app.screen.query_one(ActionTable)
        assert table.virtual_size.width <= table.size.width  # nothing off to the right
        text = " ".join(screen_text(app).split())
        for header in ("Tiltak", "Ansvarlig", "Frist", "Status", "Merknad"):
            assert header in text
        for word in ("omsorg", "velferd", "15.01.2027", "ikke startet"):
            assert word in text


async def test_focus_area_from_the_board_enter_on_status_and_digits_leave_the_order(
    db_path: Path, store: Store, workshop: Workshop
) -> None:
    store.write(grouping.add_focus_area, workshop.id, "Heltidskultur")
    store.write(add_action, workshop.id, "B-tiltak", owner="Ola", deadline="2027-02-01")
    store.write(add_action, workshop.id, "A-tiltak", owner="Kari", deadline="2027-01-01")
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.press("l")
        table = app.screen.query_one(ActionTable)
        await until(pilot, lambda: table.row_count == 2)
        order = lambda: [a.title for a in table.actions()]  # noqa: E731
        await pilot.press("1", "2", "3")
        assert order() == ["B-tiltak", "A-tiltak"]
        table.move_cursor(row=0, column=1)  # Fokusområde
        await pilot.press("enter")
        await until(pilot, lambda: bool(app.screen.query(OptionList)))
        assert "Heltidskultur" in screen_text(app)
        await pilot.press("enter")  # the first choice: the board's area
        await until(pilot, lambda: store.actions(workshop.id)[0].focus_area == "Heltidskultur")
        table = app.screen.query_one(ActionTable)
        table.move_cursor(row=0, column=4)  # Status
        await pilot.press("enter")
        await until(pilot, lambda: store.actions(workshop.id)[0].status is ActionStatus.IN_PROGRESS)
        await pilot.press("S")  # sort by deadline, on purpose
        await until(pilot, lambda: order() == ["A-tiltak", "B-tiltak"])
