"""Workshops and their parties: creating one (from a template, or as the next meeting of a
series), editing its settings, closing and deleting it; and the reads of a workshop's state."""

from __future__ import annotations

import json
import secrets
import sqlite3
import time
from typing import Any

from facilitator import events as ev
from facilitator.i18n import N_
from facilitator.model import ActionStatus, PartyTally, Workshop, WorkshopState
from facilitator.store import minutes, rows
from facilitator.store.actions import add_action
from facilitator.store.errors import NotFound, Outcome, StoreError
from facilitator.templates import Template

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud and typed by hand


def new_code(conn: sqlite3.Connection) -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
        if conn.execute("SELECT 1 FROM workshop WHERE code = ?", (code,)).fetchone() is None:
            return code


def create_workshop(
    conn: sqlite3.Connection,
    template: Template,
    *,
    title: str,
    municipality: str = "",
    date: str = "",
    place: str = "",
    code: str | None = None,
    lang: str = "nb",
    anonymity_limit: int = 3,
    text_max: int = 500,
    dots: int = 3,
) -> Outcome[int]:
    code = code or new_code(conn)
    cur = conn.execute(
        "INSERT INTO workshop (code, title, template, municipality, date, place, lang, "
        "anonymity_limit, text_max, dots, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (
            code,
            title,
            template.key,
            municipality,
            date,
            place,
            lang,
            anonymity_limit,
            text_max,
            dots,
            time.time(),
        ),
    )
    workshop_id = int(cur.lastrowid or 0)
    conn.executemany(
        "INSERT INTO party (workshop_id, key, names, color, position, seats) VALUES (?,?,?,?,?,?)",
        [
            (workshop_id, p.key, json.dumps(p.names, ensure_ascii=False), p.color, i, p.seats)
            for i, p in enumerate(template.parties, start=1)
        ],
    )
    conn.executemany(
        "INSERT INTO phase (workshop_id, position, kind, category, titles, prompts) "
        "VALUES (?,?,?,?,?,?)",
        [
            (
                workshop_id,
                i,
                s.kind.value,
                s.category.value if s.category else None,
                json.dumps(s.titles, ensure_ascii=False),
                json.dumps(s.prompts, ensure_ascii=False),
            )
            for i, s in enumerate(template.phases, start=1)
        ],
    )
    # A template's themes become the first focus areas: the facilitator's own, never renamed.
    conn.executemany(
        "INSERT INTO focus_area (workshop_id, label, position, label_by_hand, origin) "
        "VALUES (?,?,?,1,'theme')",
        [(workshop_id, label, i) for i, label in enumerate(template.themes, start=1)],
    )
    return Outcome(workshop_id, (ev.WorkshopChanged(workshop_id),))


def require(conn: sqlite3.Connection, workshop_id: int) -> Workshop:
    """The workshop, or NotFound: for operations that need it to exist."""
    row = conn.execute(
        f"SELECT {rows.WORKSHOP_COLUMNS} FROM workshop WHERE id = ?", (workshop_id,)
    ).fetchone()
    if row is None:
        raise NotFound(f"workshop {workshop_id}")
    return rows.workshop(row)


def close_workshop(conn: sqlite3.Connection, workshop_id: int) -> Outcome[None]:
    require(conn, workshop_id)
    conn.execute(
        "UPDATE phase SET status = 'closed' WHERE workshop_id = ? AND status = 'open'",
        (workshop_id,),
    )
    conn.execute("UPDATE workshop SET status = 'closed' WHERE id = ?", (workshop_id,))
    phase = conn.execute(
        f"SELECT {rows.PHASE_COLUMNS} FROM phase p WHERE id = (SELECT current_phase_id FROM workshop WHERE id = ?)",
        (workshop_id,),
    ).fetchone()
    return Outcome(
        None,
        (
            ev.PhaseChanged(workshop_id, rows.phase(phase) if phase else None),
            ev.WorkshopChanged(workshop_id),
        ),
    )


def delete_workshop(conn: sqlite3.Connection, workshop_id: int) -> Outcome[None]:
    require(conn, workshop_id)
    # vote, rating and action history hang off phases and actions; the cascade reaches them all.
    conn.execute("DELETE FROM workshop WHERE id = ?", (workshop_id,))
    return Outcome(None, (ev.WorkshopChanged(workshop_id),))


# -- settings and parties ---------------------------------------------------------------------

WORKSHOP_FIELDS = {
    "title": str,
    "municipality": str,
    "date": str,
    "place": str,
    "facilitator": str,
    "referent": str,
    "moderation": bool,
    "anonymity_limit": int,
    "dots": int,
    "text_max": int,
    "wifi_ssid": str,
    "wifi_password": str,
}
_BOUNDS = {"anonymity_limit": (1, 50), "dots": (1, 20), "text_max": (20, 2000)}


