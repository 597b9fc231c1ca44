"""The projector view, driven by keys as a facilitator would, with phones posting over real HTTP."""

from __future__ import annotations

import contextlib
from pathlib import Path

from textual.widgets import DataTable, Input

from facilitator.model import PhaseStatus, Workshop
from facilitator.store import Store
from facilitator.store.cards import add_card
from facilitator.store.participants import add_participant
from screens.run import RunScreen
from screens.shield import ShieldScreen
from screens.text import inert
from screens.wall import CardView, Wall
from tests.conftest import CHALLENGES, new_id
from tests.functional.tui_helpers import make_app, post_card, screen_text, until


def wall_texts(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [view.card.text for view in app.screen.query(CardView)]


async def test_a_card_sent_from_a_phone_appears_on_the_wall(
    db_path: Path, workshop: Workshop
) -> None:
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "n")  # Velkommen, then Utfordringer
        await until(
            pilot, lambda: app.store.state(workshop.id).current_phase.position == CHALLENGES
        )
        await post_card(app, workshop.code, "Høyt sykefravær på nattevakt", party="folkevalgte")
        await post_card(app, workshop.code, "Turnus laget for drift", party="ansatte")
        await until(pilot, lambda: len(wall_texts(app)) == 2)
        assert wall_texts(app) == ["Turnus laget for drift", "Høyt sykefravær på nattevakt"]
        newest = app.screen.query(CardView).first()
        assert newest.has_class("-newest")
        assert "Folkevalgte" in str(app.screen.query(CardView).last().border_title)
        await until(pilot, lambda: "1 tlf · 1 innspill" in screen_text(app))


async def test_markup_in_a_card_is_shown_literally(
    db_path: Path, workshop: Workshop, store: Store
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await post_card(app, workshop.code, "[red]RØD[/]tekst")
        await until(pilot, lambda: "[red]RØD[/]tekst" in screen_text(app))


def test_terminal_control_codes_never_reach_the_screen() -> None:
    assert "\x1b" not in inert("\x1b[31mrød\x1b[0m\x07")
    assert inert("linje 1\nlinje 2") == "linje 1\nlinje 2"
    assert inert("Turnus\tnatt") == "Turnus  natt"  # a tab cannot jump out of its box


async def test_phase_keys_open_close_and_step(db_path: Path, workshop: Workshop) -> None:
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(100, 30)) as pilot:
        state = lambda: app.store.state(workshop.id)  # noqa: E731
        await pilot.press("n")
        assert state().current_phase.position == 1
        await pilot.press("n", "n")
        assert state().current_phase.position == 3
        await pilot.press("p")
        assert state().current_phase.position == 2
        await pilot.press("c")
        assert state().current_phase.status is PhaseStatus.CLOSED
        await pilot.press("down", "down", "o")  # pick phase 4 in the agenda and open it
        assert state().current_phase.position == 4
        await until(pilot, lambda: "Fase 4/9: Roller og forventninger (åpen)" in screen_text(app))


async def test_the_shield_blanks_the_projector_and_keys_still_work(
    db_path: Path, workshop: Workshop, store: Store
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await post_card(app, workshop.code, "Hemmelig innspill")
        await until(pilot, lambda: len(wall_texts(app)) == 1)
        await pilot.press("s")
        assert isinstance(app.screen, ShieldScreen)
        shown = screen_text(app)
        assert "Oppstartsseminar" in shown
        assert "Hemmelig" not in shown and "TANA24" not in shown
        await pilot.press("n")  # prepare the next question behind the shield
        assert app.store.state(workshop.id).current_phase.position == CHALLENGES + 1
        await pilot.press("s")
        assert isinstance(app.screen, RunScreen)


async def test_a_phase_changed_by_another_process_shows_within_a_second(
    db_path: Path, workshop: Workshop
) -> None:
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(100, 30)) as pilot:
        other = Store(db_path)  # what `trepart phase` does from another terminal
        other.open_phase(workshop.id, CHALLENGES)
        other.close()
        await until(pilot, lambda: "Fase 2/9: Utfordringer (åpen)" in screen_text(app), rounds=100)


