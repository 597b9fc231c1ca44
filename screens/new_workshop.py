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

from facilitator.model import parse_date
from facilitator.templates import TEMPLATES
from screens.lang import N_, LocalisedScreen, _

# The templates' names are bokmål data in facilitator/templates.py; marked here so that the
# screens' catalog can translate them (a name missing from this list shows in bokmål).
TEMPLATE_NAMES = (
    N_("Oppstartsseminar (Tana)"),
    N_("Samhandlings- og utviklingsmøte"),
    N_("Styringsgruppemøte"),
    N_("Sammen om en bedre kommune"),
    N_("Informasjonsmøte i omstilling"),
)


@dataclass(frozen=True)
class NewWorkshopRequest:
    template: str
    title: str
    municipality: str
    date: str


class NewWorkshop(LocalisedScreen, ModalScreen[NewWorkshopRequest | None]):
    CSS_PATH = "new_workshop.tcss"
    BINDINGS = [Binding("escape", "cancel", N_("Avbryt"))]

    def __init__(self, *, template: str = "tana-oppstart", follow_up: str | None = None) -> None:
        super().__init__()
        self.template = template
        self.follow_up = follow_up

    def compose(self) -> ComposeResult:
        with Vertical():
            heading = (
                _("Neste møte etter «{title}»").format(title=self.follow_up)
                if self.follow_up
                else _("Ny workshop")
            )
            yield Static(heading, markup=False, id="new-heading")
            if self.follow_up:
                yield Static(
                    _("Åpne tiltak fra forrige møte tas med til gjennomgang."), markup=False
                )
            yield Label(_("Mal"))
            yield Select(
                [(f"{_(t.name)} ({t.key})", t.key) for t in TEMPLATES.values()],
                value=self.template,
                allow_blank=False,
                id="template",
            )
            yield Label(_("Tittel"))
            yield Input(placeholder=_("Oppstartsseminar trepartssamarbeid"), id="title")
            yield Label(_("Kommune"))
            yield Input(placeholder=_("Tana kommune"), id="municipality")
            yield Label(_("Dato (DD.MM.ÅÅÅÅ)"))
            yield Input(value=dt.date.today().strftime("%d.%m.%Y"), id="date")
            yield Static("", id="new-error")
            with Horizontal():
                yield Button(_("Opprett"), variant="primary", id="create")
                yield Button(_("Avbryt"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    @on(Button.Pressed, "#create")
    @on(Input.Submitted)
    def create(self) -> None:
        title = self.query_one("#title", Input).value.strip()
        date = self.query_one("#date", Input).value.strip()
        error = self.query_one("#new-error", Static)
        if not title:
            error.update(_("Skriv en tittel."))
            self.query_one("#title", Input).focus()
            return
        if date:
            if (iso := parse_date(date)) is None:
                error.update(_("Datoen skrives DD.MM.ÅÅÅÅ eller ÅÅÅÅ-MM-DD."))
                self.query_one("#date", Input).focus()
                return
            date = iso
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
