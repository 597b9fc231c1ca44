"""Where the facilitator's app writes what went wrong, instead of dying of it.

An exception in a key handler, a worker or an export must not end the app (the phones' endpoint
runs in the same process). It is written here, to a file beside the database, with its
traceback, and the projector shows one sentence. The file is kept small: past MAX_BYTES the
older half goes.
"""

from __future__ import annotations

import datetime as dt
import traceback
from pathlib import Path

MAX_BYTES = 1_000_000


def log_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.stem + "-errors.log")


def record(db_path: Path, error: BaseException) -> Path | None:
    """Append `error` with its traceback; returns the file, or None when it cannot be written."""
    path = log_path(db_path)
    stamp = dt.datetime.now().isoformat(timespec="seconds")
    text = "".join(traceback.format_exception(error))
    try:
        if path.exists() and path.stat().st_size > MAX_BYTES:
            kept = path.read_bytes()[-MAX_BYTES // 2 :]
            path.write_bytes(kept)
        with path.open("a", encoding="utf-8", errors="replace") as file:
            file.write(f"--- {stamp}\n{text}\n")
    except OSError:
        return None
    return path


def one_sentence(error: BaseException) -> str:
    """The error as one short line for the projector: no traceback, no markup, no newlines."""
    words = " ".join(str(error).split()) or type(error).__name__
    return words[:160]
