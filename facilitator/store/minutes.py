"""The secretary's part of the store: attendance, notes and decisions per item, exemptions,
the meeting's time and its sak numbers.

Writes are operations on the write connection (run through `Store.write`); reads take a
connection too and are run through `Store.read`, so that db.py does not grow for every view.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from facilitator import events as ev
from facilitator.i18n import N_
from facilitator.meeting import Attendee, ItemNote, Meeting, Presence
from facilitator.store.errors import NotFound, Outcome, StoreError

NAME_MAX = 200


def _workshop_of(conn: sqlite3.Connection, phase_id: int) -> int:
    row = conn.execute("SELECT workshop_id FROM phase WHERE id = ?", (phase_id,)).fetchone()
    if row is None:
        raise NotFound(f"phase {phase_id}")
    return int(row[0])


def _party_exists(conn: sqlite3.Connection, workshop_id: int, party_key: str) -> None:
    if not conn.execute(
        "SELECT 1 FROM party WHERE workshop_id = ? AND key = ?", (workshop_id, party_key)
    ).fetchone():
        raise StoreError(
            f"unknown party {party_key}", say=N_("Ukjent part «{party}»."), party=party_key
        )


# -- attendance ---------------------------------------------------------------------------------


def add_attendee(
    conn: sqlite3.Connection,
    workshop_id: int,
    party_key: str,
    name: str,
    role: str = "",
    status: Presence = Presence.PRESENT,
) -> Outcome[int]:
    name = " ".join(name.split())
    if not name or len(name) > NAME_MAX:
        raise StoreError("bad name", say=N_("Et navn må ha mellom 1 og 200 tegn."))
    _party_exists(conn, workshop_id, party_key)
    last = conn.execute(
        "SELECT COALESCE(MAX(position), 0) FROM attendee WHERE workshop_id = ?", (workshop_id,)
    ).fetchone()[0]
    cur = conn.execute(
        "INSERT INTO attendee (workshop_id, party_key, name, role, status, position) "
        "VALUES (?,?,?,?,?,?)",
        (workshop_id, party_key, name, " ".join(role.split()), Presence(status).value, last + 1),
    )
    return Outcome(int(cur.lastrowid or 0), (ev.WorkshopChanged(workshop_id),))


def replace_party_attendance(
    conn: sqlite3.Connection,
    workshop_id: int,
    party_key: str,
    people: list[tuple[str, str, Presence]],
) -> Outcome[int]:
    """The editor's text box for one party, saved as a whole: the list becomes exactly these lines."""
    _party_exists(conn, workshop_id, party_key)
    conn.execute(
        "DELETE FROM attendee WHERE workshop_id = ? AND party_key = ?", (workshop_id, party_key)
    )
    for name, role, status in people:
        add_attendee(conn, workshop_id, party_key, name, role, status)
    return Outcome(len(people), (ev.WorkshopChanged(workshop_id),))


def remove_attendee(conn: sqlite3.Connection, attendee_id: int) -> Outcome[None]:
    row = conn.execute("SELECT workshop_id FROM attendee WHERE id = ?", (attendee_id,)).fetchone()
    if row is None:
        raise NotFound(f"attendee {attendee_id}")
    conn.execute("DELETE FROM attendee WHERE id = ?", (attendee_id,))
    return Outcome(None, (ev.WorkshopChanged(row[0]),))


def attendees(conn: sqlite3.Connection, workshop_id: int) -> list[Attendee]:
    """In the order of the parties, then as entered."""
    cur = conn.execute(
        "SELECT a.id, a.workshop_id, a.party_key, a.name, a.role, a.status, a.position "
        "FROM attendee a LEFT JOIN party p ON p.workshop_id = a.workshop_id AND p.key = a.party_key "
        "WHERE a.workshop_id = ? ORDER BY p.position, a.position",
        (workshop_id,),
    )
    return [Attendee(r[0], r[1], r[2], r[3], r[4], Presence(r[5]), r[6]) for r in cur]


def copy_attendance(conn: sqlite3.Connection, source_id: int, target_id: int) -> None:
    """The follow-up meeting starts from last time's list (everyone present until told otherwise)."""
    conn.execute(
        "INSERT INTO attendee (workshop_id, party_key, name, role, status, position) "
        "SELECT ?, a.party_key, a.name, a.role, 'present', a.position FROM attendee a "
        "WHERE a.workshop_id = ? AND EXISTS "
        "(SELECT 1 FROM party p WHERE p.workshop_id = ? AND p.key = a.party_key) ORDER BY a.position",
        (target_id, source_id, target_id),
    )


# -- notes, decisions, exemption per item -------------------------------------------------------


def set_item_note(
    conn: sqlite3.Connection,
    phase_id: int,
    *,
    discussion: str | None = None,
    decision: str | None = None,
) -> Outcome[None]:
    """Saved as typed: the notes pane writes on every change, so nothing is lost to a crash."""
    workshop_id = _workshop_of(conn, phase_id)
    conn.execute("INSERT OR IGNORE INTO item_note (phase_id) VALUES (?)", (phase_id,))
    if discussion is not None:
        conn.execute(
            "UPDATE item_note SET discussion = ? WHERE phase_id = ?", (discussion, phase_id)
        )
    if decision is not None:
        conn.execute("UPDATE item_note SET decision = ? WHERE phase_id = ?", (decision, phase_id))
    return Outcome(None, (ev.WorkshopChanged(workshop_id),))


