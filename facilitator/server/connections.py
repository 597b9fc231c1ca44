"""One client must not lock every phone out: a cap of connections per address, and time limits.

A slowloris (1,100 half-open connections from one address) used up every file descriptor, so
normal posts timed out and asyncio logged a traceback per failed accept. Now:

- each address may hold `connections_per_address` connections at once (SSE streams included);
  the next is answered 429 at once and closed, so it costs a descriptor for microseconds. A
  trusted reverse proxy is not capped (its phones are told apart by the rate limits instead),
  nor is the laptop itself (127.0.0.1, ::1: the demo's simulated audience, local load tests).
- a connection must deliver a whole request head within Limits.header_seconds of opening (or of its
  last answer): aiohttp's keep-alive timer, which starts at the connection, does that;
- a body must arrive within Limits.body_seconds (408), so a lying Content-Length cannot hold
  a request open;
- the soft open-files limit is raised to the hard one, and running out is one log line a minute
  (server/resources.py).
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from typing import Any

from aiohttp import web

from facilitator.server.errors import ERRORS
from facilitator.server.origin import is_self, is_trusted
from facilitator.server.resources import RESOURCE_LOG


def _refusal() -> bytes:
    status, message = ERRORS["too_many_connections"]
    body = json.dumps(
        {"error": {"code": "too_many_connections", "message": message}}, ensure_ascii=False
    ).encode()
    head = (
        f"HTTP/1.1 {status} Too Many Requests\r\nContent-Type: application/json; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\nRetry-After: 5\r\n\r\n"
    )
    return head.encode() + body


class _Guarded(asyncio.Protocol):
    """aiohttp's protocol for one connection, counted against its address."""

    def __init__(self, gate: ConnectionGate, inner: Any) -> None:
        self._gate = gate
        self._inner = inner
        self._peer: str | None = None
        self._refused = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        peer = transport.get_extra_info("peername")
        self._peer = str(peer[0]) if peer else "?"
        if not self._gate.admit(self._peer):
            self._refused = True
            RESOURCE_LOG.note("connections", "an address went over its cap of connections")
            try:
                transport.write(_refusal())  # type: ignore[attr-defined]
            finally:
                transport.close()
            return
        self._inner.connection_made(transport)

    def connection_lost(self, exc: BaseException | None) -> None:
        if self._refused:
            self._gate.leave(self._peer, refused=True)
            return
        self._gate.leave(self._peer)
        self._inner.connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if not self._refused:
            self._inner.data_received(data)

    def eof_received(self) -> bool | None:
        return None if self._refused else self._inner.eof_received()

    def pause_writing(self) -> None:
        if not self._refused:
            self._inner.pause_writing()

    def resume_writing(self) -> None:
        if not self._refused:
            self._inner.resume_writing()


class ConnectionGate:
    """Wraps aiohttp's protocol factory (web.Server) with a per-address count."""

    def __init__(self, server: web.Server, cap: int, trusted: frozenset[str]) -> None:
        self._server = server
        self.cap = cap
        self.trusted = trusted
        self.open: Counter[str] = Counter()

    def __call__(self) -> asyncio.Protocol:
        return _Guarded(self, self._server())

    def __getattr__(self, name: str) -> Any:  # shutdown(), connections… for the runner
        return getattr(self._server, name)

    def admit(self, peer: str) -> bool:
        if self.cap <= 0 or is_self(peer) or (self.trusted and is_trusted(peer, self.trusted)):
            self.open[peer] += 1
            return True
        if self.open[peer] >= self.cap:
            return False
        self.open[peer] += 1
        return True

    def leave(self, peer: str | None, *, refused: bool = False) -> None:
        if peer is None or refused:
            return
        self.open[peer] -= 1
        if self.open[peer] <= 0:
            del self.open[peer]


def guard(runner: web.AppRunner, cap: int, trusted: frozenset[str]) -> None:
    """Put the gate in front of `runner`'s protocol factory (after setup, before the sites)."""
    server = runner.server
    if server is not None and not isinstance(server, ConnectionGate):
        runner._server = ConnectionGate(server, cap, trusted)  # type: ignore[assignment]
