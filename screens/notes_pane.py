"""The secretary's pane on the projector: discussion and decision of the open sak, as they happen.

Every keystroke is a durable write (the store commits it), so what the referent typed survives a
crash. The pane can be opened behind the shield too, when the room should not read along. The
legal basis field marks the sak unntatt offentlighet (the public referat then shows only its
title).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static, TextArea

from facilitator.model import Phase
from facilitator.store import StoreError, minutes
from screens.context import host
from screens.lang import N_, Localised, _, explain
from screens.text import literal


class NotesPane(Localised, Vertical):
    DEFAULT_CSS = """
    NotesPane { height: 1fr; border: round $accent; padding: 0 1; background: $surface; }
    NotesPane.-hidden { display: none; }
    NotesPane #notes-title { text-style: bold; height: 1; }
    NotesPane Label { height: 1; margin-top: 0; color: $text-muted; }
    NotesPane TextArea { height: 1fr; min-height: 3; }
    NotesPane #notes-exempt { height: 3; }
    NotesPane #notes-error { color: $error; height: auto; }
    """
    BINDINGS = [Binding("escape", "close", N_("Lukk notater"))]

    def __init__(self, workshop_id: int, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.workshop_id = workshop_id
        self.phase_id: int | None = None
        self.add_class("-hidden")
        self.disabled = (
            True  # hidden and disabled: a key the room's screen gets is never typed here
        )

    def compose(self) -> ComposeResult:
        yield Static(id="notes-title")
        yield Label(_("Diskusjon"))
        yield TextArea(id="notes-discussion", soft_wrap=True)
        yield Label(_("Vedtak / konklusjon"))
        yield TextArea(id="notes-decision", soft_wrap=True)
        yield Label(_("Unntatt offentlighet: hjemmel (tomt = offentlig)"))
        yield Input(id="notes-exempt", placeholder=_("f.eks. offl. § 14"))
        yield Static(id="notes-error")

    @property
    def shown(self) -> bool:
        return not self.has_class("-hidden")

    def toggle(self, phase: Phase | None) -> None:
        if self.shown:
            self.action_close()
            return
        self.disabled = False
        self.remove_class("-hidden")
        self.show_phase(phase)
        self.query_one("#notes-discussion", TextArea).focus()

    def show_phase(self, phase: Phase | None) -> None:
        """Load the notes of `phase` (the sak on screen); nothing is written by loading."""
        if phase is None or phase.id == self.phase_id or not self.is_mounted:
            return
        self.phase_id = phase.id
        note = host(self.app).store.read(minutes.item_notes, self.workshop_id).get(phase.id)
        with self.prevent(TextArea.Changed, Input.Changed):
            self.query_one("#notes-title", Static).update(
                literal(_("Notater: {title}").format(title=phase.title))
            )
            self.query_one("#notes-discussion", TextArea).load_text(note.discussion if note else "")
            self.query_one("#notes-decision", TextArea).load_text(note.decision if note else "")
            self.query_one("#notes-exempt", Input).value = (note.exempt_basis or "") if note else ""

    def _write(self, op: object, *args: object, **kwargs: object) -> None:
        error = self.query_one("#notes-error", Static)
        try:
            host(self.app).store.write(op, *args, **kwargs)  # type: ignore[arg-type]
        except StoreError as exc:
            error.update(literal(explain(exc)))
        else:
            error.update("")

    @on(TextArea.Changed)
    def typed(self, event: TextArea.Changed) -> None:
        event.stop()
        if self.phase_id is None:
            return
        field = "discussion" if event.text_area.id == "notes-discussion" else "decision"
        self._write(minutes.set_item_note, self.phase_id, **{field: event.text_area.text})

    @on(Input.Changed, "#notes-exempt")
    def exempt(self, event: Input.Changed) -> None:
        event.stop()
        if self.phase_id is not None:
            self._write(minutes.set_exempt, self.phase_id, event.value.strip() or None)

    def action_close(self) -> None:
        self.add_class("-hidden")
        self.disabled = True
        self.screen.set_focus(None)
