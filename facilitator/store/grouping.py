"""Focus areas: the groups the facilitator curates from the room's cards.

A card placed by the facilitator (`placed_by = 'manual'`) and a label typed by
the facilitator (`label_by_hand`) are never changed by a suggestion run.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from facilitator import events as ev
from facilitator.i18n import N_
from facilitator.model import FocusArea
from facilitator.store import rows
from facilitator.store.errors import NotFound, Outcome, StoreError


def _workshop_of_area(conn: sqlite3.Connection, area_id: int) -> int:
    row = conn.execute("SELECT workshop_id FROM focus_area WHERE id = ?", (area_id,)).fetchone()
    if row is None:
        raise NotFound(f"focus area {area_id}")
    return int(row[0])


def _changed(workshop_id: int) -> tuple[ev.Event, ...]:
    return (ev.GroupsChanged(workshop_id),)


def add_focus_area(
    conn: sqlite3.Connection,
    workshop_id: int,
    label: str,
    *,
    origin: str = "manual",
    by_hand: bool = True,
) -> Outcome[int]:
    label = label.strip()
    if not label:
        raise StoreError("no label", say=N_("Et fokusområde trenger et navn."))
    last = conn.execute(
        "SELECT COALESCE(MAX(position), 0) FROM focus_area WHERE workshop_id = ?", (workshop_id,)
    ).fetchone()[0]
    cur = conn.execute(
        "INSERT INTO focus_area (workshop_id, label, position, label_by_hand, origin) VALUES (?,?,?,?,?)",
        (workshop_id, label, last + 1, int(by_hand), origin),
    )
    return Outcome(int(cur.lastrowid or 0), _changed(workshop_id))


def rename(conn: sqlite3.Connection, area_id: int, label: str) -> Outcome[None]:
    workshop_id = _workshop_of_area(conn, area_id)
    if not label.strip():
        raise StoreError("no label", say=N_("Et fokusområde trenger et navn."))
    conn.execute(
        "UPDATE focus_area SET label = ?, label_by_hand = 1 WHERE id = ?", (label.strip(), area_id)
    )
    conn.execute(
        "UPDATE vote_option SET label = ? WHERE focus_area_id = ?", (label.strip(), area_id)
    )
    return Outcome(None, _changed(workshop_id))


def toggle_pin(conn: sqlite3.Connection, area_id: int) -> Outcome[None]:
    workshop_id = _workshop_of_area(conn, area_id)
    conn.execute("UPDATE focus_area SET pinned = 1 - pinned WHERE id = ?", (area_id,))
    return Outcome(None, _changed(workshop_id))


def move_area(conn: sqlite3.Connection, area_id: int, step: int) -> Outcome[None]:
    workshop_id = _workshop_of_area(conn, area_id)
    position = conn.execute("SELECT position FROM focus_area WHERE id = ?", (area_id,)).fetchone()[
        0
    ]
    other = conn.execute(
        "SELECT id, position FROM focus_area WHERE workshop_id = ? AND position "
        + ("< ? ORDER BY position DESC" if step < 0 else "> ? ORDER BY position")
        + " LIMIT 1",
        (workshop_id, position),
    ).fetchone()
    if other is not None:
        conn.execute("UPDATE focus_area SET position = ? WHERE id = ?", (other[1], area_id))
        conn.execute("UPDATE focus_area SET position = ? WHERE id = ?", (position, other[0]))
    return Outcome(None, _changed(workshop_id))


def place(conn: sqlite3.Connection, card_ids: Sequence[int], area_id: int | None) -> Outcome[None]:
    """The facilitator puts cards in an area (None: back to the unsorted pile)."""
    if not card_ids:
        return Outcome(None)
    workshop_id = conn.execute(
        "SELECT workshop_id FROM card WHERE id = ?", (card_ids[0],)
    ).fetchone()
    if workshop_id is None:
        raise NotFound("card")
    if area_id is not None and _workshop_of_area(conn, area_id) != workshop_id[0]:
        raise StoreError("card and focus area belong to different workshops")
    conn.executemany(
        "UPDATE card SET focus_area_id = ?, placed_by = ? WHERE id = ?",
        [(area_id, "manual" if area_id is not None else None, c) for c in card_ids],
    )
    return Outcome(None, _changed(workshop_id[0]))


def merge_areas(conn: sqlite3.Connection, keep_id: int, other_id: int) -> Outcome[None]:
    workshop_id = _workshop_of_area(conn, keep_id)
    _workshop_of_area(conn, other_id)
    conn.execute("UPDATE card SET focus_area_id = ? WHERE focus_area_id = ?", (keep_id, other_id))
    conn.execute("DELETE FROM focus_area WHERE id = ?", (other_id,))
    return Outcome(None, _changed(workshop_id))


def split(conn: sqlite3.Connection, card_ids: Sequence[int], label: str) -> Outcome[int]:
    """A new area made of some cards of an existing one."""
    row = conn.execute("SELECT workshop_id FROM card WHERE id = ?", (card_ids[0],)).fetchone()
    if row is None:
        raise NotFound("card")
    created = add_focus_area(conn, row[0], label)
    place(conn, card_ids, created.value)
    return created


def delete_area(conn: sqlite3.Connection, area_id: int) -> Outcome[None]:
    """Remove an area; its cards go back to the unsorted pile."""
    workshop_id = _workshop_of_area(conn, area_id)
    conn.execute(
        "UPDATE card SET focus_area_id = NULL, placed_by = NULL WHERE focus_area_id = ?", (area_id,)
    )
    conn.execute("DELETE FROM focus_area WHERE id = ?", (area_id,))
    return Outcome(None, _changed(workshop_id))


def apply_suggestion(
    conn: sqlite3.Connection, workshop_id: int, groups: Sequence[tuple[str, Sequence[int]]]
) -> Outcome[int]:
    """Place the engine's groups: only cards not placed by hand move; hand-made labels stay.

    A group is (label, card ids). A group whose cards mostly sit in an existing
    area goes there; otherwise it becomes a new suggested area.
    """
    manual = {
        r[0]
        for r in conn.execute(
            "SELECT id FROM card WHERE workshop_id = ? AND placed_by = 'manual'", (workshop_id,)
        )
    }
    by_label = {
        r[1].casefold(): r[0]
        for r in conn.execute(
            "SELECT id, label FROM focus_area WHERE workshop_id = ?", (workshop_id,)
        )
    }
    placed = 0
    for label, card_ids in groups:
        free = [c for c in card_ids if c not in manual]
        if not free:
            continue
        homes = [
            r[0]
            for r in conn.execute(
                f"SELECT focus_area_id FROM card WHERE id IN ({','.join('?' * len(card_ids))}) "
                "AND placed_by = 'manual'",
                list(card_ids),
            )
        ]
        if label.casefold() in by_label:
            area_id = by_label[label.casefold()]
        elif homes:
            area_id = max(set(homes), key=homes.count)
        else:
            area_id = add_focus_area(
                conn, workshop_id, label, origin="suggested", by_hand=False
            ).value
        conn.executemany(
            "UPDATE card SET focus_area_id = ?, placed_by = 'suggested' WHERE id = ?",
            [(area_id, c) for c in free],
        )
        placed += len(free)
    # Suggested areas left empty by this run disappear; the facilitator's own stay.
    conn.execute(
        "DELETE FROM focus_area WHERE workshop_id = ? AND origin = 'suggested' AND label_by_hand = 0 "
        "AND pinned = 0 AND id NOT IN (SELECT focus_area_id FROM card WHERE focus_area_id IS NOT NULL)",
        (workshop_id,),
    )
    return Outcome(placed, _changed(workshop_id))


Snapshot = tuple[tuple[tuple[object, ...], ...], tuple[tuple[int, int | None, str | None], ...]]


def snapshot(conn: sqlite3.Connection, workshop_id: int) -> Snapshot:
    """The whole grouping of a workshop, for undo."""
    areas = tuple(
        tuple(r)
        for r in conn.execute(
            "SELECT id, label, position, pinned, label_by_hand, origin FROM focus_area WHERE workshop_id = ?",
            (workshop_id,),
        )
    )
    cards = tuple(
        (r[0], r[1], r[2])
        for r in conn.execute(
            "SELECT id, focus_area_id, placed_by FROM card WHERE workshop_id = ?", (workshop_id,)
        )
    )
    return areas, cards


def restore(conn: sqlite3.Connection, workshop_id: int, state: Snapshot) -> Outcome[None]:
    areas, cards = state
    keep = {a[0] for a in areas}
    for (area_id,) in conn.execute(
        "SELECT id FROM focus_area WHERE workshop_id = ?", (workshop_id,)
    ).fetchall():
        if area_id not in keep:
            conn.execute("DELETE FROM focus_area WHERE id = ?", (area_id,))
    for area in areas:
        conn.execute(
            "INSERT INTO focus_area (id, workshop_id, label, position, pinned, label_by_hand, origin) "
            "VALUES (?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET label = excluded.label, "
            "position = excluded.position, pinned = excluded.pinned, "
            "label_by_hand = excluded.label_by_hand, origin = excluded.origin",
            (area[0], workshop_id, *area[1:]),
        )
    conn.executemany(
        "UPDATE card SET focus_area_id = ?, placed_by = ? WHERE id = ? AND workshop_id = ?",
        [(area_id, placed_by, card_id, workshop_id) for card_id, area_id, placed_by in cards],
    )
    return Outcome(None, _changed(workshop_id))


def reset_suggestions(conn: sqlite3.Connection, workshop_id: int) -> Outcome[None]:
    """Undo every suggestion: suggested placements go back to the pile, untouched suggested areas go."""
    conn.execute(
        "UPDATE card SET focus_area_id = NULL, placed_by = NULL WHERE workshop_id = ? AND placed_by = 'suggested'",
        (workshop_id,),
    )
    conn.execute(
        "DELETE FROM focus_area WHERE workshop_id = ? AND origin = 'suggested' AND label_by_hand = 0 "
        "AND pinned = 0 AND id NOT IN (SELECT focus_area_id FROM card WHERE focus_area_id IS NOT NULL)",
        (workshop_id,),
    )
    return Outcome(None, _changed(workshop_id))


def focus_areas(conn: sqlite3.Connection, workshop_id: int) -> list[FocusArea]:
    cur = conn.execute(
        f"SELECT {rows.FOCUS_AREA_COLUMNS} FROM focus_area WHERE workshop_id = ? ORDER BY position",
        (workshop_id,),
    )
    return [rows.focus_area(r) for r in cur]
