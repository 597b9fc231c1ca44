"""The live workshop on the projector: agenda, join view or wall, and the parties' counts."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Static

from facilitator.model import PhaseKind, PhaseStatus, WorkshopState
from facilitator.store import StoreError
from screens.agenda import STATUS_WORDS, Agenda
from screens.context import host
from screens.join_panel import JoinPanel
from screens.messages import CardsArrived, CardsRemoved, PhaseUpdated, TalliesChanged
from screens.party_bar import PartyBar
from screens.shield import ShieldScreen
from screens.text import literal
from screens.wall import Wall


class RunScreen(Screen[None]):
    CSS_PATH = "run.tcss"
    BINDINGS = [
        Binding("n", "next_phase", "Neste"),
        Binding("p", "previous_phase", "Forrige"),
        Binding("o", "open_selected", "Åpne"),
        Binding("c", "close_phase", "Lukk"),
        Binding("j", "show_join", "QR"),
        Binding("w", "show_wall", "Innspill"),
        Binding("s", "shield", "Skjerm"),
        Binding("e", "export", "Referat"),
        Binding("escape", "leave", "Tilbake"),
    ]

    def __init__(self, workshop_id: int) -> None:
        super().__init__()
        self.workshop_id = workshop_id
        self.state: WorkshopState = host_state(self, workshop_id)
        self.wall_phase_id: int | None = None

    @property
    def store(self):  # type: ignore[no-untyped-def]
        return host(self.app).store

    def compose(self) -> ComposeResult:
        ws = self.state.workshop
        yield Static(id="title-bar")
        with Horizontal(id="body"):
            yield Agenda(id="agenda")
            with Vertical(id="stage"):
                yield Static(id="prompt")
                yield Static(id="join-strip")
                with ContentSwitcher(initial="join", id="views"):
                    yield JoinPanel(host(self.app).join_url(ws.code), ws.code, id="join")
                    yield Wall({p.key: p for p in self.state.parties}, id="wall")
        yield PartyBar(id="parties")
        yield Footer()

    def on_mount(self) -> None:
        self.store.watch(self.workshop_id)
        self.reload(auto_view=True)
        self.query_one(Agenda).focus()

    # -- drawing ----------------------------------------------------------------------------

    def reload(self, *, auto_view: bool = False) -> None:
        self.state = self.store.state(self.workshop_id)
        ws, phase = self.state.workshop, self.state.current_phase
        self.query_one(Agenda).show(self.state.phases, ws.current_phase_id)
        title = Text()
        title.append(" " + ws.title, style="bold")
        if ws.municipality:
            title.append(f" · {ws.municipality}")
        if phase is not None:
            title.append(f"   Fase {phase.position}/{len(self.state.phases)}: ", style="dim")
            title.append(f"{phase.title} ({STATUS_WORDS[phase.status]})", style="bold")
        else:
            title.append("   Ingen fase er åpen", style="dim")
        self.query_one("#title-bar", Static).update(title)
        self.query_one("#prompt", Static).update(literal(phase.prompt if phase else ""))
        url = host(self.app).join_url(ws.code)
        self.query_one("#join-strip", Static).update(
            Text.assemble(
                ("Bli med: ", "dim"), (url, "bold"), ("   Kode: ", "dim"), (ws.code, "bold")
            )
        )
        self.query_one(JoinPanel).show_prompt(phase.title if phase else "")
        if phase is not None and phase.kind is PhaseKind.COLLECT and phase.id != self.wall_phase_id:
            self.wall_phase_id = phase.id
            self.query_one(Wall).show(self.store.cards(self.workshop_id, phase.id))
        if auto_view:
            collecting = phase is not None and phase.kind is PhaseKind.COLLECT
            self.show_view("wall" if collecting else "join")
        self.refresh_tallies()

    def show_view(self, view: str) -> None:
        self.query_one("#views", ContentSwitcher).current = view
        self.query_one("#join-strip").display = view != "join"

    def refresh_tallies(self) -> None:
        self.query_one(PartyBar).show(self.store.tallies(self.workshop_id))

    # -- the bus, through the app ---------------------------------------------------------------

    @on(CardsArrived)
    def cards_arrived(self, message: CardsArrived) -> None:
        if message.workshop_id != self.workshop_id:
            return
        cards = [c for c in message.cards if c.phase_id == self.wall_phase_id]
        self.query_one(Wall).add(cards)
        self.refresh_tallies()

    @on(CardsRemoved)
    def cards_removed(self, message: CardsRemoved) -> None:
        if message.workshop_id == self.workshop_id:
            self.query_one(Wall).remove_cards(message.card_ids)
            self.refresh_tallies()

    @on(PhaseUpdated)
    def phase_updated(self, message: PhaseUpdated) -> None:
        if message.workshop_id == self.workshop_id:
            self.reload(auto_view=True)

    @on(TalliesChanged)
    def tallies_changed(self, message: TalliesChanged) -> None:
        if message.workshop_id == self.workshop_id:
            self.refresh_tallies()

    # -- actions --------------------------------------------------------------------------------

    def _phase_op(self, op: str, *args: int) -> None:
        try:
            getattr(self.store, op)(self.workshop_id, *args)
        except StoreError as exc:
            self.notify(f"Kunne ikke endre fase: {exc}", severity="error")

    def action_next_phase(self) -> None:
        self._phase_op("step_phase", 1)

    def action_previous_phase(self) -> None:
        self._phase_op("step_phase", -1)

    def action_open_selected(self) -> None:
        position = self.query_one(Agenda).selected_position
        if position is not None:
            self._phase_op("open_phase", position)

    def action_close_phase(self) -> None:
        phase = self.state.current_phase
        if phase is None or phase.status is not PhaseStatus.OPEN:
            self.notify("Ingen fase er åpen.")
            return
        self._phase_op("close_phase")

    def action_show_join(self) -> None:
        self.show_view("join")

    def action_show_wall(self) -> None:
        self.show_view("wall")

    def action_shield(self) -> None:
        self.app.push_screen(ShieldScreen(self.state.workshop.title, self))

    def action_export(self) -> None:
        try:
            path = host(self.app).export_markdown(self.workshop_id)
        except OSError as exc:
            self.notify(f"Kunne ikke lagre referatet: {exc}", severity="error")
            return
        self.notify(f"Referat lagret: {path}", timeout=8)

    def action_leave(self) -> None:
        self.dismiss()

    @on(Agenda.OptionSelected)
    def agenda_selected(self) -> None:
        self.action_open_selected()


def host_state(screen: Screen[None], workshop_id: int) -> WorkshopState:
    return host(screen.app).store.state(workshop_id)
