"""What the room sees at 100×30: the join view and the wall, compared with approved snapshots.

Update after a deliberate change with `pytest tests/functional/test_snapshots.py --snapshot-update`
and look at the report before committing.
"""

from __future__ import annotations

from pathlib import Path

from facilitator.model import Workshop
from facilitator.store import Store
from facilitator.store.cards import add_card
from facilitator.store.participants import add_participant
from tests.conftest import CHALLENGES, ROLES
from tests.functional.tui_helpers import make_app

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
