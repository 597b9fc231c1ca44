"""A dialog to create a workshop from a template."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from facilitator.templates import TEMPLATES


@dataclass(frozen=True)
class NewWorkshopRequest:
    template: str
    title: str
    municipality: str
    date: str


class NewWorkshop(ModalScreen[NewWorkshopRequest | None]):
    DEFAULT_CSS = """
    NewWorkshop { align: center middle; }
    NewWorkshop > Vertical { width: 70; height: auto; border: thick $primary; background: $surface;
        padding: 1 2; }
    NewWorkshop Label { margin-top: 1; }
    NewWorkshop #new-error { color: $error; height: auto; }
    NewWorkshop Horizontal { height: auto; margin-top: 1; }
    NewWorkshop Button { margin-right: 2; }
    """
    BINDINGS = [Binding("escape", "cancel", "Avbryt")]

    def __init__(self, *, template: str = "tana-oppstart", follow_up: str | None = None) -> None:
        super().__init__()
        self.template = template
        self.follow_up = follow_up

    def compose(self) -> ComposeResult:
        with Vertical():
            heading = f"Neste møte etter «{self.follow_up}»" if self.follow_up else "Ny workshop"
            yield Static(heading, markup=False, id="new-heading")
            if self.follow_up:
                yield Static("Åpne tiltak fra forrige møte tas med til gjennomgang.", markup=False)
            yield Label("Mal")
            yield Select(
                [(f"{t.name} ({t.key})", t.key) for t in TEMPLATES.values()],
                value=self.template,
                allow_blank=False,
                id="template",
            )
            yield Label("Tittel")
            yield Input(placeholder="Oppstartsseminar trepartssamarbeid", id="title")
            yield Label("Kommune")
            yield Input(placeholder="Tana kommune", id="municipality")
            yield Label("Dato (ÅÅÅÅ-MM-DD)")
            yield Input(value=dt.date.today().isoformat(), id="date")
            yield Static("", id="new-error")
            with Horizontal():
                yield Button("Opprett", variant="primary", id="create")
                yield Button("Avbryt", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    @on(Button.Pressed, "#create")
    @on(Input.Submitted)
    def create(self) -> None:
        title = self.query_one("#title", Input).value.strip()
        date = self.query_one("#date", Input).value.strip()
        error = self.query_one("#new-error", Static)
        if not title:
            error.update("Skriv en tittel.")
            self.query_one("#title", Input).focus()
            return
        if date:
            try:
                dt.date.fromisoformat(date)
            except ValueError:
                error.update("Datoen må skrives som ÅÅÅÅ-MM-DD.")
                self.query_one("#date", Input).focus()
                return
        template = self.query_one("#template", Select).value
        self.dismiss(
            NewWorkshopRequest(
                template=str(template),
                title=title,
                municipality=self.query_one("#municipality", Input).value.strip(),
                date=date,
            )
        )

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
