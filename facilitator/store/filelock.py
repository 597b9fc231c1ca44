"""An operating-system lock that says "a Trepart process has this database open".

Every Store takes a shared lock on `<db>.lock` for as long as the process keeps it open;
`trepart restore` and `trepart delete` need the exclusive lock and refuse while any other
process (a running `serve`, the TUI) holds its shared one. The OS drops a lock when its
process dies, so a kill -9 never leaves a stale lock behind.

POSIX: fcntl.lockf (a process's own shared lock converts to exclusive). Windows: msvcrt has
only exclusive byte locks, so each process locks one byte of its own in a range of slots,
and the exclusive lock is the whole range.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO

SLOTS = 4096


class FileInUse(Exception):
    """Another Trepart process has the database open."""


def lock_path(db: Path) -> Path:
    return db.with_name(db.name + ".lock")


class ProcessLock:
    def __init__(self, db: Path) -> None:
        self.path = lock_path(db)
        self._file: IO[bytes] | None = None
        self._slot: int | None = None

    def share(self) -> None:
        """Hold the shared lock (best effort: a file system without locks does not stop us)."""
        try:
            self._file = self.path.open("a+b")
            if sys.platform == "win32":
                self._share_windows()
            else:
                import fcntl

                fcntl.lockf(self._file, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            pass

    def exclusive(self) -> None:
        """Take the exclusive lock, or FileInUse when another process shares it."""
        if self._file is None:
            self._file = self.path.open("a+b")
        try:
            if sys.platform == "win32":
                self._exclusive_windows()
            else:
                import fcntl

                fcntl.lockf(self._file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise FileInUse(str(self.path)) from None

    def release(self) -> None:
        if self._file is not None:
            self._file.close()  # closing drops every lock this handle holds
            self._file = None

    # -- Windows -------------------------------------------------------------------------

    def _share_windows(self) -> None:
        import msvcrt

        assert self._file is not None
        start = os.getpid() % SLOTS
        for offset in range(SLOTS):
            slot = 1 + (start + offset) % SLOTS
            self._file.seek(slot)
            try:
                msvcrt.locking(self._file.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
            except OSError:
                continue
            self._slot = slot
            return

    def _exclusive_windows(self) -> None:
        import msvcrt

        assert self._file is not None
        if self._slot is not None:  # our own share must not count as another process
            self._file.seek(self._slot)
            msvcrt.locking(self._file.fileno(), msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
            self._slot = None
        self._file.seek(0)
        msvcrt.locking(self._file.fileno(), msvcrt.LK_NBLCK, SLOTS + 1)  # type: ignore[attr-defined]
