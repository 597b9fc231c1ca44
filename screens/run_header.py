"""The run screen's header: the title bar, and above the stage the question with its join strip.

The room reads these from the back row: which sak or phase is on, its question, how to join
while the stage shows something else, cards waiting for review, and the countdown.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from facilitator.i18n import ui_language
from facilitator.model import Phase, Workshop
from screens.agenda import STATUS_WORDS
from screens.countdown import Countdown
from screens.lang import _
from screens.party_bar import SMALL_ROOM
from screens.text import literal, show_text


class TitleBar(Static):
    """The workshop, and the phase that is on: "Sak 01/26:" in a steering group, else "Fase 2/9:"."""

    def show(self, ws: Workshop, phase: Phase | None, number: str | None, phases: int) -> None:
        title = Text()
        title.append(" " + ws.title, style="bold")
        if ws.municipality:
            title.append(f" · {ws.municipality}")
        if phase is not None:
            if number:
                where = _("Sak {number}:").format(number=number)
            else:
                where = _("Fase {position}/{count}:").format(position=phase.position, count=phases)
            title.append(f"   {where} ", style="dim")
            status = _(STATUS_WORDS[phase.status])
            title.append(f"{phase.title_in(ui_language())} ({status})", style="bold")
        else:
            title.append("   " + _("Ingen fase er åpen"), style="dim")
        self.update(title)


class StageHead(Horizontal):
    """The current question, the join strip, the waiting line and the small-room note; the
    countdown beside them."""

    def compose(self) -> ComposeResult:
        with Vertical(id="stage-text"):
            yield Static(id="prompt")
            yield Static(id="join-strip")
            yield Static(id="pending")
            yield Static(id="small-room")
        yield Countdown(id="countdown")

    def show_phase(self, phase: Phase | None, url: str, code: str) -> None:
        self.query_one("#prompt", Static).update(
            literal(phase.prompt_in(ui_language()) if phase else "")
        )
        self.query_one("#join-strip", Static).update(
            Text.assemble(
                (_("Bli med:") + " ", "dim"),
                (url, "bold"),
                ("   " + _("Kode:") + " ", "dim"),
                (code, "bold"),
            )
        )
        self.query_one(Countdown).phase = phase

    def show_view(self, view: str) -> None:
        """The join strip is for views without the QR code; the small-room note only beside it."""
        self.query_one("#join-strip").display = view != "join"
        if view != "join":
            self.query_one("#small-room").display = False

    def show_waiting(self, waiting: int) -> None:
        pending = self.query_one("#pending", Static)
        pending.display = waiting > 0
        show_text(
            pending, Text(_("{count} nye innspill venter").format(count=waiting), style="bold")
        )

    def show_small_room(self, shown: bool) -> None:
        small = self.query_one("#small-room", Static)
        small.display = shown
        show_text(small, Text(_(SMALL_ROOM), style="italic"))


class Agreements(Static):
    """What the parties agreed on in the current phase, under the stage (hidden when nothing)."""

    def show(self, lines: list[str]) -> None:
        self.display = bool(lines)
        show_text(
            self,
            Text("\n").join(
                Text.assemble((_("Enighet om") + " ", "bold"), literal(t)) for t in lines
            ),
        )
