"""One cell of the expectation matrix on the whole stage: what one party expects of another.

The matrix shows every card, but in a third of the stage; opened, a cell's cards are read from
the back row. `X` on the run screen asks which cell, then shows it; `Esc` goes back.
"""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from facilitator.i18n import ui_language
from facilitator.model import Card, Party
from screens.lang import N_, LocalisedScreen, _
from screens.text import literal


def cell_title(source: Party, target: Party) -> Text:
    lang = ui_language()
    return Text.assemble(
        (source.name_in(lang), f"bold {source.color}"),
        (" → ", "bold"),
        (target.name_in(lang), f"bold {target.color}"),
    )


class PickCell(LocalisedScreen, ModalScreen[tuple[str, str] | None]):
    """Which cell: every pair that has cards, with its count."""

    CSS_PATH = "matrix_cell.tcss"
    BINDINGS = [Binding("escape", "cancel", N_("Avbryt"))]

    def __init__(
        self, parties: tuple[Party, ...], cells: dict[tuple[str, str], list[Card]]
    ) -> None:
        super().__init__()
        self.parties = {p.key: p for p in parties}
        self.cells = cells

    def compose(self) -> ComposeResult:
        options = [
            Option(
                cell_title(self.parties[s], self.parties[t]) + Text(f"  ({len(cards)})"),
                id=f"{s}\t{t}",
            )
            for (s, t), cards in self.cells.items()
            if s in self.parties and t in self.parties
        ]
        with Vertical():
            yield Static(Text(_("Hvilken rute skal vises på hele skjermen?")))
            yield OptionList(*options, id="cells")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def picked(self, event: OptionList.OptionSelected) -> None:
        source, target = str(event.option.id).split("\t")
        self.dismiss((source, target))

    def action_cancel(self) -> None:
        self.dismiss(None)


class MatrixCellScreen(LocalisedScreen, Screen[None]):
    CSS_PATH = "matrix_cell.tcss"
    BINDINGS = [Binding("escape,x", "back", N_("Tilbake"))]

    def __init__(self, source: Party, target: Party, cards: list[Card]) -> None:
        super().__init__()
        self.source, self.target, self.cards = source, target, cards

    def compose(self) -> ComposeResult:
        heading = Text(_("Hva forventer vi av hverandre?") + "  ", style="bold")
        yield Static(Group(heading + cell_title(self.source, self.target)), id="cell-title")
        with VerticalScroll(id="cell-cards", can_focus=True):
            for card in reversed(self.cards):
                yield Static(Text("• ") + literal(card.text), classes="cell-card")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#cell-cards").focus()

    def action_back(self) -> None:
        self.dismiss()


def pick_and_open(
    node: Widget, parties: tuple[Party, ...], cells: dict[tuple[str, str], list[Card]]
) -> None:
    """`X`: ask which cell of the matrix (the pool's too), then open it on the whole stage."""
    from facilitator.anonymity import POOL
    from screens.matrix import pool_party

    by_key = {p.key: p for p in parties}
    by_key[POOL] = pool_party()

    def show(choice: tuple[str, str] | None) -> None:
        if choice is not None:
            source, target = choice
            node.app.push_screen(MatrixCellScreen(by_key[source], by_key[target], cells[choice]))

    node.app.push_screen(PickCell((*parties, by_key[POOL]), cells), show)
