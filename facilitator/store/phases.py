"""The agenda: which phase is current and open, and the facilitator's edits of the phases
(add, remove, move, retitle, time box); with the rule for stepping to the next phase."""

from __future__ import annotations

import json
import sqlite3
import time

from facilitator import events as ev
from facilitator.i18n import N_
from facilitator.model import Category, PhaseKind, PhaseStatus, WorkshopState, WorkshopStatus
from facilitator.store import rows
from facilitator.store.errors import Conflict, NotFound, Outcome, StoreError
from facilitator.store.votes import ensure_options
from facilitator.store.workshops import require


def set_phase(
    conn: sqlite3.Connection, workshop_id: int, position: int | None, status: PhaseStatus
) -> Outcome[int | None]:
    """Make the phase at `position` current with `status`; every other open phase closes.

    `position=None` means "no current phase" (before the first, or after the last).
    """
    ws = require(conn, workshop_id)
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
        ensure_options(conn, workshop_id, phase_id)
    phase = None
    if phase_id is not None:
        phase = rows.phase(
            conn.execute(
                f"SELECT {rows.PHASE_COLUMNS} FROM phase WHERE id = ?", (phase_id,)
            ).fetchone()
        )
    return Outcome(phase_id, (ev.PhaseChanged(workshop_id, phase),))


PAST_THE_END = -1  # step_target: close the last phase, none is current


def step_target(state: WorkshopState, step: int) -> int | None:
    """The position that stepping +1 (next) or -1 (previous) opens; PAST_THE_END after the last
    phase; None when there is nothing to do (previous before the first ever opened)."""
    current = state.current_phase
    positions = [p.position for p in state.phases]
    if current is None:
        # Before the first phase "next" starts; after the last "previous" resumes the end.
        started = [p for p in state.phases if p.status is not PhaseStatus.PENDING]
        if step > 0 and not started:
            return positions[0]
        if step < 0 and started:
            return started[-1].position
        return None
    index = positions.index(current.position) + step
    if index < 0:
        return current.position
    if index >= len(positions):
        return PAST_THE_END
    return positions[index]


# -- editing the agenda ------------------------------------------------------------------------


def add_phase(
    conn: sqlite3.Connection,
    workshop_id: int,
    kind: PhaseKind,
    title: str,
    prompt: str = "",
    category: Category | None = None,
    *,
    after: int | None = None,
) -> Outcome[int]:
    """A new phase at the end, or right after position `after` (the one the facilitator chose)."""
    if kind is PhaseKind.COLLECT and category is None:
        category = Category.CHALLENGE
    last = conn.execute(
        "SELECT COALESCE(MAX(position), 0) FROM phase WHERE workshop_id = ?", (workshop_id,)
    ).fetchone()[0]
    if after is not None and 0 <= after < last:
        # Make room in two steps: (workshop_id, position) is unique at every row's update.
        conn.execute(
            "UPDATE phase SET position = -position - 1 WHERE workshop_id = ? AND position > ?",
            (workshop_id, after),
        )
        conn.execute(
            "UPDATE phase SET position = -position WHERE workshop_id = ? AND position < 0",
            (workshop_id,),
        )
        last = after
    cur = conn.execute(
        "INSERT INTO phase (workshop_id, position, kind, category, titles, prompts) VALUES (?,?,?,?,?,?)",
        (
            workshop_id,
            last + 1,
            kind.value,
            category.value if category else None,
            json.dumps({"nb": title}, ensure_ascii=False),
            json.dumps({"nb": prompt}, ensure_ascii=False),
        ),
    )
    return Outcome(int(cur.lastrowid or 0), (ev.WorkshopChanged(workshop_id),))


def _phase_row(conn: sqlite3.Connection, phase_id: int) -> tuple[int, int, str]:
    row = conn.execute(
        "SELECT workshop_id, position, status FROM phase WHERE id = ?", (phase_id,)
    ).fetchone()
    if row is None:
        raise NotFound(f"phase {phase_id}")
    return row[0], row[1], row[2]


