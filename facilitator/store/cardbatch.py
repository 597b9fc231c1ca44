"""Many phones' cards in one group commit: what cards.add_card does, once per group.

The writer thread's group often holds hundreds of cards. Checked one by one, each costs a
duplicate-check SELECT, a read of the workshop's phase, a savepoint and its own INSERT. Here a
run of cards costs one duplicate-check query and one phase read per workshop, and one
`executemany`. No savepoint is needed: every refusal is decided before anything is written,
and the INSERT cannot fail halfway for one card alone (the client ids are checked, within the
group too); if it fails at all, the whole group is rolled back, as before.

Most groups are only new cards. Those skip the duplicate check too: the cards are decided as if
none of their client ids were stored yet, and inserted with `ON CONFLICT DO NOTHING` inside a
savepoint (one per group). If every row went in, that was right; if one did not (a resent card
whose id is on disk), or if any card of the group was refused or resent, the savepoint is rolled
back and the group is decided again with the duplicate check, as below. The check cost 7–12 µs a
card at 200,000 cards, on the same random-UUID index the insert has to walk anyway.

The answers are exactly cards.add_card's, card by card, in order (tests/unit/test_cardbatch.py).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from typing import Any

from facilitator import events as ev
from facilitator.model import Card, Participant, PhaseKind, PhaseStatus
from facilitator.store import cards as _cards
from facilitator.store import errors, rows

Result = errors.Outcome[tuple[Card, bool]] | errors.StoreError
_PHASE = (
    "SELECT p.id, p.kind, p.status, w.moderation, p.category FROM workshop w "
    "JOIN phase p ON p.id = w.current_phase_id WHERE w.id = ? AND w.status != 'closed'"
)
_INSERT = (
    "INSERT INTO card (id, workshop_id, phase_id, participant_id, party_key, client_id, text, "
    "target_party, created_at, pending) VALUES (?,?,?,?,?,?,?,?,?,?)"
)
_INSERT_NEW = _INSERT + " ON CONFLICT (workshop_id, client_id) DO NOTHING"
_CHUNK = 500  # bound parameters per duplicate-check query


def existing(conn: sqlite3.Connection, workshop_id: int, ids: list[str]) -> dict[str, Card]:
    found: dict[str, Card] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        cur = conn.execute(
            f"SELECT {rows.CARD_COLUMNS} FROM card WHERE workshop_id = ? "
            f"AND client_id IN ({','.join('?' * len(chunk))})",
            (workshop_id, *chunk),
        )
        found.update((card.client_id, card) for card in map(rows.card, cur))
    return found


def add_cards(conn: sqlite3.Connection, calls: Sequence[tuple[Any, ...]]) -> list[Result]:
    """`calls`: cards.add_card's arguments after the connection, one tuple per card."""
    by_workshop: dict[int, list[str]] = {}
    for call in calls:
        by_workshop.setdefault(call[0].workshop_id, []).append(call[1])
    phases = {w: conn.execute(_PHASE, (w,)).fetchone() for w in by_workshop}
    unknown: dict[int, dict[str, Card]] = {w: {} for w in by_workshop}
    results, inserts = _decide(conn, calls, unknown, phases)
    if len(inserts) == len(calls):  # all new, as far as the group knows: try it so
        conn.execute("SAVEPOINT cards")
        if conn.executemany(_INSERT_NEW, inserts).rowcount == len(inserts):
            conn.execute("RELEASE cards")
            return results
        conn.execute("ROLLBACK TO cards")  # an id was on disk after all
        conn.execute("RELEASE cards")
    known = {w: existing(conn, w, list(dict.fromkeys(ids))) for w, ids in by_workshop.items()}
    results, inserts = _decide(conn, calls, known, phases)
    if inserts:
        conn.executemany(_INSERT, inserts)
    return results


def _decide(
    conn: sqlite3.Connection,
    calls: Sequence[tuple[Any, ...]],
    known: dict[int, dict[str, Card]],
    phases: dict[int, Any],
) -> tuple[list[Result], list[tuple[Any, ...]]]:
    """Each card's answer given the stored cards `known`; the rows to insert."""
    parties: dict[int, set[str]] = {}
    next_id = _cards.next_id(conn)  # never an id a withdrawn card had
    now = time.time()
    results: list[Result] = []
    inserts: list[tuple[Any, ...]] = []
    for call in calls:
        try:
            card, created = _one(conn, call, known, phases, parties, next_id, now)
        except errors.StoreError as refused:
            results.append(refused)
            continue
        if not created:
            results.append(errors.Outcome((card, False)))
            continue
        next_id += 1
        known[card.workshop_id][card.client_id] = card
        inserts.append(
            (card.id, card.workshop_id, card.phase_id, card.participant_id, card.party_key,
             card.client_id, card.text, card.target_party, now, int(card.pending))
        )  # fmt: skip
        results.append(errors.Outcome((card, True), (ev.CardAdded(card.workshop_id, card),)))
    return results, inserts


def _one(
    conn: sqlite3.Connection,
    call: tuple[Any, ...],
    known: dict[int, dict[str, Card]],
    phases: dict[int, Any],
    parties: dict[int, set[str]],
    new_id: int,
    now: float,
) -> tuple[Card, bool]:
    """One card's answer, with cards.add_card's rules in cards.add_card's order."""
    participant: Participant = call[0]
    client_id: str = call[1]
    text: str = call[2]
    target_party: str | None = call[3] if len(call) > 3 else None
    phase_id: int | None = call[4] if len(call) > 4 else None
    workshop_id = participant.workshop_id
    if (card := known[workshop_id].get(client_id)) is not None:
        if card.participant_id != participant.id:
            raise errors.Conflict("client id in use")
        return card, False
    row = phases[workshop_id]
    collects = row is not None and (
        row[1] == PhaseKind.COLLECT.value or (row[1] == PhaseKind.ACTIONS.value and row[4])
    )
    if phase_id is not None and (row is None or row[0] != phase_id or row[2] != "open"):
        raise errors.PhaseOver(f"phase {phase_id} is not the open one")
    if row is None or not collects or row[2] != PhaseStatus.OPEN.value:
        raise errors.PhaseNotOpen("no open collect phase")
    if target_party is not None:
        if workshop_id not in parties:
            cur = conn.execute("SELECT key FROM party WHERE workshop_id = ?", (workshop_id,))
            parties[workshop_id] = {key for (key,) in cur}
        if target_party not in parties[workshop_id]:
            raise errors.NotFound(f"party {target_party}")
    card = Card(
        id=new_id,
        workshop_id=workshop_id,
        phase_id=int(row[0]),
        party_key=participant.party_key,
        text=text,
        client_id=client_id,
        created_at=now,
        participant_id=participant.id,
        target_party=target_party,
        pending=bool(row[3]),
    )
    return card, True
