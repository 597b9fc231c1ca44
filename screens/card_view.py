"""One card on the wall: its text, its party's label and colour, the newest highlighted.

Cards take the keyboard focus, so that the wall's keys (screens/wall.py) act on the one under the
cursor; the view is recycled for another card in a flood instead of being made anew.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from facilitator.i18n import ui_language
from facilitator.model import Card, Party
from screens.lang import _
from screens.text import literal


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
