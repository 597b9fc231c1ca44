"""Roles and expectations: a 3×3 matrix of what each party expects from each other party.

Rows are the groups the anonymity rule allows (facilitator.anonymity): a party, or the pool of
small parties; a cell whose possible authors are fewer than the limit is withheld.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from facilitator.anonymity import POOL, Disclosure
from facilitator.i18n import ui_language
from facilitator.model import Card, Party
from screens.lang import _, _n
from screens.text import NEUTRAL, inert


def count_label(count: int) -> str:
    return _n("{count} innspill", "{count} innspill", count).format(count=count)


def pool_party() -> Party:
    """The pool as a row heading and a cell's title: no party's colour, no party's name."""
    return Party(POOL, _("Øvrige parter"), NEUTRAL, 999)


def cells_of(cards: Iterable[Card], d: Disclosure) -> dict[tuple[str, str], list[Card]]:
    """(from group, to party) -> the cards on the wall, oldest first; withheld cells left out."""
    cells: dict[tuple[str, str], list[Card]] = {}
    for card in cards:
        group = d.group_of(card.party_key)
        target = card.target_party
        if card.on_wall and target and group is not None and d.cell_visible(group, target):
            cells.setdefault((group, target), []).append(card)
    return cells


def matrix_table(parties: tuple[Party, ...], cards: Iterable[Card], d: Disclosure) -> Table:
    """Rows: who expects (from); columns: of whom (to). Each cell: a count and its cards."""
    cells = cells_of(cards, d)
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
    if d.suppressed and not d.breakdown:
        table.add_row(
            Text(_("Ikke vist per part: for få deltok til at fordelingen er anonym."), style="dim"),
            *(Text("") for _party in parties),
        )
    by_key = {p.key: p for p in parties}
    # When the rule hides nobody, every party has its row (empty where nobody wrote); otherwise
    # an empty row would tell who the hidden writers are.
    rows = [p.key for p in parties] if not d.suppressed else list(d.groups)
    for group in rows:
        source = by_key.get(group) or pool_party()
        row: list[Text] = [Text(source.name_in(lang), style=f"bold {source.color}")]
        for target in parties:
            if group == POOL and not d.cell_visible(group, target.key):
                row.append(Text(_("skjult (for få)"), style="dim"))
                continue
            found = cells.get((group, target.key), [])
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

    _shown: tuple[tuple[Party, ...], list[Card], Disclosure] = ((), [], Disclosure(1, ()))

    def show(self, parties: tuple[Party, ...], cards: Iterable[Card], d: Disclosure) -> None:
        self._shown = (parties, list(cards), d)
        self.update(matrix_table(parties, self._shown[1], d))

    @property
    def cells(self) -> dict[tuple[str, str], list[Card]]:
        return cells_of(self._shown[1], self._shown[2])
