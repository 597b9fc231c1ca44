"""Backups are numbered by a sequence, and kept by number: never by the wall clock.

A clock set an hour back (or a coarse and a fine clock mixed in one name) sorted the newest
backup first and deleted it at once. The number is one more than the highest in the folder,
written with six digits so names also sort by number in a file manager. Files from before
the numbering (named by time) count as older than every numbered one.
"""

from __future__ import annotations

import re
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
