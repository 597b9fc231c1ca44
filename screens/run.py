"""The live workshop on the projector: agenda, join view, wall or matrix, and the parties' counts.

The screen draws and changes phases; the widgets on the stage own their keys (the wall the card
keys, the results view the vote's), reachable from the agenda too (screens/stage_keys.py).
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Footer

from facilitator import anonymity
from facilitator import events as ev
from facilitator.anonymity import Disclosure
from facilitator.i18n import ui_language
from facilitator.model import Card, Category, Phase, PhaseKind, PhaseStatus, WorkshopState
from facilitator.store import Store, minutes
from facilitator.templates import item_number
from screens import stage_keys
from screens.action_table import ActionTable
from screens.actions_screen import ActionsScreen
from screens.agenda import Agenda
from screens.context import host
from screens.join_panel import JoinPanel, next_address
from screens.lang import N_, LocalisedScreen, _
from screens.matrix import ExpectationMatrix
from screens.messages import CardsArrived, StoreChanged
from screens.notes_pane import NotesPane
from screens.party_bar import PartyBar
from screens.phase_ops import ask_agreement, ask_timebox, change_phase, confirm_open
from screens.results import ResultsView
from screens.room_views import RoomView, view_for
from screens.run_header import Agreements, StageHead, TitleBar
from screens.shield import ShieldScreen
from screens.wall import Wall


class RunScreen(LocalisedScreen, Screen[None]):
    CSS_PATH = "run.tcss"
    BINDINGS = [
        Binding("n", "next_phase", N_("Neste")),
        Binding("p", "previous_phase", N_("Forrige")),
        Binding("o", "open_selected", N_("Åpne")),
        Binding("c", "close_phase", N_("Lukk")),
        Binding("j", "show_join", N_("QR")),
        Binding("w", "show_wall", N_("Innspill"), show=False),
        Binding("s", "shield", N_("Skjerm")),
        Binding("e", "export", N_("Referat")),
        Binding("question_mark", "app.toggle_help", N_("Taster")),
        Binding("escape", "leave", N_("Tilbake")),
        Binding("x", "show_matrix", N_("Forventningsmatrise"), show=False),
        Binding("X", "open_cell", N_("Åpne en rute i matrisen"), show=False),
        Binding("v", "show_results", N_("Resultat (prioritering, puls)"), show=False),
        Binding("g", "agreement", N_("Enighet om …"), show=False),
        Binding("T", "timebox", N_("Tidsramme"), show=False),
        Binding("E", "edit_workshop", N_("Rediger workshop"), show=False),
        Binding("l", "actions", N_("Tiltaksliste"), show=False),
        Binding("b", "board", N_("Fokusområder (tavla)"), show=False),
        Binding("i", "next_address", N_("Neste adresse for telefonene"), show=False),
        Binding("d", "notes", N_("Notater: diskusjon og vedtak"), show=False),
    ]

    def __init__(self, workshop_id: int) -> None:
        super().__init__()
        self.workshop_id = workshop_id
        self.state: WorkshopState = host(self.app).store.state(workshop_id)
        self.wall_phase_id: int | None = None

    @property
    def store(self) -> Store:
        return host(self.app).store

    def compose(self) -> ComposeResult:
        ws = self.state.workshop
        yield TitleBar(id="title-bar")
        with Horizontal(id="body"):
            yield Agenda(id="agenda")
            with Vertical(id="stage"):
                yield StageHead(id="stage-head")
                with ContentSwitcher(initial="join", id="views"):
                    yield JoinPanel(
                        host(self.app).join_url(ws.code),
                        ws.code,
                        wifi=host(self.app).wifi_for(ws),
                        id="join",
                    )
                    yield Wall({p.key: p for p in self.state.parties}, id="wall")
                    yield ExpectationMatrix(id="matrix")
                    yield ResultsView(id="results")
                    yield ActionTable(self.workshop_id, carried_only=True, id="review")
                    yield RoomView(id="groups")
                    yield RoomView(id="summary")
                yield Agreements(id="agreements")
                yield NotesPane(self.workshop_id, id="notes")
        yield PartyBar(id="parties")
        yield Footer()

    # -- keys: the stage's widgets own theirs ------------------------------------------------------

    def key_owners(self) -> tuple[Widget, ...]:
        return (self.query_one(Wall), self.query_one(ResultsView))

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return stage_keys.with_owners(self, super().active_bindings, self.key_owners())

    async def on_key(self, event: events.Key) -> None:
        await stage_keys.hand_over(event, self.active_bindings, self.key_owners())

    # -- focus and size --------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._fit_agenda()

    def _fit_agenda(self) -> None:
        # On a 100-column projector the join view needs the stage for the QR code and its URL:
        # there the agenda gives up its extra width (its titles wrap instead); elsewhere it keeps it.
        joining = self.query_one("#views", ContentSwitcher).current == "join"
        narrow = joining and self.size.width < 110
        self.query_one(Agenda).styles.width = 26 if narrow else 32

    def on_mount(self) -> None:
        self.store.watcher.watch(self.workshop_id)  # `trepart phase` in a shell shows here
        self.reload(auto_view=True)
        self.query_one(Agenda).focus()

    def on_screen_resume(self) -> None:
        self.refresh_room()
        # A phase may have changed behind the shield or the board: the card that had the focus
        # may be gone from the wall.
        self.call_after_refresh(self.keep_focus)

    def keep_focus(self) -> None:
        """Keys go to the focused widget: one that left the stage (a card of the last phase, a
        hidden view) would take every key with it, so the agenda takes the focus back."""
        focused = self.focused
        if focused is None or not focused.is_attached or focused not in self.focus_chain:
            self.query_one(Agenda).focus()

    # -- drawing ----------------------------------------------------------------------------

    def reload(self, *, auto_view: bool = False) -> None:
        self.state = self.store.state(self.workshop_id)
        ws, phase = self.state.workshop, self.state.current_phase
        first = self.store.read(minutes.first_item, self.workshop_id)  # numbered through the year
        numbers = {
            p.id: n
            for p in self.state.phases
            if (n := item_number(ws.template, p.position, ws.date, first))
        }
        self.query_one(NotesPane).show_phase(self.notes_phase())
        self.query_one(Agenda).show(self.state.phases, ws.current_phase_id, numbers)
        number = numbers.get(phase.id) if phase else None
        self.query_one(TitleBar).show(ws, phase, number, len(self.state.phases))
        url = host(self.app).join_url(ws.code)
        self.query_one(StageHead).show_phase(phase, url, ws.code)
        lang = ui_language()
        self.query_one(JoinPanel).show_prompt(phase.title_in(lang) if phase else "")
        self.query_one(JoinPanel).follow_wifi(host(self.app).wifi_for(ws))
        if phase is not None and phase.collects and phase.id != self.wall_phase_id:
            wall = self.query_one(Wall)
            if wall.focused_card is not None:
                self.query_one(Agenda).focus()  # the card is about to leave the wall
            self.wall_phase_id = phase.id
            self.disclose()
            wall.show(phase, self._wall_cards(), self.store.merged_counts(self.workshop_id))
        if auto_view:
            self.show_view(view_for(phase, self.state.phases))
        self.refresh_cards()
        self.refresh_results()
        self.refresh_room()
        self.call_after_refresh(self.keep_focus)

    def refresh_room(self) -> None:
        """The groups and the summary: read only when one of them is on the stage."""
        view = self.query_one("#views", ContentSwitcher).current
        if view in ("groups", "summary"):
            self.query_one(f"#{view}", RoomView).show(view, self.store, self.state)

    def refresh_results(self) -> None:
        phase = self.state.current_phase
        view = self.query_one(ResultsView)
        limit = self.state.workshop.anonymity_limit
        parties = self.state.parties
        if phase is not None and phase.kind is PhaseKind.VOTE:
            results, voters = self.store.vote_results(phase.id), self.store.voters(phase.id)
            view.show_vote(phase, results, parties, voters, limit)
        elif phase is not None and phase.kind is PhaseKind.RATE:
            view.show_pulse(phase, self.store.ratings(phase.id), parties, limit)
        else:
            view.show_nothing()

    def _wall_cards(self) -> list[Card]:
        return self.store.cards(self.workshop_id, self.wall_phase_id) if self.wall_phase_id else []

    def show_view(self, view: str) -> None:
        self.query_one("#views", ContentSwitcher).current = view
        self._fit_agenda()
        self.refresh_room()
        self.query_one(StageHead).show_view(view)
        self.call_after_refresh(self.keep_focus)

    def disclose(self) -> tuple[Disclosure, dict[str, int]]:
        """The wall phase's anonymity (facilitator.anonymity), given to the wall at once so that
        no card is drawn with a label the rule does not allow; and its cards per party."""
        senders = self.store.senders(self.wall_phase_id) if self.wall_phase_id else {}
        d = anonymity.disclose(
            (p.key for p in self.state.parties),
            {k: people for k, (people, _cards) in senders.items()},
            self.state.workshop.anonymity_limit,
        )
        self.query_one(Wall).disclose(d)
        return d, {k: cards for k, (_people, cards) in senders.items()}

    def refresh_cards(self) -> None:
        """Counts, the matrix, the waiting line and the agreements: cheap, so redrawn together."""
        d, phase_cards = self.disclose()
        tallies = self.store.tallies(self.workshop_id)
        self.query_one(PartyBar).show(tallies, phase_cards, d)
        head = self.query_one(StageHead)
        head.show_small_room(
            self.query_one("#views", ContentSwitcher).current == "join"
            and anonymity.small_room({t.party.key: t.participants for t in tallies})
        )
        wall_phase = next((p for p in self.state.phases if p.id == self.wall_phase_id), None)
        if wall_phase is not None and wall_phase.category is Category.ROLE_EXPECTATION:
            # Only this phase has a matrix; reading every card for others would slow a busy wall.
            self.query_one(ExpectationMatrix).show(self.state.parties, self._wall_cards(), d)
        head.show_waiting(self.store.waiting(self.wall_phase_id) if self.wall_phase_id else 0)
        phase_id = self.state.workshop.current_phase_id
        agreed = self.store.agreements(self.workshop_id)
        self.query_one(Agreements).show([a.text for a in agreed if a.phase_id == phase_id])

    # -- the bus, through the app (screens/messages.py) ------------------------------------------

    @on(CardsArrived)
    def cards_arrived(self, message: CardsArrived) -> None:
        if message.workshop_id != self.workshop_id:
            return
        self.disclose()
        self.query_one(Wall).add([c for c in message.cards if c.phase_id == self.wall_phase_id])
        self.refresh_cards()

    @on(StoreChanged)
    def store_changed(self, message: StoreChanged) -> None:
        if message.workshop_id != self.workshop_id:
            return
        match message.event:
            case ev.CardChanged(card=card):
                self.disclose()
                if card.phase_id == self.wall_phase_id:
                    self.query_one(Wall).change(card, self.store.merged_counts(self.workshop_id))
                self.refresh_cards()
            case ev.CardWithdrawn(card_id=card_id):
                self.query_one(Wall).remove_cards([card_id])
                self.refresh_cards()
            case ev.ParticipantJoined():
                self.refresh_cards()
            case ev.PhaseChanged(phase=phase):
                # Another phase (or none) is current: the stage follows it; the same phase's
                # status changing keeps the view the facilitator chose.
                self.reload(auto_view=phase is not None or self.state.current_phase is None)
            case ev.WorkshopChanged():
                self.reload(auto_view=self.state.current_phase is None)
            case ev.VotesChanged():
                self.state = self.store.state(self.workshop_id)
                self.refresh_results()
            case ev.GroupsChanged():
                self.refresh_room()
            case ev.ActionsChanged():
                self.query_one("#review", ActionTable).reload()
                self.refresh_room()

    # -- phases ----------------------------------------------------------------------------------

    def _phase_op(self, op: str, *args: int) -> None:
        change_phase(self, self.store, self.workshop_id, op, *args)

    def action_next_phase(self) -> None:
        self._phase_op("step_phase", 1)

    def action_previous_phase(self) -> None:
        self._phase_op("step_phase", -1)

    def action_open_selected(self) -> None:
        """A click or a key on the agenda asks before it takes the room away from an open phase."""
        selected, current = self._selected_phase(), self.state.current_phase
        if selected is None:
            return
        if current is None or current.status is not PhaseStatus.OPEN:
            self._phase_op("open_phase", selected.position)
            return
        if selected.id == current.id:
            self.notify(
                _("«{phase}» er allerede åpen.").format(phase=current.title_in(ui_language()))
            )
            return
        confirm_open(
            self, selected, current, lambda: self._phase_op("open_phase", selected.position)
        )

    @on(Agenda.OptionSelected)
    def agenda_selected(self) -> None:
        self.action_open_selected()

    def action_close_phase(self) -> None:
        phase = self.state.current_phase
        if phase is None or phase.status is not PhaseStatus.OPEN:
            self.notify(_("Ingen fase er åpen."))
            return
        self._phase_op("close_phase")

    def action_timebox(self) -> None:
        if (phase := self._selected_phase()) is not None:
            ask_timebox(self, phase)

    def action_agreement(self) -> None:
        ask_agreement(
            self, self.workshop_id, self.state.workshop.current_phase_id or self.wall_phase_id
        )

    def _selected_phase(self) -> Phase | None:
        position = self.query_one(Agenda).selected_position
        return next((p for p in self.state.phases if p.position == position), None)

    def notes_phase(self) -> Phase | None:
        """The sak the notes are about: the open one, else the one on the wall."""
        wanted = self.state.workshop.current_phase_id or self.wall_phase_id
        return next((p for p in self.state.phases if p.id == wanted), None)

    def action_notes(self) -> None:
        self.query_one(NotesPane).toggle(self.notes_phase())

    # -- the stage's views -----------------------------------------------------------------------

    def action_show_join(self) -> None:
        self.show_view("join")

    def action_show_wall(self) -> None:
        self.show_view("wall")

    def action_show_matrix(self) -> None:
        self.show_view("matrix")

    def action_open_cell(self) -> None:
        from screens.matrix_cell import pick_and_open

        cells = self.query_one(ExpectationMatrix).cells
        if not cells:
            self.notify(_("Matrisen har ingen innspill ennå."))
            return
        self.show_view("matrix")
        pick_and_open(self, self.state.parties, cells)

    def action_show_results(self) -> None:
        """Back to the vote or pulse results after a look at the QR code or the wall."""
        phase = self.state.current_phase
        if phase is None or phase.kind not in (PhaseKind.VOTE, PhaseKind.RATE):
            self.notify(_("Åpne en prioritering eller en puls først."))
            return
        self.show_view("results")

    def action_next_address(self) -> None:
        """`i`: the join code moves to the laptop's next address (--host/--public-url decide)."""
        if next_address(self, self.state.workshop.code):
            self.reload()
            self.show_view("join")

    # -- other screens ---------------------------------------------------------------------------

    def action_shield(self) -> None:
        self.app.push_screen(ShieldScreen(self.state.workshop.title, self))

    def action_export(self) -> None:
        from screens.export_dialog import ExportDialog, save_referat  # the exporters: not at start

        self.app.push_screen(
            ExportDialog(), lambda choice: save_referat(self, self.workshop_id, choice)
        )

    def action_edit_workshop(self) -> None:
        from screens.editor import EditorScreen

        self.app.push_screen(EditorScreen(self.workshop_id))

    def action_board(self) -> None:
        from screens.board import BoardScreen

        self.app.push_screen(BoardScreen(self.workshop_id))

    def action_actions(self) -> None:
        self.app.push_screen(ActionsScreen(self.workshop_id, self.state.workshop.title))

    def action_leave(self) -> None:
        self.dismiss()
