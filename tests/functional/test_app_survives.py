"""Issue 15, case 1: nothing a phone writes and no failing action ends the facilitator's app."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import aiohttp
import pytest
from textual.binding import Binding

from facilitator import crashlog
from facilitator.model import Workshop
from facilitator.store import Store
from screens.results import ResultsView
from screens.run import RunScreen
from screens.wall import Wall
from tests.conftest import CHALLENGES, new_id
from tests.functional.tui_helpers import make_app, screen_text, until

HOSTILE = [
    "\uffff\ufffe",
    "\x9b31m",
    "[bold red]markup[/]",
    "\x1b]0;tittel\x07",
    "a\x00b",
    "\u202e",
]


def _hostile_cards(db_path: Path, workshop_id: int) -> None:
    """Cards an older Trepart let in, before the validator: straight into the file."""
    conn = sqlite3.connect(db_path)
    phase_id = conn.execute(
        "SELECT id FROM phase WHERE workshop_id = ? AND position = ?", (workshop_id, CHALLENGES)
    ).fetchone()[0]
    for text in HOSTILE:
        conn.execute(
            "INSERT INTO card (workshop_id, phase_id, party_key, client_id, text, created_at) "
            "VALUES (?, ?, 'ansatte', ?, ?, 0)",
            (workshop_id, phase_id, new_id(), text),
        )
    conn.commit()
    conn.close()


async def test_a_failing_export_is_one_sentence_and_the_phones_keep_being_served(
    db_path: Path, store: Store, workshop: Workshop, monkeypatch: pytest.MonkeyPatch
) -> None:
    import facilitator.app

    store.open_phase(workshop.id, CHALLENGES)
    _hostile_cards(db_path, workshop.id)

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("All strings must be XML compatible")

    monkeypatch.setattr("exports.render", broken)
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RunScreen))
        await pilot.press("e")
        await until(pilot, lambda: bool(app.screen.query("#save")))
        await pilot.click("#save")
        await until(pilot, lambda: bool(app.errors))
        await pilot.pause()
        await until(pilot, lambda: "Trepart fortsetter" in screen_text(app))
        shown = " ".join(screen_text(app).split())  # the toast, as the projector shows it
        assert app.is_running and isinstance(app.screen, RunScreen)
        # (the toast wraps its lines: read the sentence in two halves)
        assert "Det gikk galt: All strings must be XML" in shown
        assert "compatible. Trepart fortsetter." in shown
        assert "ValueError" in crashlog.log_path(db_path).read_text()
        async with (
            aiohttp.ClientSession() as session,
            session.get(f"http://127.0.0.1:{app.port}/healthz") as resp,
        ):
            assert resp.status == 200
    assert facilitator.app  # the app module, not a copy, was the one that survived


def _keys(screen_class: type) -> list[str]:
    return [
        b.key
        for b in screen_class.BINDINGS
        if isinstance(b, Binding) and b.key not in ("escape", "q") and "quit" not in b.action
    ]


async def _press_all(pilot, app, screen_class: type, keys: list[str] | None = None) -> None:  # type: ignore[no-untyped-def]
    """Every key of `screen_class` (or `keys`), each followed by escapes until it is on top again."""
    for key in _keys(screen_class) if keys is None else keys:
        await pilot.press(key)
        await pilot.pause()
        for _ in range(5):  # close whatever dialog or screen the key opened
            if isinstance(app.screen, screen_class):
                break
            await pilot.press("escape")
            await pilot.pause()
        assert app.is_running, key
        assert app.errors == [], (screen_class.__name__, key, app.errors)


async def test_every_key_of_every_screen_survives_a_wall_of_hostile_cards(
    db_path: Path, store: Store, workshop: Workshop
) -> None:
    from screens.actions_screen import ActionsScreen
    from screens.board import BoardScreen
    from screens.home import HomeScreen

    store.open_phase(workshop.id, CHALLENGES)
    _hostile_cards(db_path, workshop.id)
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await _press_all(pilot, app, HomeScreen)
        await app.push_screen(RunScreen(workshop.id))
        await until(pilot, lambda: isinstance(app.screen, RunScreen))
        await _press_all(pilot, app, RunScreen)
        # the keys the wall and the results view own, pressed from the agenda as a room would
        await _press_all(pilot, app, RunScreen, _keys(Wall) + _keys(ResultsView))
        store.open_phase(workshop.id, CHALLENGES)
        for screen in (BoardScreen(workshop.id), ActionsScreen(workshop.id, workshop.title)):
            await app.push_screen(screen)
            await until(pilot, lambda s=screen: app.screen is s)  # type: ignore[misc]
            await _press_all(pilot, app, type(screen))
            app.pop_screen()
            await pilot.pause()
        assert app.is_running and app.errors == []
