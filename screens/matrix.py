"""Roles and expectations: a 3×3 matrix of what each party expects from each other party."""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from facilitator.anonymity import POOL, Disclosure
from facilitator.i18n import ui_language
from facilitator.model import Card, Party
from screens.lang import _, _n
from screens.text import inert

CARDS_PER_CELL = 2


def count_label(count: int) -> str:
    return _n("{count} innspill", "{count} innspill", count).format(count=count)


def matrix_table(
    parties: tuple[Party, ...], cards: Iterable[Card], d: Disclosure, *, width: int = 24
) -> Table:
    """Rows: who expects (from); columns: of whom (to). Each cell: a count and the latest cards.

    Rows are the groups the anonymity rule allows (a party, or the pool); a cell whose possible
    authors are fewer than the limit is withheld, and a phase without breakdown has one note."""
    cells: dict[tuple[str, str], list[Card]] = {}
    for card in cards:
        group = d.group_of(card.party_key)
        if card.on_wall and card.target_party and group is not None:
            cells.setdefault((group, card.target_party), []).append(card)
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
    by_key = {p.key: p for p in parties}
    if not d.breakdown:
        table.add_row(
            Text(_("Ikke vist per part: for få deltok til at fordelingen er anonym."), style="dim"),
            *(Text("") for _party in parties),
        )
    # Rows: the groups the rule allows. When it hides nobody, every party has its row (empty
    # where nobody wrote); otherwise an empty row would tell who the hidden writers are.
    rows = [p.key for p in parties] if not d.suppressed else list(d.groups)
    for group in rows:
        source = by_key.get(group)
        heading = (
            Text(source.name_in(lang), style=f"bold {source.color}")
            if source is not None
            else Text(_("Øvrige parter"), style="bold")
        )
        row: list[Text] = [heading]
        for target in parties:
            if group == POOL and not d.cell_visible(group, target.key):
                row.append(Text(_("skjult (for få)"), style="dim"))
                continue
            found = cells.get((group, target.key), [])
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

    _shown: tuple[tuple[Party, ...], list[Card], Disclosure] = ((), [], Disclosure(1, ()))

    def show(self, parties: tuple[Party, ...], cards: Iterable[Card], d: Disclosure) -> None:
        self._shown = (parties, list(cards), d)
        # Each cell shows its latest cards on one line each, whatever the projector's width: the
        # columns share what the borders (n + 2) and cell padding (2 each) leave, 2 : 3 : 3 : 3.
        n = max(1, len(parties))
        room = self.size.width - (n + 2) - 2 * (n + 1)
        column = room * 3 // (2 + 3 * n)
        cell = max(8, column - 2)  # "• " before the text
        self.update(matrix_table(parties, self._shown[1], d, width=cell))

    def on_resize(self) -> None:
        self.show(*self._shown)
