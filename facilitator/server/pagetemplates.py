"""The phone pages' Jinja2 templates, loaded on the first page rather than at start-up.

Importing Jinja2 costs the TUI about a tenth of its imports before the QR code is on the
projector, and the first phone asks for a page only after that QR code has been scanned.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jinja2 import Environment, Template


class Templates:
    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._env: Environment | None = None

    def get_template(self, name: str) -> Template:
        if self._env is None:
            from jinja2 import Environment, FileSystemLoader, select_autoescape

            self._env = Environment(
                loader=FileSystemLoader(self._folder), autoescape=select_autoescape(default=True)
            )
        return self._env.get_template(name)
