"""Numbers and dates on the projector as Norwegians read them (issue 13, item 10)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from facilitator.model import Workshop
from facilitator.store import Store
from facilitator.store.actions import add_action
from facilitator.store.workshops import update_workshop
from screens.editor import EditorScreen
from tests.functional.tui_helpers import make_app, screen_text, until


async def test_deadlines_and_the_workshop_date_read_dd_mm_yyyy(
    db_path: Path, store: Store, workshop: Workshop
) -> None:
    store.write(add_action, workshop.id, "Kartlegge heltid", deadline="2027-01-15")
    store.write(update_workshop, workshop.id, date="2026-11-24")
    app = make_app(db_path)
    async with app.run_test(size=(120, 34)) as pilot:
        await until(pilot, lambda: "24.11.2026" in screen_text(app))  # the home screen
        assert "2026-11-24" not in screen_text(app)
        await pilot.press("enter", "l")
        await until(pilot, lambda: "15.01.2027" in screen_text(app))
        assert "2027-01-15" not in screen_text(app)


async def test_the_editor_says_when_the_date_is_not_a_date(
    db_path: Path, store: Store, workshop: Workshop
) -> None:
    store.write(update_workshop, workshop.id, date="2026-11-24")
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.press("E")
        await until(pilot, lambda: isinstance(app.screen, EditorScreen))
        date = app.screen.query_one("#ws-date", Input)
        assert date.value == "24.11.2026"
        app.screen.query_one("#ws-place", Input).value = "Kommunestyresalen"
        await until(pilot, lambda: "Lagret" in screen_text(app))
        date.value = "31.02.2026"
        await until(pilot, lambda: "er ikke en dato" in screen_text(app))
        assert "Lagret" not in screen_text(app).replace("Ikke lagret", "")
        date.value = "15.01.2027"
        await until(pilot, lambda: store.workshop(workshop.id).date == "2027-01-15")
