"""A group of cards stored together answers exactly as the cards stored one by one.

The writer stores a run of cards with one duplicate check, one phase read and one executemany
(facilitator/store/cardbatch.py). The same calls, once as a group and once each in its own
transaction on a twin database, must give the same answers and leave the same cards.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from facilitator.model import Participant
from facilitator.store import Store
from facilitator.store.cards import add_card
from facilitator.store.errors import Outcome, PhaseNotOpen, StoreError
from facilitator.store.participants import add_participant
from tests.conftest import CHALLENGES

IDS = [f"00000000-0000-4000-8000-{n:012d}" for n in range(8)]


def twin(path: Path, position: int = CHALLENGES) -> tuple[Store, Participant, Participant, int]:
    store = Store(path)
    ws = store.create_workshop("tana-oppstart", title="Tvilling", code="TWIN42")
    phase = store.open_phase(ws.id, position)
    assert phase is not None
    alice, _ = store.write(add_participant, ws.id, "ansatte", "nb")
    bob, _ = store.write(add_participant, ws.id, "folkevalgte", "nb")
    store.write(add_card, alice, IDS[0], "Allerede lagret")
    return store, alice, bob, phase


def calls(alice: Participant, bob: Participant, phase: int, ws: int) -> list[tuple[Any, tuple]]:  # type: ignore[type-arg]
    return [
        (add_card, (alice, IDS[1], "Ny")),
        (add_card, (alice, IDS[0], "Sendt på nytt")),  # already stored: the stored card
        (add_card, (bob, IDS[0], "Andres id")),  # someone else's id: Conflict
        (add_card, (alice, IDS[2], "To ganger")),
        (add_card, (alice, IDS[2], "To ganger igjen")),  # twice in the group: the first
        (add_card, (bob, IDS[2], "Kapret")),  # in the group, someone else's: Conflict
        (add_card, (bob, IDS[3], "Feil fase", None, phase + 1)),  # PhaseOver
        (add_card, (bob, IDS[4], "Riktig fase", None, phase)),
        (add_card, (bob, IDS[5], "Ukjent part", "ingen")),  # NotFound
        (add_participant, (ws, "administrasjon", "nb")),  # another op between two runs
        (add_card, (bob, IDS[6], "Til en part", "ansatte")),
    ]


def answers(results: list[Any]) -> list[Any]:
    out = []
    for r in results:
        if isinstance(r, Exception):
            out.append(type(r).__name__)
        elif isinstance(r.value[0], Participant):
            out.append(("participant", r.value[0].party_key))
        else:
            card, created = r.value
            out.append(
                (card.id, card.client_id, card.text, card.target_party, card.phase_id, created)
            )
    return out


def stored(store: Store) -> list[tuple[Any, ...]]:
    return [
        (c.id, c.client_id, c.text, c.participant_id, c.target_party, c.pending, c.phase_id)
        for c in store.cards(1)
    ]


def test_a_group_answers_as_one_card_at_a_time(tmp_path: Path) -> None:
    grouped, alice, bob, phase = twin(tmp_path / "group.sqlite")
    single, alice2, bob2, _ = twin(tmp_path / "single.sqlite")
    try:
        together = grouped.write_batch(calls(alice, bob, phase, 1))
        one_by_one: list[Any] = []
        for op, args in calls(alice2, bob2, phase, 1):
            try:
                one_by_one.append(Outcome(single.write(op, *args)))
            except StoreError as refused:
                one_by_one.append(refused)
        assert answers(together) == answers(one_by_one)
        assert stored(grouped) == stored(single)
        assert len(stored(grouped)) == 5
    finally:
        grouped.close()
        single.close()


def test_a_closed_phase_refuses_the_whole_run(tmp_path: Path) -> None:
    store, alice, bob, _ = twin(tmp_path / "closed.sqlite")
    try:
        store.close_phase(1)
        results = store.write_batch(
            [(add_card, (alice, IDS[0], "Igjen")), (add_card, (bob, IDS[7], "Sent"))]
        )
        assert isinstance(results[0], Outcome) and results[0].value[1] is False
        assert isinstance(results[1], PhaseNotOpen)
        assert len(stored(store)) == 1
    finally:
        store.close()


def only_new(alice: Participant, bob: Participant, phase: int, ws: int) -> list[tuple[Any, tuple]]:  # type: ignore[type-arg]
    """The common group: every card new (stored without the duplicate check)."""
    return [(add_card, ((alice, bob)[n % 2], IDS[n], f"Nytt kort {n}")) for n in (1, 2, 3)]


def resent_among_new(
    alice: Participant, bob: Participant, phase: int, ws: int
) -> list[tuple[Any, tuple]]:  # type: ignore[type-arg]
    """New cards and one resent whose id is on disk: only the insert can notice it."""
    return [
        (add_card, (alice, IDS[1], "Ny")),
        (add_card, (alice, IDS[0], "Sendt på nytt")),
        (add_card, (bob, IDS[2], "Også ny")),
    ]


def stolen_among_new(
    alice: Participant, bob: Participant, phase: int, ws: int
) -> list[tuple[Any, tuple]]:  # type: ignore[type-arg]
    """Someone else's stored id among new cards: Conflict, and nothing else changes."""
    return [(add_card, (alice, IDS[1], "Ny")), (add_card, (bob, IDS[0], "Andres id"))]


@pytest.mark.parametrize("group", [only_new, resent_among_new, stolen_among_new])
def test_a_group_of_new_cards_answers_as_one_card_at_a_time(tmp_path: Path, group: Any) -> None:
    grouped, alice, bob, phase = twin(tmp_path / "group.sqlite")
    single, alice2, bob2, _ = twin(tmp_path / "single.sqlite")
    try:
        together = grouped.write_batch(group(alice, bob, phase, 1))
        one_by_one: list[Any] = []
        for op, args in group(alice2, bob2, phase, 1):
            try:
                one_by_one.append(Outcome(single.write(op, *args)))
            except StoreError as refused:
                one_by_one.append(refused)
        assert answers(together) == answers(one_by_one)
        assert stored(grouped) == stored(single)
    finally:
        grouped.close()
        single.close()
