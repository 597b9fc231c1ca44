"""The board's `/` search: words without their diacritics, Enter shows the card, Esc closes,
hidden cards are not found, a card's text is shown as text and without its party."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from facilitator.model import Workshop
from facilitator.store import Store
from facilitator.store.cards import add_card, set_hidden
from facilitator.store.participants import add_participant
from screens.board import BoardScreen
from screens.card_list import CardList
from screens.search import SearchCards
from tests.conftest import CHALLENGES
from tests.functional.tui_helpers import make_app, screen_text, until

CARDS = [
    ("folkevalgte", "Høyt sykefravær i hjemmetjenesten"),
    ("administrasjon", "Nærværsarbeid må prioriteres"),
    ("ansatte", "Et godt arbeidsmiljø på sykehjemmet"),
    ("ansatte", "[bold]Turnus[/] i [red]barnehagen[/red]"),
    ("folkevalgte", "Sykefravær som ingen snakker om"),  # hidden below
]


def seed(store: Store, workshop: Workshop) -> dict[str, int]:
    store.open_phase(workshop.id, CHALLENGES)
    ids = {}
    for i, (party, text) in enumerate(CARDS):
        who, _ = store.write(add_participant, workshop.id, party, "nb")
        card, _ = store.write(add_card, who, f"s{i}", text)
        ids[text] = card.id
    store.write(set_hidden, ids[CARDS[-1][1]], True)
    return ids


def hits(app) -> list[str]:  # type: ignore[no-untyped-def]
    found = app.screen.query_one("#search-hits", OptionList)
    return [str(found.get_option_at_index(i).prompt) for i in range(found.option_count)]


async def open_search(pilot, app) -> SearchCards:  # type: ignore[no-untyped-def]
    await pilot.press("b")
    assert isinstance(app.screen, BoardScreen)
    await pilot.press("slash")
    await until(pilot, lambda: isinstance(app.screen, SearchCards))
    return app.screen


async def test_a_word_typed_without_its_diacritics_finds_the_card_and_enter_shows_it(
    db_path: Path, workshop: Workshop, store: Store
) -> None:
    ids = seed(store, workshop)
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_search(pilot, app)
        await pilot.press(*"arbeidsmiljo")
        await until(pilot, lambda: len(hits(app)) == 1)
        assert "Et godt arbeidsmiljø på sykehjemmet" in hits(app)[0]
        assert "Utfordringer" in hits(app)[0]  # the phase it was written in
        for party in ("Ans", "Ansatte", "ansatte"):
            assert party not in hits(app)[0]  # no party: the anonymity rule is not asked here
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, BoardScreen))
        listed = app.screen.query_one("#cards", CardList)
        assert listed.has_focus
        assert listed.highlighted_id == ids["Et godt arbeidsmiljø på sykehjemmet"]


async def test_hidden_cards_are_not_found_and_esc_closes(
    db_path: Path, workshop: Workshop, store: Store
) -> None:
    seed(store, workshop)
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_search(pilot, app)
        await pilot.press(*"sykefravaer")
        await until(pilot, lambda: len(hits(app)) == 1)
        assert "Høyt sykefravær i hjemmetjenesten" in hits(app)[0]
        assert "1 treff" in screen_text(app)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, BoardScreen))


async def test_markup_in_a_card_is_shown_as_written(
    db_path: Path, workshop: Workshop, store: Store
) -> None:
    seed(store, workshop)
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_search(pilot, app)
        await pilot.press(*"barnehagen")
        await until(pilot, lambda: len(hits(app)) == 1)
        assert "[bold]Turnus[/] i [red]barnehagen[/red]" in screen_text(app)
        await pilot.press(*" fins-ikke")
        await until(pilot, lambda: hits(app) == [])
        assert "Ingen kort med de ordene." in screen_text(app)