def set_exempt(conn: sqlite3.Connection, phase_id: int, basis: str | None) -> Outcome[None]:
    """Mark an item unntatt offentlighet with its legal basis (free text); None makes it public."""
    workshop_id = _workshop_of(conn, phase_id)
    if basis is not None and not basis.strip():
        raise StoreError("no legal basis", say=N_("Skriv hjemmelen, for eksempel «offl. § 14»."))
    conn.execute("INSERT OR IGNORE INTO item_note (phase_id) VALUES (?)", (phase_id,))
    conn.execute(
        "UPDATE item_note SET exempt_basis = ? WHERE phase_id = ?",
        (basis.strip() if basis else None, phase_id),
    )
    return Outcome(None, (ev.WorkshopChanged(workshop_id),))


def item_notes(conn: sqlite3.Connection, workshop_id: int) -> dict[int, ItemNote]:
    cur = conn.execute(
        "SELECT n.phase_id, n.discussion, n.decision, n.exempt_basis FROM item_note n "
        "JOIN phase p ON p.id = n.phase_id WHERE p.workshop_id = ?",
        (workshop_id,),
    )
    return {r[0]: ItemNote(r[0], r[1], r[2], r[3]) for r in cur}


# -- the meeting: time, sak numbers ---------------------------------------------------------------


def set_meeting(
    conn: sqlite3.Connection,
    workshop_id: int,
    *,
    time: str | None = None,
    first_item: int | bool | None = False,
) -> Outcome[None]:
    """`first_item=None` goes back to numbering after the series; False leaves it as it is."""
    conn.execute("INSERT OR IGNORE INTO meeting (workshop_id) VALUES (?)", (workshop_id,))
    if time is not None:
        conn.execute(
            "UPDATE meeting SET time = ? WHERE workshop_id = ?", (time.strip(), workshop_id)
        )
    if first_item is not False:
        if first_item is not None and not (isinstance(first_item, int) and 1 <= first_item <= 999):
            raise StoreError("bad sak number", say=N_("Saksnummeret må være mellom 1 og 999."))
        conn.execute(
            "UPDATE meeting SET first_item = ? WHERE workshop_id = ?", (first_item, workshop_id)
        )
    return Outcome(None, (ev.WorkshopChanged(workshop_id),))


def meeting(conn: sqlite3.Connection, workshop_id: int) -> Meeting:
    row = conn.execute(
        "SELECT time, first_item FROM meeting WHERE workshop_id = ?", (workshop_id,)
    ).fetchone()
    return Meeting(workshop_id, row[0], row[1]) if row else Meeting(workshop_id)


def first_item(conn: sqlite3.Connection, workshop_id: int, depth: int = 0) -> int:
    """The number of this meeting's first sak: set by hand, or one past the last sak of the
    previous meeting in the series held the same year (municipalities number through the year)."""
    chosen = meeting(conn, workshop_id).first_item
    if chosen is not None:
        return chosen
    row = conn.execute(
        "SELECT w.date, w.follows_id, p.date FROM workshop w LEFT JOIN workshop p "
        "ON p.id = w.follows_id WHERE w.id = ?",
        (workshop_id,),
    ).fetchone()
    if row is None or row[1] is None or depth > 50:
        return 1
    date, previous, previous_date = row
    if not date or not previous_date or date[:4] != previous_date[:4]:
        return 1
    items = conn.execute("SELECT COUNT(*) FROM phase WHERE workshop_id = ?", (previous,)).fetchone()
    return first_item(conn, previous, depth + 1) + int(items[0])


# -- the full-fidelity archive (store.portable) ---------------------------------------------------


def dump_part(
    conn: sqlite3.Connection, workshop_id: int, phase_pos: dict[int, int]
) -> dict[str, object]:
    """The secretary's part of the archive document; phases referred to by position."""
    held = meeting(conn, workshop_id)
    return {
        "meeting": {"time": held.time, "first_item": held.first_item},
        "attendance": [
            {"party": a.party_key, "name": a.name, "role": a.role, "status": a.status.value}
            for a in attendees(conn, workshop_id)
        ],
        "item_notes": [
            {
                "phase": phase_pos[n.phase_id],
                "discussion": n.discussion,
                "decision": n.decision,
                "exempt_basis": n.exempt_basis,
            }
            for n in sorted(item_notes(conn, workshop_id).values(), key=lambda n: n.phase_id)
        ],
    }


def load_part(
    conn: sqlite3.Connection, workshop_id: int, doc: dict[str, object], phase_id: dict[int, int]
) -> None:
    """Restore what dump_part wrote; an archive from before these fields simply has none."""
    held = doc.get("meeting") or {}
    assert isinstance(held, dict)
    if held:
        conn.execute(
            "INSERT INTO meeting (workshop_id, time, first_item) VALUES (?,?,?)",
            (workshop_id, held.get("time", ""), held.get("first_item")),
        )
    attendance: list[dict[str, Any]] = doc.get("attendance") or []  # type: ignore[assignment]
    for position, a in enumerate(attendance, start=1):
        conn.execute(
            "INSERT INTO attendee (workshop_id, party_key, name, role, status, position) "
            "VALUES (?,?,?,?,?,?)",
            (workshop_id, a["party"], a["name"], a["role"], Presence(a["status"]).value, position),
        )
    item_notes: list[dict[str, Any]] = doc.get("item_notes") or []  # type: ignore[assignment]
    for n in item_notes:
        conn.execute(
            "INSERT INTO item_note (phase_id, discussion, decision, exempt_basis) VALUES (?,?,?,?)",
            (phase_id[n["phase"]], n["discussion"], n["decision"], n["exempt_basis"]),
        )
