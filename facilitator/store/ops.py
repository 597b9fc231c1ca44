"""Write operations: each runs inside a transaction the caller owns.

An operation returns its result and the events to publish once the
transaction has committed. The same operation serves the CLI's one-shot
commands, the TUI's key presses and the group-commit writer's batches.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import sqlite3
import time
from dataclasses import dataclass
from typing import Generic, TypeVar

from facilitator import events as ev
from facilitator.i18n import N_
from facilitator.model import Card, Participant, PhaseKind, PhaseStatus, Workshop, WorkshopStatus
from facilitator.store import rows
from facilitator.templates import Template

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud and typed by hand


class StoreError(Exception):
    """A write that the workshop's state does not allow; `code` is the API's error code.

    `say` is the sentence the facilitator reads (bokmål, marked with N_ so the screens can show
    it in their language), with `values` for its placeholders; the first argument is the detail
    for logs and tests.
    """

    code = "store_error"

    def __init__(self, detail: str = "", *, say: str = "", **values: object) -> None:
        super().__init__(detail or say.format(**values))
        self.say = say
        self.values = values


class NotFound(StoreError):
    code = "not_found"


class PhaseNotOpen(StoreError):
    code = "phase_closed"


class PhaseOver(PhaseNotOpen):
    """A card written for a phase that is no longer the open one (a phone's queue, late)."""

    code = "phase_over"


class Conflict(StoreError):
    code = "conflict"


class StoreUnavailable(StoreError):
    """The database could not commit (locked, read-only, disk full, corrupt); nothing was stored."""

    code = "unavailable"


class InvalidValue(StoreError):
    """A value the workshop's rules do not allow (too many dots, an unknown option)."""

    code = "invalid_value"

    SAY = {  # what the facilitator reads (phones get the API's own messages by code)
        "unknown_option": N_("Det valget finnes ikke i denne avstemningen."),
        "invalid_value": N_("Verdien er utenfor det tillatte."),
        "too_many_dots": N_("For mange prikker: høyst {dots}."),
        "too_many_on_one": N_("Høyst {max} prikker på ett valg."),
    }

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, say=self.SAY.get(code, ""), **params)
        self.code = code
        self.params = params


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Outcome(Generic[T]):
    value: T
    events: tuple[ev.Event, ...] = ()


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


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


def _workshop(conn: sqlite3.Connection, workshop_id: int) -> Workshop:
    row = conn.execute(
        f"SELECT {rows.WORKSHOP_COLUMNS} FROM workshop WHERE id = ?", (workshop_id,)
    ).fetchone()
    if row is None:
        raise NotFound(f"workshop {workshop_id}")
    return rows.workshop(row)


def set_phase(
    conn: sqlite3.Connection, workshop_id: int, position: int | None, status: PhaseStatus
) -> Outcome[int | None]:
    """Make the phase at `position` current with `status`; every other open phase closes.

    `position=None` means "no current phase" (before the first, or after the last).
    """
    ws = _workshop(conn, workshop_id)
    if ws.status is WorkshopStatus.CLOSED:
        raise Conflict("workshop closed", say=N_("Workshopen er avsluttet."))
    phase_id: int | None = None
    if position is not None:
        row = conn.execute(
            "SELECT id FROM phase WHERE workshop_id = ? AND position = ?", (workshop_id, position)
        ).fetchone()
        if row is None:
            raise NotFound(f"phase {position}")
        phase_id = int(row[0])
    conn.execute(
        "UPDATE phase SET status = 'closed' WHERE workshop_id = ? AND status = 'open' AND id IS NOT ?",
        (workshop_id, phase_id),
    )
    if phase_id is not None:
        # The time box counts from the moment a phase is (re)opened.
        conn.execute(
            "UPDATE phase SET opened_at = CASE WHEN ? = 'open' AND status != 'open' THEN ? "
            "ELSE opened_at END, status = ? WHERE id = ?",
            (status.value, time.time(), status.value, phase_id),
        )
    conn.execute(
        "UPDATE workshop SET current_phase_id = ?, status = 'running' WHERE id = ?",
        (phase_id, workshop_id),
    )
    if phase_id is not None and status is PhaseStatus.OPEN:
        _ensure_vote_options(conn, workshop_id, phase_id)
    phase = None
    if phase_id is not None:
        phase = rows.phase(
            conn.execute(
                f"SELECT {rows.PHASE_COLUMNS} FROM phase WHERE id = ?", (phase_id,)
            ).fetchone()
        )
    return Outcome(phase_id, (ev.PhaseChanged(workshop_id, phase),))


