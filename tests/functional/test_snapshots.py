"""What the room sees at 100×30: the join view, the wall, the board and the results, compared with
approved snapshots.

Update after a deliberate change with `pytest tests/functional/test_snapshots.py --snapshot-update`
and look at the report before committing.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from facilitator.model import Participant, Workshop
from facilitator.store import Store, grouping
from facilitator.store.cards import add_card
from facilitator.store.participants import add_participant
from facilitator.store.votes import reveal, set_rating, set_votes
from screens.board import BoardScreen
from tests.conftest import CHALLENGES, ROLES
from tests.functional.tui_helpers import make_app, until

SIZE = (100, 30)


def test_join_view(snap_compare, db_path: Path, workshop: Workshop) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(db_path, workshop.id), terminal_size=SIZE)


def test_wall(snap_compare, db_path: Path, workshop: Workshop, store: Store) -> None:  # type: ignore[no-untyped-def]
    store.open_phase(workshop.id, CHALLENGES)
    cards = [
        ("folkevalgte", "Vanskelig å rekruttere sykepleiere til distriktet"),
        ("administrasjon", "Budsjettkutt gjør at vi bare slukker branner"),
        ("ansatte", "Turnusen er laget for drift, ikke for heltid"),
        ("ansatte", "[bold]Markup[/bold] vises som tekst"),
    ]
    for i, (party, text) in enumerate(cards):
        who, _ = store.write(add_participant, workshop.id, party, "nb")
        store.write(add_card, who, f"card-{i}", text)
    assert snap_compare(make_app(db_path, workshop.id), terminal_size=SIZE)


def test_role_expectations_wall(
    snap_compare, db_path: Path, workshop: Workshop, store: Store
) -> None:  # type: ignore[no-untyped-def]
    store.open_phase(workshop.id, ROLES)
    who, _ = store.write(add_participant, workshop.id, "ansatte", "nb")
    store.write(
        add_card,
        who,
        "r1",
        "Involver tillitsvalgte før beslutningene er tatt",
        "administrasjon",
    )
    assert snap_compare(make_app(db_path, workshop.id), terminal_size=SIZE)


PULSE = 8  # tana-oppstart's "Hvordan går samarbeidet?" (1–5)
VOTE = 6  # … and its Prioritering
BOARD_CARDS = {
    "Rekruttering": [
        ("folkevalgte", "Vanskelig å rekruttere sykepleiere til distriktet"),
        ("administrasjon", "Få søkere på ledige stillinger i helse"),
        ("ansatte", "Nyutdannede velger byen"),
    ],
    "Heltid": [
        ("ansatte", "Turnusen er laget for drift, ikke for heltid"),
        ("administrasjon", "For mange små stillinger"),
    ],
}


def _three_phones_each(store: Store, workshop: Workshop) -> dict[str, list[Participant]]:
    """Three phones per party: enough that the anonymity rule lets every party be shown."""
    return {
        party: [store.write(add_participant, workshop.id, party, "nb")[0] for _ in range(3)]
        for party in ("folkevalgte", "administrasjon", "ansatte")
    }


def test_board(snap_compare, db_path: Path, workshop: Workshop, store: Store) -> None:  # type: ignore[no-untyped-def]
    """The board as the room sees it while the groups are made: the lens per party, ★ pinned."""
    store.open_phase(workshop.id, CHALLENGES)
    phones = _three_phones_each(store, workshop)
    n = 0
    for label, cards in BOARD_CARDS.items():
        area = store.write(grouping.add_focus_area, workshop.id, label)
        ids = []
        for party, text in cards:
            card, _created = store.write(add_card, phones[party][n % 3], f"b{n}", text)
            ids.append(card.id)
            n += 1
        store.write(grouping.place, ids, area)
    store.write(add_card, phones["folkevalgte"][2], "unsorted", "Uklar rollefordeling")
    store.write(grouping.toggle_pin, store.focus_areas(workshop.id)[0].id)

    async def open_board(pilot: Pilot[None]) -> None:
        await pilot.press("b")
        await until(pilot, lambda: isinstance(pilot.app.screen, BoardScreen))
        await pilot.press("down")  # the first focus area, its cards on the right
        await pilot.pause()

    assert snap_compare(make_app(db_path, workshop.id), terminal_size=SIZE, run_before=open_board)


def test_vote_results(snap_compare, db_path: Path, workshop: Workshop, store: Store) -> None:  # type: ignore[no-untyped-def]
    """Revealed dots: ranked bars, a tie shown as a tie, the split per party."""
    for label in ("Sykefravær", "Heltidskultur", "Rekruttering"):
        store.write(grouping.add_focus_area, workshop.id, label)
    phones = _three_phones_each(store, workshop)
    store.open_phase(workshop.id, VOTE)
    phase = store.state(workshop.id).current_phase
    assert phase is not None
    ids = {o.label: o.id for o in store.vote_options(phase.id)}
    ballots = {
        "folkevalgte": {ids["Heltidskultur"]: 2, ids["Sykefravær"]: 1},
        "administrasjon": {ids["Sykefravær"]: 3},
        "ansatte": {ids["Rekruttering"]: 2, ids["Heltidskultur"]: 1},
    }
    for party, ballot in ballots.items():
        for phone in phones[party]:
            store.write(set_votes, phone, ballot)
    store.write(reveal, phase.id, True)
    assert snap_compare(make_app(db_path, workshop.id), terminal_size=SIZE)


def test_pulse(snap_compare, db_path: Path, workshop: Workshop, store: Store) -> None:  # type: ignore[no-untyped-def]
    """Revealed pulse: the distribution 1–5, the mean for all and per party."""
    phones = _three_phones_each(store, workshop)
    store.open_phase(workshop.id, PULSE)
    for party, values in {
        "folkevalgte": (4, 4, 5),
        "administrasjon": (3, 4, 4),
        "ansatte": (2, 3, 2),
    }.items():
        for phone, value in zip(phones[party], values, strict=True):
            store.write(set_rating, phone, value)
    phase = store.state(workshop.id).current_phase
    assert phase is not None
    store.write(reveal, phase.id, True)
    assert snap_compare(make_app(db_path, workshop.id), terminal_size=SIZE)
