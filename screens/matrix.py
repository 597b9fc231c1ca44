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


def count_label(count: int) -> str:
    return _n("{count} innspill", "{count} innspill", count).format(count=count)


def cells_of(cards: Iterable[Card]) -> dict[tuple[str, str], list[Card]]:
    """(from, to) -> the cards on the wall, oldest first."""
    cells: dict[tuple[str, str], list[Card]] = {}
    for card in cards:
        if card.on_wall and card.target_party:
            cells.setdefault((card.party_key, card.target_party), []).append(card)
    return cells


def matrix_table(parties: tuple[Party, ...], cards: Iterable[Card]) -> Table:
    """Rows: who expects (from); columns: of whom (to). Each cell: a count and its cards."""
    cells = cells_of(cards)
    lang = ui_language()
    table = Table(
        expand=True,
        show_lines=True,
        title=_("Hva forventer vi av hverandre?"),
        title_style="bold",
    )
    # The row names take what the longest needs (no ratio can squeeze "Folkevalgte" in two).
    names = max((len(p.name_in(lang)) for p in parties), default=10)
    table.add_column(Text(_("fra \\ til"), style="dim"), width=min(14, names), overflow="fold")
    for party in parties:
        table.add_column(
            Text(party.name_in(lang), style=f"bold {party.color}"), ratio=3, overflow="fold"
        )
    for source in parties:
        row: list[Text] = [Text(source.name_in(lang), style=f"bold {source.color}")]
        for target in parties:
            found = cells.get((source.key, target.key), [])
            cell = Text(count_label(len(found)), style="bold") if found else Text("–", style="dim")
            for card in found[::-1]:  # every card, newest first, in whole (the cell wraps)
                cell.append("\n• ")
                cell.append_text(Text(inert(card.text).replace("\n", " ")))
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
        self.update(matrix_table(parties, self._shown[1]))

    @property
    def cells(self) -> dict[tuple[str, str], list[Card]]:
        return cells_of(self._shown[1])
