"""Dot votes and the pulse (ratings): options, a phone's dots and rating, proxy dots for people
without a phone, revealing the results; and the reads of results and of who has voted."""

from __future__ import annotations

import sqlite3

from facilitator import events as ev
from facilitator.i18n import N_
from facilitator.model import OptionResult, Participant, PhaseKind, VoteOption
from facilitator.store.errors import (
    Conflict,
    InvalidValue,
    NotFound,
    Outcome,
    PhaseNotOpen,
    StoreError,
)


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


# -- the facilitator's side -------------------------------------------------------------------


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


def ensure_options(conn: sqlite3.Connection, workshop_id: int, phase_id: int) -> None:
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


# -- reads -------------------------------------------------------------------------------------


def options(conn: sqlite3.Connection, phase_id: int) -> list[VoteOption]:
    cur = conn.execute(
        "SELECT id, phase_id, label, position, focus_area_id FROM vote_option "
        "WHERE phase_id = ? ORDER BY position",
        (phase_id,),
    )
    return [VoteOption(*r) for r in cur]


def results(conn: sqlite3.Connection, phase_id: int) -> list[OptionResult]:
    """Options by dots, most first; options with equal dots share a rank."""
    totals: dict[int, dict[str, int]] = {}
    for option_id, party, dots in conn.execute(
        "SELECT v.option_id, v.party_key, SUM(v.dots) FROM vote v "
        "JOIN vote_option o ON o.id = v.option_id WHERE o.phase_id = ? GROUP BY 1, 2",
        (phase_id,),
    ):
        totals.setdefault(option_id, {})[party] = dots
    ordered = sorted(
        options(conn, phase_id), key=lambda o: (-sum(totals.get(o.id, {}).values()), o.position)
    )
    found: list[OptionResult] = []
    for index, option in enumerate(ordered):
        dots = sum(totals.get(option.id, {}).values())
        tied = found and found[-1].dots == dots
        rank = found[-1].rank if tied else index + 1
        found.append(OptionResult(option, dots, totals.get(option.id, {}), rank))
    return found


def voters(conn: sqlite3.Connection, phase_id: int) -> dict[str, int]:
    """How many phones of each party have put dots in this vote (proxy dots not counted)."""
    cur = conn.execute(
        "SELECT v.party_key, COUNT(DISTINCT v.participant_id) FROM vote v "
        "JOIN vote_option o ON o.id = v.option_id WHERE o.phase_id = ? AND v.participant_id "
        "IS NOT NULL GROUP BY 1",
        (phase_id,),
    )
    return dict(cur.fetchall())


def mine(conn: sqlite3.Connection, participant: Participant, phase_id: int) -> dict[int, int]:
    """A phone's dots in a vote, by option."""
    cur = conn.execute(
        "SELECT v.option_id, v.dots FROM vote v JOIN vote_option o ON o.id = v.option_id "
        "WHERE o.phase_id = ? AND v.participant_id = ?",
        (phase_id, participant.id),
    )
    return dict(cur.fetchall())


def ratings(conn: sqlite3.Connection, phase_id: int) -> dict[str, list[int]]:
    """Per party, how many answered 1, 2, 3, 4 and 5."""
    counts: dict[str, list[int]] = {}
    for party, value, n in conn.execute(
        "SELECT party_key, value, COUNT(*) FROM rating WHERE phase_id = ? GROUP BY 1, 2",
        (phase_id,),
    ):
        counts.setdefault(party, [0] * 5)[value - 1] = n
    return counts


def my_rating(conn: sqlite3.Connection, participant: Participant, phase_id: int) -> int | None:
    row = conn.execute(
        "SELECT value FROM rating WHERE phase_id = ? AND participant_id = ?",
        (phase_id, participant.id),
    ).fetchone()
    return int(row[0]) if row else None
