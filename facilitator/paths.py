"""Where Trepart keeps things on the facilitator's laptop, on Windows, macOS and Linux alike."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "trepart"


def default_db() -> Path:
    """`TREPART_DB`, else the user data dir (e.g. ~/.local/share/trepart/trepart.sqlite)."""
    if env := os.environ.get("TREPART_DB"):
        return Path(env)
    return platformdirs.user_data_path(APP, appauthor=False) / "trepart.sqlite"


def export_dir() -> Path:
    """Referats land in the user's documents folder, where a facilitator looks for them."""
    path = platformdirs.user_documents_path() / "Trepart"
    path.mkdir(parents=True, exist_ok=True)
    return path