async def test_home_lists_workshops_and_creates_one_from_a_template(
    db_path: Path, workshop: Workshop
) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        await pilot.press("n")
        await until(pilot, lambda: bool(app.screen.query("#title")))
        app.screen.query_one("#title", Input).value = "Samhandlingsmøte våren"
        app.screen.query_one("#municipality", Input).value = "Steinkjer kommune"
        await pilot.click("#create")
        await until(pilot, lambda: isinstance(app.screen, RunScreen))
        titles = [w.title for w in app.store.list_workshops()]
        assert "Samhandlingsmøte våren" in titles
        await pilot.press("escape")
        await until(pilot, lambda: app.screen.query_one(DataTable).row_count == 2)


async def test_the_projector_keeps_answering_keys_during_a_flood(
    db_path: Path, workshop: Workshop, store: Store
) -> None:
    import asyncio
    import uuid

    import aiohttp

    store.open_phase(workshop.id, CHALLENGES)
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(100, 30)) as pilot:
        base = f"http://127.0.0.1:{app.port}/api/v1/w/{workshop.code}"

        async def phone(session: aiohttp.ClientSession, n: int) -> int:
            async with session.post(f"{base}/participants", json={"party": "ansatte"}) as resp:
                auth = {"Authorization": f"Bearer {(await resp.json())['token']}"}
            sent = 0
            for i in range(n):
                async with session.post(
                    f"{base}/submissions",
                    headers=auth,
                    json={"id": str(uuid.uuid4()), "text": f"flom {i}"},
                ) as resp:
                    sent += resp.status == 201
            return sent

        async with aiohttp.ClientSession() as session:
            flood = asyncio.gather(*(phone(session, 12) for _ in range(40)))
            await pilot.press("s")  # the facilitator shields the screen in the middle of it
            assert isinstance(app.screen, ShieldScreen)
            await pilot.press("s")
            assert isinstance(app.screen, RunScreen)
            sent = sum(await flood)
        assert sent == 480
        # The wall shows the newest 60 and counts the rest; the party bar counts them all.
        await until(
            pilot, lambda: "420 eldre innspill står bare på tavla" in screen_text(app), rounds=1000
        )
        assert len(wall_texts(app)) == 60
        await until(pilot, lambda: "480 innspill" in screen_text(app))
        await pilot.press("n")  # the next question: a fresh wall, and no stale count
        await until(pilot, lambda: "Ingen innspill ennå" in screen_text(app))
        assert "eldre innspill" not in screen_text(app)


async def test_a_flood_slows_the_wall_down_and_a_quiet_card_speeds_it_up_again(
    db_path: Path, workshop: Workshop, store: Store
) -> None:
    import asyncio

    from facilitator.app import COALESCE_SECONDS, FLOOD_AFTER, FLOOD_BATCH, FLOOD_SECONDS
    from facilitator.store.writer import GroupCommitWriter

    store.open_phase(workshop.id, CHALLENGES)
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(100, 30)) as pilot:
        who, _token = app.store.write(add_participant, workshop.id, "ansatte", "nb")
        writer = GroupCommitWriter(app.store)  # as the endpoint commits many phones at once
        writer.start()
        try:
            for batch in range(FLOOD_AFTER + 1):  # groups big enough to count as a flood
                await asyncio.gather(
                    *(
                        writer(add_card, who, new_id(), f"Flom {batch}-{i}")
                        for i in range(FLOOD_BATCH)
                    )
                )
                newest = f"Flom {batch}-{FLOOD_BATCH - 1}"
                await until(pilot, lambda newest=newest: newest in wall_texts(app)[:1])
        finally:
            writer.stop()
        assert app.card_delay == FLOOD_SECONDS  # the wall now repaints 4 times a second
        sent = [f"Flom {b}-{i}" for b in range(FLOOD_AFTER + 1) for i in range(FLOOD_BATCH)]
        assert wall_texts(app) == sent[::-1][: Wall.MAX_SHOWN]  # newest first, none twice
        await post_card(app, workshop.code, "Etter flommen")
        await until(pilot, lambda: wall_texts(app)[:1] == ["Etter flommen"])
        assert app.card_delay == COALESCE_SECONDS  # one quiet card: back to 80 ms
        assert "eldre innspill" in screen_text(app)  # nothing was lost: older cards are counted


