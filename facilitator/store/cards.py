"""Cards: a phone's card (and withdrawing it), a paper card typed in, the facilitator's curation
(hide, approve, edit, merge); and the reads of cards, of who sent them, and the word search.

Callers import what they use by name (`from facilitator.store.cards import add_card`): a module
imported whole as `cards` would be shadowed by the many local lists called `cards`.
"""

from __future__ import annotations

import sqlite3
import time
import uuid
from typing import Any

from facilitator import cardtext
from facilitator import events as ev
from facilitator.i18n import N_
from facilitator.model import Card, Participant, PhaseKind, PhaseStatus
from facilitator.store import rows
from facilitator.store.errors import (
    Conflict,
    NotFound,
    Outcome,
    PhaseNotOpen,
    PhaseOver,
    StoreError,
)

# -- a phone's card ------------------------------------------------------------------------------


# A new card's id: above every card there is and every card there was (schema migration 10).
_NEXT_ID = (
    "SELECT MAX(COALESCE((SELECT MAX(id) FROM card), 0), "
    "COALESCE((SELECT floor FROM card_id_floor WHERE one = 1), 0)) + 1"
)


def next_id(conn: sqlite3.Connection) -> int:
    return int(conn.execute(_NEXT_ID).fetchone()[0])


def add_card(
    conn: sqlite3.Connection,
    participant: Participant,
    client_id: str,
    text: str,
    target_party: str | None = None,
    phase_id: int | None = None,
) -> Outcome[tuple[Card, bool]]:
    """Store a card in the open collect phase; returns (card, created).

    The same client id from the same phone returns the card it already made, so
    a form resent over bad Wi-Fi never makes a duplicate. With `phase_id` (the phase the
    card was written for) the card is refused unless that phase is the open one.
    """
    workshop_id = participant.workshop_id
    existing = conn.execute(
        f"SELECT {rows.CARD_COLUMNS} FROM card WHERE workshop_id = ? AND client_id = ?",
        (workshop_id, client_id),
    ).fetchone()
    if existing is not None:
        card = rows.card(existing)
        if card.participant_id != participant.id:
            raise Conflict("client id in use")
        return Outcome((card, False))
    row = conn.execute(
        "SELECT p.id, p.kind, p.status, w.moderation, p.category FROM workshop w "
        "JOIN phase p ON p.id = w.current_phase_id WHERE w.id = ? AND w.status != 'closed'",
        (workshop_id,),
    ).fetchone()
    collects = row is not None and (
        row[1] == PhaseKind.COLLECT.value or (row[1] == PhaseKind.ACTIONS.value and row[4])
    )
    if phase_id is not None and (row is None or row[0] != phase_id or row[2] != "open"):
        raise PhaseOver(f"phase {phase_id} is not the open one")
    if row is None or not collects or row[2] != PhaseStatus.OPEN.value:
        raise PhaseNotOpen("no open collect phase")
    if (
        target_party is not None
        and conn.execute(
            "SELECT 1 FROM party WHERE workshop_id = ? AND key = ?", (workshop_id, target_party)
        ).fetchone()
        is None
    ):
        raise NotFound(f"party {target_party}")
    now = time.time()
    pending = bool(row[3])  # with moderation on, the facilitator approves before the room sees it
    cur = conn.execute(
        "INSERT INTO card (id, workshop_id, phase_id, participant_id, party_key, client_id, "
        "text, target_party, created_at, pending) VALUES (?,?,?,?,?,?,?,?,?,?)",
        (
            next_id(conn),
            workshop_id,
            row[0],
            participant.id,
            participant.party_key,
            client_id,
            text,
            target_party,
            now,
            int(pending),
        ),
    )
    card = Card(
        id=int(cur.lastrowid or 0),
        workshop_id=workshop_id,
        phase_id=int(row[0]),
        party_key=participant.party_key,
        text=text,
        client_id=client_id,
        created_at=now,
        participant_id=participant.id,
        target_party=target_party,
        pending=pending,
    )
    return Outcome((card, True), (ev.CardAdded(workshop_id, card),))


