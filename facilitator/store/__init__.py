"""Persistence: the only package that runs SQL."""

import sqlite3

from facilitator.store import decisions, facilitation, grouping, minutes
from facilitator.store.db import Store
from facilitator.store.ops import Conflict, NotFound, PhaseNotOpen, StoreError, StoreUnavailable
from facilitator.store.writer import GroupCommitWriter

# What a read may raise when the file is gone, locked or corrupt (callers need not import sqlite3).
STORAGE_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, OSError)

__all__ = [
    "STORAGE_ERRORS",
    "Conflict",
    "GroupCommitWriter",
    "NotFound",
    "PhaseNotOpen",
    "Store",
    "StoreError",
    "StoreUnavailable",
    "decisions",
    "facilitation",
    "grouping",
    "minutes",
]
