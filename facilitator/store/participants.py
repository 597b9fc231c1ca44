"""Phones: joining a workshop, and finding a phone again by its token."""

from __future__ import annotations

import hashlib
import secrets
import sqlite3

from facilitator import events as ev
from facilitator.i18n import N_
from facilitator.model import Participant, WorkshopStatus
from facilitator.store import rows
from facilitator.store.errors import Conflict, NotFound, Outcome
from facilitator.store.workshops import require


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def add_participant(
    conn: sqlite3.Connection, workshop_id: int, party_key: str, lang: str
) -> Outcome[tuple[Participant, str]]:
    """A phone joins; returns it and its token (only the token's hash is stored)."""
    ws = require(conn, workshop_id)
    if ws.status is WorkshopStatus.CLOSED:
        raise Conflict("workshop closed", say=N_("Workshopen er avsluttet."))
    if (
        conn.execute(
            "SELECT 1 FROM party WHERE workshop_id = ? AND key = ?", (workshop_id, party_key)
        ).fetchone()
        is None
    ):
        raise NotFound(f"party {party_key}")
    token = secrets.token_urlsafe(24)
    cur = conn.execute(
        "INSERT INTO participant (workshop_id, token_hash, party_key, lang) VALUES (?,?,?,?)",
        (workshop_id, hash_token(token), party_key, lang),
    )
    participant = Participant(int(cur.lastrowid or 0), workshop_id, party_key, lang)
    return Outcome((participant, token), (ev.ParticipantJoined(workshop_id, party_key),))


# -- reads -------------------------------------------------------------------------------------


def by_token(conn: sqlite3.Connection, workshop_id: int, token: str) -> Participant | None:
    row = conn.execute(
        "SELECT id, workshop_id, party_key, lang FROM participant "
        "WHERE token_hash = ? AND workshop_id = ?",
        (hash_token(token), workshop_id),
    ).fetchone()
    return rows.participant(row) if row else None
