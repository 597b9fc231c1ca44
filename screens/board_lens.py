"""The board's tripartite lens: how many cards of a group each party wrote, as far as the
anonymity rule allows, and the three-letter tags that need no colour to be told apart."""

from __future__ import annotations

from rich.text import Text

from facilitator.anonymity import POOL, Disclosure
from facilitator.i18n import ui_language
from facilitator.model import Card, Party
from screens.lang import _


def party_tag(party: Party) -> str:
    """Three letters that need no colour to be told apart: Fol, Adm, Ans (a legend says which)."""
    return party.name_in(ui_language())[:3]


def lens(cards: list[Card], parties: tuple[Party, ...], d: Disclosure) -> Text:
    """Cards per group the anonymity rule allows; "felles for alle tre" or "bare én part" only
    when no party is hidden (either would say where a hidden party wrote)."""
    text = Text()
    by_key = {p.key: p for p in parties}
    counts = d.split({p.key: sum(1 for c in cards if c.party_key == p.key) for p in parties})
    for group, n in counts.items():
        if group == POOL:
            text.append(f" {_('Øvrige')} {n}", style="bold")
        else:
            party = by_key[group]
            text.append(f" {party_tag(party)} {n}", style=f"bold {party.color}")
    present = {c.party_key for c in cards}
    if d.suppressed:
        return text
    if len(present) == len(parties) and len(parties) >= 3:
        text.append("  " + _("felles for alle tre"), style="bold green")
    elif len(present) == 1:
        text.append("  " + _("bare én part"), style="italic")
    return text
