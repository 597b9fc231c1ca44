"""The home screen: the workshops on this laptop; create one from a template, open one."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from facilitator.i18n import ui_language
from facilitator.locale_format import date_short
from facilitator.model import WorkshopStatus
from screens.context import host
from screens.lang import N_, LocalisedScreen, _
from screens.new_workshop import NewWorkshop, NewWorkshopRequest
from screens.run import RunScreen
from screens.text import literal

STATUS = {
    WorkshopStatus.DRAFT: N_("klar"),
    WorkshopStatus.RUNNING: N_("pågår"),
    WorkshopStatus.CLOSED: N_("avsluttet"),
}


class HomeScreen(LocalisedScreen, Screen[None]):
    CSS_PATH = "home.tcss"
    BINDINGS = [
        Binding("n", "new", N_("Ny workshop")),
        Binding("enter", "open", N_("Åpne"), show=True, priority=False),
        Binding("r", "edit", N_("Rediger")),
        Binding("f", "follow_up", N_("Neste møte i serien")),
        Binding("q", "app.quit", N_("Avslutt")),
    ]

    def compose(self) -> ComposeResult:
        yield Static(
            Text(" " + _("Trepart – kommunalt trepartssamarbeid"), style="bold"), id="home-title"
        )
        yield Static(Text(_("Workshops på denne maskinen")), id="home-lead")
        yield Static(Text(host(self.app).listening(), style="dim"), id="home-listening")
        table: DataTable[Text | str] = DataTable(
            id="workshops", cursor_type="row", zebra_stripes=True
        )
        yield table
        yield Static(Text(_("Ingen workshops ennå. Trykk n for å lage en.")), id="home-empty")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(
            _("Tittel"),
            _("Kommune"),
            _("Dato"),
            _("Kode"),
            _("Status"),
            _("Serie"),
            _("Åpne tiltak"),
        )
        self.reload()
        table.focus()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        store = host(self.app).store
        workshops = store.list_workshops()
        for ws in workshops:
            table.add_row(
                literal(ws.title),
                literal(ws.municipality),
                date_short(ws.date, ui_language()),
                ws.code,
                _(STATUS[ws.status]),
                literal(ws.series),
                str(sum(1 for a in store.actions(ws.id) if a.status.open)),
                key=str(ws.id),
            )
        self.query_one("#home-empty").display = not workshops

    def action_new(self) -> None:
        self.app.push_screen(NewWorkshop(), self.created)

    def created(self, request: NewWorkshopRequest | None) -> None:
        if request is None:
            return
        ws = host(self.app).store.create_workshop(
            request.template,
            title=request.title,
            municipality=request.municipality,
            date=request.date,
        )
        self.reload()
        self.app.push_screen(RunScreen(ws.id))

    def action_open(self) -> None:
        if (workshop_id := self._selected_id()) is not None:
            self.app.push_screen(RunScreen(workshop_id))

    def _selected_id(self) -> int | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            self.notify(_("Ingen workshops ennå. Trykk n for å lage en."))
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key is not None else None

    def action_follow_up(self) -> None:
        previous = self._selected_id()
        if previous is None:
            return
        ws = host(self.app).store.workshop(previous)
        assert ws is not None
        self.app.push_screen(
            NewWorkshop(template="styringsgruppe", follow_up=ws.title),
            lambda request: self.followed(previous, request),
        )

    def followed(self, previous: int, request: NewWorkshopRequest | None) -> None:
        if request is None:
            return
        ws = host(self.app).store.create_follow_up(
            previous, request.template, title=request.title, date=request.date
        )
        self.reload()
        self.app.push_screen(RunScreen(ws.id))

    def action_edit(self) -> None:
        from screens.editor import EditorScreen

        if (workshop_id := self._selected_id()) is not None:
            self.app.push_screen(EditorScreen(workshop_id))

    @on(DataTable.RowSelected)
    def row_selected(self) -> None:
        self.action_open()
