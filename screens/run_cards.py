"""The facilitator's hands on the wall: the card under the cursor, paper notes and agreements.

A mixin of the run screen, kept apart so that the screen itself stays about drawing and phases.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen

from facilitator.model import Card, Category, WorkshopState
from facilitator.store import Store, decisions, facilitation
from screens.context import host
from screens.dialogs import AskPaperCard, AskText, PaperNote, fix_typo
from screens.lang import LocalisedScreen, _
from screens.wall import Wall
from screens.writes import write_or_notify


class CardActions(LocalisedScreen, Screen[None]):
    """The keys h, t, Space, m, u, a, g and A of the run screen."""

    workshop_id: int
    state: WorkshopState
    wall_phase_id: int | None
    marked: set[int]

    @property
    def store(self) -> Store:
        return host(self.app).store

    def _write(
        self, op: Callable[..., Any], *args: Any, failure: str | None = None, **kwargs: Any
    ) -> bool:
        return write_or_notify(self, op, *args, failure=failure, **kwargs)

    def action_card_to_action(self) -> None:
        if (card := self._focused()) is not None and self._write(decisions.card_to_action, card.id):
            self.notify(
                _("Forslaget er lagt i tiltakslisten (l). Fyll inn ansvarlig og frist der.")
            )

    def _focused(self) -> Card | None:
        view = self.query_one(Wall).focused_card
        if view is None:
            self.notify(_("Velg et kort på veggen først (Tab, så piltastene)."))
            return None
        return view.card

    def action_hide_card(self) -> None:
        if card := self._focused():
            self._write(facilitation.set_hidden, card.id, True)
            self.notify(
                _("Kortet er skjult. Hent det fram igjen bak skjermen (s, så m)."), timeout=4
            )

    def action_edit_card(self) -> None:
        if (card := self._focused()) is not None:
            self.app.push_screen(fix_typo(card.text), lambda text: self._edited(card, text))

    def _edited(self, card: Card, text: str | None) -> None:
        if text and text.strip():
            self._write(facilitation.edit_text, card.id, text)

    def action_mark_card(self) -> None:
        view = self.query_one(Wall).focused_card
        if view is None:
            self._focused()
            return
        card_id = view.card.id
        self.marked ^= {card_id}
        view.set_class(card_id in self.marked, "-marked")

    def action_merge_cards(self) -> None:
        keep = self._focused()
        if keep is None:
            return
        duplicates = sorted(self.marked - {keep.id})
        if not duplicates:
            self.notify(_("Merk duplikatene med mellomrom, velg kortet som skal stå, og trykk m."))
            return
        if self._write(facilitation.merge, keep.id, duplicates):
            self.marked.clear()
            for view in self.query_one(Wall).views:
                view.remove_class("-marked")

    def action_unmerge_card(self) -> None:
        if card := self._focused():
            self._write(facilitation.unmerge, card.id)

    def action_paper_card(self) -> None:
        phase_id = self.wall_phase_id
        if phase_id is None:
            self.notify(_("Åpne en innspillsfase først."))
            return
        phase = next(p for p in self.state.phases if p.id == phase_id)

        def save(note: PaperNote | None) -> None:
            if note is not None:
                self._write(
                    facilitation.paper_card,
                    self.workshop_id,
                    phase_id,
                    note.party,
                    note.text,
                    note.target,
                )

        with_target = phase.category is Category.ROLE_EXPECTATION
        self.app.push_screen(AskPaperCard(self.state.parties, with_target), save)

    def action_agreement(self) -> None:
        phase_id = self.state.workshop.current_phase_id or self.wall_phase_id

        def save(text: str | None) -> None:
            if text and text.strip():
                self._write(facilitation.add_agreement, self.workshop_id, phase_id, text)

        self.app.push_screen(
            AskText(
                _("Enighet om …"),
                _("Hva er partene enige om?"),
                "",
                placeholder=_("felles mål om heltid som hovedregel"),
            ),
            save,
        )
