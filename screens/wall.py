"""The wall: the current phase's cards, coloured and labelled by party, newest first and highlighted.

Cards take the keyboard focus (arrow keys or Tab) so the facilitator can hide,
edit or merge the one under the cursor; the room sees only approved cards.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import ItemGrid, VerticalScroll
from textual.widgets import Static

from facilitator.anonymity import POOL, Disclosure
from facilitator.i18n import ui_language
from facilitator.model import Card, Party
from screens.lang import N_, Localised, _, _n
from screens.text import NEUTRAL, literal


def card_body(
    card: Card, target: Party | None, duplicates: int = 0, also_from: tuple[str, ...] = ()
) -> Text:
    body = literal(card.text)
    if target is not None:
        body = (
            Text.assemble(
                ("→ ", "bold"), (target.name_in(ui_language()), f"bold {target.color}"), "\n"
            )
            + body
        )
    if duplicates:
        body.append(f"  ×{duplicates + 1}", style="bold reverse")
    if also_from:  # a duplicate came from another party: the room sees that both said it
        body.append(
            "\n" + _("også fra {parties}").format(parties=", ".join(also_from)), style="italic"
        )
    return body


class CardView(Static, can_focus=True):
    DEFAULT_CSS = """
    CardView { height: auto; padding: 0 1; background: $surface; }
    CardView.-newest { background: $boost; text-style: bold; }
    CardView:focus { background: $primary 30%; }
    CardView.-marked { background: $warning 25%; }
    """

    def __init__(
        self,
        card: Card,
        who: tuple[str, str],
        target: Party | None,
        duplicates: int,
        also_from: tuple[str, ...] = (),
    ) -> None:
        super().__init__(card_body(card, target, duplicates, also_from), classes="card")
        self.assign(card, who, target, duplicates, also_from, draw=False)

    def assign(
        self,
        card: Card,
        who: tuple[str, str],
        target: Party | None,
        duplicates: int,
        also_from: tuple[str, ...] = (),
        *,
        draw: bool = True,
    ) -> None:
        """Show another card in this widget (the wall recycles its oldest views in a flood).

        `who` is the (label, colour) the anonymity rule allows for the card's party."""
        self.card = card
        self.target = target
        self.also_from = also_from
        self.remove_class("-newest", "-marked")
        self.label(who)
        if draw:
            self.update(card_body(card, target, duplicates, also_from))

    def label(self, who: tuple[str, str]) -> None:
        label, color = who
        if self.card.source == "paper":
            label = _("{party} (papir)").format(party=label) if label else _("(papir)")
        heavy = self.has_class("-newest")
        self.styles.border = ("heavy" if heavy else "round", color)
        self.border_title = Text(label, style=f"bold {color}")

    def mark_newest(self, newest: bool) -> None:
        self.set_class(newest, "-newest")
        color = self.styles.border.top[1]
        self.styles.border = ("heavy" if newest else "round", color)

    def show(self, card: Card, duplicates: int, also_from: tuple[str, ...] = ()) -> None:
        self.card = card
        self.also_from = also_from
        self.update(card_body(card, self.target, duplicates, also_from))


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
    BINDINGS = [
        Binding("left", "move(-1)", N_("Forrige kort"), show=False),
        Binding("right", "move(1)", N_("Neste kort"), show=False),
        Binding("up", "move_row(-1)", N_("Raden over"), show=False),
        Binding("down", "move_row(1)", N_("Raden under"), show=False),
    ]

    def __init__(self, parties: Mapping[str, Party], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.parties = dict(parties)
        self._newest: CardView | None = None
        # The card views on the wall, newest first. Kept here rather than queried: a view being
        # removed stays in the DOM until the next refresh, and must not count as shown.
        self._views: list[CardView] = []
        self.merged: dict[int, int] = {}
        # card id -> {duplicate's id: its party}: which parties a merged card speaks for
        self.merged_from: dict[int, dict[int, str]] = {}
        self.hidden_older = 0
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

    def show(self, cards: Iterable[Card], merged: dict[int, int] | None = None) -> None:
        """Replace the wall's content (a new phase)."""
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
        recycled = movable[len(movable) - overflow :] if overflow else []
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
        views = [self._view(card) for card in newest_first[len(recycled) :]]
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

    def _show_older(self) -> None:
        more = self.query_one("#wall-more", Static)
        more.display = self.hidden_older > 0
        more.update(
            Text(
                _n(
                    "Nyeste først. {count} eldre innspill står bare på tavla (tast b).",
                    "Nyeste først. {count} eldre innspill står bare på tavla (tast b).",
                    self.hidden_older,
                ).format(count=self.hidden_older)
            )
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
        if not card.on_wall:
            self.remove_cards([card.id])
        elif existing is not None:
            existing.show(card, merged.get(card.id, 0), self.also_from(card))
        else:
            self.add([card])

    def remove_cards(self, card_ids: Iterable[int]) -> None:
        gone = set(card_ids)
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
