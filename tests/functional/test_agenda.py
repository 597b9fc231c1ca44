"""The agenda: readable, and no click takes the room to another phase without asking."""

from __future__ import annotations

from pathlib import Path

from facilitator.model import PhaseStatus, Workshop
from facilitator.store import Store
from screens.agenda import Agenda
from screens.dialogs import Confirm
from screens.run import RunScreen
from tests.conftest import CHALLENGES
from tests.functional.tui_helpers import make_app, screen_text, until


async def test_a_click_on_the_agenda_asks_before_it_switches_the_phase(
    db_path: Path, workshop: Workshop, store: Store
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    app = make_app(db_path, workshop.id)
    current = lambda: store.state(workshop.id).current_phase  # noqa: E731
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.click(Agenda, offset=(6, 7))
        await until(pilot, lambda: isinstance(app.screen, Confirm))
        assert "Utfordringer» lukkes" in screen_text(app)
        assert current().position == CHALLENGES and current().status is PhaseStatus.OPEN
        await pilot.press("n")  # no
        await until(pilot, lambda: isinstance(app.screen, RunScreen))
        assert current().position == CHALLENGES and current().status is PhaseStatus.OPEN
        await pilot.click(Agenda, offset=(6, 7))
        await until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("j")  # ja
        await until(pilot, lambda: current().position != CHALLENGES)
        assert store.state(workshop.id).phases[CHALLENGES - 1].status is PhaseStatus.CLOSED
