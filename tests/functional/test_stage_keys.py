"""The wall and the results view own their keys, and the room's keys work wherever the focus is:
`?` lists them under the widget's heading, Ctrl+P finds them, and a key pressed on the agenda
reaches the widget that owns it (issue 16, item 4)."""

from __future__ import annotations

from pathlib import Path

from facilitator.model import Workshop
from facilitator.store import Store
from screens.agenda import Agenda
from screens.wall import CardView
from tests.conftest import CHALLENGES
from tests.functional.tui_helpers import make_app, post_card, screen_text, until


async def test_the_walls_keys_are_listed_and_work_from_the_agenda_and_from_a_card(
    db_path: Path, workshop: Workshop, store: Store
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(120, 34), notifications=True) as pilot:
        await post_card(app, workshop.code, "Høyt sykefravær")
        await until(pilot, lambda: len(app.screen.query(CardView)) == 1)
        assert isinstance(app.focused, Agenda)
        listed = app.screen.active_bindings  # what `?` lists (it scrolls), grouped by owner
        assert listed["h"].binding.description == "Skjul kort"
        assert listed["h"].node.BINDING_GROUP_TITLE == "Kortene på veggen"
        assert listed["n"].binding.description == "Neste"
        await pilot.press("h")  # on the agenda: the wall says how to pick a card
        await until(pilot, lambda: "Velg et kort på veggen først" in screen_text(app))
        await pilot.press("tab", "space")  # on the card: marked for merging
        await until(pilot, lambda: app.screen.query(CardView).first().has_class("-marked"))
        await pilot.press("h")
        await until(pilot, lambda: not app.screen.query(CardView))
        assert store.cards(workshop.id)[0].hidden


async def test_the_command_palette_finds_the_walls_keys(
    db_path: Path, workshop: Workshop, store: Store
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"papir")
        await until(pilot, lambda: "Innspill fra papir" in screen_text(app))
