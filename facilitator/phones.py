"""The phones' endpoint in a process of its own, started and looked after by the app.

The app binds the listening socket itself (so the QR code's port is known at once and stays the
same), hands it to `python -m facilitator.server.child` and relays what each side writes over
the child's stdin and stdout (facilitator/relay.py). This module never imports aiohttp: the
projector's process no longer loads the web server at all.

If the phones' process dies, it is started again on the same socket (connections wait in the
socket's queue meanwhile); if it keeps dying, `on_trouble` is told and the app serves the phones
itself on that socket (facilitator/app.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import os
import socket
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from facilitator.relay import Message, Relay
from facilitator.settings import Limits
from facilitator.store import Store
from facilitator.venue import Arrivals

RESTARTS = 3  # deaths within RESTART_WINDOW before the app takes the phones over itself
RESTART_WINDOW = 60.0
STOP_SECONDS = 5.0  # the child's own shutdown ends its streams within 2 s
# A child that answers no ping for HUNG_SECONDS is stopped and started again: in the app's own
# process a hung endpoint froze the projector for all to see; in a child it would be silent.
PING_SECONDS = 5.0
HUNG_SECONDS = 30.0


def supported() -> bool:
    """Handing a socket to a child process by its descriptor is POSIX."""
    return os.name == "posix"


class PhonesProcess:
    def __init__(
        self,
        store: Store,
        sockets: Sequence[socket.socket],
        *,
        limits: Limits,
        trusted_proxies: frozenset[str],
        arrivals: Arrivals,
        on_trouble: Callable[[str], None],
    ) -> None:
        self.store = store
        self.sockets = list(sockets)
        self.limits = limits
        self.trusted_proxies = trusted_proxies
        self.arrivals = arrivals
        self.on_trouble = on_trouble
        self.ready = asyncio.Event()  # the child serves (set again after each restart)
        self.proc: asyncio.subprocess.Process | None = None
        self.relay: Relay | None = None
        self._config: dict[str, object] = {}
        self._deaths: list[float] = []
        self._stopping = False
        self._supervisor: asyncio.Task[None] | None = None
        self._reader: asyncio.Task[None] | None = None
        self._pinger: asyncio.Task[None] | None = None
        self._answered = time.monotonic()  # the child's last sign of life (a line of any kind)
        self.ping_seconds = PING_SECONDS
        self.hung_seconds = HUNG_SECONDS

    @property
    def port(self) -> int:
        return int(self.sockets[0].getsockname()[1])

    async def start(self, *, origins: Sequence[str], public_url: str | None) -> None:
        self._config = {
            "db": str(self.store.path),
            "fds": [s.fileno() for s in self.sockets],
            "limits": dataclasses.asdict(self.limits),
            "trusted_proxies": sorted(self.trusted_proxies),
            "origins": list(origins),
            "public_url": public_url,
        }
        self.relay = Relay(self.store, self._send, self._message)
        try:
            await self._spawn()
        except BaseException:
            self._close_relay()  # no child: nothing may stay subscribed to the app's bus
            raise
        loop = asyncio.get_running_loop()
        self._supervisor = loop.create_task(self._supervise())
        self._pinger = loop.create_task(self._ping())

    async def _spawn(self) -> None:
        self.ready.clear()
        self._answered = time.monotonic()
        self._config["watch"] = sorted(self.store.watcher.watched)
        package_root = str(Path(__file__).resolve().parent.parent)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (package_root, env.get("PYTHONPATH", "")) if p
        )
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-P",  # never the folder the facilitator started in: a json.py there is not ours
            "-m",
            "facilitator.server.child",
            json.dumps(self._config),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            # Not kept: aiohttp's and asyncio's log lines name the phones' addresses. The
            # child writes its own fatal error to the error log beside the database (crashlog).
            stderr=asyncio.subprocess.DEVNULL,
            pass_fds=[s.fileno() for s in self.sockets],
            env=env,
            limit=1 << 20,  # a line is a few hundred bytes; an over-long one must not stop us
        )
        assert self.proc.stdout is not None
        self._reader = asyncio.get_running_loop().create_task(self._read(self.proc.stdout))

    async def _read(self, stdout: asyncio.StreamReader) -> None:
        while True:
            try:
                data = await stdout.readline()
            except ValueError:  # an over-long line: the reader has dropped it, read on
                continue
            except ConnectionError:
                return
            if not data:
                return
            self._answered = time.monotonic()
            if self.relay is not None:
                self.relay.receive(data)

    def _send(self, data: bytes) -> None:
        proc = self.proc
        if proc is None or proc.stdin is None or proc.returncode is not None:
            return
        with contextlib.suppress(ConnectionError, RuntimeError):
            proc.stdin.write(data)

    async def _ping(self) -> None:
        """Ask for a sign of life now and then; stop a child that gives none (the supervisor
        starts it again). A busy child answers within milliseconds: its loop is never held."""
        silent_before = False
        while not self._stopping:
            await asyncio.sleep(self.ping_seconds)
            proc = self.proc
            if proc is None or proc.returncode is not None or not self.ready.is_set():
                silent_before = False
                continue
            self._send(b'{"k":"ping"}\n')
            silent = time.monotonic() - self._answered > self.hung_seconds
            # Twice in a row, a ping apart: after a stall of the app's own loop (a laptop that
            # slept, a long export) the child's answers are still unread in the pipe.
            if silent and silent_before:
                with contextlib.suppress(ProcessLookupError):
                    proc.kill()
                silent = False
            silent_before = silent

    def _message(self, message: Message) -> None:
        kind = message.get("k")
        if kind == "ready":
            self.ready.set()
        elif kind == "arrival" and isinstance(ip := message.get("ip"), str):
            self.arrivals.arrived(ip)

    async def _supervise(self) -> None:
        """Start the child again when it dies; hand the phones to the app (`on_trouble`) when
        it keeps dying, or when it cannot be started at all (no fork, no Python)."""
        try:
            while True:
                assert self.proc is not None
                code = await self.proc.wait()
                if self._reader is not None:
                    with contextlib.suppress(Exception):
                        await self._reader
                if self._stopping:
                    return
                now = time.monotonic()
                self._deaths = [t for t in self._deaths if now - t < RESTART_WINDOW] + [now]
                if len(self._deaths) > RESTARTS:
                    self._give_up(f"exit code {code}")
                    return
                await self._spawn()
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a spawn that failed: the phones must not wait for nobody
            if not self._stopping:
                self._give_up(f"{type(exc).__name__}: {exc}")

    def _give_up(self, reason: str) -> None:
        self._close_relay()
        if self._pinger is not None:
            self._pinger.cancel()
        self.on_trouble(reason)

    def _close_relay(self) -> None:
        if self.relay is not None:
            self.relay.close()
            self.relay = None

    async def stop(self, *, close_sockets: bool = True) -> None:
        """End the phones' process (its streams end, its last group commits) and wait for it."""
        self._stopping = True
        self._close_relay()
        proc = self.proc
        if proc is not None and proc.returncode is None:
            if proc.stdin is not None:
                proc.stdin.close()  # the child's stdin ends: it stops serving and exits
            try:
                await asyncio.wait_for(proc.wait(), STOP_SECONDS)
            except TimeoutError:
                with contextlib.suppress(ProcessLookupError):
                    proc.kill()
                await proc.wait()
        if self._pinger is not None:
            self._pinger.cancel()
        if self._supervisor is not None:
            self._supervisor.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._supervisor
        if close_sockets:
            for sock in self.sockets:
                sock.close()
