"""Text → grouping suggestions and labels (pure functions, no I/O)."""

from facilitator.clustering.engine import Group, Suggestion, prepare, suggest

__all__ = ["Group", "Suggestion", "prepare", "suggest"]
