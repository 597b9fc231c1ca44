"""The Store's upkeep: closing and deleting workshops, and whether the file is sound.

Split from db.py (which keeps the connections, the writes and the reads); a mixin, since these
need the Store's write connection and lock. Backups are store/backups.py.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

from facilitator.model import Workshop
from facilitator.store import filecheck, workshops
from facilitator.store.backups import Backups
from facilitator.store.errors import NotFound


class Upkeep(Backups):
    """Needs from the Store: path, file, _wconn, _wlock, write, workshop, health, claim."""

    path: Path
    file: filecheck.FileWatch
    _wconn: sqlite3.Connection
    _wlock: threading.Lock

    def write(self, op: Any, *args: Any, **kwargs: Any) -> Any: ...  # the Store's
    def workshop(self, workshop_id: int) -> Workshop | None: ...
    def health(self, problem: str | None) -> None: ...
    def claim(self) -> None: ...

    def file_problem(self, exc: BaseException | None = None) -> str | None:
        """Whether the file was removed, replaced or corrupted under us (store/filecheck.py):
        a sentence for the projector, or None. `exc`: an error SQLite just raised."""
        if isinstance(exc, sqlite3.DatabaseError) and any(
            word in str(exc) for word in ("malformed", "not a database")
        ):
            self.file.corrupt()
        kind = self.file.problem()
        if kind == "gone":
            return (
                f"Databasefilen er borte eller byttet ut ({self.path}). Ingenting mer blir "
                "lagret: avslutt Trepart og start på nytt; «trepart backups» viser "
                "sikkerhetskopiene."
            )
        if kind == "corrupt":
            return (
                f"Databasefilen er skadet ({self.path}). Ingenting mer blir lagret: avslutt "
                "Trepart og gjenopprett en sikkerhetskopi med «trepart restore»."
            )
        return None

    # -- closing and deleting ------------------------------------------------------------

    def close_workshop(self, workshop_id: int) -> None:
        """The workshop is over: phones can no longer join, write, vote or rate."""
        self.write(workshops.close_workshop, workshop_id)

    def delete_workshop(self, workshop_id: int) -> int:
        """Delete a workshop completely: its rows, the freed pages, and every backup holding it.

        Returns how many backup files were removed.
        """
        ws = self.workshop(workshop_id)
        if ws is None:
            raise NotFound(f"workshop {workshop_id}")
        self.claim()
        self.write(workshops.delete_workshop, workshop_id)
        with self._wlock:
            # The search index keeps a deleted card's words in older segments until they are
            # merged: merge them all, then VACUUM, or the freed pages would still hold the text.
            self._wconn.execute("INSERT INTO card_fts (card_fts) VALUES ('optimize')")
            self._wconn.execute("VACUUM")
            self._wconn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        removed = 0
        for file in self.backups():
            copy = sqlite3.connect(f"file:{file}?mode=ro", uri=True)
            try:
                holds = copy.execute("SELECT 1 FROM workshop WHERE code = ?", (ws.code,)).fetchone()
            except sqlite3.Error:
                holds = True  # an unreadable copy may hold it: remove to be sure
            finally:
                copy.close()
            if holds:
                file.unlink(missing_ok=True)
                removed += 1
        return removed
