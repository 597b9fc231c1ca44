"""Always on screen: how many phones joined per party, and what each party sent in this phase.

Both figures go through the anonymity rule: a party with fewer phones than the limit reads
"færre enn N", and a party's cards are counted only where the phase breaks it out, so no
figure here can be subtracted from the wall to single out a hidden group.
"""

from __future__ import annotations

from rich.text import Text
from textual.containers import Horizontal
from textual.widgets import Static

from facilitator import anonymity
from facilitator.anonymity import Disclosure
from facilitator.i18n import ui_language
from facilitator.model import PartyTally
from screens.lang import N_, _
from screens.text import show_text

SMALL_ROOM = N_(
    "Noen parter har færre enn 5 telefoner: grupper under 5 kan kjennes igjen "
    "(Datatilsynet). Vurder en høyere anonymitetsgrense i redigering (E)."
)


def tally_text(tally: PartyTally, phones: int | None, cards: int | None, limit: int) -> Text:
    text = Text()
    text.append("■ ", style=f"bold {tally.party.color}")
    text.append(tally.party.name_in(ui_language()), style="bold")
    if phones is None:
        text.append("\n  " + _("færre enn {limit} tlf").format(limit=limit), style="dim")
    else:
        text.append("\n  " + _("{phones} tlf").format(phones=phones))
    if cards is not None:
        text.append(" · " + _("{cards} innspill").format(cards=cards))
    return text


class PartyBar(Horizontal):
    DEFAULT_CSS = """
    PartyBar { height: 2; width: 100%; background: $panel; }
    PartyBar > Static { width: 1fr; padding: 0 1; }
    """

    def show(self, tallies: list[PartyTally], phase_cards: dict[str, int], d: Disclosure) -> None:
        """`phase_cards`: cards per party in the current phase; `d`: that phase's disclosure."""
        phones = anonymity.phones(
            (t.party.key for t in tallies), {t.party.key: t.participants for t in tallies}, d.limit
        )
        texts = [
            tally_text(
                t,
                phones[t.party.key],
                phase_cards.get(t.party.key, 0) if t.party.key in d.shown else None,
                d.limit,
            )
            for t in tallies
        ]
        cells = list(self.query(Static))
        if len(cells) != len(tallies):
            self.remove_children()
            self.mount_all(
                Static(text, id=f"tally-{t.party.key}")
                for t, text in zip(tallies, texts, strict=True)
            )
            return
        for cell, text in zip(cells, texts, strict=True):
            show_text(cell, text)
