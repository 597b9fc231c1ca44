"""The live workshop on the projector: agenda, join view, wall or matrix, and the parties' counts."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import ContentSwitcher, Footer, Static

from facilitator import anonymity
from facilitator import events as ev
from facilitator.anonymity import POOL, Disclosure
from facilitator.i18n import ui_language
from facilitator.model import Card, Category, Phase, PhaseKind, PhaseStatus, WorkshopState
from facilitator.store import StoreError, decisions, facilitation, minutes
from facilitator.suggestions import DEFAULT_CATEGORIES, board_cards
from facilitator.templates import item_number
from screens.action_table import ActionTable
from screens.actions_screen import ActionsScreen
from screens.agenda import STATUS_WORDS, Agenda
from screens.context import host
from screens.countdown import Countdown
from screens.dialogs import AskProxyDots, AskText, Confirm, ProxyDots
from screens.export_dialog import ExportDialog
from screens.join_panel import JoinPanel
from screens.lang import N_, _, explain
from screens.matrix import ExpectationMatrix, pool_party
from screens.messages import CardsArrived, StoreChanged
from screens.notes_pane import NotesPane
from screens.party_bar import SMALL_ROOM, PartyBar
from screens.results import ResultsView
from screens.room_views import RoomView, groups_view, summary_view
from screens.run_cards import CardActions
from screens.shield import ShieldScreen
from screens.text import literal
from screens.wall import Wall


class RunScreen(CardActions):
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
        Binding("h", "hide_card", N_("Skjul kort"), show=False),
        Binding("t", "edit_card", N_("Rett skrivefeil"), show=False),
        Binding("space", "mark_card", N_("Merk for sammenslåing"), show=False),
        Binding("m", "merge_cards", N_("Slå sammen merkede"), show=False),
        Binding("u", "unmerge_card", N_("Del opp sammenslått"), show=False),
        Binding("a", "paper_card", N_("Innspill fra papir"), show=False),
        Binding("g", "agreement", N_("Enighet om …"), show=False),
        Binding("T", "timebox", N_("Tidsramme"), show=False),
        Binding("E", "edit_workshop", N_("Rediger workshop"), show=False),
        Binding("r", "reveal", N_("Vis/skjul resultat"), show=False),
        Binding("plus", "add_option", N_("Nytt valg i avstemningen"), show=False),
        Binding("P", "proxy_dots", N_("Prikker for noen uten telefon"), show=False),
        Binding("l", "actions", N_("Tiltaksliste"), show=False),
        Binding("b", "board", N_("Fokusområder (tavla)"), show=False),
        Binding("A", "card_to_action", N_("Gjør forslag til tiltak"), show=False),
        Binding("i", "next_address", N_("Neste adresse for telefonene"), show=False),
        Binding("d", "notes", N_("Notater: diskusjon og vedtak"), show=False),
    ]

    def __init__(self, workshop_id: int) -> None:
        super().__init__()
        self.workshop_id = workshop_id
        self.state: WorkshopState = host(self.app).store.state(workshop_id)
        self.wall_phase_id: int | None = None
        self.marked: set[int] = set()

    def compose(self) -> ComposeResult:
        ws = self.state.workshop
        yield Static(id="title-bar")
        with Horizontal(id="body"):
            yield Agenda(id="agenda")
            with Vertical(id="stage"):
                with Horizontal(id="stage-head"):
                    with Vertical(id="stage-text"):
                        yield Static(id="prompt")
                        yield Static(id="join-strip")
                        yield Static(id="pending")
                        yield Static(id="small-room")
                    yield Countdown(id="countdown")
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
                yield Static(id="agreements")
                yield NotesPane(self.workshop_id, id="notes")
        yield PartyBar(id="parties")
        yield Footer()

    def on_resize(self, event: events.Resize) -> None:
        self._fit_agenda()

    def _fit_agenda(self) -> None:
        # On a 100-column projector the join view needs the stage for the QR code and its URL:
        # there the agenda gives up its extra width (its titles wrap instead); elsewhere it keeps it.
        joining = self.query_one("#views", ContentSwitcher).current == "join"
        narrow = joining and self.size.width < 110
        self.query_one(Agenda).styles.width = 26 if narrow else 32

    def on_mount(self) -> None:
        self.store.watch(self.workshop_id)
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
        lang = ui_language()
        title = Text()
        title.append(" " + ws.title, style="bold")
        if ws.municipality:
            title.append(f" · {ws.municipality}")
        if phase is not None:
            if number := numbers.get(phase.id):
                where = _("Sak {number}:").format(number=number)
            else:
                where = _("Fase {position}/{count}:").format(
                    position=phase.position, count=len(self.state.phases)
                )
            title.append(f"   {where} ", style="dim")
            status = _(STATUS_WORDS[phase.status])
            title.append(f"{phase.title_in(lang)} ({status})", style="bold")
        else:
            title.append("   " + _("Ingen fase er åpen"), style="dim")
        self.query_one("#title-bar", Static).update(title)
        self.query_one("#prompt", Static).update(literal(phase.prompt_in(lang) if phase else ""))
        url = host(self.app).join_url(ws.code)
        self.query_one("#join-strip", Static).update(
            Text.assemble(
                (_("Bli med:") + " ", "dim"),
                (url, "bold"),
                ("   " + _("Kode:") + " ", "dim"),
                (ws.code, "bold"),
            )
        )
        self.query_one(JoinPanel).show_prompt(phase.title_in(lang) if phase else "")
        self.query_one(JoinPanel).follow_wifi(host(self.app).wifi_for(ws))
        self.query_one(Countdown).phase = phase
        if phase is not None and phase.collects and phase.id != self.wall_phase_id:
            if self.query_one(Wall).focused_card is not None:
                self.query_one(Agenda).focus()  # the card is about to leave the wall
            self.wall_phase_id = phase.id
            self.marked.clear()
            self.disclose()
            self.query_one(Wall).show(
                self._wall_cards(), self.store.merged_counts(self.workshop_id)
            )
        if auto_view:
            self.show_view(self._view_for(phase))
        self.refresh_cards()
        self.refresh_results()
        self.refresh_room()
        self.call_after_refresh(self.keep_focus)

    def refresh_room(self) -> None:
        """The groups and the summary: read only when one of them is on the stage."""
        view = self.query_one("#views", ContentSwitcher).current
        if view == "groups":
            self.query_one("#groups", RoomView).update(
                groups_view(
                    self.store.focus_areas(self.workshop_id),
                    # the cards the board groups by default, so the counts agree with the board
                    board_cards(self.store, self.workshop_id, DEFAULT_CATEGORIES),
                )
            )
        elif view == "summary":
            votes = [p for p in self.state.phases if p.kind is PhaseKind.VOTE and p.revealed]
            priorities = self.store.vote_results(votes[-1].id) if votes else None
            self.query_one("#summary", RoomView).update(
                summary_view(
                    priorities,
                    self.store.agreements(self.workshop_id),
                    self.store.actions(self.workshop_id),
                )
            )

    def refresh_results(self) -> None:
        phase = self.state.current_phase
        view = self.query_one(ResultsView)
        limit = self.state.workshop.anonymity_limit
        if phase is not None and phase.kind is PhaseKind.VOTE:
            view.show_vote(
                self.store.vote_results(phase.id),
                self.state.parties,
                self.store.voters(phase.id),
                phase.revealed,
                limit,
            )
        elif phase is not None and phase.kind is PhaseKind.RATE:
            view.show_pulse(self.store.ratings(phase.id), self.state.parties, phase.revealed, limit)

    def _view_for(self, phase: Phase | None) -> str:
        if phase is None:
            return "join"
        if phase.kind in (PhaseKind.VOTE, PhaseKind.RATE):
            return "results"
        if phase.kind is PhaseKind.REVIEW:
            return "review"
        if phase.kind is PhaseKind.GROUP:
            return "groups"
        if self._is_summary(phase):
            return "summary"  # the last word: what the room decided
        if not phase.collects:
            return "join"
        return "matrix" if phase.category is Category.ROLE_EXPECTATION else "wall"

    def _is_summary(self, phase: Phase) -> bool:
        """The closing plenary of an agenda that prioritises or makes actions (not an
        information meeting's last word, nor a steering group's approval of the minutes)."""
        phases = self.state.phases
        deciding = any(p.kind in (PhaseKind.VOTE, PhaseKind.ACTIONS) for p in phases)
        return deciding and phase.kind is PhaseKind.INFO and 1 < phase.position == len(phases)

    def _wall_cards(self) -> list[Card]:
        return self.store.cards(self.workshop_id, self.wall_phase_id) if self.wall_phase_id else []

    def show_view(self, view: str) -> None:
        self.query_one("#views", ContentSwitcher).current = view
        self._fit_agenda()
        self.refresh_room()
        self.query_one("#join-strip").display = view != "join"
        if view != "join":
            self.query_one("#small-room").display = False
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
        small = self.query_one("#small-room", Static)
        small.display = self.query_one("#views", ContentSwitcher).current == "join" and (
            anonymity.small_room({t.party.key: t.participants for t in tallies})
        )
        small.update(Text(_(SMALL_ROOM), style="italic"))
        wall_phase = next((p for p in self.state.phases if p.id == self.wall_phase_id), None)
        if wall_phase is not None and wall_phase.category is Category.ROLE_EXPECTATION:
            # Only this phase has a matrix; reading every card for others would slow a busy wall.
            self.query_one(ExpectationMatrix).show(self.state.parties, self._wall_cards(), d)
        waiting = self.store.waiting(self.wall_phase_id) if self.wall_phase_id else 0
        pending = self.query_one("#pending", Static)
        pending.display = waiting > 0
        pending.update(Text(_("{count} nye innspill venter").format(count=waiting), style="bold"))
        phase_id = self.state.workshop.current_phase_id
        lines = [a.text for a in self.store.agreements(self.workshop_id) if a.phase_id == phase_id]
        agreements = self.query_one("#agreements", Static)
        agreements.display = bool(lines)
        agreements.update(
            Text("\n").join(
                Text.assemble((_("Enighet om") + " ", "bold"), literal(t)) for t in lines
            )
        )

    # -- the bus, through the app ---------------------------------------------------------------

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

    # -- phase actions --------------------------------------------------------------------------

    def _phase_op(self, op: str, *args: int) -> None:
        try:
            getattr(self.store, op)(self.workshop_id, *args)
        except StoreError as exc:
            self.notify(
                _("Kunne ikke endre fase: {error}").format(error=explain(exc)), severity="error"
            )
            return
        phase = self.store.state(self.workshop_id).current_phase
        if phase is not None and phase.kind is PhaseKind.VOTE and phase.status is PhaseStatus.OPEN:
            if not self.store.vote_options(phase.id):
                self.notify(
                    _(
                        "Avstemningen har ingen valg ennå: lag fokusområder på tavla (b) eller "
                        "legg til valg med +."
                    ),
                    severity="warning",
                    timeout=10,
                )
            elif not any(a.pinned for a in self.store.focus_areas(self.workshop_id)):
                self.notify(
                    _(
                        "Ingen grupper er merket som fokusområde (★ på tavla), så alle grupper er "
                        "med i avstemningen."
                    ),
                    severity="warning",
                    timeout=10,
                )

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

        def answered(yes: bool | None) -> None:
            if yes:
                self._phase_op("open_phase", selected.position)

        lang = ui_language()
        self.app.push_screen(
            Confirm(
                _(
                    "Åpne «{phase}»? «{current}» lukkes, og telefonene får det nye spørsmålet."
                ).format(phase=selected.title_in(lang), current=current.title_in(lang))
            ),
            answered,
        )

    def action_close_phase(self) -> None:
        phase = self.state.current_phase
        if phase is None or phase.status is not PhaseStatus.OPEN:
            self.notify(_("Ingen fase er åpen."))
            return
        self._phase_op("close_phase")

    def action_next_address(self) -> None:
        """`i`: the join code moves to the laptop's next address (--host/--public-url decide)."""
        app = host(self.app)
        if app.address_fixed or len(app.addresses) < 2:
            self.notify(_("Adressen er bestemt av --host/--public-url, eller det finnes bare én."))
            return
        ips = [a.ip for a in app.addresses]
        current = next((i for i, ip in enumerate(ips) if f"//{ip}:" in (app.public_url or "")), -1)
        app.use_address(ips[(current + 1) % len(ips)])
        self.query_one(JoinPanel).show_url(app.join_url(self.state.workshop.code))
        self.reload()
        self.show_view("join")

    def action_show_join(self) -> None:
        self.show_view("join")

    def action_show_wall(self) -> None:
        self.show_view("wall")

    def action_open_cell(self) -> None:
        from screens.matrix_cell import MatrixCellScreen, PickCell

        cells = self.query_one(ExpectationMatrix).cells
        if not cells:
            self.notify(_("Matrisen har ingen innspill ennå."))
            return
        parties = {p.key: p for p in self.state.parties}
        parties[POOL] = pool_party()

        def show(choice: tuple[str, str] | None) -> None:
            if choice is not None:
                source, target = choice
                self.app.push_screen(
                    MatrixCellScreen(parties[source], parties[target], cells[choice])
                )

        self.show_view("matrix")
        self.app.push_screen(PickCell((*self.state.parties, parties[POOL]), cells), show)

    def action_show_results(self) -> None:
        """Back to the vote or pulse results after a look at the QR code or the wall."""
        phase = self.state.current_phase
        if phase is None or phase.kind not in (PhaseKind.VOTE, PhaseKind.RATE):
            self.notify(_("Åpne en prioritering eller en puls først."))
            return
        self.show_view("results")

    def action_show_matrix(self) -> None:
        self.show_view("matrix")

    def notes_phase(self) -> Phase | None:
        """The sak the notes are about: the open one, else the one on the wall."""
        wanted = self.state.workshop.current_phase_id or self.wall_phase_id
        return next((p for p in self.state.phases if p.id == wanted), None)

    def action_notes(self) -> None:
        self.query_one(NotesPane).toggle(self.notes_phase())

    def action_shield(self) -> None:
        self.app.push_screen(ShieldScreen(self.state.workshop.title, self))

    def action_export(self) -> None:
        self.app.push_screen(ExportDialog(), self._exported)

    def _exported(self, choice: tuple[str, str, bool] | None) -> None:
        if choice is None:
            return
        try:
            paths = [Path(p) for p in host(self.app).export(self.workshop_id, *choice)]
        except (OSError, RuntimeError) as exc:  # RuntimeError: PDF's libraries are missing
            # The room reads this: the reason, not the laptop's folders (they name the user).
            reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
            self.notify(
                _("Kunne ikke lagre referatet: {error}").format(error=reason), severity="error"
            )
            return
        folder = paths[0].parent if paths else Path()
        self.notify(
            _("Lagret i {folder}: {files}").format(
                folder=f"{folder.parent.name}/{folder.name}", files=", ".join(p.name for p in paths)
            ),
            timeout=10,
        )

    def action_leave(self) -> None:
        self.dismiss()

    @on(Agenda.OptionSelected)
    def agenda_selected(self) -> None:
        self.action_open_selected()

    def action_timebox(self) -> None:
        phase = self._selected_phase()
        if phase is None:
            return
        current = str(phase.timebox // 60) if phase.timebox else ""

        def save(answer: str | None) -> None:
            if answer is None:
                return
            minutes = answer.strip()
            self._write(
                facilitation.update_phase,
                phase.id,
                timebox=int(minutes) * 60 if minutes else None,
                failure=_("Kunne ikke sette tidsrammen"),
            )

        self.app.push_screen(
            AskText(
                _("Tidsramme for «{phase}»").format(phase=phase.title_in(ui_language())),
                _("Minutter (tomt = ingen)"),
                current,
                restrict=r"\d{0,3}",
            ),
            save,
        )

    def _selected_phase(self) -> Phase | None:
        position = self.query_one(Agenda).selected_position
        return next((p for p in self.state.phases if p.position == position), None)

    def action_edit_workshop(self) -> None:
        from screens.editor import EditorScreen

        self.app.push_screen(EditorScreen(self.workshop_id))

    # -- prioritising and actions ----------------------------------------------------------------

    def _current(self, kind: PhaseKind) -> Phase | None:
        phase = self.state.current_phase
        if phase is None or phase.kind is not kind:
            return None
        return phase

    def action_reveal(self) -> None:
        phase = self.state.current_phase
        if phase is None or phase.kind not in (PhaseKind.VOTE, PhaseKind.RATE):
            self.notify(_("Åpne en prioritering eller en puls først."))
            return
        self._write(decisions.reveal, phase.id, not phase.revealed)

    def action_add_option(self) -> None:
        phase = self._current(PhaseKind.VOTE)
        if phase is None:
            self.notify(_("Åpne en prioritering først."))
            return

        def add(label: str | None) -> None:
            if label:
                self._write(decisions.add_option, phase.id, label)

        self.app.push_screen(
            AskText(_("Nytt valg"), _("Hva skal det kunne settes prikker på?")), add
        )

    def action_proxy_dots(self) -> None:
        phase = self._current(PhaseKind.VOTE)
        options = self.store.vote_options(phase.id) if phase else []
        if phase is None or not options:
            self.notify(_("Åpne en prioritering med valg først."))
            return

        def save(proxy: ProxyDots | None) -> None:
            if proxy is not None:
                self._write(
                    decisions.proxy_dots, phase.id, proxy.option_id, proxy.party, proxy.dots
                )

        self.app.push_screen(
            AskProxyDots([(o.label, o.id) for o in options], self.state.parties), save
        )

    def action_board(self) -> None:
        from screens.board import BoardScreen

        self.app.push_screen(BoardScreen(self.workshop_id))

    def action_actions(self) -> None:
        self.app.push_screen(ActionsScreen(self.workshop_id, self.state.workshop.title))
