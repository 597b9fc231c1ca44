"""The ceiling: the least a durable card endpoint can do in one aiohttp process.

The same promise as `trepart serve` (a 201 only once the card is on disk, `synchronous=FULL`,
one writer thread with group commit) and the same card shape (a bearer token, a UUID, a text
of visible characters of bounded length, one card per UUID), and nothing else: no workshop, no
phases, no events, no projector. `python tests/bench/ceiling.py PORT DB TOKENS [uvloop]`
serves POST /submit on 127.0.0.1:PORT; TOKENS is a file of the phones' bearer tokens.
"""

from __future__ import annotations

import asyncio
import json
import queue
import sqlite3
import sys
import threading
import time
import uuid
from pathlib import Path

from aiohttp import web

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS card (id INTEGER PRIMARY KEY, client_id TEXT NOT NULL UNIQUE, "
    "token TEXT NOT NULL, text TEXT NOT NULL, created_at REAL NOT NULL)"
)
Item = tuple[str, str, str, asyncio.Future[bool], asyncio.AbstractEventLoop]


def connect(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(SCHEMA)
    return conn


class Writer:
    """One thread, one transaction and one fsync for everything waiting."""

    def __init__(self, path: str) -> None:
        self.conn = connect(path)
        self.queue: queue.SimpleQueue[Item] = queue.SimpleQueue()
        threading.Thread(target=self.run, daemon=True).start()

    def run(self) -> None:
        while True:
            batch = [self.queue.get()]
            while len(batch) < 512:
                try:
                    batch.append(self.queue.get_nowait())
                except queue.Empty:
                    break
            now = time.time()
            self.conn.execute("BEGIN IMMEDIATE")
            cur = self.conn.executemany(
                "INSERT OR IGNORE INTO card (client_id, token, text, created_at) VALUES (?,?,?,?)",
                [(cid, token, text, now) for cid, token, text, _, _ in batch],
            )
            self.conn.execute("COMMIT")
            done = cur.rowcount == len(batch)  # any ignored: answer each by its own id below
            results = [(item[3], True) for item in batch]
            if not done:
                results = [(item[3], self.inserted(item[0], item[1])) for item in batch]
            loop = batch[0][4]
            loop.call_soon_threadsafe(settle, results)

    def inserted(self, cid: str, token: str) -> bool:
        row = self.conn.execute("SELECT token FROM card WHERE client_id = ?", (cid,)).fetchone()
        return row is not None and row[0] == token


def settle(results: list[tuple[asyncio.Future[bool], bool]]) -> None:
    for future, value in results:
        if not future.done():
            future.set_result(value)


def make_app(db: str, tokens: set[str]) -> web.Application:
    writer = Writer(db)

    async def submit(request: web.Request) -> web.Response:
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        if token not in tokens:
            return web.json_response({"error": "unauthorized"}, status=401)
        try:
            body = json.loads(await request.read())
            cid = str(uuid.UUID(body["id"]))
            text = body["text"].strip()
        except (ValueError, KeyError, TypeError, AttributeError):
            return web.json_response({"error": "invalid"}, status=422)
        if not text or len(text) > 500 or not text.isprintable():
            return web.json_response({"error": "invalid_text"}, status=422)
        loop = asyncio.get_running_loop()
        future: asyncio.Future[bool] = loop.create_future()
        writer.queue.put((cid, token, text, future, loop))
        if not await future:
            return web.json_response({"error": "id_in_use"}, status=409)
        return web.json_response({"id": cid, "text": text}, status=201)

    app = web.Application(client_max_size=16 * 1024)
    app.router.add_post("/submit", submit)
    return app


if __name__ == "__main__":
    port, db, token_file = int(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    phones = set(token_file.read_text().split())
    loop = None
    if len(sys.argv) > 4 and sys.argv[4] == "uvloop":  # the ceiling on trepart serve's loop
        import uvloop

        loop = uvloop.new_event_loop()
    web.run_app(
        make_app(db, phones), host="127.0.0.1", port=port, access_log=None, print=None, loop=loop
    )
