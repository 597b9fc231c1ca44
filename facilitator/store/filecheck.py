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
            with self.path.open("rb") as file:
                head = file.read(len(HEADER))
        except OSError:
            self.lost = "gone"
            return self.lost
        if head != HEADER:
            self.lost = "corrupt"
        return self.lost

    def corrupt(self) -> None:
        self.lost = self.lost or "corrupt"
