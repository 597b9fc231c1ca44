"""All the workshop's actions in one table (`l` from the projector)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static

from screens.action_table import ActionTable
from screens.lang import N_, LocalisedScreen, _


class ActionsScreen(LocalisedScreen, Screen[None]):
    CSS_PATH = "actions_screen.tcss"
    BINDINGS = [Binding("escape", "back", N_("Tilbake"))]

    def __init__(self, workshop_id: int, title: str) -> None:
        super().__init__()
        self.workshop_id = workshop_id
        self.title_text = title

    def compose(self) -> ComposeResult:
        yield Static(
            Text(" " + _("Tiltak – {title}").format(title=self.title_text)), id="actions-title"
        )
        yield Static(
            Text(
                _(
                    "Enter redigerer feltet · mellomrom endrer status · S sorterer på frist, "
                    "ansvarlig, status"
                )
            ),
            id="actions-help",
        )
        yield ActionTable(self.workshop_id, id="action-table")
        yield Static(
            Text(_("Ingen tiltak ennå. Trykk a for å legge til det første.")), id="actions-empty"
        )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ActionTable).focus()
        self.show_hint()

    def show_hint(self) -> None:
        self.query_one("#actions-empty").display = self.query_one(ActionTable).row_count == 0

    def on_action_table_reloaded(self) -> None:
        self.show_hint()

    def action_back(self) -> None:
        self.dismiss()
