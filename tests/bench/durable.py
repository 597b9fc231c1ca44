"""Durable submissions measured with wrk: floor ← Trepart → ceiling, in the same run.

The floor is aiohttp's hello-world (hello.py: nothing durable); the ceiling is the least a
durable card endpoint can do (ceiling.py: the same card shape, group commit, synchronous=FULL),
on asyncio's loop as the issue defined it, and once more on uvloop, which `trepart serve` uses.
Each figure is read as Trepart's share of both. The rounds are interleaved (floor, Trepart,
ceiling, again) so that a noisy neighbour on this shared machine hits all three alike; the
median round is reported. A second pass runs on databases that already hold 200,000 cards.
"""

from __future__ import annotations

import sqlite3
import tempfile
import time
import uuid
from pathlib import Path
from statistics import median
from typing import Any

from facilitator.store import Store
from facilitator.store.watcher import WATCH_CARDS
from tests.bench import wrk
from tests.bench.ceiling import connect as ceiling_connect
from tests.bench.server import HERE, free_port, process, serve, workshop_db

ROUNDS = 3
FULL_ROOM = 200_000


def fill(db: Path, cards: int) -> None:
    """`cards` cards in the workshop's open phase, written straight into the file."""
    conn = sqlite3.connect(db)
    phase = conn.execute("SELECT current_phase_id FROM workshop WHERE id = 1").fetchone()[0]
    now = time.time()
    with conn:
        conn.executemany(
            "INSERT INTO card (workshop_id, phase_id, party_key, client_id, text, created_at) "
            "VALUES (1, ?, 'ansatte', ?, ?, ?)",
            ((phase, str(uuid.uuid4()), f"Kort nummer {i}", now) for i in range(cards)),
        )
    conn.close()


def fill_ceiling(db: Path, cards: int) -> None:
    conn = ceiling_connect(str(db))
    now = time.time()
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO card (client_id, token, text, created_at) VALUES (?, 'x', ?, ?)",
        ((str(uuid.uuid4()), f"Kort nummer {i}", now) for i in range(cards)),
    )
    conn.execute("COMMIT")
    conn.close()


def watcher_poll(db: Path, polls: int = 20) -> tuple[float, float]:
    """ms for one poll of the file watcher that finds the file changed; and for the query it
    ran before issue 20 (through the client-id index and a sort), on the same file."""
    store = Store(db)
    try:
        store.watcher.watch(1)
        times = []
        for _ in range(polls):
            store.watcher.version = None  # as if another connection had just committed
            start = time.perf_counter()
            store.watcher.poll()
            times.append(time.perf_counter() - start)
        conn = sqlite3.connect(db)
        last = conn.execute("SELECT MAX(id) FROM card").fetchone()[0]
        old = WATCH_CARDS.replace("id > ? AND +workshop_id = ?", "workshop_id = ? AND id > ?")
        before = []
        for _ in range(max(3, polls // 4)):
            start = time.perf_counter()
            conn.execute(old, (1, last)).fetchall()
            before.append(time.perf_counter() - start)
        conn.close()
    finally:
        store.close()
    return median(times) * 1000, median(before) * 1000


def row(name: str, r: dict[str, Any], floor: float, ceiling: float, uv: float) -> str:
    refused = f"  ({r['other']} not 201, {r['errors']} socket errors)" if r["other"] else ""
    t = r["throughput"]
    return (
        f"  {name:24} {t:8.0f} {r['p50']:7.1f} {r['p99']:7.1f}"
        f"   {t / floor:5.2f}× ← · → {t / ceiling:5.2f}×  {t / uv:5.2f}×{refused}"
    )


def compare(cards: int, seconds: float) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db, code = workshop_db(folder)
        ceiling_db = folder / "ceiling.sqlite"
        if cards:
            fill(db, cards)
            fill_ceiling(ceiling_db, cards)
        ports = free_port(), free_port(), free_port(), free_port()
        with serve(db, code, ports[1]):
            tokens = wrk.token_file(
                folder, wrk.join_phones(f"http://127.0.0.1:{ports[1]}", code, 50)
            )
            uv_db = folder / "ceiling-uvloop.sqlite"
            if cards:
                fill_ceiling(uv_db, cards)
            with (
                process(str(HERE / "hello.py"), str(ports[0]), port=ports[0]),
                process(str(HERE / "ceiling.py"), str(ports[2]), str(ceiling_db), str(tokens),
                        port=ports[2]),
                process(str(HERE / "ceiling.py"), str(ports[3]), str(uv_db), str(tokens),
                        "uvloop", port=ports[3]),
            ):  # fmt: skip
                urls = (
                    f"http://127.0.0.1:{ports[0]}/submit",
                    f"http://127.0.0.1:{ports[1]}/api/v1/w/{code}/submissions",
                    f"http://127.0.0.1:{ports[2]}/submit",
                    f"http://127.0.0.1:{ports[3]}/submit",
                )
                for connections in (50, 200):
                    rounds = [
                        [
                            wrk.run(url, tokens, connections=connections, seconds=seconds)
                            for url in urls
                        ]
                        for _ in range(ROUNDS)
                    ]
                    floor, ours, ceiling, uv = (
                        sorted((r[i] for r in rounds), key=lambda x: x["throughput"])[ROUNDS // 2]
                        for i in range(len(urls))
                    )
                    refs = floor["throughput"], ceiling["throughput"], uv["throughput"]
                    spread = ", ".join(
                        f"{r[1]['throughput'] / r[2]['throughput']:.2f}"
                        f"/{r[1]['throughput'] / r[3]['throughput']:.2f}"
                        for r in rounds
                    )
                    print(f"  c={connections}, each round's Trepart ÷ ceiling (÷ uvloop): {spread}")
                    for name, r in (
                        (f"hello-world c={connections}", floor),
                        (f"trepart serve c={connections}", ours),
                        (f"ceiling c={connections}", ceiling),
                        (f"ceiling, uvloop c={connections}", uv),
                    ):
                        print(row(name, r, *refs))
        stored = Store(db)
        print(f"  cards on disk afterwards: {len(stored.cards(1, stored.state(1).phases[1].id))}")
        stored.close()
        if cards:
            after, before = watcher_poll(db)
            print(
                f"  file watcher, one poll at {cards + 0:,}+ cards: {after:.3f} ms "
                f"(the query before issue 20, same file: {before:.1f} ms)"
            )


def main(seconds: float = 5.0) -> None:
    print(
        "Durable submissions, wrk (each 201 is on disk, synchronous=FULL), median of "
        f"{ROUNDS} interleaved rounds; ratios: Trepart ÷ hello-world ← · → Trepart ÷ ceiling"
    )
    if not wrk.available():
        return
    print(
        f"  {'':24} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7}   {'floor':>6}       {'ceiling':>6}"
        "  (uvloop)"
    )
    print("  fresh database:")
    compare(0, seconds)
    print(f"  databases already holding {FULL_ROOM:,} cards:")
    compare(FULL_ROOM, seconds)


if __name__ == "__main__":
    main()
