"""The wall: the current phase's cards, coloured and labelled by party, newest first and highlighted."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import ItemGrid, VerticalScroll
from textual.widgets import Static

from facilitator.model import Card, Party
from screens.text import literal


class CardView(Static):
    DEFAULT_CSS = """
    CardView { height: auto; padding: 0 1; margin: 0 1 0 0; background: $surface; }
    CardView.-newest { background: $boost; text-style: bold; }
    """

    def __init__(self, card: Card, party: Party | None, target: Party | None = None) -> None:
        body = literal(card.text)
        if target is not None:
            body = (
                Text("→ ", style="bold")
                + Text(target.name, style=f"bold {target.color}")
                + Text("\n")
                + body
            )
        super().__init__(body, id=f"card-{card.id}", classes="card")
        self.card = card
        color = party.color if party else "white"
        self.styles.border = ("round", color)
        self.border_title = Text(party.name if party else card.party_key, style=f"bold {color}")

    def mark_newest(self, newest: bool) -> None:
        self.set_class(newest, "-newest")
        color = self.styles.border.top[1]
        self.styles.border = ("heavy" if newest else "round", color)


class Wall(VerticalScroll):
    DEFAULT_CSS = """
    Wall { height: 1fr; }
    Wall > #wall-empty { color: $text-muted; padding: 1 2; }
    """

    def __init__(self, parties: Mapping[str, Party], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.parties = dict(parties)
        self._newest: CardView | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text("Ingen innspill ennå."), id="wall-empty")
        yield ItemGrid(id="wall-grid", min_column_width=30)

    @property
    def card_ids(self) -> list[int]:
        return [view.card.id for view in self.query(CardView)]

    def _view(self, card: Card) -> CardView:
        target = self.parties.get(card.target_party) if card.target_party else None
        return CardView(card, self.parties.get(card.party_key), target)

    def show(self, cards: Iterable[Card]) -> None:
        """Replace the wall's content (a new phase)."""
        grid = self.query_one("#wall-grid", ItemGrid)
        grid.remove_children()
        self._newest = None
        self.add(list(cards))

    def add(self, cards: list[Card]) -> None:
        """Put new cards first; one mount for the whole batch, however many arrived."""
        visible = [c for c in cards if not c.hidden]
        self.query_one("#wall-empty").display = not (visible or self._newest)
        if not visible:
            return
        grid = self.query_one("#wall-grid", ItemGrid)
        views = [self._view(card) for card in reversed(visible)]
        if self._newest is not None:
            self._newest.mark_newest(False)
        self._newest = views[0]
        self._newest.mark_newest(True)
        if grid.children:
            grid.mount_all(views, before=0)
        else:
            grid.mount_all(views)

    def remove_cards(self, card_ids: Iterable[int]) -> None:
        for card_id in card_ids:
            for view in self.query(f"#card-{card_id}"):
                if view is self._newest:
                    self._newest = None
                view.remove()