def withdraw_card(
    conn: sqlite3.Connection, participant: Participant, client_id: str
) -> Outcome[int]:
    row = conn.execute(
        "SELECT c.id, c.participant_id, p.status FROM card c JOIN phase p ON p.id = c.phase_id "
        "WHERE c.workshop_id = ? AND c.client_id = ?",
        (participant.workshop_id, client_id),
    ).fetchone()
    if row is None or row[1] != participant.id:
        raise NotFound("card")
    if row[2] != PhaseStatus.OPEN.value:
        raise PhaseNotOpen("phase closed")
    conn.execute("DELETE FROM card WHERE id = ?", (row[0],))
    return Outcome(int(row[0]), (ev.CardWithdrawn(participant.workshop_id, int(row[0])),))


# -- the facilitator's curation ------------------------------------------------------------------


def get(conn: sqlite3.Connection, card_id: int) -> Card | None:
    row = conn.execute(f"SELECT {rows.CARD_COLUMNS} FROM card WHERE id = ?", (card_id,)).fetchone()
    return None if row is None else rows.card(row)


def _card(conn: sqlite3.Connection, card_id: int) -> Card:
    card = get(conn, card_id)
    if card is None:
        raise NotFound(f"card {card_id}")
    return card


def _changed(conn: sqlite3.Connection, *card_ids: int) -> Outcome[Card]:
    cards = [_card(conn, i) for i in card_ids]
    return Outcome(cards[0], tuple(ev.CardChanged(c.workshop_id, c) for c in cards))


def paper_card(
    conn: sqlite3.Connection,
    workshop_id: int,
    phase_id: int,
    party_key: str,
    text: str,
    target_party: str | None = None,
) -> Outcome[Card]:
    """A card from a paper note, typed in on behalf of a party; it needs no open phase."""
    phase = conn.execute(
        "SELECT kind FROM phase WHERE id = ? AND workshop_id = ?", (phase_id, workshop_id)
    ).fetchone()
    if phase is None or phase[0] != PhaseKind.COLLECT.value:
        raise NotFound("collect phase")
    for key in filter(None, (party_key, target_party)):
        if not conn.execute(
            "SELECT 1 FROM party WHERE workshop_id = ? AND key = ?", (workshop_id, key)
        ).fetchone():
            raise NotFound(f"party {key}")
    text = card_text(text)
    cur = conn.execute(
        "INSERT INTO card (id, workshop_id, phase_id, party_key, client_id, text, target_party, "
        "created_at, source) VALUES (?,?,?,?,?,?,?,?, 'paper')",
        (
            next_id(conn),
            workshop_id,
            phase_id,
            party_key,
            str(uuid.uuid4()),
            text,
            target_party,
            time.time(),
        ),
    )
    card = _card(conn, int(cur.lastrowid or 0))
    return Outcome(card, (ev.CardAdded(workshop_id, card),))


# What the facilitator reads when a typed text is refused (cardtext's codes).
_TEXT_SAY = {
    "text_empty": N_("Teksten kan ikke være tom."),
    "text_too_long": N_("Teksten er for lang (høyst {max} tegn)."),
    "too_many_lines": N_("Teksten har for mange linjer (høyst {max})."),
    "invalid_text": N_("Teksten inneholder tegn som ikke er tillatt."),
    "invalid_value": N_("Teksten kan ikke være tom."),
}


def card_text(text: str, max_len: int = 2000) -> str:
    """The facilitator's text through the same validator as a phone's (facilitator/cardtext.py)."""
    try:
        return cardtext.clean(text, max_len=max_len)
    except cardtext.TextRefused as refused:
        raise StoreError(refused.code, say=_TEXT_SAY[refused.code], **refused.params) from None


def set_hidden(conn: sqlite3.Connection, card_id: int, hidden: bool) -> Outcome[Card]:
    conn.execute("UPDATE card SET hidden = ? WHERE id = ?", (int(hidden), _card(conn, card_id).id))
    return _changed(conn, card_id)


def approve(conn: sqlite3.Connection, card_id: int) -> Outcome[Card]:
    """Let a held card onto the wall (moderation)."""
    conn.execute("UPDATE card SET pending = 0 WHERE id = ?", (_card(conn, card_id).id,))
    return _changed(conn, card_id)


