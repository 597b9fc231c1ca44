"""Launching Trepart: the address phones are told, the TUI's endpoint, the help in bokmål
(issue 13, items 16 and 17)."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.app import TrepartApp
from facilitator.cli import launch, main
from facilitator.model import Workshop
from facilitator.store import Store
from screens.home import HomeScreen
from tests.functional.tui_helpers import screen_text, until


async def test_a_loopback_host_is_the_address_in_the_join_url(
    db_path: Path, workshop: Workshop
) -> None:
    app = TrepartApp(db_path, host="127.0.0.1", port=0)  # `trepart demo --host 127.0.0.1`
    async with app.run_test(size=(120, 34)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert app.join_url(workshop.code) == f"http://127.0.0.1:{app.port}/j/{workshop.code}"
        await until(pilot, lambda: "lytter bare på 127.0.0.1" in screen_text(app))


async def test_the_home_screen_says_it_listens_on_every_network(db_path: Path) -> None:
    app = TrepartApp(db_path, host="0.0.0.0", port=0)
    async with app.run_test(size=(120, 34)) as pilot:
        await until(pilot, lambda: "lytter på alle nettverk" in screen_text(app))


def test_the_plain_tui_takes_host_and_port(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, object] = {}
    monkeypatch.setattr(launch, "tui", lambda db, **kwargs: seen.update(kwargs, db=db) or 0)
    assert main(["--db", str(db_path), "--host", "127.0.0.1", "--port", "8123"]) == 0
    assert (seen["db"], seen["host"], seen["port"]) == (db_path, "127.0.0.1", 8123)


def test_phase_open_next_works(
    db_path: Path, store: Store, workshop: Workshop, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db_path), "phase", workshop.code, "open", "next"]) == 0
    assert main(["--db", str(db_path), "phase", workshop.code, "open", "next"]) == 0
    assert store.state(workshop.id).current_phase.position == 2
    assert "Fase 2: Utfordringer (åpen)" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit:
        main(["--db", str(db_path), "phase", workshop.code, "open", "neste"])
    assert exit.value.code == 2
    assert "«neste»" in capsys.readouterr().err


def test_the_help_is_in_bokmaal(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--help"], ["phase", "--help"], ["demo", "--help"]):
        with pytest.raises(SystemExit) as exit:
            main(argv)
        assert exit.value.code == 0
        text = capsys.readouterr().out
        assert text.startswith("bruk: trepart") and "vis denne hjelpen og avslutt" in text
        for english in ("usage:", "positional arguments", "options:", "show this help"):
            assert english not in text


def test_demo_refuses_a_db_it_would_not_use(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit:
        main(["--db", str(db_path), "demo"])
    assert exit.value.code == 2
    assert "--db kan ikke brukes med demo" in capsys.readouterr().err
    assert not db_path.exists()


async def test_started_in_a_workshop_esc_leads_to_the_list_of_workshops(
    db_path: Path, workshop: Workshop
) -> None:
    # `trepart demo` opens the workshop straight away; the list is made when the room leaves it.
    from screens.run import RunScreen

    app = TrepartApp(db_path, workshop_id=workshop.id, host="127.0.0.1", port=0)
    async with app.run_test(size=(120, 34)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RunScreen))
        assert not any(isinstance(s, HomeScreen) for s in app.screen_stack)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await until(pilot, lambda: workshop.title in screen_text(app))
        await pilot.press("enter")  # and back into it
        await until(pilot, lambda: isinstance(app.screen, RunScreen))
