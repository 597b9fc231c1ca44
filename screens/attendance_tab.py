"""The editor's Deltakere tab: who attends (Til stede / Forfall / vara) and the meeting's details.

One text box per party, a person per line ("Kari Nordmann, ordfører (forfall)"), so a list can
be pasted from the invitation or typed. Saved as typed, like the rest of the editor. The names
are the secretary's list for the referat; nothing links them to a phone, a card or a vote.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, Static, TextArea

from facilitator.meeting import format_line, parse_lines
from facilitator.store import StoreError, minutes
from screens.context import host
from screens.lang import _, explain
from screens.text import literal


class AttendancePanel(VerticalScroll):
    DEFAULT_CSS = """
    AttendancePanel { height: 1fr; }
    AttendancePanel Label { margin-top: 1; }
    AttendancePanel TextArea { height: 6; }
    AttendancePanel .help { color: $text-muted; height: auto; }
    AttendancePanel #people-error { color: $error; height: auto; }
    """

    def __init__(self, workshop_id: int, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.workshop_id = workshop_id
        self._loading = True

    def compose(self) -> ComposeResult:
        store = host(self.app).store
        state = store.state(self.workshop_id)
        held = store.read(minutes.meeting, self.workshop_id)
        people = store.read(minutes.attendees, self.workshop_id)
        yield Label(_("Tid (f.eks. 18:00–20:30)"))
        yield Input(held.time, id="meeting-time")
        yield Label(_("Første saksnummer (tomt = fortsetter etter forrige møte i serien)"))
        yield Input(
            str(held.first_item or ""), id="meeting-first", restrict=r"\d{0,3}", placeholder="1"
        )
        yield Static(
            _("Én person per linje: Navn, rolle. Skriv (forfall) eller (vara) bak navnet."),
            classes="help",
        )
        for party in state.parties:
            yield Label(literal(party.name))
            yield TextArea(
                "\n".join(format_line(a) for a in people if a.party_key == party.key),
                id=f"people-{party.key}",
            )
        yield Static(id="people-error")

    def on_mount(self) -> None:
        self.call_after_refresh(self._done_loading)

    def _done_loading(self) -> None:
        self._loading = False

    def _write(self, op: object, *args: object, **kwargs: object) -> None:
        error = self.query_one("#people-error", Static)
        try:
            host(self.app).store.write(op, *args, **kwargs)  # type: ignore[arg-type]
        except StoreError as exc:
            error.update(literal(explain(exc)))
        else:
            error.update("")

    @on(TextArea.Changed)
    def people_typed(self, event: TextArea.Changed) -> None:
        event.stop()
        if self._loading or not (event.text_area.id or "").startswith("people-"):
            return
        party = (event.text_area.id or "").removeprefix("people-")
        self._write(
            minutes.replace_party_attendance,
            self.workshop_id,
            party,
            parse_lines(event.text_area.text),
        )

    @on(Input.Changed, "#meeting-time")
    def time_typed(self, event: Input.Changed) -> None:
        event.stop()
        if not self._loading:
            self._write(minutes.set_meeting, self.workshop_id, time=event.value)

    @on(Input.Changed, "#meeting-first")
    def first_typed(self, event: Input.Changed) -> None:
        event.stop()
        if not self._loading:
            value = event.value.strip()
            self._write(
                minutes.set_meeting, self.workshop_id, first_item=int(value) if value else None
            )
