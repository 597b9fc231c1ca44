"""Is the file the store has open still the file at its path?

Unlinked, replaced (a restore by hand, a sync tool) or overwritten with other bytes under a
running server, SQLite keeps writing into what it has open and the phones keep hearing "saved"
for cards no file will ever hold. After every group commit the writer asks `problem()`: the
path must still name the same file (device and inode, and the same -wal once there is one),
and the file must still start with SQLite's header. A problem is for good: nothing more is
acknowledged until Trepart is restarted on a sound file.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

HEADER = b"SQLite format 3\x00"


def identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


class FileWatch:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.wal = Path(str(path) + "-wal")
        self.main = identity(path)
        self.wal_id: tuple[int, int] | None = None
        self.lost: str | None = None
        # The header is read through one descriptor kept open with the store. Opening and
        # closing the file for each check would drop every POSIX lock this process holds on it
        # (fcntl locks belong to the process and the file, and any close releases them all),
        # SQLite's shared lock among them: another process closing its connection (`trepart
        # phase`, `trepart export`, the phones' process) then took the file for itself,
        # checkpointed and deleted the -wal under us, and this check called the file gone.
        self._fd: int | None = None
        self._reading = threading.Lock()  # the loop's writes and the writer thread both check

    def close(self) -> None:
        """After the store's connections are closed (closing it drops this process's locks)."""
        with self._reading:
            if self._fd is not None:
                os.close(self._fd)
                self._fd = None

    def _header(self) -> bytes:
        with self._reading:
            if self._fd is None:
                self._fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
            if hasattr(os, "pread"):
                return os.pread(self._fd, len(HEADER), 0)
            return self._seek_read()

    def _seek_read(self) -> bytes:  # Windows has no pread; its locks are not POSIX's anyway
        assert self._fd is not None
        os.lseek(self._fd, 0, os.SEEK_SET)
        return os.read(self._fd, len(HEADER))

    def problem(self) -> str | None:
        """Why the file can no longer be trusted, or None; once lost, always lost."""
        if self.lost is not None:
            return self.lost
        now = identity(self.path)
        if now is None or now != self.main:
            self.lost = "gone"
            return self.lost
        wal = identity(self.wal)
        if self.wal_id is None:
            self.wal_id = wal
        elif wal != self.wal_id:
            self.lost = "gone"
            return self.lost
        try:
            head = self._header()
        except OSError:
            self.lost = "gone"
            return self.lost
        if head != HEADER:
            self.lost = "corrupt"
        return self.lost

    def corrupt(self) -> None:
        self.lost = self.lost or "corrupt"
