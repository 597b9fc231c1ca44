"""The workshop editor: details, parties, agenda and options.

Every field is saved as it is typed (a durable commit per change), so nothing the
facilitator typed is lost if the laptop dies mid-edit. Invalid values are
shown as such and not saved.
"""

from __future__ import annotations

import re
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import (
    Footer,
    Input,
    Label,
    OptionList,
    Select,
    Static,
    Switch,
    TabbedContent,
    TabPane,
)
from textual.widgets.option_list import Option

from facilitator import anonymity
from facilitator.i18n import LANGUAGE_NAMES, LANGUAGES, ui_language
from facilitator.locale_format import date_short
from facilitator.model import Category, Phase, PhaseKind, WorkshopState, parse_date
from facilitator.store import Store
from facilitator.store.phases import add_phase, move_phase, remove_phase, update_phase
from facilitator.store.workshops import update_party, update_workshop
from screens.attendance_tab import AttendancePanel
from screens.context import host
from screens.lang import N_, LocalisedScreen, _
from screens.party_bar import SMALL_ROOM
from screens.writes import write_or_notify

DETAILS = [
    ("title", N_("Tittel")),
    ("municipality", N_("Kommune")),
    ("date", N_("Dato (DD.MM.ÅÅÅÅ)")),
    ("place", N_("Sted")),
    ("facilitator", N_("Prosessleder")),
    ("referent", N_("Referent")),
    # The venue's network: a Wi-Fi QR code beside the join code (trepart --wifi wins over it).
    ("wifi_ssid", N_("Wi-Fi-nett (SSID) for QR-koden")),
    ("wifi_password", N_("Wi-Fi-passord (tomt = åpent nett)")),
]
OPTIONS = [
    ("anonymity_limit", N_("Anonymitetsgrense (deltakere per part)")),
    ("dots", N_("Prikker per deltaker")),
    ("text_max", N_("Maks lengde på innspill (tegn)")),
]
KIND_NAMES = {
    PhaseKind.INFO: N_("Informasjon"),
    PhaseKind.COLLECT: N_("Innspill"),
    PhaseKind.GROUP: N_("Gruppering"),
    PhaseKind.VOTE: N_("Prioritering"),
    PhaseKind.RATE: N_("Puls (1–5)"),
    PhaseKind.ACTIONS: N_("Tiltak"),
    PhaseKind.REVIEW: N_("Gjennomgang av tiltak"),
}
CATEGORY_NAMES = {
    Category.CHALLENGE: N_("Utfordringer"),
    Category.GOAL: N_("Mål"),
    Category.ROLE_EXPECTATION: N_("Roller og forventninger"),
    Category.QUESTION: N_("Spørsmål"),
    Category.PROPOSAL: N_("Forslag"),
}
COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")
# The Okabe–Ito palette: colours that colour-blind viewers tell apart, named as people say them.
COLOURS = [
    ("#0072b2", N_("Blå")),
    ("#e69f00", N_("Oransje")),
    ("#009e73", N_("Grønn")),
    ("#56b4e9", N_("Himmelblå")),
    ("#d55e00", N_("Rødoransje")),
    ("#cc79a7", N_("Rosa")),
    ("#f0e442", N_("Gul")),
]


def colour_choices(current: str) -> list[tuple[Text, str]]:
    """The palette by name, each with its swatch; a colour from elsewhere stays choosable."""
    choices = [(Text.assemble(("■ ", f"bold {hex_}"), _(name)), hex_) for hex_, name in COLOURS]
    if current.lower() not in {hex_ for hex_, _name in COLOURS} and COLOR.match(current):
        choices.append((Text.assemble(("■ ", f"bold {current}"), _("Egen farge")), current.lower()))
    return choices


