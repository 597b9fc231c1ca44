"""Run `trepart serve` as a real process, as a facilitator would from a second terminal."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

READY_PREFIX = "Deltakerside: "


class ServeProcess:
    def __init__(self, db_path: Path, workshop: str, env: dict[str, str] | None = None) -> None:
        self.db_path = db_path
        self.workshop = workshop
        self.env = env or {}
        self.proc: asyncio.subprocess.Process | None = None
        self.url = ""

    async def start(self) -> str:
        env = {**os.environ, "TREPART_RATE_LIMITS": "off", **self.env}
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "facilitator",
            "--db",
            str(self.db_path),
            "serve",
            self.workshop,
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=env,
        )
        assert self.proc.stdout is not None
        async with asyncio.timeout(30):
            while True:
                line = (await self.proc.stdout.readline()).decode()
                if not line:
                    err = await self.proc.stderr.read() if self.proc.stderr else b""
                    raise AssertionError(f"trepart serve ended early: {err.decode()}")
                if line.startswith(READY_PREFIX):
                    self.url = line.removeprefix(READY_PREFIX).strip()
                    return self.url

    @property
    def base(self) -> str:
        return self.url.split("/j/")[0]

    async def kill(self) -> None:
        """SIGKILL on POSIX, TerminateProcess on Windows: no chance to flush anything."""
        assert self.proc is not None
        self.proc.kill()
        await self.proc.wait()

    async def stop(self) -> None:
        if self.proc is not None and self.proc.returncode is None:
            await self.kill()
