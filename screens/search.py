"""`/` on the board: find cards by their words across every phase of the workshop.

The facilitator types words; each hit shows its phase and its text (as text, never as markup).
Hidden and held cards are not found (store/search.py: the search is on the projector too).
No party is shown: a hit list of few cards could say who wrote what where the anonymity rule
would hide it. Enter on a hit returns its card id (the board then shows it), Esc closes.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from facilitator.i18n import ui_language
from facilitator.model import Card
from facilitator.store import StoreError
from facilitator.store.search import index_pending, search
from screens.context import host
from screens.lang import N_, LocalisedScreen, _, _n

_LOOKUPS = ThreadPoolExecutor(1, thread_name_prefix="trepart-search")
HITS = 50  # more than fit: the facilitator types another word instead of scrolling


class SearchCards(LocalisedScreen, ModalScreen[int | None]):
    CSS_PATH = "search.tcss"
    BINDINGS = [
        Binding("escape", "close", N_("Lukk")),
        Binding("down", "hits", N_("Til treffene"), show=False),
    ]

    def __init__(self, workshop_id: int) -> None:
        super().__init__()
        self.workshop_id = workshop_id

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(_("Søk i kortene (alle faser)"), id="search-title", markup=False)
            yield Input(placeholder=_("Skriv ett eller flere ord"), id="search-words")
            yield Static(id="search-status", markup=False)
            yield OptionList(id="search-hits")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        # The phones' cards wait in a queue for the index (store/search.py); fill it now, in
        # small transactions on a thread, so the dialog stays live. The search reads the queue
        # meanwhile, so nothing is missed before it is done.
        self.run_worker(self._index, thread=True, group="search-index")

    def _index(self) -> None:
        store = host(self.app).store
        try:
            while store.write(index_pending):
                pass
        except StoreError:
            pass  # the file cannot take writes now: the queue is searched as it is

    @on(Input.Changed, "#search-words")
    def words_changed(self, event: Input.Changed) -> None:
        # Off the loop the phones share: cards still queued for the index are matched in Python,
        # and a long queue costs a keystroke more than the index does. The newest words win.
        self.run_worker(self._look_up(event.value), exclusive=True, group="search")

    async def _look_up(self, words: str) -> None:
        store = host(self.app).store
        cards: list[Card] = []
        if words:  # one thread for every search: one reader connection, reused
            loop = asyncio.get_running_loop()
            cards = await loop.run_in_executor(
                _LOOKUPS, store.read, search, self.workshop_id, words, HITS
            )
        self._show(words, cards)

    def _show(self, words: str, cards: list[Card]) -> None:
        if words != self.query_one("#search-words", Input).value:
            return  # typed on meanwhile: a newer look-up is coming
        store = host(self.app).store
        state = store.state(self.workshop_id)
        lang = ui_language()
        titles = {p.id: p.title_in(lang) for p in state.phases}
        hits = self.query_one("#search-hits", OptionList)
        hits.clear_options()
        hits.add_options(
            Option(
                Text.assemble((titles.get(c.phase_id, ""), "bold"), " · ", Text(c.text)),
                id=str(c.id),
            )
            for c in cards
        )
        if cards:
            hits.highlighted = 0
        status = self.query_one("#search-status", Static)
        if not words.strip():
            status.update("")
        elif not cards:
            status.update(_("Ingen kort med de ordene."))
        else:
            status.update(
                _n(
                    "{count} treff – Enter viser kortet",
                    "{count} treff – Enter viser kortet",
                    len(cards),
                ).format(count=len(cards))
            )

    @on(Input.Submitted, "#search-words")
    def words_submitted(self) -> None:
        self.pick(self.query_one("#search-hits", OptionList))

    @on(OptionList.OptionSelected, "#search-hits")
    def hit_selected(self, event: OptionList.OptionSelected) -> None:
        self.pick(event.option_list)

    def pick(self, hits: OptionList) -> None:
        if hits.highlighted is None or hits.option_count == 0:
            return
        option_id = hits.get_option_at_index(hits.highlighted).id
        self.dismiss(int(option_id) if option_id else None)

    def action_hits(self) -> None:
        self.query_one("#search-hits", OptionList).focus()

    def action_close(self) -> None:
        self.dismiss(None)
