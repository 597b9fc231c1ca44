"""Running a seminar from the keyboard: phase kinds, moderation, curation, matrix, editor."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from textual.widgets import Input

from exports import build_summary, markdown
from facilitator.model import PhaseKind, Workshop
from facilitator.store import Store
from facilitator.store.workshops import update_workshop
from screens.countdown import Countdown
from screens.editor import EditorScreen
from screens.moderation import ModerationScreen
from screens.run import RunScreen
from screens.shield import ShieldScreen
from screens.wall import CardView
from tests.conftest import CHALLENGES, ROLES
from tests.functional.tui_helpers import make_app, post_card, screen_text, until


def wall(app) -> list[CardView]:  # type: ignore[no-untyped-def]
    return list(app.screen.query(CardView))


async def focus_first_card(pilot, app) -> None:  # type: ignore[no-untyped-def]
    wall(app)[0].focus()
    await pilot.pause()


async def test_every_phase_kind_shows_its_title_and_text(db_path: Path, store: Store) -> None:
    ws = store.create_workshop("styringsgruppe", title="Styringsgruppe")
    app = make_app(db_path, ws.id)
    async with app.run_test(size=(100, 30)) as pilot:
        for phase in store.state(ws.id).phases:
            store.open_phase(ws.id, phase.position)
            # A steering group numbers its saksliste: "Sak 01/26", "Sak 02/26", …
            await until(
                pilot,
                lambda p=phase: (
                    f"Sak {p.position:02d}/" in screen_text(app) and p.title in screen_text(app)
                ),
            )
            text = screen_text(app)
            assert phase.prompt.split("(")[0].strip() in text, phase.kind
            views = {
                PhaseKind.COLLECT: "wall",
                PhaseKind.RATE: "results",
                PhaseKind.VOTE: "results",
                PhaseKind.REVIEW: "review",
            }
            assert app.screen.query_one("#views").current == views.get(phase.kind, "join")
            if phase.kind is PhaseKind.INFO:
                assert "Bli med på mobilen" in text  # plenary phases keep the way in visible


async def test_moderation_holds_cards_until_approved_behind_the_shield(
    db_path: Path, store: Store, workshop: Workshop
) -> None:
    store.write(update_workshop, workshop.id, moderation=True)
    store.open_phase(workshop.id, CHALLENGES)
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await post_card(app, workshop.code, "Upassende eller ikke?")
        await until(pilot, lambda: "1 nye innspill venter" in screen_text(app))
        assert wall(app) == []
        await pilot.press("s", "m")
        assert isinstance(app.screen, ModerationScreen)
        await until(pilot, lambda: "Upassende eller ikke?" in screen_text(app))
        await pilot.press("y", "escape")
        assert isinstance(app.screen, ShieldScreen)
        await pilot.press("s")
        await until(pilot, lambda: [v.card.text for v in wall(app)] == ["Upassende eller ikke?"])
        assert "nye innspill venter" not in screen_text(app)


async def test_hide_edit_and_bring_back_a_card(
    db_path: Path, store: Store, workshop: Workshop
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await post_card(app, workshop.code, "Sykefravær i pleie og omosrg")
        await until(pilot, lambda: len(wall(app)) == 1)
        await focus_first_card(pilot, app)
        await pilot.press("t")
        editor = app.screen.query_one("#answer", Input)
        editor.value = "Sykefravær i pleie og omsorg"
        await pilot.press("enter")
        await until(pilot, lambda: "pleie og omsorg" in screen_text(app))
        card = store.cards(workshop.id)[0]
        assert (card.text, card.original_text) == (
            "Sykefravær i pleie og omsorg",
            "Sykefravær i pleie og omosrg",
        )
        await focus_first_card(pilot, app)
        await pilot.press("h")
        await until(pilot, lambda: wall(app) == [])
        assert store.cards(workshop.id)[0].hidden
        await pilot.press("s", "m")
        await until(pilot, lambda: "skjult" in screen_text(app))
        await pilot.press("h", "escape", "s")
        await until(pilot, lambda: len(wall(app)) == 1)


async def test_merge_duplicates_into_one_card(
    db_path: Path, store: Store, workshop: Workshop
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await post_card(app, workshop.code, "Rekruttering av sykepleiere", party="folkevalgte")
        await post_card(app, workshop.code, "Vanskelig å rekruttere sykepleiere", party="ansatte")
        await until(pilot, lambda: len(wall(app)) == 2)
        keep, duplicate = wall(app)[1], wall(app)[0]
        duplicate.focus()
        await pilot.press("space")
        keep.focus()
        await pilot.press("m")
        await until(pilot, lambda: len(wall(app)) == 1 and "×2" in screen_text(app))
        md = markdown.write(build_summary(store, workshop.id)).decode()
        assert "Rekruttering av sykepleiere (×2)" in md
        await focus_first_card(pilot, app)
        await pilot.press("u")
        await until(pilot, lambda: len(wall(app)) == 2)


async def test_cards_from_paper_notes_and_agreements(
    db_path: Path, store: Store, workshop: Workshop
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        app.screen.query_one("#text", Input).value = "Fra lappen: mer tid til ledelse"
        await pilot.press("enter")
        await until(pilot, lambda: "(papir)" in screen_text(app))
        assert store.cards(workshop.id)[0].source == "paper"
        await pilot.press("g")
        app.screen.query_one("#answer", Input).value = "heltid som hovedregel i nye utlysninger"
        await pilot.press("enter")
        await until(pilot, lambda: "Enighet om heltid som hovedregel" in screen_text(app))
        md = markdown.write(build_summary(store, workshop.id)).decode()
        assert "- Enighet om heltid som hovedregel i nye utlysninger" in md
        assert "Fra lappen: mer tid til ledelse (fra papir)" in md


async def test_the_expectation_matrix_counts_each_direction(
    db_path: Path, store: Store, workshop: Workshop
) -> None:
    store.open_phase(workshop.id, ROLES)
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await post_card(
            app, workshop.code, "Involver oss tidlig", party="ansatte", target="administrasjon"
        )
        await post_card(
            app, workshop.code, "Ærlig informasjon", party="ansatte", target="administrasjon"
        )
        await post_card(
            app, workshop.code, "Besøk tjenestene", party="administrasjon", target="folkevalgte"
        )
        await until(
            pilot, lambda: "2 innspill" in screen_text(app) and "1 innspill" in screen_text(app)
        )
        assert app.screen.query_one("#views").current == "matrix"
        text = screen_text(app)
        assert "Hva forventer vi av hverandre?" in text and "1 innspill" in text
        assert "• Involver" in text
        long = "Tillitsvalgte som forventer å bli tatt med tidlig i alle omstillingsprosesser"
        await post_card(app, workshop.code, long, party="folkevalgte", target="ansatte")
        # the whole card, wrapped in its cell (issue 13: no card is cut to a line)
        await until(
            pilot, lambda: "forventer" in screen_text(app) and "tidlig i" in screen_text(app)
        )
        assert "…" not in screen_text(app)


async def test_a_time_box_counts_down_and_signals_at_zero(
    db_path: Path, store: Store, workshop: Workshop
) -> None:
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "T")  # the agenda's second phase: Utfordringer
        app.screen.query_one("#answer", Input).value = "5"
        await pilot.press("enter")
        phase = store.state(workshop.id).phases[CHALLENGES - 1]
        assert phase.timebox == 300
        await pilot.press("o")
        countdown = app.screen.query_one(Countdown)
        await until(pilot, lambda: countdown.display and countdown.value in ("05:00", "04:59"))
        # Let the time run out: the phase was opened 301 seconds ago.
        with sqlite3.connect(db_path) as conn:
            conn.execute(
                "UPDATE phase SET opened_at = ? WHERE id = ?", (time.time() - 301, phase.id)
            )
        app.screen.reload()
        countdown.tick()
        assert countdown.value == "00:00" and countdown.has_class("-over")
        await until(pilot, lambda: "Tiden er ute" in screen_text(app))


async def test_the_editor_saves_every_change_at_once(
    db_path: Path, store: Store, workshop: Workshop
) -> None:
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("E")
        assert isinstance(app.screen, EditorScreen)
        await pilot.pause()
        app.screen.query_one("#ws-facilitator", Input).value = "Kari Nordmann, KS"
        await until(pilot, lambda: store.workshop(workshop.id).facilitator == "Kari Nordmann, KS")
        app.screen.query_one("#ws-date", Input).value = "31.11.2026"  # no such day
        await until(pilot, lambda: "er ikke en dato" in screen_text(app))
        assert store.workshop(workshop.id).date == ""
        app.screen.query_one("#ws-date", Input).value = "24.11.2026"  # as Norwegians write it
        await until(pilot, lambda: store.workshop(workshop.id).date == "2026-11-24")
        app.screen.query_one("#party-folkevalgte-name", Input).value = "Politikere"
        await until(pilot, lambda: store.state(workshop.id).parties[0].name == "Politikere")
        before = len(store.state(workshop.id).phases)
        await pilot.press("ctrl+n")
        await until(pilot, lambda: len(store.state(workshop.id).phases) == before + 1)
        app.screen.query_one("#phase-title", Input).value = "Åpen post"
        # the new phase comes right after the one selected (Velkommen), not at the end
        await until(pilot, lambda: store.state(workshop.id).phases[1].title == "Åpen post")
        await pilot.press("escape")
        assert isinstance(app.screen, RunScreen)
        await until(pilot, lambda: "Åpen post" in screen_text(app))