async def test_long_cards_are_shown_whole_on_the_wall(
    db_path: Path, workshop: Workshop, store: Store
) -> None:
    texts = [
        "For mange små stillinger – folk må jobbe flere steder for å få nok inntekt",
        "Kort",
        "Uklar rollefordeling mellom politikk og administrasjon i store saker",
        "Informasjon tidlig og ærlig, også når det er dårlige nyheter",
    ]
    store.open_phase(workshop.id, CHALLENGES)
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(120, 34)) as pilot:
        for text in texts:
            await post_card(app, workshop.code, text)
        await until(pilot, lambda: len(wall_texts(app)) == len(texts))
        await pilot.pause()
        shown = " ".join(screen_text(app).split())
        lost = [w for t in texts for w in t.split() if w not in shown]
        assert lost == []


async def test_textuals_own_keys_read_in_bokmaal_and_question_mark_toggles_them(
    db_path: Path, workshop: Workshop
) -> None:
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.press("question_mark")
        await until(pilot, lambda: "Neste felt" in screen_text(app))
        text = screen_text(app)
        assert "Focus Next" not in text and "Scroll Left" not in text
        assert "kommandoer" in text  # the footer's Ctrl+P
        await pilot.press("question_mark")
        await until(pilot, lambda: "Neste felt" not in screen_text(app))


async def test_keys_on_an_empty_home_screen_say_what_to_do(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        assert screen_text(app).count("Trykk n") == 1  # the empty list says it
        await pilot.press("r")  # edit: there is nothing to edit yet, and a toast says so too
        await until(pilot, lambda: screen_text(app).count("Trykk n") == 2)


async def test_tab_goes_from_the_agenda_straight_to_the_newest_card(
    db_path: Path, workshop: Workshop, store: Store
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await post_card(app, workshop.code, "Første")
        await post_card(app, workshop.code, "Andre")
        await until(pilot, lambda: len(wall_texts(app)) == 2)
        await pilot.press("tab")
        assert isinstance(app.focused, CardView) and app.focused.card.text == "Andre"
        await pilot.press("h")  # hide the card under the cursor: it leaves the wall
        await until(pilot, lambda: wall_texts(app) == ["Første"])


async def test_the_card_under_the_cursor_stays_put_when_the_wall_overflows(
    db_path: Path, workshop: Workshop, store: Store
) -> None:

    store.open_phase(workshop.id, CHALLENGES)
    who, _ = store.write(add_participant, workshop.id, "ansatte", "nb")
    for i in range(Wall.MAX_SHOWN):
        store.write(add_card, who, f"w{i}", f"Kort {i}")
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: len(wall_texts(app)) == Wall.MAX_SHOWN)
        oldest = app.screen.query(CardView).last()
        oldest.focus()
        await pilot.pause()
        await post_card(app, workshop.code, "Ny på veggen")
        await until(pilot, lambda: "Ny på veggen" in wall_texts(app))
        assert app.focused is oldest and oldest.card.text == "Kort 0"
        assert len(wall_texts(app)) == Wall.MAX_SHOWN


@contextlib.asynccontextmanager
async def challenges_open(db_path: Path, workshop: Workshop):  # type: ignore[no-untyped-def]
    """The projector with "Utfordringer" opened by its keys, as the room sees it."""
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "n")
        await until(
            pilot, lambda: app.store.state(workshop.id).current_phase.position == CHALLENGES
        )
        yield app, pilot