def update_workshop(conn: sqlite3.Connection, workshop_id: int, **fields: Any) -> Outcome[None]:
    for name, value in fields.items():
        kind = WORKSHOP_FIELDS.get(name)
        if kind is None:
            raise StoreError(f"unknown field {name}")
        if name in _BOUNDS:
            low, high = _BOUNDS[name]
            if not isinstance(value, int) or not low <= value <= high:
                raise StoreError(
                    f"{name} out of range",
                    say=N_("Verdien må være mellom {low} og {high}."),
                    low=low,
                    high=high,
                )
        if name == "title" and not str(value).strip():
            raise StoreError("no title", say=N_("En workshop trenger en tittel."))
        if name == "wifi_ssid" and len(str(value).strip().encode("utf-8")) > 32:
            raise StoreError("ssid too long", say=N_("Nettverksnavnet kan være høyst 32 byte."))
        if name == "wifi_password" and value and not 8 <= len(str(value)) <= 63:
            raise StoreError("wifi password", say=N_("Et WPA-passord har 8–63 tegn."))
        stored = int(value) if kind is bool else kind(value)
        conn.execute(f"UPDATE workshop SET {name} = ? WHERE id = ?", (stored, workshop_id))
    return Outcome(None, (ev.WorkshopChanged(workshop_id),))


def update_party(
    conn: sqlite3.Connection,
    workshop_id: int,
    key: str,
    *,
    name: str | None = None,
    color: str | None = None,
    seats: int | None = None,
    lang: str = "nb",
) -> Outcome[None]:
    row = conn.execute(
        "SELECT names FROM party WHERE workshop_id = ? AND key = ?", (workshop_id, key)
    ).fetchone()
    if row is None:
        raise NotFound(f"party {key}")
    if name is not None:
        if not name.strip():
            raise StoreError("no party name", say=N_("En part trenger et navn."))
        names = json.loads(row[0])
        names[lang] = name.strip()
        conn.execute(
            "UPDATE party SET names = ? WHERE workshop_id = ? AND key = ?",
            (json.dumps(names, ensure_ascii=False), workshop_id, key),
        )
    if color is not None:
        conn.execute(
            "UPDATE party SET color = ? WHERE workshop_id = ? AND key = ?",
            (color, workshop_id, key),
        )
    if seats is not None:
        conn.execute(
            "UPDATE party SET seats = ? WHERE workshop_id = ? AND key = ?",
            (seats or None, workshop_id, key),
        )
    return Outcome(None, (ev.WorkshopChanged(workshop_id),))


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


# -- reads -------------------------------------------------------------------------------------


def list_all(conn: sqlite3.Connection) -> list[Workshop]:
    cur = conn.execute(f"SELECT {rows.WORKSHOP_COLUMNS} FROM workshop ORDER BY id DESC")
    return [rows.workshop(r) for r in cur]


def get(conn: sqlite3.Connection, workshop_id: int) -> Workshop | None:
    row = conn.execute(
        f"SELECT {rows.WORKSHOP_COLUMNS} FROM workshop WHERE id = ?", (workshop_id,)
    ).fetchone()
    return rows.workshop(row) if row else None


def by_code(conn: sqlite3.Connection, code: str) -> Workshop | None:
    row = conn.execute(
        f"SELECT {rows.WORKSHOP_COLUMNS} FROM workshop WHERE code = ?", (code.upper(),)
    ).fetchone()
    return rows.workshop(row) if row else None


def resolve(conn: sqlite3.Connection, ref: str) -> Workshop | None:
    """A workshop by id ("7") or join code ("K7QX3M")."""
    ref = ref.strip()
    return get(conn, int(ref)) if ref.isdigit() else by_code(conn, ref)


_PARTIES = (
    "SELECT key, names, color, position, seats FROM party WHERE workshop_id = ? ORDER BY position"
)


def state(conn: sqlite3.Connection, workshop_id: int) -> WorkshopState:
    ws = get(conn, workshop_id)
    if ws is None:
        raise NotFound(f"workshop {workshop_id}")
    parties = conn.execute(_PARTIES, (workshop_id,))
    phases = conn.execute(
        f"SELECT {rows.PHASE_COLUMNS} FROM phase WHERE workshop_id = ? ORDER BY position",
        (workshop_id,),
    )
    return WorkshopState(
        ws, tuple(rows.party(r) for r in parties), tuple(rows.phase(r) for r in phases)
    )


def tallies(conn: sqlite3.Connection, workshop_id: int) -> list[PartyTally]:
    """Per party: phones that joined and cards on the wall."""
    parties = [rows.party(r) for r in conn.execute(_PARTIES, (workshop_id,))]
    joined = dict(
        conn.execute(
            "SELECT party_key, COUNT(*) FROM participant WHERE workshop_id = ? GROUP BY 1",
            (workshop_id,),
        ).fetchall()
    )
    sent = dict(
        conn.execute(
            "SELECT party_key, COUNT(*) FROM card WHERE workshop_id = ? AND hidden = 0 GROUP BY 1",
            (workshop_id,),
        ).fetchall()
    )
    return [PartyTally(p, joined.get(p.key, 0), sent.get(p.key, 0)) for p in parties]
