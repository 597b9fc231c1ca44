"""Actions (tiltak): what the room decides to do, by whom and by when, with every change of
status kept in their history; a series' next meeting carries the open ones on."""

from __future__ import annotations

import sqlite3
import time

from facilitator import events as ev
from facilitator.i18n import N_
from facilitator.model import Action, ActionStatus, parse_date
from facilitator.store import rows
from facilitator.store.errors import NotFound, Outcome, StoreError

ACTION_FIELDS = ("title", "owner", "deadline", "focus_area", "note")


def _action(conn: sqlite3.Connection, action_id: int) -> Action:
    row = conn.execute(
        f"SELECT {rows.ACTION_COLUMNS} FROM action WHERE id = ?", (action_id,)
    ).fetchone()
    if row is None:
        raise NotFound(f"action {action_id}")
    return rows.action(row)


def _check(field: str, value: str) -> str:
    value = value.strip()
    if field == "title" and not value:
        raise StoreError(say=N_("Et tiltak trenger en beskrivelse."))
    if field == "deadline" and value:
        # Norwegians write 31.03.2026; the table stores 2026-03-31 so that it sorts.
        if (iso := parse_date(value)) is not None:
            return iso
        raise StoreError(say=N_("Fristen skrives DD.MM.ÅÅÅÅ eller ÅÅÅÅ-MM-DD."))
    return value


def add_action(
    conn: sqlite3.Connection,
    workshop_id: int,
    title: str,
    *,
    owner: str = "",
    deadline: str = "",
    focus_area: str = "",
    note: str = "",
    carried_from: int | None = None,
    status: ActionStatus = ActionStatus.NOT_STARTED,
) -> Outcome[Action]:
    values = {
        f: _check(f, v)
        for f, v in {
            "title": title,
            "owner": owner,
            "deadline": deadline,
            "focus_area": focus_area,
            "note": note,
        }.items()
    }
    cur = conn.execute(
        "INSERT INTO action (workshop_id, title, owner, deadline, focus_area, note, status, "
        "carried_from, created_at) VALUES (?,?,?,?,?,?,?,?,?)",
        (
            workshop_id,
            values["title"],
            values["owner"],
            values["deadline"],
            values["focus_area"],
            values["note"],
            status.value,
            carried_from,
            time.time(),
        ),
    )
    action = _action(conn, int(cur.lastrowid or 0))
    conn.execute(
        "INSERT INTO action_history (action_id, status, note, changed_at) VALUES (?,?,?,?)",
        (action.id, status.value, "opprettet", time.time()),
    )
    return Outcome(action, (ev.ActionsChanged(workshop_id),))


def update_action(
    conn: sqlite3.Connection, action_id: int, field: str, value: str
) -> Outcome[Action]:
    if field not in ACTION_FIELDS:
        raise StoreError(f"unknown field {field}")
    action = _action(conn, action_id)
    conn.execute(f"UPDATE action SET {field} = ? WHERE id = ?", (_check(field, value), action_id))
    return Outcome(_action(conn, action_id), (ev.ActionsChanged(action.workshop_id),))


def set_status(
    conn: sqlite3.Connection, action_id: int, status: ActionStatus, note: str = ""
) -> Outcome[Action]:
    """Change an action's status; every change is kept in its history."""
    action = _action(conn, action_id)
    conn.execute("UPDATE action SET status = ? WHERE id = ?", (status.value, action_id))
    conn.execute(
        "INSERT INTO action_history (action_id, status, note, changed_at) VALUES (?,?,?,?)",
        (action_id, status.value, note, time.time()),
    )
    return Outcome(_action(conn, action_id), (ev.ActionsChanged(action.workshop_id),))


def delete_action(conn: sqlite3.Connection, action_id: int) -> Outcome[None]:
    action = _action(conn, action_id)
    conn.execute("DELETE FROM action WHERE id = ?", (action_id,))
    return Outcome(None, (ev.ActionsChanged(action.workshop_id),))


def card_to_action(conn: sqlite3.Connection, card_id: int) -> Outcome[Action]:
    """A participant's proposal becomes an action (owner and deadline to be filled in)."""
    row = conn.execute(
        "SELECT c.workshop_id, c.text, COALESCE(f.label, '') FROM card c "
        "LEFT JOIN focus_area f ON f.id = c.focus_area_id WHERE c.id = ?",
        (card_id,),
    ).fetchone()
    if row is None:
        raise NotFound(f"card {card_id}")
    return add_action(conn, row[0], row[1], focus_area=row[2])


# -- reads -------------------------------------------------------------------------------------


def of_workshop(conn: sqlite3.Connection, workshop_id: int) -> list[Action]:
    cur = conn.execute(
        f"SELECT {rows.ACTION_COLUMNS} FROM action WHERE workshop_id = ? ORDER BY id",
        (workshop_id,),
    )
    return [rows.action(r) for r in cur]


def history(conn: sqlite3.Connection, action_id: int) -> list[tuple[str, str, float]]:
    """(status, note, when) for every change of an action and of the actions it carries on."""
    ids = [action_id]
    while True:
        row = conn.execute("SELECT carried_from FROM action WHERE id = ?", (ids[-1],)).fetchone()
        if row is None or row[0] is None:
            break
        ids.append(row[0])
    marks = ",".join("?" * len(ids))
    cur = conn.execute(
        f"SELECT status, note, changed_at FROM action_history WHERE action_id IN ({marks}) "
        "ORDER BY changed_at, id",
        ids,
    )
    return [tuple(r) for r in cur]
