"""The wall: the current phase's cards, coloured and labelled by party, newest first and highlighted.

Cards take the keyboard focus (arrow keys or Tab) so the facilitator can hide,
edit or merge the one under the cursor; the room sees only approved cards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import ItemGrid, VerticalScroll
from textual.widgets import Static

from facilitator.anonymity import POOL, Disclosure
from facilitator.i18n import ui_language
from facilitator.model import Card, Category, Party, Phase
from facilitator.store.actions import card_to_action
from facilitator.store.cards import edit_text, merge, paper_card, set_hidden, unmerge
from screens.card_view import CardView
from screens.dialogs import AskPaperCard, PaperNote, fix_typo
from screens.lang import N_, Localised, _, _n
from screens.text import NEUTRAL, show_text
from screens.writes import write_or_notify


class Wall(Localised, VerticalScroll, can_focus=False):
    """The newest cards, as many as a room can read: the wall keeps at most MAX_SHOWN widgets, so
    that 2,000 cards cost no more to draw than 60 (the board shows them all)."""

    MAX_SHOWN = 60
    DEFAULT_CSS = """
    Wall { height: 1fr; }
    Wall > #wall-empty { color: $text-muted; padding: 1 2; }
    Wall > #wall-more { color: $text-muted; padding: 0 2; display: none; }
    Wall > #wall-grid { grid-gutter: 0 1; }
    """
    BINDING_GROUP_TITLE = N_("Kortene på veggen")
    # The card keys act on the card under the cursor; the run screen lets them (and `a`) work
    # from the agenda too (screens/stage_keys.py), where they say how to pick a card.
    STAGE_KEYS: ClassVar[list[BindingType]] = [
        Binding("h", "hide_card", N_("Skjul kort"), show=False),
        Binding("t", "edit_card", N_("Rett skrivefeil"), show=False),
        Binding("space", "mark_card", N_("Merk for sammenslåing"), show=False),
        Binding("m", "merge_cards", N_("Slå sammen merkede"), show=False),
        Binding("u", "unmerge_card", N_("Del opp sammenslått"), show=False),
        Binding("a", "paper_card", N_("Innspill fra papir"), show=False),
        Binding("A", "card_to_action", N_("Gjør forslag til tiltak"), show=False),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(-1)", N_("Forrige kort"), show=False),
        Binding("right", "move(1)", N_("Neste kort"), show=False),
        Binding("up", "move_row(-1)", N_("Raden over"), show=False),
        Binding("down", "move_row(1)", N_("Raden under"), show=False),
        *STAGE_KEYS,
    ]

    def __init__(self, parties: Mapping[str, Party], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.BINDING_GROUP_TITLE = _(Wall.BINDING_GROUP_TITLE)
        self.parties = dict(parties)
        self.phase: Phase | None = None  # the phase whose cards are on the wall
        self.marked: set[int] = set()  # cards marked (Space) as duplicates to merge
        self._newest: CardView | None = None
        # The card views on the wall, newest first. Kept here rather than queried: a view being
        # removed stays in the DOM until the next refresh, and must not count as shown.
        self._views: list[CardView] = []
        self.merged: dict[int, int] = {}
        # card id -> {duplicate's id: its party}: which parties a merged card speaks for
        self.merged_from: dict[int, dict[int, str]] = {}
        self.hidden_older = 0
        self._below: list[Card] = []  # a burst's older cards, mounted after the first frame
        self._below_anchor: CardView | None = None  # … under this view
        # Until told otherwise no party is broken out: a card is never labelled by mistake.
        self.disclosure = Disclosure(1, tuple(self.parties))

    def compose(self) -> ComposeResult:
        yield Static(Text(_("Ingen innspill ennå.")), id="wall-empty")
        yield Static(id="wall-more")
        yield ItemGrid(id="wall-grid", min_column_width=30)

    @property
    def views(self) -> list[CardView]:
        return list(self._views)

    @property
    def card_ids(self) -> list[int]:
        return [view.card.id for view in self.views]

    @property
    def focused_card(self) -> CardView | None:
        focused = self.screen.focused
        return focused if isinstance(focused, CardView) and focused in self.views else None

    def who(self, card: Card) -> tuple[str, str]:
        """The label and colour a card may carry: its party's, the pool's, or none."""
        return self._group_label(self.disclosure.group_of(card.party_key))

    def _group_label(self, group: str | None) -> tuple[str, str]:
        if group is None:
            return "", NEUTRAL
        if group == POOL:
            return _("Øvrige parter"), NEUTRAL
        party = self.parties[group]
        return party.name_in(ui_language()), party.color

    def disclose(self, disclosure: Disclosure) -> None:
        """The phase's anonymity changed (a party reached the limit): label every card anew."""
        if disclosure == self.disclosure:
            return
        self.disclosure = disclosure
        for view in self._views:
            view.label(self.who(view.card))
            view.show(view.card, self.merged.get(view.card.id, 0), self.also_from(view.card))

    def also_from(self, card: Card) -> tuple[str, ...]:
        """The other groups whose duplicates were merged into `card`, by the names the anonymity
        rule allows (a hidden party's duplicate is not named at all)."""
        own = self.disclosure.group_of(card.party_key)
        groups = {self.disclosure.group_of(k) for k in self.merged_from.get(card.id, {}).values()}
        named = sorted(g for g in groups - {own, None} if g is not None)
        return tuple(self._group_label(g)[0] for g in named)

    def _note_merge(self, card: Card) -> None:
        for members in self.merged_from.values():
            members.pop(card.id, None)
        if card.merged_into:
            self.merged_from.setdefault(card.merged_into, {})[card.id] = card.party_key

    def _view(self, card: Card) -> CardView:
        target = self.parties.get(card.target_party) if card.target_party else None
        return CardView(
            card,
            self.who(card),
            target,
            self.merged.get(card.id, 0),
            self.also_from(card),
        )

    def show(
        self, phase: Phase, cards: Iterable[Card], merged: dict[int, int] | None = None
    ) -> None:
        """Replace the wall's content (a new phase): its cards, and no marks left."""
        self.phase = phase
        self._below, self._below_anchor = [], None
        self.marked.clear()
        self.merged = dict(merged or {})
        for view in self._views:
            view.remove()
        self._views = []
        self._newest = None
        cards = list(cards)
        self.merged_from = {}
        for card in cards:
            self._note_merge(card)
        visible = [c for c in cards if c.on_wall]
        self.hidden_older = max(0, len(visible) - self.MAX_SHOWN)
        self.add(visible[-self.MAX_SHOWN :])
        self._show_older()

    def add(self, cards: list[Card]) -> None:
        """Put new cards first; one mount for the whole batch, however many arrived."""
        self._mount_below()  # the rest of the burst before, if its frame has not come yet
        shown = {view.card.id for view in self.views}
        visible = [c for c in cards if c.on_wall and c.id not in shown]
        self.query_one("#wall-empty").display = not (visible or shown)
        if not visible:
            return
        if len(visible) > self.MAX_SHOWN:  # a burst: only the newest can be on the wall anyway
            self.hidden_older += len(visible) - self.MAX_SHOWN
            visible = visible[-self.MAX_SHOWN :]
        grid = self.query_one("#wall-grid", ItemGrid)
        if self._newest is not None:
            self._newest.mark_newest(False)
        current = self._views
        # A full wall recycles its oldest views for the new cards (moved to the front) instead of
        # removing them and mounting new ones: in a flood no widget is made or styled anew.
        overflow = max(0, len(current) + len(visible) - self.MAX_SHOWN)
        # The oldest views make way, except the card under the facilitator's cursor: it stays
        # where it is, so a key pressed on it acts on the card the facilitator chose.
        focused = self.focused_card
        movable = [v for v in current if v is not focused]
        recycled = movable[max(0, len(movable) - overflow) :] if overflow else []
        kept = [v for v in current if v not in recycled]
        self.hidden_older += overflow
        newest_first = list(reversed(visible))
        if overflow > len(movable):  # the focused card keeps its place: one new card fewer fits
            newest_first = newest_first[: len(newest_first) - (overflow - len(movable))]
        for view, card in zip(recycled, newest_first, strict=False):
            target = self.parties.get(card.target_party) if card.target_party else None
            view.assign(
                card,
                self.who(card),
                target,
                self.merged.get(card.id, 0),
                self.also_from(card),
            )
        for view in reversed(recycled):
            grid.move_child(view, before=0)
        fresh = newest_first[len(recycled) :]
        # A burst on a wall with room: the screenful the room sees is mounted now, the older ones
        # below it after that frame (mounting and painting 60 new widgets at once was most of a
        # 300-phone burst's way to the projector).
        first = self._screenful()
        later = fresh[first:] if not recycled and len(fresh) > first else []
        views = [self._view(card) for card in fresh[: len(fresh) - len(later)]]
        if views and recycled:
            grid.mount_all(views, after=recycled[-1])
        elif views and kept:
            grid.mount_all(views, before=kept[0])
        elif views and grid.children:
            grid.mount_all(views, before=0)  # only views still leaving are there
        elif views:
            grid.mount_all(views)
        self._views = recycled + views + kept
        self._newest = recycled[0] if recycled else views[0]
        self._newest.mark_newest(True)
        self._show_older()
        if later:
            self._below, self._below_anchor = later, views[-1]
            # After the frame, and after whatever else waited for that frame.
            self.call_after_refresh(self.call_later, self._mount_below)

    def _screenful(self) -> int:
        """About how many cards the wall shows without scrolling (all it keeps, before layout)."""
        width, height = self.size
        if width <= 0 or height <= 0:
            return self.MAX_SHOWN
        columns = max(1, width // 31)  # the grid's 30-cell columns and their gutter
        return max(12, min(self.MAX_SHOWN, columns * (height // 3 + 1)))

    def _mount_below(self) -> None:
        """The rest of a burst, under the cards already shown (or on top, when they all left),
        unless the wall moved on (`show` forgets it); a card withdrawn meanwhile has left
        `_below` too."""
        later, self._below = self._below, []
        above, self._below_anchor = self._below_anchor, None
        if not later:
            return
        room = max(0, self.MAX_SHOWN - len(self._views))
        self.hidden_older += max(0, len(later) - room)
        views = [self._view(card) for card in later[:room]]
        grid = self.query_one("#wall-grid", ItemGrid)
        if views and above is not None and above in self._views:
            grid.mount_all(views, after=above)
            where = self._views.index(above) + 1
        elif views and self._views:  # every card above them left: they are the newest now
            grid.mount_all(views, before=self._views[0])
            where = 0
        elif views:
            grid.mount_all(views)
            where = 0
        self._views[where:where] = views
        self._show_older()

    def _show_older(self) -> None:
        more = self.query_one("#wall-more", Static)
        more.display = self.hidden_older > 0
        show_text(
            more,
            Text(
                _n(
                    "Nyeste først. {count} eldre innspill står bare på tavla (tast b).",
                    "Nyeste først. {count} eldre innspill står bare på tavla (tast b).",
                    self.hidden_older,
                ).format(count=self.hidden_older)
            ),
        )

    def change(self, card: Card, merged: dict[int, int]) -> None:
        """A card was hidden, approved, edited or merged: reflect just that card."""
        self.merged = merged
        self._note_merge(card)
        if card.merged_into:  # the card it joined now speaks for one more party
            kept = next((v for v in self.views if v.card.id == card.merged_into), None)
            if kept is not None:
                kept.show(kept.card, merged.get(kept.card.id, 0), self.also_from(kept.card))
        existing = next((v for v in self.views if v.card.id == card.id), None)
        if card.on_wall and any(c.id == card.id for c in self._below):  # not mounted yet
            self._below = [card if c.id == card.id else c for c in self._below]
            return
        if not card.on_wall:
            self.remove_cards([card.id])
        elif existing is not None:
            existing.show(card, merged.get(card.id, 0), self.also_from(card))
        else:
            self.add([card])

    def remove_cards(self, card_ids: Iterable[int]) -> None:
        gone = set(card_ids)
        self._below = [card for card in self._below if card.id not in gone]
        if self._below_anchor is not None and self._below_anchor.card.id in gone:
            # The rest of a burst goes under the nearest card above that stays (or on top).
            above = self._views[: self._views.index(self._below_anchor)]
            staying = [v for v in above if v.card.id not in gone]
            self._below_anchor = staying[-1] if staying else None
        for view in self.views:
            if view.card.id in gone:
                if view is self._newest:
                    self._newest = None
                view.remove()
        self._views = [v for v in self._views if v.card.id not in gone]
        self.query_one("#wall-empty").display = not self._views

    def action_move_row(self, step: int) -> None:
        """Up and down go a row in the grid, as the eye does, not one card."""
        views = self.views
        columns = sum(1 for v in views if v.region.y == views[0].region.y) if views else 1
        self.action_move(step * max(1, columns))

    def action_move(self, step: int) -> None:
        views = self.views
        if not views:
            return
        current = self.focused_card
        index = views.index(current) + step if current else 0
        views[max(0, min(index, len(views) - 1))].focus()

    # -- the facilitator's hands on the card under the cursor ----------------------------------

    def _write(self, op: Callable[..., Any], *args: object) -> bool:
        return write_or_notify(self, op, *args)

    def _focused(self) -> Card | None:
        view = self.focused_card
        if view is None:
            self.notify(_("Velg et kort på veggen først (Tab, så piltastene)."))
            return None
        return view.card

    def action_card_to_action(self) -> None:
        if (card := self._focused()) is not None and self._write(card_to_action, card.id):
            self.notify(
                _("Forslaget er lagt i tiltakslisten (l). Fyll inn ansvarlig og frist der.")
            )

    def action_hide_card(self) -> None:
        if card := self._focused():
            self._write(set_hidden, card.id, True)
            self.notify(
                _("Kortet er skjult. Hent det fram igjen bak skjermen (s, så m)."), timeout=4
            )

    def action_edit_card(self) -> None:
        if (card := self._focused()) is not None:
            self.app.push_screen(fix_typo(card.text), lambda text: self._edited(card, text))

    def _edited(self, card: Card, text: str | None) -> None:
        if text and text.strip():
            self._write(edit_text, card.id, text)

    def action_mark_card(self) -> None:
        view = self.focused_card
        if view is None:
            self._focused()
            return
        card_id = view.card.id
        self.marked ^= {card_id}
        view.set_class(card_id in self.marked, "-marked")

    def action_merge_cards(self) -> None:
        keep = self._focused()
        if keep is None:
            return
        duplicates = sorted(self.marked - {keep.id})
        if not duplicates:
            self.notify(_("Merk duplikatene med mellomrom, velg kortet som skal stå, og trykk m."))
            return
        if self._write(merge, keep.id, duplicates):
            self.marked.clear()
            for view in self.views:
                view.remove_class("-marked")

    def action_unmerge_card(self) -> None:
        if card := self._focused():
            self._write(unmerge, card.id)

    def action_paper_card(self) -> None:
        phase = self.phase
        if phase is None:
            self.notify(_("Åpne en innspillsfase først."))
            return

        def save(note: PaperNote | None) -> None:
            if note is not None:
                self._write(
                    paper_card,
                    phase.workshop_id,
                    phase.id,
                    note.party,
                    note.text,
                    note.target,
                )

        with_target = phase.category is Category.ROLE_EXPECTATION
        self.app.push_screen(AskPaperCard(tuple(self.parties.values()), with_target), save)
