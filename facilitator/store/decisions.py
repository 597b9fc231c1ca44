"""What the room decides: vote options, revealing results, proxy dots, actions, follow-up meetings."""

from __future__ import annotations

import sqlite3
import time

from facilitator import events as ev
from facilitator.i18n import N_
from facilitator.model import Action, ActionStatus, PhaseKind, parse_date
from facilitator.store import minutes, rows
from facilitator.store.ops import (
    Conflict,
    InvalidValue,
    NotFound,
    Outcome,
    StoreError,
    create_workshop,
)
from facilitator.templates import Template

# -- voting and pulse --------------------------------------------------------------------------


def _phase(conn: sqlite3.Connection, phase_id: int) -> tuple[int, str]:
    row = conn.execute("SELECT workshop_id, kind FROM phase WHERE id = ?", (phase_id,)).fetchone()
    if row is None:
        raise NotFound(f"phase {phase_id}")
    return row[0], row[1]


def add_option(conn: sqlite3.Connection, phase_id: int, label: str) -> Outcome[int]:
    """An option the facilitator types in (when a vote runs over something other than focus areas)."""
    workshop_id, kind = _phase(conn, phase_id)
    if kind != PhaseKind.VOTE.value:
        raise Conflict("not a vote phase", say=N_("Åpne en prioritering først."))
    if not label.strip():
        raise StoreError("empty label", say=N_("Valget trenger en tekst."))
    last = conn.execute(
        "SELECT COALESCE(MAX(position), 0) FROM vote_option WHERE phase_id = ?", (phase_id,)
    ).fetchone()[0]
    cur = conn.execute(
        "INSERT INTO vote_option (phase_id, label, position) VALUES (?,?,?)",
        (phase_id, label.strip(), last + 1),
    )
    return Outcome(int(cur.lastrowid or 0), (ev.WorkshopChanged(workshop_id),))


def reveal(conn: sqlite3.Connection, phase_id: int, revealed: bool) -> Outcome[None]:
    workshop_id, _ = _phase(conn, phase_id)
    conn.execute("UPDATE phase SET revealed = ? WHERE id = ?", (int(revealed), phase_id))
    return Outcome(None, (ev.VotesChanged(workshop_id, phase_id), ev.WorkshopChanged(workshop_id)))


def proxy_dots(
    conn: sqlite3.Connection, phase_id: int, option_id: int, party_key: str, dots: int
) -> Outcome[None]:
    """Dots cast by the facilitator for someone without a phone; recorded as proxy votes."""
    workshop_id, kind = _phase(conn, phase_id)
    if kind != PhaseKind.VOTE.value:
        raise Conflict("not a vote phase", say=N_("Åpne en prioritering først."))
    if not conn.execute(
        "SELECT 1 FROM vote_option WHERE id = ? AND phase_id = ?", (option_id, phase_id)
    ).fetchone():
        raise InvalidValue("unknown_option")
    if not 1 <= dots <= 50:
        raise InvalidValue("invalid_value")
    conn.execute(
        "INSERT INTO vote (option_id, participant_id, party_key, dots, proxy) VALUES (?, NULL, ?, ?, 1)",
        (option_id, party_key, dots),
    )
    return Outcome(None, (ev.VotesChanged(workshop_id, phase_id),))


# -- actions -----------------------------------------------------------------------------------

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


# -- a series of meetings -------------------------------------------------------------------------


def follow_up(
    conn: sqlite3.Connection,
    previous_id: int,
    template: Template,
    *,
    title: str,
    municipality: str | None = None,
    date: str = "",
    place: str = "",
    code: str | None = None,
) -> Outcome[int]:
    """The next meeting of a series: it starts with every open action of the previous one, its
    prosessleder and referent, and its attendance list."""
    row = conn.execute(
        "SELECT title, municipality, series, anonymity_limit, text_max, dots, facilitator, referent "
        "FROM workshop WHERE id = ?",
        (previous_id,),
    ).fetchone()
    if row is None:
        raise NotFound(f"workshop {previous_id}")
    prev_title, prev_municipality, series, anonymity, text_max, dots, leader, referent = row
    series = series or prev_title
    conn.execute(
        "UPDATE workshop SET series = ? WHERE id = ? AND series = ''", (series, previous_id)
    )
    created = create_workshop(
        conn,
        template,
        title=title,
        municipality=prev_municipality if municipality is None else municipality,
        date=date,
        place=place,
        code=code,
        anonymity_limit=anonymity,
        text_max=text_max,
        dots=dots,
    )
    new_id = created.value
    conn.execute(
        "UPDATE workshop SET series = ?, follows_id = ?, facilitator = ?, referent = ? WHERE id = ?",
        (series, previous_id, leader, referent, new_id),
    )
    # Last time's people are the starting point of this meeting's Til stede.
    minutes.copy_attendance(conn, previous_id, new_id)
    carried = conn.execute(
        f"SELECT {rows.ACTION_COLUMNS} FROM action WHERE workshop_id = ? AND status IN (?, ?) ORDER BY id",
        (previous_id, ActionStatus.NOT_STARTED.value, ActionStatus.IN_PROGRESS.value),
    ).fetchall()
    for r in carried:
        old = rows.action(r)
        add_action(
            conn,
            new_id,
            old.title,
            owner=old.owner,
            deadline=old.deadline,
            focus_area=old.focus_area,
            note=old.note,
            carried_from=old.id,
            status=old.status,
        )
    return Outcome(new_id, (*created.events, ev.ActionsChanged(new_id)))
