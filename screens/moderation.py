"""The review queue: held and hidden cards, reachable only behind the shield.

With moderation on, phones' cards wait here until the facilitator lets them onto
the wall; hidden cards can be brought back. The room never sees this list
unless the facilitator shows it.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from facilitator.i18n import ui_language
from facilitator.model import Card
from facilitator.store.cards import approve, edit_text, set_hidden
from screens.context import host
from screens.dialogs import fix_typo
from screens.lang import N_, LocalisedScreen, _
from screens.text import literal
from screens.writes import write_or_notify


class ModerationScreen(LocalisedScreen, Screen[None]):
    CSS_PATH = "moderation.tcss"
    BINDINGS = [
        Binding("y", "approve", N_("Godkjenn")),
        Binding("a", "approve_all", N_("Godkjenn alle")),
        Binding("h", "toggle_hidden", N_("Skjul/vis")),
        Binding("t", "edit", N_("Rett skrivefeil")),
        Binding("escape", "back", N_("Tilbake til skjermen")),
    ]

    def __init__(self, workshop_id: int, phase_id: int | None) -> None:
        super().__init__()
        self.workshop_id = workshop_id
        self.phase_id = phase_id

    def compose(self) -> ComposeResult:
        yield Static(" " + _("Til gjennomsyn – salen ser ikke denne listen"), id="mod-title")
        yield DataTable(id="queue", cursor_type="row")
        yield Static(_("Ingen innspill venter, og ingen er skjult."), id="mod-empty")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(_("Status"), _("Part"), _("Innspill"))
        self.reload()

    def queue(self) -> list[Card]:
        return [
            c
            for c in host(self.app).store.cards(self.workshop_id, self.phase_id)
            if (c.pending or c.hidden) and not c.merged_into
        ]

    def reload(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        state = host(self.app).store.state(self.workshop_id)
        for card in self.queue():
            party = state.party(card.party_key)
            if card.hidden:
                status = Text(_("skjult"), style="dim")
            else:
                status = Text(_("venter"), style="bold")
            table.add_row(
                status,
                party.name_in(ui_language()) if party else card.party_key,
                literal(card.text),
                key=str(card.id),
            )
        self.query_one("#mod-empty").display = table.row_count == 0
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    def _selected(self) -> Card | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((c for c in self.queue() if str(c.id) == key), None)

    def action_approve(self) -> None:
        card = self._selected()
        if card is not None:
            if card.hidden:
                self._write(set_hidden, card.id, False)
            self._write(approve, card.id)
            self.reload()

    def action_approve_all(self) -> None:
        for card in self.queue():
            if card.pending and not card.hidden:
                self._write(approve, card.id)
        self.reload()

    def action_toggle_hidden(self) -> None:
        card = self._selected()
        if card is not None:
            self._write(set_hidden, card.id, not card.hidden)
            self.reload()

    def action_edit(self) -> None:
        if (card := self._selected()) is not None:
            self.app.push_screen(fix_typo(card.text), lambda text: self._edited(card, text))

    def _edited(self, card: Card, text: str | None) -> None:
        if text and text.strip():
            self._write(edit_text, card.id, text)
            self.reload()

    def _write(self, op: Any, *args: Any) -> None:
        write_or_notify(self, op, *args)

    def action_back(self) -> None:
        self.dismiss()