class EditorScreen(LocalisedScreen, Screen[None]):
    CSS_PATH = "editor.tcss"
    BINDINGS = [
        Binding("escape", "close", N_("Ferdig")),
        Binding("ctrl+n", "add_phase", N_("Ny fase")),
        Binding("ctrl+d", "remove_phase", N_("Fjern fase")),
        Binding("ctrl+up", "move_phase(-1)", N_("Flytt opp")),
        Binding("ctrl+down", "move_phase(1)", N_("Flytt ned")),
    ]

    def __init__(self, workshop_id: int) -> None:
        super().__init__()
        self.workshop_id = workshop_id
        self._loading = True
        self.lang = ui_language()  # edit the texts in the language on screen

    @property
    def store(self) -> Store:
        return host(self.app).store

    @property
    def state(self) -> WorkshopState:
        return self.store.state(self.workshop_id)

    def compose(self) -> ComposeResult:
        state = self.state
        ws = state.workshop
        yield Static(Text(" " + _("Rediger: {title}").format(title=ws.title)), id="editor-title")
        yield Static("", classes="error", id="editor-error")
        with TabbedContent():
            with TabPane(_("Detaljer"), id="details-pane"), VerticalScroll():
                for name, label in DETAILS:
                    yield Label(_(label))
                    value = str(getattr(ws, name))
                    if name == "date":
                        value = date_short(value, self.lang)
                    yield Input(value, id=f"ws-{name}")
            with TabPane(_("Parter"), id="parties-pane"), VerticalScroll():
                for party in state.parties:
                    with Vertical(classes="party"):
                        yield Label(
                            Text.assemble(
                                ("■ ", f"bold {party.color}"),
                                (party.name_in(self.lang), "bold"),
                            )
                        )
                        with Horizontal():
                            yield Input(
                                party.name, id=f"party-{party.key}-name", placeholder=_("Navn")
                            )
                            yield Input(
                                str(party.seats or ""),
                                id=f"party-{party.key}-seats",
                                placeholder=_("Plasser"),
                                restrict=r"\d{0,3}",
                            )
                            yield Select(
                                colour_choices(party.color),
                                value=party.color.lower(),
                                allow_blank=False,
                                id=f"party-{party.key}-color",
                            )
            with TabPane(_("Deltakere"), id="people-pane"):
                yield AttendancePanel(self.workshop_id)
            with TabPane(_("Faser"), id="phases-pane"), Horizontal():
                yield OptionList(id="phase-list")
                with VerticalScroll(id="phase-detail"):
                    yield Label(_("Språk for tittel og spørsmål"))
                    yield Select(
                        [(LANGUAGE_NAMES[code], code) for code in LANGUAGES],
                        value=self.lang,
                        allow_blank=False,
                        id="phase-lang",
                    )
                    yield Label(_("Tittel"))
                    yield Input(id="phase-title")
                    yield Label(_("Spørsmål / tekst på skjermen og telefonene"))
                    yield Input(id="phase-prompt")
                    yield Label(_("Type"))
                    yield Select(
                        [(_(name), kind.value) for kind, name in KIND_NAMES.items()],
                        allow_blank=False,
                        id="phase-kind",
                    )
                    yield Label(_("Innspillstype (for innspill)"))
                    yield Select(
                        [(_(name), cat.value) for cat, name in CATEGORY_NAMES.items()],
                        allow_blank=False,
                        id="phase-category",
                    )
                    yield Label(_("Tidsramme i minutter (tomt = ingen)"))
                    yield Input(id="phase-timebox", restrict=r"\d{0,3}")
            with TabPane(_("Valg"), id="options-pane"), VerticalScroll():
                yield Label(_("Innspill venter på godkjenning før de vises (moderering)"))
                yield Switch(ws.moderation, id="opt-moderation")
                for name, label in OPTIONS:
                    yield Label(_(label))
                    yield Input(str(getattr(ws, name)), id=f"opt-{name}", restrict=r"\d{0,4}")
                joined = {t.party.key: t.participants for t in self.store.tallies(ws.id)}
                small = Static(Text(_(SMALL_ROOM), style="italic"), id="small-room")
                small.display = anonymity.small_room(joined)
                yield small
        yield Static("", classes="saved", id="saved")
        yield Footer()

    def on_mount(self) -> None:
        self.show_phases()
        self.call_after_refresh(self._done_loading)

    def _done_loading(self) -> None:
        self._loading = False

    # -- saving -------------------------------------------------------------------------------

    def _save(self, op: Any, *args: Any, **kwargs: Any) -> bool:
        if not write_or_notify(
            self, op, *args, failure=_("Ikke lagret"), say=self._refuse, **kwargs
        ):
            return False
        self.query_one("#editor-error", Static).update("")
        self.query_one("#saved", Static).update(" " + _("Lagret"))
        return True

    def _refuse(self, why: str) -> None:
        """Not saved: say why, and take away the last "Lagret" so it cannot be misread."""
        self.query_one("#editor-error", Static).update(Text(why))
        self.query_one("#saved", Static).update(" " + _("Ikke lagret"))

    @on(Input.Changed)
    def changed(self, event: Input.Changed) -> None:
        if self._loading or event.input.id is None:
            return
        field, value = event.input.id, event.value
        if field.startswith("ws-"):
            name = field.removeprefix("ws-")
            if name == "date" and value.strip():
                if (iso := parse_date(value)) is None:
                    self._refuse(
                        _("«{value}» er ikke en dato: skriv DD.MM.ÅÅÅÅ eller ÅÅÅÅ-MM-DD.").format(
                            value=value
                        )
                    )
                    return
                value = iso
            self._save(update_workshop, self.workshop_id, **{name: value})
        elif field.startswith("party-"):
            _party, key, what = field.split("-", 2)
            if what == "color" and not COLOR.match(value):
                self._refuse(_("Farge skrives som #RRGGBB."))
                return
            if what == "seats":
                self._save(
                    update_party,
                    self.workshop_id,
                    key,
                    seats=int(value) if value else 0,
                )
            else:
                self._save(update_party, self.workshop_id, key, **{what: value})
        elif field.startswith("opt-"):
            if not value:
                return
            self._save(
                update_workshop,
                self.workshop_id,
                **{field.removeprefix("opt-"): int(value)},
            )
        elif field.startswith("phase-") and (phase := self.selected_phase()) is not None:
            what = field.removeprefix("phase-")
            if what == "timebox":
                self._save(update_phase, phase.id, timebox=int(value) * 60 if value else None)
            else:
                self._save(update_phase, phase.id, lang=self.lang, **{what: value})
            self.show_phases(keep_detail=True)

    @on(Switch.Changed, "#opt-moderation")
    def moderation_changed(self, event: Switch.Changed) -> None:
        if not self._loading:
            self._save(update_workshop, self.workshop_id, moderation=event.value)

    # -- the agenda ---------------------------------------------------------------------------

    def show_phases(self, *, keep_detail: bool = False) -> None:
        listing = self.query_one("#phase-list", OptionList)
        highlighted = listing.highlighted or 0
        listing.clear_options()
        phases = self.state.phases
        listing.add_options(
            Option(Text(f"{p.position}. {p.title_in(self.lang) or p.title}"), id=str(p.id))
            for p in phases
        )
        if phases:
            listing.highlighted = min(highlighted, len(phases) - 1)
        if not keep_detail:
            self.show_phase_detail()

    def selected_phase(self) -> Phase | None:
        listing = self.query_one("#phase-list", OptionList)
        if listing.highlighted is None:
            return None
        option_id = listing.get_option_at_index(listing.highlighted).id
        return next((p for p in self.state.phases if str(p.id) == option_id), None)

    def show_phase_detail(self) -> None:
        phase = self.selected_phase()
        if phase is None:
            return
        # Showing a phase is not editing it: these assignments must not save anything.
        with self.prevent(Input.Changed, Select.Changed):
            self.query_one("#phase-title", Input).value = phase.titles.get(self.lang, "")
            self.query_one("#phase-prompt", Input).value = phase.prompts.get(self.lang, "")
            self.query_one("#phase-timebox", Input).value = (
                str(phase.timebox // 60) if phase.timebox else ""
            )
            self.query_one("#phase-kind", Select).value = phase.kind.value
            category = self.query_one("#phase-category", Select)
            category.value = (phase.category or Category.CHALLENGE).value
        category.disabled = phase.kind is not PhaseKind.COLLECT

    @on(OptionList.OptionHighlighted, "#phase-list")
    def phase_highlighted(self) -> None:
        self.show_phase_detail()

    @on(Select.Changed, ".party Select")
    def colour_changed(self, event: Select.Changed) -> None:
        if self._loading or event.select.id is None:
            return
        key = event.select.id.removeprefix("party-").removesuffix("-color")
        self._save(update_party, self.workshop_id, key, color=str(event.value))

    @on(Select.Changed, "#phase-lang")
    def lang_changed(self, event: Select.Changed) -> None:
        self.lang = str(event.value)
        self.show_phase_detail()

    @on(Select.Changed, "#phase-kind")
    @on(Select.Changed, "#phase-category")
    def kind_changed(self) -> None:
        phase = self.selected_phase()
        if self._loading or phase is None:
            return
        kind = PhaseKind(str(self.query_one("#phase-kind", Select).value))
        category = Category(str(self.query_one("#phase-category", Select).value))
        if kind is phase.kind and (kind is not PhaseKind.COLLECT or category is phase.category):
            return
        if self._save(update_phase, phase.id, kind=kind, category=category):
            self.show_phase_detail()

    def action_add_phase(self) -> None:
        selected = self.selected_phase()
        after = selected.position if selected is not None else None
        self.store.write(
            add_phase,
            self.workshop_id,
            PhaseKind.COLLECT,
            # The new phase's bokmål title: data in bokmål whatever the screens' language.
            N_("Ny fase"),
            "",
            Category.CHALLENGE,
            after=after,
        )
        self.query_one(TabbedContent).active = "phases-pane"
        self.show_phases()
        listing = self.query_one("#phase-list", OptionList)
        listing.highlighted = after if after is not None else listing.option_count - 1
        self.query_one("#phase-title", Input).focus()

    def action_remove_phase(self) -> None:
        phase = self.selected_phase()
        if phase is not None and self._save(remove_phase, phase.id):
            self.show_phases()

    def action_move_phase(self, step: int) -> None:
        phase = self.selected_phase()
        if phase is None:
            return
        self._save(move_phase, phase.id, step)
        self.show_phases()
        listing = self.query_one("#phase-list", OptionList)
        ids = [str(p.id) for p in self.state.phases]
        listing.highlighted = ids.index(str(phase.id))

    def action_close(self) -> None:
        self.dismiss()
