"""Persistence: the only package that runs SQL."""

from facilitator.store import decisions, facilitation, grouping, minutes
from facilitator.store.db import Store
from facilitator.store.ops import Conflict, NotFound, PhaseNotOpen, StoreError, StoreUnavailable
from facilitator.store.writer import GroupCommitWriter

__all__ = [
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