def close_workshop(conn: sqlite3.Connection, workshop_id: int) -> Outcome[None]:
    _workshop(conn, workshop_id)
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
    _workshop(conn, workshop_id)
    # vote, rating and action history hang off phases and actions; the cascade reaches them all.
    conn.execute("DELETE FROM workshop WHERE id = ?", (workshop_id,))
    return Outcome(None, (ev.WorkshopChanged(workshop_id),))


def _ensure_vote_options(conn: sqlite3.Connection, workshop_id: int, phase_id: int) -> None:
    """A vote opened without options gets the focus areas: the pinned ones, else all."""
    kind = conn.execute("SELECT kind FROM phase WHERE id = ?", (phase_id,)).fetchone()[0]
    if (
        kind != PhaseKind.VOTE.value
        or conn.execute(
            "SELECT 1 FROM vote_option WHERE phase_id = ? LIMIT 1", (phase_id,)
        ).fetchone()
    ):
        return
    areas = (
        conn.execute(
            "SELECT id, label FROM focus_area WHERE workshop_id = ? AND pinned = 1 ORDER BY position",
            (workshop_id,),
        ).fetchall()
        or conn.execute(
            "SELECT id, label FROM focus_area WHERE workshop_id = ? ORDER BY position",
            (workshop_id,),
        ).fetchall()
    )
    conn.executemany(
        "INSERT INTO vote_option (phase_id, focus_area_id, label, position) VALUES (?,?,?,?)",
        [(phase_id, area_id, label, i) for i, (area_id, label) in enumerate(areas, start=1)],
    )


def add_participant(
    conn: sqlite3.Connection, workshop_id: int, party_key: str, lang: str
) -> Outcome[tuple[Participant, str]]:
    """A phone joins; returns it and its token (only the token's hash is stored)."""
    ws = _workshop(conn, workshop_id)
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
        "INSERT INTO card (workshop_id, phase_id, participant_id, party_key, client_id, text, "
        "target_party, created_at, pending) VALUES (?,?,?,?,?,?,?,?,?)",
        (
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


def _open_phase_of_kind(conn: sqlite3.Connection, workshop_id: int, kind: PhaseKind) -> int:
    row = conn.execute(
        "SELECT p.id FROM workshop w JOIN phase p ON p.id = w.current_phase_id "
        "WHERE w.id = ? AND w.status != 'closed' AND p.kind = ? AND p.status = 'open'",
        (workshop_id, kind.value),
    ).fetchone()
    if row is None:
        raise PhaseNotOpen(f"no open {kind.value} phase")
    return int(row[0])


def set_votes(
    conn: sqlite3.Connection, participant: Participant, allocations: dict[int, int]
) -> Outcome[dict[int, int]]:
    """Replace a phone's dots in the open vote; all or nothing."""
    workshop_id = participant.workshop_id
    phase_id = _open_phase_of_kind(conn, workshop_id, PhaseKind.VOTE)
    dots = conn.execute("SELECT dots FROM workshop WHERE id = ?", (workshop_id,)).fetchone()[0]
    options = {
        r[0] for r in conn.execute("SELECT id FROM vote_option WHERE phase_id = ?", (phase_id,))
    }
    for option_id, count in allocations.items():
        if option_id not in options:
            raise InvalidValue("unknown_option")
        if count < 0 or count > dots:
            raise InvalidValue("too_many_on_one", max=dots)
    if sum(allocations.values()) > dots:
        raise InvalidValue("too_many_dots", dots=dots)
    conn.execute(
        "DELETE FROM vote WHERE participant_id = ? AND option_id IN "
        "(SELECT id FROM vote_option WHERE phase_id = ?)",
        (participant.id, phase_id),
    )
    conn.executemany(
        "INSERT INTO vote (option_id, participant_id, party_key, dots) VALUES (?,?,?,?)",
        [(o, participant.id, participant.party_key, n) for o, n in allocations.items() if n > 0],
    )
    kept = {o: n for o, n in allocations.items() if n > 0}
    return Outcome(kept, (ev.VotesChanged(workshop_id, phase_id),))


def set_rating(conn: sqlite3.Connection, participant: Participant, value: int) -> Outcome[int]:
    phase_id = _open_phase_of_kind(conn, participant.workshop_id, PhaseKind.RATE)
    if not 1 <= value <= 5:
        raise InvalidValue("invalid_value")
    conn.execute(
        "INSERT INTO rating (phase_id, participant_id, party_key, value) VALUES (?,?,?,?) "
        "ON CONFLICT (phase_id, participant_id) DO UPDATE SET value = excluded.value",
        (phase_id, participant.id, participant.party_key, value),
    )
    return Outcome(value, (ev.VotesChanged(participant.workshop_id, phase_id),))