def remove_phase(conn: sqlite3.Connection, phase_id: int) -> Outcome[None]:
    """Remove a phase that has not been used yet; positions close the gap."""
    workshop_id, position, status = _phase_row(conn, phase_id)
    if (
        status != "pending"
        or conn.execute("SELECT 1 FROM card WHERE phase_id = ? LIMIT 1", (phase_id,)).fetchone()
    ):
        raise Conflict(
            "phase already used", say=N_("Fasen er allerede i bruk og kan ikke slettes.")
        )
    conn.execute("DELETE FROM phase WHERE id = ?", (phase_id,))
    ids = [
        r[0]
        for r in conn.execute(
            "SELECT id FROM phase WHERE workshop_id = ? AND position > ? ORDER BY position",
            (workshop_id, position),
        )
    ]
    for offset, pid in enumerate(ids):
        conn.execute("UPDATE phase SET position = ? WHERE id = ?", (position + offset, pid))
    return Outcome(None, (ev.WorkshopChanged(workshop_id),))


def move_phase(conn: sqlite3.Connection, phase_id: int, step: int) -> Outcome[None]:
    """Swap a phase with its neighbour (step -1 up, +1 down)."""
    workshop_id, position, _ = _phase_row(conn, phase_id)
    other = conn.execute(
        "SELECT id FROM phase WHERE workshop_id = ? AND position = ?",
        (workshop_id, position + step),
    ).fetchone()
    if other is None:
        return Outcome(None)
    conn.execute("UPDATE phase SET position = -1 WHERE id = ?", (phase_id,))
    conn.execute("UPDATE phase SET position = ? WHERE id = ?", (position, other[0]))
    conn.execute("UPDATE phase SET position = ? WHERE id = ?", (position + step, phase_id))
    return Outcome(None, (ev.WorkshopChanged(workshop_id),))


def update_phase(
    conn: sqlite3.Connection,
    phase_id: int,
    *,
    lang: str = "nb",
    title: str | None = None,
    prompt: str | None = None,
    timebox: int | bool | None = False,
    kind: PhaseKind | None = None,
    category: Category | None = None,
) -> Outcome[None]:
    """Edit a phase's title or prompt in one language, its time box (None removes it), or
    (before it has been used) its kind."""
    workshop_id, _, status = _phase_row(conn, phase_id)
    if kind is not None:
        if status != "pending":
            raise Conflict(
                "phase already used", say=N_("Fasen er allerede i bruk; typen kan ikke endres.")
            )
        category = (category or Category.CHALLENGE) if kind is PhaseKind.COLLECT else None
        conn.execute(
            "UPDATE phase SET kind = ?, category = ? WHERE id = ?",
            (kind.value, category.value if category else None, phase_id),
        )
    titles_json, prompts_json = conn.execute(
        "SELECT titles, prompts FROM phase WHERE id = ?", (phase_id,)
    ).fetchone()
    titles, prompts = json.loads(titles_json), json.loads(prompts_json)
    if title is not None:
        if lang == "nb" and not title.strip():
            raise StoreError("no phase title", say=N_("En fase trenger en tittel på bokmål."))
        titles[lang] = title.strip()
    if prompt is not None:
        prompts[lang] = prompt.strip()
    conn.execute(
        "UPDATE phase SET titles = ?, prompts = ? WHERE id = ?",
        (
            json.dumps({k: v for k, v in titles.items() if v}, ensure_ascii=False),
            json.dumps({k: v for k, v in prompts.items() if v}, ensure_ascii=False),
            phase_id,
        ),
    )
    if timebox is not False:
        if timebox is not None and (not isinstance(timebox, int) or timebox <= 0):
            raise StoreError("bad time box", say=N_("En tidsramme er et positivt antall minutter."))
        conn.execute("UPDATE phase SET timebox = ? WHERE id = ?", (timebox, phase_id))
    return Outcome(None, (ev.WorkshopChanged(workshop_id),))
