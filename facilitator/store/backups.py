"""Backups: an online copy of the file at every phase change, the last few kept.

They are numbered by a sequence, and kept by number: never by the wall clock.

A clock set an hour back (or a coarse and a fine clock mixed in one name) sorted the newest
backup first and deleted it at once. The number is one more than the highest in the folder,
written with six digits so names also sort by number in a file manager. Files from before
the numbering (named by time) count as older than every numbered one.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from pathlib import Path

_NUMBERED = re.compile(r"(\d{6,})-")


def number(path: Path) -> int:
    """The backup's sequence number; 0 for a file named by time (before the numbering)."""
    found = _NUMBERED.match(path.name)
    if found is None or len(found.group(1)) >= 8:  # 20261201-… is a date, not a number
        return 0
    return int(found.group(1))


def ordered(folder: Path) -> list[Path]:
    """The backups in `folder`, oldest first."""
    if not folder.exists():
        return []
    return sorted(folder.glob("*.sqlite"), key=lambda p: (number(p), p.name))


def next_path(folder: Path, label: str) -> Path:
    safe = re.sub(r"[^A-Za-z0-9_-]", "-", label)[:60]
    last = max((number(p) for p in ordered(folder)), default=0)
    return folder / f"{last + 1:06d}-{safe}.sqlite"


def prune(folder: Path, keep: int) -> None:
    for old in ordered(folder)[:-keep]:
        old.unlink(missing_ok=True)


class Backups:
    """The Store's backups (a mixin: they copy through its write connection, under its lock)."""

    path: Path
    _wconn: sqlite3.Connection
    _wlock: threading.Lock

    def health(self, problem: str | None) -> None: ...  # the Store's

    KEEP_BACKUPS = 5

    @property
    def backup_dir(self) -> Path:
        return self.path.with_name(self.path.stem + "-backups")

    def backup(self, label: str) -> Path | None:
        """An online copy of the whole file (SQLite's backup API), keeping the last few.

        Taken at every phase change, so that a facilitator can go back to the
        state of an earlier phase; a failing backup never stops the workshop.
        """
        folder = self.backup_dir
        try:
            folder.mkdir(parents=True, exist_ok=True)
            target = next_path(folder, label)
            copy = sqlite3.connect(target)
            with self._wlock:
                self._wconn.backup(copy)
            copy.close()
            prune(folder, self.KEEP_BACKUPS)
        except (sqlite3.Error, OSError) as exc:
            self.health(f"sikkerhetskopi feilet: {exc}")
            return None
        return target

    @staticmethod
    def is_intact(path: Path) -> bool:
        """Whether `path` is a readable SQLite file that passes its own integrity check."""
        try:
            check = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                ok = check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                return ok and check.execute("SELECT 1 FROM workshop LIMIT 1").fetchall() is not None
            finally:
                check.close()
        except sqlite3.Error:
            return False

    def backups(self) -> list[Path]:
        """Oldest first, by sequence number (store/backups.py)."""
        return ordered(self.backup_dir)
