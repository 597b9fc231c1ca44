"""Agreements (Vi er enige om): what the room agreed on, typed in by the facilitator."""

from __future__ import annotations

import sqlite3
import time

from facilitator import events as ev
from facilitator.model import Agreement
from facilitator.store.cards import card_text
from facilitator.store.errors import Outcome


def add_agreement(
    conn: sqlite3.Connection, workshop_id: int, phase_id: int | None, text: str
) -> Outcome[Agreement]:
    text = card_text(text)
    cur = conn.execute(
        "INSERT INTO agreement (workshop_id, phase_id, text, created_at) VALUES (?,?,?,?)",
        (workshop_id, phase_id, text, time.time()),
    )
    agreement = Agreement(int(cur.lastrowid or 0), workshop_id, phase_id, text)
    return Outcome(agreement, (ev.WorkshopChanged(workshop_id),))


def of_workshop(conn: sqlite3.Connection, workshop_id: int) -> list[Agreement]:
    cur = conn.execute(
        "SELECT id, workshop_id, phase_id, text FROM agreement WHERE workshop_id = ? ORDER BY id",
        (workshop_id,),
    )
    return [Agreement(*r) for r in cur]
