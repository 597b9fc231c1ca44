"""Always on screen: how many phones joined per party, and how many cards each party sent."""

from __future__ import annotations

from rich.text import Text
from textual.containers import Horizontal
from textual.widgets import Static

from facilitator.i18n import ui_language
from facilitator.model import PartyTally
from screens.lang import _


def tally_text(tally: PartyTally) -> Text:
    text = Text()
    text.append("■ ", style=f"bold {tally.party.color}")
    text.append(tally.party.name_in(ui_language()), style="bold")
    text.append(
        "\n  "
        + _("{phones} tlf · {cards} innspill").format(phones=tally.participants, cards=tally.cards)
    )
    return text


class PartyBar(Horizontal):
    DEFAULT_CSS = """
    PartyBar { height: 2; width: 100%; background: $panel; }
    PartyBar > Static { width: 1fr; padding: 0 1; }
    """

    def show(self, tallies: list[PartyTally]) -> None:
        cells = list(self.query(Static))
        if len(cells) != len(tallies):
            self.remove_children()
            self.mount_all(Static(tally_text(t), id=f"tally-{t.party.key}") for t in tallies)
            return
        for cell, tally in zip(cells, tallies, strict=True):
            cell.update(tally_text(tally))
