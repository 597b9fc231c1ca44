"""Every query on the event loop's path is answered through an index, however many cards pile up.

The loop serves every phone, so a read on it that walks all the cards (or sorts them) makes
every request slower as the room fills: the file watcher's card query once cost 86 ms a poll at
200,000 cards. Here the real app answers a phone while another process writes to the same file,
every statement the loop's connections run is recorded, and each one's `EXPLAIN QUERY PLAN` must
name no full scan and no temporary B-tree.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from aiohttp.test_utils import TestClient

from facilitator.model import Workshop
from facilitator.store import Store
from facilitator.store.cards import add_card
from facilitator.store.participants import add_participant
from tests.conftest import CHALLENGES, join, new_id


def plan_problems(conn: sqlite3.Connection, sql: str) -> list[str]:
    """The steps of `sql`'s plan that cost more as a table grows."""
    steps = [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql)]
    return [s for s in steps if s.startswith("SCAN ") or "TEMP B-TREE" in s]


def test_the_check_sees_a_full_scan_and_a_sort(db_path: Path, store: Store) -> None:
    conn = sqlite3.connect(db_path)
    assert plan_problems(conn, "SELECT id FROM card WHERE text = 'x'") == ["SCAN card"]
    assert plan_problems(conn, "SELECT id FROM card WHERE workshop_id = 1 AND id > 5 ORDER BY id")
    assert not plan_problems(conn, "SELECT id FROM card WHERE id > 5 AND +workshop_id = 1")


async def test_every_query_on_the_loop_uses_an_index(
    client: TestClient, store: Store, workshop: Workshop, db_path: Path
) -> None:
    statements: list[str] = []

    def record(sql: str) -> None:
        statements.append(sql)

    store.open_phase(workshop.id, CHALLENGES)
    store.watcher.watch(workshop.id)
    store.watcher.poll()  # opens the watcher's connection
    for conn in (store._r, store.watcher.conn):  # the loop thread's reader and the watcher's
        assert conn is not None
        conn.set_trace_callback(record)
    store.watcher.watch(
        workshop.id + 1000
    )  # a workshop that is not there: one lookup, nothing watched

    headers = await join(client, workshop.code)
    assert (await client.get(f"/api/v1/w/{workshop.code}/state", headers=headers)).status == 200
    for n in range(3):
        resp = await client.post(
            f"/api/v1/w/{workshop.code}/submissions",
            json={"id": new_id(), "text": f"Kort {n}"},
            headers=headers,
        )
        assert resp.status == 201, await resp.text()
    # Another process (`trepart phase`, a second window) writes to the same file.
    other = Store(db_path)
    try:
        phone, _ = other.write(add_participant, workshop.id, "ansatte", "nb")
        other.write(add_card, phone, new_id(), "Fra en annen prosess")
        store.watcher.poll()
        other.step_phase(workshop.id, 1)
        store.watcher.poll()
    finally:
        other.close()
    store.watcher.watch(workshop.id + 1)

    selects = sorted({s for s in statements if s.lstrip().upper().startswith("SELECT")})
    assert any("FROM card WHERE id >" in s for s in selects), selects  # the watcher read cards
    check = sqlite3.connect(db_path)
    try:
        problems = {s: p for s in selects if (p := plan_problems(check, s))}
    finally:
        check.close()
    assert not problems, "\n".join(f"{s}\n  -> {p}" for s, p in problems.items())
