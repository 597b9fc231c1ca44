"""The keyboard never dies: after every phase and screen change some visible widget has the focus,
and `?` still opens the key list (issue 13, item 1)."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from facilitator.app import TrepartApp
from facilitator.model import Category, Workshop
from facilitator.store import Store
from screens.run import RunScreen
from screens.wall import CardView
from tests.conftest import CHALLENGES
from tests.functional.tui_helpers import make_app, post_card, until


def phase_position(app: TrepartApp, workshop: Workshop) -> int | None:
    phase = app.store.state(workshop.id).current_phase
    return phase.position if phase else None


async def assert_keys_work(pilot: Pilot[None], app: TrepartApp) -> None:
    await pilot.pause()
    focused = app.focused
    assert focused is not None, f"nothing has the focus on {app.screen}"
    assert focused.is_attached and focused in app.screen.focus_chain, f"{focused} is off-screen"
    await pilot.press("question_mark")
    await until(pilot, lambda: bool(app.screen.query("HelpPanel")))
    await pilot.press("question_mark")
    await until(pilot, lambda: not app.screen.query("HelpPanel"))


async def test_n_with_a_card_focused_keeps_the_keyboard(
    db_path: Path, workshop: Workshop, store: Store
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(120, 34)) as pilot:
        await post_card(app, workshop.code, "Høyt sykefravær")
        await post_card(app, workshop.code, "Turnus laget for drift")
        await until(pilot, lambda: len(app.screen.query(CardView)) == 2)
        await pilot.press("tab", "tab")
        assert isinstance(app.focused, CardView)
        await pilot.press("n")  # 2 → 3: the wall changes its cards
        await until(pilot, lambda: phase_position(app, workshop) == 3)
        await assert_keys_work(pilot, app)
        await post_card(app, workshop.code, "Felles mål om heltid")
        await until(pilot, lambda: len(app.screen.query(CardView)) == 1)
        await pilot.press("tab")
        await pilot.press("n")  # 3 → 4: the wall makes way for the matrix
        await until(pilot, lambda: phase_position(app, workshop) == 4)
        await assert_keys_work(pilot, app)
        await pilot.press("n")
        await until(pilot, lambda: phase_position(app, workshop) == 5)


async def test_every_phase_and_screen_change_leaves_a_focused_visible_widget(
    db_path: Path, workshop: Workshop, store: Store
) -> None:
    app = make_app(db_path, workshop.id)
    phases = len(store.state(workshop.id).phases)
    async with app.run_test(size=(100, 30)) as pilot:
        for position in range(1, phases + 1):
            await pilot.press("n")
            await until(pilot, lambda p=position: phase_position(app, workshop) == p)
            phase = app.store.state(workshop.id).current_phase
            if phase is not None and phase.collects:
                target = "folkevalgte" if phase.category is Category.ROLE_EXPECTATION else None
                await post_card(app, workshop.code, f"Innspill i fase {position}", target=target)
                await until(pilot, lambda: bool(app.screen.query(CardView)))
                await pilot.press("tab")  # a card has the focus when the phase changes
            await assert_keys_work(pilot, app)
            if position != CHALLENGES:
                continue  # every screen once, from the wall with a card focused
            for key, back in (
                ("j", None),
                ("w", None),
                ("x", None),
                ("b", "escape"),
                ("l", "escape"),
                ("s", "s"),
                ("E", "escape"),
            ):
                await pilot.press(key)
                await pilot.pause()
                if back is not None:
                    if key != "s":
                        await assert_keys_work(pilot, app)
                    await pilot.press(back)
                    await until(pilot, lambda: isinstance(app.screen, RunScreen))
                await assert_keys_work(pilot, app)
        # behind the shield the phase changes, and the focused card leaves
        await pilot.press("p", "p", "p", "p", "p", "p", "p")
        await until(pilot, lambda: phase_position(app, workshop) == CHALLENGES)
        await until(pilot, lambda: bool(app.screen.query(CardView)))
        await pilot.press("tab", "s", "n", "s")
        await until(pilot, lambda: phase_position(app, workshop) == CHALLENGES + 1)
        await assert_keys_work(pilot, app)
