"""Persistence: the only package that runs SQL.

Modules by what they hold, each with its writes (operations for `Store.write`) and its reads:
workshops (and parties, follow-up meetings), phases (the agenda and stepping through it), cards
(a phone's, a paper one, curation, the word search), participants, votes (and ratings), actions,
agreements, grouping (focus areas), minutes (attendance, notes, the meeting's facts). The engine
is db.Store; the schema and its migrations are schema.py; what another process writes is noticed
by watcher.py; backups, closing and deleting are maintenance.py; errors and Outcome are errors.py.
"""

import sqlite3

from facilitator.store import grouping, minutes
from facilitator.store.db import Store
from facilitator.store.errors import (
    Conflict,
    InvalidValue,
    NotFound,
    Outcome,
    PhaseNotOpen,
    PhaseOver,
    StoreError,
    StoreUnavailable,
)
from facilitator.store.writer import GroupCommitWriter

# What a read may raise when the file is gone, locked or corrupt (callers need not import sqlite3).
STORAGE_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, OSError)

__all__ = [
    "STORAGE_ERRORS",
    "Conflict",
    "GroupCommitWriter",
    "InvalidValue",
    "NotFound",
    "Outcome",
    "PhaseNotOpen",
    "PhaseOver",
    "Store",
    "StoreError",
    "StoreUnavailable",
    "grouping",
    "minutes",
]