async def _burst_on_the_wall(app, workshop: Workshop, count: int):  # type: ignore[no-untyped-def]
    """`count` cards stored at once (no event yet), and the wall they are for."""
    who, _token = app.store.write(add_participant, workshop.id, "ansatte", "nb")
    app.store.write_batch([(add_card, (who, new_id(), f"Kort {i}")) for i in range(count)])
    return app.screen.query_one(Wall), app.store.cards(workshop.id)


async def test_a_burst_shows_a_screenful_first_and_the_rest_under_it(
    db_path: Path, workshop: Workshop
) -> None:
    async with challenges_open(db_path, workshop) as (app, pilot):
        wall, cards = await _burst_on_the_wall(app, workshop, 50)
        wall.add(cards)
        first = len(wall.views)
        assert 12 <= first < 50  # a screenful now …
        withdrawn = cards[0]  # … the oldest below it, after the frame: withdrawn meanwhile
        wall.remove_cards([withdrawn.id])
        await until(pilot, lambda: len(wall.views) == 49)
        assert wall_texts(app) == [c.text for c in reversed(cards[1:])]  # newest first, in order


async def test_a_bursts_rest_never_lands_on_the_next_phases_wall(
    db_path: Path, workshop: Workshop
) -> None:
    async with challenges_open(db_path, workshop) as (app, pilot):
        wall, cards = await _burst_on_the_wall(app, workshop, 50)
        wall.add(cards)
        phase = app.store.state(workshop.id).phases[CHALLENGES]  # the next one
        wall.show(phase, [])  # the facilitator moved on before the frame
        wall.add([cards[-1]])
        await until(pilot, lambda: wall_texts(app) == [cards[-1].text])
        await pilot.pause()
        assert wall_texts(app) == [cards[-1].text] and wall.hidden_older == 0


async def test_a_bursts_rest_still_shows_when_the_card_above_it_leaves(
    db_path: Path, workshop: Workshop
) -> None:
    async with challenges_open(db_path, workshop) as (app, pilot):
        wall, cards = await _burst_on_the_wall(app, workshop, 50)
        wall.add(cards)
        anchor = wall.views[-1].card  # the oldest card of the first screenful
        wall.remove_cards([anchor.id])
        await until(pilot, lambda: len(wall.views) == 49)
        assert wall_texts(app) == [c.text for c in reversed(cards) if c.id != anchor.id]
        assert wall.hidden_older == 0


async def test_a_burst_on_a_full_wall_with_a_card_under_the_cursor_keeps_the_limit(
    db_path: Path, workshop: Workshop
) -> None:
    async with challenges_open(db_path, workshop) as (app, pilot):
        wall, cards = await _burst_on_the_wall(app, workshop, Wall.MAX_SHOWN + 70)
        wall.add(cards[: Wall.MAX_SHOWN])
        await until(pilot, lambda: len(wall.views) == Wall.MAX_SHOWN)
        wall.views[10].focus()
        await until(pilot, lambda: wall.focused_card is not None)
        wall.add(cards[Wall.MAX_SHOWN :])  # more new cards than the wall holds
        await pilot.pause()
        assert len(wall.views) == Wall.MAX_SHOWN
        assert len(wall.views) + wall.hidden_older == len(cards)


async def test_a_card_withdrawn_before_it_reached_the_wall_never_shows(
    db_path: Path, workshop: Workshop
) -> None:
    from facilitator.store.cards import withdraw_card

    async with challenges_open(db_path, workshop) as (app, pilot):
        who, _token = app.store.write(add_participant, workshop.id, "ansatte", "nb")
        app.store.write(add_card, who, "angret", "Angret straks")  # within the wall's 80 ms
        app.store.write(withdraw_card, who, "angret")
        app.store.write(add_card, who, "neste", "Neste kort")
        await until(pilot, lambda: "Neste kort" in wall_texts(app))
        await pilot.pause()
        assert "Angret straks" not in wall_texts(app)
