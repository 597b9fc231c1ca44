"""The board: the room's cards become focus areas, curated by keyboard on the projector.

Left, the groups with the tripartite lens (how many cards from each party);
right, the cards of the selected group. Suggestions never override what the
facilitator placed or named by hand; every change can be undone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from facilitator import anonymity
from facilitator import events as ev
from facilitator.anonymity import POOL
from facilitator.i18n import ui_language
from facilitator.model import Card, FocusArea
from facilitator.store import Store, grouping
from facilitator.suggestions import DEFAULT_CATEGORIES, board_cards, suggest_for_workshop
from screens.board_lens import lens, party_tag
from screens.card_list import CardList, CardRow
from screens.context import host
from screens.dialogs import AskText, Confirm, PickGroup
from screens.lang import N_, LocalisedScreen, _, _n
from screens.messages import StoreChanged
from screens.search import SearchCards
from screens.text import NEUTRAL, inert
from screens.writes import write_or_notify

UNSORTED = "unsorted"


class BoardScreen(LocalisedScreen, Screen[None]):
    CSS_PATH = "board.tcss"
    BINDINGS = [
        Binding("g", "suggest", N_("Foreslå grupper")),
        Binding("m", "move", N_("Flytt kort")),
        Binding("n", "new_group", N_("Ny gruppe")),
        Binding("r", "rename", N_("Gi navn")),
        Binding("f", "pin", N_("Fokusområde")),
        Binding("u", "undo", N_("Angre")),
        Binding("U", "redo", N_("Gjør om")),
        Binding("escape", "back", N_("Tilbake")),
        Binding("M", "merge", N_("Slå sammen grupper"), show=False),
        Binding("space", "mark", N_("Merk kort"), show=False),
        Binding("S", "split", N_("Del ut merkede kort"), show=False),
        Binding("delete", "delete_group", N_("Slett gruppe"), show=False),
        Binding("ctrl+up", "reorder(-1)", N_("Flytt gruppe opp"), show=False),
        Binding("ctrl+down", "reorder(1)", N_("Flytt gruppe ned"), show=False),
        Binding("c", "compact", N_("Kompakt visning"), show=False),
        Binding("a", "all_phases", N_("Alle innspill / utfordringer og mål"), show=False),
        Binding("R", "reset", N_("Nullstill forslag"), show=False),
        Binding("slash", "search", N_("Søk")),
        Binding("question_mark", "app.toggle_help", N_("Taster")),
    ]

    def __init__(self, workshop_id: int) -> None:
        super().__init__()
        self.workshop_id = workshop_id
        self.categories: frozenset[Any] | None = DEFAULT_CATEGORIES
        self.compact = False
        self.shown_group: str | None = None  # the group whose cards the right-hand list shows
        self.marked: set[int] = set()
        self.undo_stack: list[grouping.Snapshot] = []
        self.redo_stack: list[grouping.Snapshot] = []

    @property
    def store(self) -> Store:
        return host(self.app).store

    def compose(self) -> ComposeResult:
        title = self.store.state(self.workshop_id).workshop.title
        yield Static(Text(" " + _("Fokusområder – {title}").format(title=title)), id="board-title")
        yield Static(id="board-status")
        parties = self.store.state(self.workshop_id).parties
        yield Static(
            Text("  ·  ").join(
                Text.assemble((party_tag(p), f"bold {p.color}"), f" = {p.name_in(ui_language())}")
                for p in parties
            ),
            id="board-legend",
        )
        with Horizontal():
            yield OptionList(id="groups")
            yield CardList(id="cards")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#groups").focus()

    # -- drawing ---------------------------------------------------------------------------------

    def reload(self) -> None:
        state = self.store.state(self.workshop_id)
        self.parties = state.parties
        self.cards = board_cards(self.store, self.workshop_id, self.categories)
        self.areas = self.store.focus_areas(self.workshop_id)
        self.disclosure = anonymity.across_phases(
            (p.key for p in self.parties), self.cards, state.workshop.anonymity_limit
        )
        groups = self.query_one("#groups", OptionList)
        selected = self.selected_group_key()
        members: dict[int | None, list[Card]] = {}
        for card in self.cards:
            members.setdefault(card.focus_area_id, []).append(card)
        unsorted = members.get(None, [])
        options = [
            Option(Text.assemble((_("Usortert"), "bold"), f" ({len(unsorted)})"), id=UNSORTED)
        ]
        for area in self.areas:
            cards = members.get(area.id, [])
            label = Text.assemble(
                ("★ " if area.pinned else "  ", "bold yellow"),
                (inert(area.label), "bold"),
                f" ({len(cards)})",
            )
            label.append("\n")
            label.append_text(lens(cards, self.parties, self.disclosure))
            options.append(Option(label, id=str(area.id)))
        # One call for the whole list: OptionList lays out again on every add_option.
        groups.clear_options()
        groups.add_options(options)
        keys = [UNSORTED, *(str(a.id) for a in self.areas)]
        groups.highlighted = keys.index(selected) if selected in keys else 0
        if self.selected_group_key() != self.shown_group:
            self.marked.clear()  # marks belong to the cards of the group they were made in
        self.marked &= {c.id for c in self.group_cards()}
        n_cards, n_groups = len(self.cards), len(self.areas)
        if self.categories:
            counted = _n(
                "{count} kort fra utfordringer og mål",
                "{count} kort fra utfordringer og mål",
                n_cards,
            )
        else:
            counted = _n(
                "{count} kort fra alle innspill", "{count} kort fra alle innspill", n_cards
            )
        status = " · ".join(
            (
                counted.format(count=n_cards),
                _n("{count} gruppe", "{count} grupper", n_groups).format(count=n_groups),
                _("★ = fokusområde som går videre til prioritering"),
            )
        )
        self.query_one("#board-status", Static).update(Text(status))
        self.show_cards()

    def selected_group_key(self) -> str | None:
        groups = self.query_one("#groups", OptionList)
        if groups.highlighted is None or groups.option_count == 0:
            return None
        return groups.get_option_at_index(groups.highlighted).id

    def selected_area(self) -> FocusArea | None:
        key = self.selected_group_key()
        return next((a for a in self.areas if str(a.id) == key), None)

    def group_cards(self) -> list[Card]:
        key = self.selected_group_key()
        area_id = None if key is None or key == UNSORTED else int(key)
        return [c for c in self.cards if c.focus_area_id == area_id]

    def show_cards(self) -> None:
        shown = {p.key for p in self.parties if self.disclosure.group_of(p.key) == p.key}
        pooled = {p.key for p in self.parties if self.disclosure.group_of(p.key) == POOL}
        colour = {p.key: p.color for p in self.parties if p.key in shown}
        # A hidden party's card carries no tag: "Øvr" for the pool, nothing when nobody is shown.
        tags = {p.key: party_tag(p) for p in self.parties if p.key in shown}
        tags.update({key: _("Øvrige")[:3] for key in pooled})
        suggested = _("(forslag)")
        rows = []
        for card in self.group_cards():
            body = inert(card.text)
            if self.compact:
                body = body.replace("\n", " ")[:70]
            rows.append(
                CardRow(
                    card.id,
                    body,
                    f"{tags.get(card.party_key, ''):<3}"
                    + ("● " if card.id in self.marked else "  "),
                    colour.get(card.party_key, NEUTRAL),
                    suggested if card.placed_by == "suggested" else "",
                )
            )
        self.query_one("#cards", CardList).show(rows)
        self.shown_group = self.selected_group_key()

    @on(OptionList.OptionHighlighted, "#groups")
    def group_highlighted(self) -> None:
        if self.selected_group_key() == self.shown_group:
            return  # the list was just filled for this group (a reload re-highlights it)
        self.marked.clear()
        self.show_cards()

    @on(StoreChanged)
    def store_changed(self, message: StoreChanged) -> None:
        if isinstance(message.event, ev.GroupsChanged) and message.workshop_id == self.workshop_id:
            self.reload()

    # -- changes (each one undoable) -------------------------------------------------------------

    def change(self, op: Callable[..., Any], *args: Any) -> None:
        before = self.store.grouping_snapshot(self.workshop_id)
        if write_or_notify(self, op, *args):
            self.undo_stack.append(before)
            self.redo_stack.clear()

    def selected_card(self) -> Card | None:
        card_id = self.query_one("#cards", CardList).highlighted_id
        return next((c for c in self.cards if c.id == card_id), None)

    def cards_to_move(self) -> list[int]:
        if self.marked:
            return sorted(self.marked)
        card = self.selected_card()
        return [card.id] if card else []

    def group_choices(self, exclude: str | None = None) -> list[tuple[str, str]]:
        choices = [(_("Usortert"), UNSORTED)] + [(a.label, str(a.id)) for a in self.areas]
        return [c for c in choices if c[1] != exclude]

    def action_move(self) -> None:
        ids = self.cards_to_move()
        if not ids:
            self.notify(_("Velg et kort i listen til høyre (Tab), eller merk flere med mellomrom."))
            return

        def moved(key: str | None) -> None:
            if key is None:
                return
            self.change(grouping.place, ids, None if key == UNSORTED else int(key))
            self.marked.clear()

        self.app.push_screen(
            PickGroup(
                _n("Flytt {count} kort til …", "Flytt {count} kort til …", len(ids)).format(
                    count=len(ids)
                ),
                self.group_choices(self.selected_group_key()),
            ),
            moved,
        )

    def action_mark(self) -> None:
        if (card := self.selected_card()) is not None:
            self.marked ^= {card.id}
            self.show_cards()

    def action_new_group(self) -> None:
        ids = self.cards_to_move()

        def created(label: str | None) -> None:
            if label and label.strip():
                if ids and self.query_one("#cards").has_focus:
                    self.change(grouping.split, ids, label)
                else:
                    self.change(grouping.add_focus_area, self.workshop_id, label)
                self.marked.clear()

        self.app.push_screen(
            AskText(_("Ny gruppe"), _("Navn på gruppen (valgte kort flyttes dit)")), created
        )

    def action_split(self) -> None:
        if not self.marked:
            self.notify(_("Merk kortene som skal ut i en egen gruppe (mellomrom), og trykk S."))
            return
        self.action_new_group()

    def action_rename(self) -> None:
        area = self.selected_area()
        if area is None:
            return

        def named(label: str | None) -> None:
            if label:
                self.change(grouping.rename, area.id, label)

        self.app.push_screen(AskText(_("Gi navn"), _("Navn på fokusområdet"), area.label), named)

    def action_pin(self) -> None:
        if (area := self.selected_area()) is not None:
            self.change(grouping.toggle_pin, area.id)

    def action_merge(self) -> None:
        area = self.selected_area()
        if area is None:
            return
        choices = [c for c in self.group_choices(str(area.id)) if c[1] != UNSORTED]

        def merged(key: str | None) -> None:
            if key is not None:
                self.change(grouping.merge_areas, int(key), area.id)

        title = _("Slå «{label}» sammen med …").format(label=area.label)
        self.app.push_screen(PickGroup(title, choices), merged)

    def action_delete_group(self) -> None:
        if (area := self.selected_area()) is not None:
            self.change(grouping.delete_area, area.id)

    def action_reorder(self, step: int) -> None:
        if (area := self.selected_area()) is not None:
            self.change(grouping.move_area, area.id, step)

    def action_compact(self) -> None:
        self.compact = not self.compact
        self.show_cards()

    def action_all_phases(self) -> None:
        self.categories = None if self.categories else DEFAULT_CATEGORIES
        self.reload()

    def action_undo(self) -> None:
        if not self.undo_stack:
            self.notify(_("Ingenting å angre."))
            return
        self.redo_stack.append(self.store.grouping_snapshot(self.workshop_id))
        self.store.write(grouping.restore, self.workshop_id, self.undo_stack.pop())

    def action_redo(self) -> None:
        if not self.redo_stack:
            return
        self.undo_stack.append(self.store.grouping_snapshot(self.workshop_id))
        self.store.write(grouping.restore, self.workshop_id, self.redo_stack.pop())

    def action_suggest(self) -> None:
        self.undo_stack.append(self.store.grouping_snapshot(self.workshop_id))
        self.redo_stack.clear()
        self.query_one("#board-status", Static).update(Text(_("Lager forslag …"), style="bold"))
        self.run_suggestion()

    @work(thread=True, exclusive=True, group="suggest")
    def run_suggestion(self) -> None:
        status = self.query_one("#board-status", Static)

        def progress(done: int, total: int) -> None:
            # The cards the background worker has not read yet: shown, so a wait is no freeze.
            line = _("Leser kortene … {done} av {total}").format(done=done, total=total)
            self.app.call_from_thread(status.update, Text(line, style="bold"))

        placed = suggest_for_workshop(self.store, self.workshop_id, self.categories, progress)
        self.app.call_from_thread(
            self.notify,
            _n(
                "{count} kort fikk et forslag. Dine egne plasseringer står.",
                "{count} kort fikk et forslag. Dine egne plasseringer står.",
                placed,
            ).format(count=placed),
        )

    def action_reset(self) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self.change(grouping.reset_suggestions, self.workshop_id)

        self.app.push_screen(
            Confirm(_("Nullstille alle forslag? Kort du har plassert selv blir stående.")), answered
        )

    def action_search(self) -> None:
        """`/`: find a card by its words in any phase (screens/search.py); Enter shows it here."""

        def show(card_id: int | None) -> None:
            if card_id is None:
                return
            card = next((c for c in self.cards if c.id == card_id), None)
            if card is None:  # another phase than the board shows (a), merged away, or held
                self.notify(_("Kortet er ikke på tavla nå."), severity="warning")
                return
            key = UNSORTED if card.focus_area_id is None else str(card.focus_area_id)
            if key != self.selected_group_key():
                self.marked.clear()
            groups = self.query_one("#groups", OptionList)
            groups.highlighted = [UNSORTED, *(str(a.id) for a in self.areas)].index(key)
            self.show_cards()
            listed = self.query_one("#cards", CardList)
            listed.highlighted = listed.ids.index(card.id)
            listed.focus()

        self.app.push_screen(SearchCards(self.workshop_id), show)

    def action_back(self) -> None:
        self.dismiss()
