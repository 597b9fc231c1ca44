"""A phase's time box as a big countdown, with a gentle signal when the time is up."""

from __future__ import annotations

import time

from textual.reactive import reactive
from textual.widgets import Digits

from facilitator.i18n import ui_language
from facilitator.model import Phase
from screens.lang import _


def clock(seconds: float) -> str:
    seconds = max(0, int(seconds + 0.999))
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


class Countdown(Digits):
    DEFAULT_CSS = """
    Countdown { width: auto; color: $success; }
    Countdown.-low { color: $warning; }
    Countdown.-over { color: $error; border-top: round $error; border-title-color: $error; }
    """

    phase: reactive[Phase | None] = reactive(None, always_update=True)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self._signalled: int | None = None

    def on_mount(self) -> None:
        self.set_interval(1.0, self.tick)

    def watch_phase(self, phase: Phase | None) -> None:
        self.tick()

    def tick(self) -> None:
        phase = self.phase
        remaining = phase.remaining(time.time()) if phase else None
        self.display = remaining is not None
        if remaining is None or phase is None:
            return
        self.update(clock(remaining))
        self.set_class(0 < remaining <= 60, "-low")
        self.set_class(remaining <= 0, "-over")
        self.border_title = _("Tiden er ute") if remaining <= 0 else None
        if remaining <= 0 and self._signalled != phase.id:
            self._signalled = phase.id
            self.app.bell()
            self.notify(
                _("Tiden er ute for denne fasen."), title=phase.title_in(ui_language()), timeout=6
            )
