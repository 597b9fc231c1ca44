"""The board by keyboard: suggest, move, merge, split, rename, pin, undo — and suggest never overrides."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList

from facilitator.model import Workshop
from facilitator.store import Store
from facilitator.store.cards import add_card
from facilitator.store.participants import add_participant
from screens.board import BoardScreen
from screens.card_list import CardList
from screens.dialogs import PickGroup
from tests.conftest import CHALLENGES
from tests.functional.tui_helpers import make_app, screen_text, until

CARDS = [
    ("folkevalgte", "Høyt sykefravær i hjemmetjenesten"),
    ("administrasjon", "Nærværsarbeid må prioriteres"),
    ("ansatte", "For lite tid til sykefraværsoppfølging"),
    ("ansatte", "For mange små deltidsstillinger"),
    ("folkevalgte", "Heltid som hovedregel i nye utlysninger"),
    ("administrasjon", "Turnusen gir ikke hele stillinger"),
]


def seed(store: Store, workshop: Workshop, per_party: int = 3) -> dict[str, int]:
    store.open_phase(workshop.id, CHALLENGES)
    ids = {}
    for party in ("folkevalgte", "administrasjon", "ansatte"):
        for _ in range(per_party - 1):
            store.write(add_participant, workshop.id, party, "nb")
    for i, (party, text) in enumerate(CARDS):
        who, _ = store.write(add_participant, workshop.id, party, "nb")
        card, _ = store.write(add_card, who, f"c{i}", text)
        ids[text] = card.id
    return ids


def area_of(store: Store, workshop: Workshop, card_id: int) -> str | None:
    card = next(c for c in store.cards(workshop.id) if c.id == card_id)
    areas = {a.id: a.label for a in store.focus_areas(workshop.id)}
    return areas.get(card.focus_area_id)


async def pick(pilot, app, key: str) -> None:  # type: ignore[no-untyped-def]
    """Choose a group in the picker that m (move) or M (merge) opened."""
    assert isinstance(app.screen, PickGroup)
    picker = app.screen.query_one(OptionList)
    choices = [picker.get_option_at_index(i).id for i in range(picker.option_count)]
    picker.highlighted = choices.index(key)
    await pilot.press("enter")


async def open_board(pilot, app) -> BoardScreen:  # type: ignore[no-untyped-def]
    await pilot.press("b")
    assert isinstance(app.screen, BoardScreen)
    return app.screen


async def test_suggest_groups_the_cards_and_shows_the_tripartite_lens(
    db_path: Path, store: Store, workshop: Workshop
) -> None:
    ids = seed(store, workshop)
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_board(pilot, app)
        await pilot.press("g")
        await until(
            pilot,
            lambda: area_of(store, workshop, ids["Nærværsarbeid må prioriteres"]) is not None,
            rounds=500,
        )
        assert (
            area_of(store, workshop, ids["Høyt sykefravær i hjemmetjenesten"])
            == area_of(store, workshop, ids["For lite tid til sykefraværsoppfølging"])
            == "Sykefravær og nærvær"
        )
        assert area_of(store, workshop, ids["Turnusen gir ikke hele stillinger"]) == "Heltidskultur"
        await until(pilot, lambda: "felles for alle tre" in screen_text(app))


async def test_suggest_never_overrides_the_facilitators_moves_and_names(
    db_path: Path, store: Store, workshop: Workshop
) -> None:
    ids = seed(store, workshop)
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(100, 30)) as pilot:
        board = await open_board(pilot, app)
        await pilot.press("g")
        await until(
            pilot,
            lambda: area_of(store, workshop, ids["Turnusen gir ikke hele stillinger"]) is not None,
            rounds=500,
        )
        # Rename "Heltidskultur" to our own words, and move a sick-leave card into it by hand.
        groups = board.query_one("#groups", OptionList)
        keys = [groups.get_option_at_index(i).id for i in range(groups.option_count)]
        heltid = next(a for a in store.focus_areas(workshop.id) if a.label == "Heltidskultur")
        groups.highlighted = keys.index(str(heltid.id))
        await pilot.press("r")
        app.screen.query_one("#answer", Input).value = "Hele stillinger"
        await pilot.press("enter")
        sick = next(a for a in store.focus_areas(workshop.id) if a.label == "Sykefravær og nærvær")
        await until(
            pilot, lambda: any(a.label == "Hele stillinger" for a in store.focus_areas(workshop.id))
        )
        keys = [groups.get_option_at_index(i).id for i in range(groups.option_count)]
        groups.highlighted = keys.index(str(sick.id))
        cards = board.query_one("#cards", CardList)
        cards.focus()
        await pilot.pause()
        cards.highlighted = cards.ids.index(ids["Nærværsarbeid må prioriteres"])
        await pilot.press("m")
        await pick(pilot, app, str(heltid.id))
        await until(
            pilot,
            lambda: (
                area_of(store, workshop, ids["Nærværsarbeid må prioriteres"]) == "Hele stillinger"
            ),
        )
        await pilot.press("g")  # a new suggestion run
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert area_of(store, workshop, ids["Nærværsarbeid må prioriteres"]) == "Hele stillinger"
    assert any(a.label == "Hele stillinger" for a in store.focus_areas(workshop.id))


async def test_new_group_merge_pin_and_undo(
    db_path: Path, store: Store, workshop: Workshop
) -> None:
    seed(store, workshop)
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(100, 30)) as pilot:
        board = await open_board(pilot, app)
        for label in ("Bemanning", "Turnus"):
            await pilot.press("n")
            app.screen.query_one("#answer", Input).value = label
            await pilot.press("enter")
            await until(
                pilot, lambda lab=label: any(a.label == lab for a in store.focus_areas(workshop.id))
            )
        groups = board.query_one("#groups", OptionList)
        await until(pilot, lambda: groups.option_count == 3)
        groups.highlighted = 2  # Turnus
        await pilot.press("f")  # pin as a focus area
        await until(
            pilot, lambda: [a.pinned for a in store.focus_areas(workshop.id)] == [False, True]
        )
        await pilot.press("M")  # merge Turnus into …
        await pilot.press("enter")  # … the first choice, Bemanning
        await until(
            pilot, lambda: [a.label for a in store.focus_areas(workshop.id)] == ["Bemanning"]
        )
        await pilot.press("u")  # undo the merge
        await until(
            pilot,
            lambda: [a.label for a in store.focus_areas(workshop.id)] == ["Bemanning", "Turnus"],
        )
        assert store.focus_areas(workshop.id)[1].pinned
        await pilot.press("U")  # redo
        await until(
            pilot, lambda: [a.label for a in store.focus_areas(workshop.id)] == ["Bemanning"]
        )


async def test_split_marked_cards_into_a_new_group(
    db_path: Path, store: Store, workshop: Workshop
) -> None:
    ids = seed(store, workshop)
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(100, 30)) as pilot:
        board = await open_board(pilot, app)
        cards = board.query_one("#cards", CardList)  # the unsorted pile
        cards.focus()
        await pilot.pause()
        cards.highlighted = 0
        await pilot.press("space", "down", "space", "S")
        app.screen.query_one("#answer", Input).value = "Egne ord"
        await pilot.press("enter")
        await until(
            pilot, lambda: any(a.label == "Egne ord" for a in store.focus_areas(workshop.id))
        )
    placed = [
        text for text, card_id in ids.items() if area_of(store, workshop, card_id) == "Egne ord"
    ]
    assert len(placed) == 2


def test_a_room_writing_english_gets_its_themes_named_in_english(
    store: Store, workshop: Workshop
) -> None:
    from facilitator.suggestions import suggest_for_workshop

    store.open_phase(workshop.id, CHALLENGES)
    english = [
        ("folkevalgte", "High sick leave in home care"),
        ("ansatte", "Too little time to follow up sick leave"),
        ("administrasjon", "Too many small part-time positions"),
        ("ansatte", "Rotas make full-time jobs impossible"),
    ]
    for i, (party, text) in enumerate(english):
        who, _ = store.write(add_participant, workshop.id, party, "en")
        store.write(add_card, who, f"e{i}", text)
    who, _ = store.write(add_participant, workshop.id, "ansatte", "nb")
    store.write(add_card, who, "n0", "Høyt sykefravær på nattevakt")  # one bokmål phone
    suggest_for_workshop(store, workshop.id)
    labels = {a.label for a in store.focus_areas(workshop.id)}
    assert "Sick leave and attendance" in labels and "Full-time culture" in labels
    suggest_for_workshop(store, workshop.id)  # again: the same areas, not a second set
    assert {a.label for a in store.focus_areas(workshop.id)} == labels


async def test_marks_do_not_outlive_their_group_and_a_narrow_board_survives(
    db_path: Path, store: Store, workshop: Workshop
) -> None:
    seed(store, workshop)
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(100, 30)) as pilot:
        board = await open_board(pilot, app)
        await pilot.press("n")  # a new, empty group
        app.screen.query_one("#answer", Input).value = "Egen gruppe"
        await pilot.press("enter")
        await until(pilot, lambda: len(store.focus_areas(workshop.id)) == 1)
        area = store.focus_areas(workshop.id)[0]
        groups = board.query_one("#groups", OptionList)
        cards = board.query_one("#cards", CardList)
        cards.focus()
        await pilot.press("space", "down", "space", "m")  # two unsorted cards into it
        await pick(pilot, app, str(area.id))
        await until(
            pilot, lambda: len([c for c in store.cards(workshop.id) if c.focus_area_id]) == 2
        )
        groups.focus()
        await pilot.press("down")  # to "Egen gruppe"
        await until(pilot, lambda: cards.option_count == 2)
        cards.focus()
        await pilot.pause()
        await pilot.press("home", "space", "down", "space")
        assert len(board.marked) == 2
        await pilot.press("delete")  # the group goes; its cards go back to Usortert
        await until(pilot, lambda: not store.focus_areas(workshop.id))
        assert board.marked == set()  # no marks left to act on cards the list no longer shows
        await pilot.resize_terminal(44, 30)  # the card list is squeezed to nothing
        await pilot.press("down", "up")
        await pilot.resize_terminal(100, 30)
        await until(pilot, lambda: "Høyt sykefravær" in screen_text(app))


async def test_page_down_moves_a_page_at_a_time_through_many_cards(
    db_path: Path, store: Store, workshop: Workshop
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    who, _ = store.write(add_participant, workshop.id, "ansatte", "nb")
    for i in range(200):
        store.write(add_card, who, f"p{i}", f"Kort {i}")
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(100, 30)) as pilot:
        board = await open_board(pilot, app)
        cards = board.query_one("#cards", CardList)
        cards.focus()
        await pilot.pause()
        page = cards.scrollable_content_region.height
        await pilot.press("pagedown")
        first = cards.highlighted
        await pilot.press("pagedown")
        assert first is not None and first >= page - 1
        assert cards.highlighted is not None and cards.highlighted - first >= page - 1
        await pilot.press("end")
        assert cards.highlighted == 199
