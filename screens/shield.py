"""The shield: the projector shows only the workshop's title while the facilitator works.

The phase keys still work underneath, so the facilitator can prepare the next
question without the room watching.
"""

from __future__ import annotations

from typing import Protocol

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Static

from facilitator.model import Phase
from screens.lang import N_, LocalisedScreen
from screens.notes_pane import NotesPane
from screens.text import literal


class PhaseControls(Protocol):
    workshop_id: int
    wall_phase_id: int | None

    def action_next_phase(self) -> None: ...

    def action_previous_phase(self) -> None: ...

    def action_close_phase(self) -> None: ...

    def notes_phase(self) -> Phase | None: ...


class ShieldScreen(LocalisedScreen, Screen[None]):
    CSS_PATH = "shield.tcss"
    BINDINGS = [
        Binding("s,escape", "unshield", N_("Vis igjen"), show=False),
        Binding("n", "forward('action_next_phase')", N_("Neste fase"), show=False),
        Binding("p", "forward('action_previous_phase')", N_("Forrige"), show=False),
        Binding("c", "forward('action_close_phase')", N_("Lukk fase"), show=False),
        Binding("m", "moderate", N_("Til gjennomsyn"), show=False),
        Binding("d", "notes", N_("Notater: diskusjon og vedtak"), show=False),
        # Nothing but the title reaches the projector: not even the list of keys.
        Binding("question_mark", "nothing", N_("Taster"), show=False),
    ]

    def __init__(self, title: str, controls: PhaseControls) -> None:
        super().__init__()
        self.title_text = title
        self.controls = controls

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Static(literal(self.title_text), id="shield-title")
        # Notes written behind the shield: the room sees the title, the referent the notes.
        yield NotesPane(self.controls.workshop_id, id="shield-notes")

    def action_notes(self) -> None:
        self.query_one(NotesPane).toggle(self.controls.notes_phase())

    def on_mount(self) -> None:
        # Nothing but the title reaches the projector: toasts wait until the shield is lifted
        # (without its rack of toasts the screen shows none; the run screen shows them after).
        for rack in self.query("ToastRack"):
            rack.remove()

    def action_nothing(self) -> None:
        pass

    def action_unshield(self) -> None:
        self.dismiss()

    def action_moderate(self) -> None:
        from screens.moderation import ModerationScreen

        self.app.push_screen(
            ModerationScreen(self.controls.workshop_id, self.controls.wall_phase_id)
        )

    def action_forward(self, method: str) -> None:
        getattr(self.controls, method)()