def edit_text(conn: sqlite3.Connection, card_id: int, text: str) -> Outcome[Card]:
    """Fix a typo; the participant's original wording is kept beside the edit."""
    card = _card(conn, card_id)
    text = card_text(text)
    if text != card.text:
        conn.execute(
            "UPDATE card SET text = ?, original_text = COALESCE(original_text, ?) WHERE id = ?",
            (text, card.text, card_id),
        )
    return _changed(conn, card_id)


def merge(conn: sqlite3.Connection, keep_id: int, duplicate_ids: list[int]) -> Outcome[Card]:
    """Fold duplicates into one card; they stay stored (and countable) but leave the wall."""
    keep = _card(conn, keep_id)
    if keep.merged_into:
        raise Conflict(
            "card is itself merged", say=N_("Kortet er allerede slått sammen med et annet.")
        )
    others = [i for i in duplicate_ids if i != keep_id]
    for card_id in others:
        dup = _card(conn, card_id)
        if dup.workshop_id != keep.workshop_id:
            raise Conflict("cards of different workshops")
        # Cards already merged into the duplicate follow it to the kept card.
        conn.execute("UPDATE card SET merged_into = ? WHERE merged_into = ?", (keep_id, card_id))
        conn.execute("UPDATE card SET merged_into = ? WHERE id = ?", (keep_id, card_id))
    return _changed(conn, keep_id, *others)


def unmerge(conn: sqlite3.Connection, keep_id: int) -> Outcome[Card]:
    ids = [r[0] for r in conn.execute("SELECT id FROM card WHERE merged_into = ?", (keep_id,))]
    conn.execute("UPDATE card SET merged_into = NULL WHERE merged_into = ?", (keep_id,))
    return _changed(conn, keep_id, *ids)


def merged_counts(conn: sqlite3.Connection, workshop_id: int) -> dict[int, int]:
    cur = conn.execute(
        "SELECT merged_into, COUNT(*) FROM card WHERE workshop_id = ? AND merged_into IS NOT NULL "
        "GROUP BY 1",
        (workshop_id,),
    )
    return dict(cur.fetchall())


# -- reads -------------------------------------------------------------------------------------


def of_workshop(
    conn: sqlite3.Connection, workshop_id: int, phase_id: int | None = None, *, after_id: int = 0
) -> list[Card]:
    sql = f"SELECT {rows.CARD_COLUMNS} FROM card WHERE workshop_id = ? AND id > ?"
    params: list[Any] = [workshop_id, after_id]
    if phase_id is not None:
        sql += " AND phase_id = ?"
        params.append(phase_id)
    return [rows.card(r) for r in conn.execute(sql + " ORDER BY id", params)]


def of_participant(conn: sqlite3.Connection, participant: Participant, phase_id: int) -> list[Card]:
    cur = conn.execute(
        f"SELECT {rows.CARD_COLUMNS} FROM card WHERE participant_id = ? AND phase_id = ? "
        "ORDER BY id",
        (participant.id, phase_id),
    )
    return [rows.card(r) for r in cur]


def senders(conn: sqlite3.Connection, phase_id: int) -> dict[str, tuple[int, int]]:
    """Per party in a phase: (participants who sent a card, cards on the wall).

    What the anonymity rule counts: people who took part (hidden and held cards don't count;
    a merged-away duplicate's sender does; paper cards count nobody), not phones that joined."""
    cur = conn.execute(
        "SELECT party_key, COUNT(DISTINCT participant_id), "
        "SUM(merged_into IS NULL) FROM card "
        "WHERE phase_id = ? AND hidden = 0 AND pending = 0 GROUP BY 1",
        (phase_id,),
    )
    return {party: (people, count) for party, people, count in cur}


def waiting(conn: sqlite3.Connection, phase_id: int) -> int:
    """Cards held for the facilitator's approval in a phase."""
    return int(
        conn.execute(
            "SELECT COUNT(*) FROM card WHERE phase_id = ? AND pending = 1 AND hidden = 0",
            (phase_id,),
        ).fetchone()[0]
    )


def languages(conn: sqlite3.Connection, workshop_id: int) -> dict[str, int]:
    """How many of the workshop's cards came from phones in each language."""
    cur = conn.execute(
        "SELECT p.lang, COUNT(*) FROM card c JOIN participant p ON p.id = c.participant_id "
        "WHERE c.workshop_id = ? GROUP BY 1",
        (workshop_id,),
    )
    return dict(cur.fetchall())
