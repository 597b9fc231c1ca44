"""Roles and expectations: a 3×3 matrix of what each party expects from each other party."""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from facilitator.i18n import ui_language
from facilitator.model import Card, Party
from screens.lang import _, _n
from screens.text import inert

CARDS_PER_CELL = 2


def count_label(count: int) -> str:
    return _n("{count} innspill", "{count} innspill", count).format(count=count)


def matrix_table(parties: tuple[Party, ...], cards: Iterable[Card], *, width: int = 24) -> Table:
    """Rows: who expects (from); columns: of whom (to). Each cell: a count and the latest cards."""
    cells: dict[tuple[str, str], list[Card]] = {}
    for card in cards:
        if card.on_wall and card.target_party:
            cells.setdefault((card.party_key, card.target_party), []).append(card)
    lang = ui_language()
    table = Table(
        expand=True,
        show_lines=True,
        title=_("Hva forventer vi av hverandre?"),
        title_style="bold",
    )
    table.add_column(Text(_("fra \\ til"), style="dim"), ratio=2, min_width=15)
    for party in parties:
        table.add_column(Text(party.name_in(lang), style=f"bold {party.color}"), ratio=3)
    for source in parties:
        row: list[Text] = [Text(source.name_in(lang), style=f"bold {source.color}")]
        for target in parties:
            found = cells.get((source.key, target.key), [])
            cell = Text(count_label(len(found)), style="bold") if found else Text("–", style="dim")
            for card in found[-CARDS_PER_CELL:][::-1]:
                text = inert(card.text).replace("\n", " ")
                short = Text(text)
                short.truncate(width, overflow="ellipsis")
                cell.append("\n• ")
                cell.append_text(short)
            row.append(cell)
        table.add_row(*row)
    return table


class ExpectationMatrix(Static):
    DEFAULT_CSS = """
    ExpectationMatrix { height: auto; padding: 0 1; }
    """

    _shown: tuple[tuple[Party, ...], list[Card]] = ((), [])

    def show(self, parties: tuple[Party, ...], cards: Iterable[Card]) -> None:
        self._shown = (parties, list(cards))
        # Each cell shows its latest cards on one line each, whatever the projector's width: the
        # columns share what the borders (n + 2) and cell padding (2 each) leave, 2 : 3 : 3 : 3.
        n = max(1, len(parties))
        room = self.size.width - (n + 2) - 2 * (n + 1)
        column = room * 3 // (2 + 3 * n)
        cell = max(8, column - 2)  # "• " before the text
        self.update(matrix_table(parties, self._shown[1], width=cell))

    def on_resize(self) -> None:
        self.show(*self._shown)
