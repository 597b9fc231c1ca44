"""The Textual app: owns the event loop, opens the store, starts the phones' endpoint (in a
process of its own, facilitator/phones.py, or on this loop)."""

from __future__ import annotations

import asyncio
import contextlib
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import events, on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.message import Message
from textual.screen import Screen

from facilitator import crashlog, phones, venue
from facilitator import events as ev
from facilitator.embedding import Embedder
from facilitator.events import Bus
from facilitator.i18n import N_, _, normalise, set_ui_language
from facilitator.model import Workshop
from facilitator.netinfo import ANY_INTERFACE, Address, join_url, listen, usable_addresses
from facilitator.paths import export_dir
from facilitator.settings import Limits
from facilitator.store import Store
from facilitator.venue import Arrivals
from facilitator.wifi import Wifi
from screens.lang import Localised, textual_words
from screens.messages import CardsArrived, StoreChanged
from screens.run import RunScreen

if TYPE_CHECKING:
    import socket

    from aiohttp import web

# Cards reach the wall in batches: 80 ms after the first of a burst (300 phones at once become a
# few repaints, not 300). When a flood keeps coming (FLOOD_BATCH cards per batch, several batches
# in a row) the wall repaints four times a second instead: no room reads faster, and the phones'
# endpoint, which shares the event loop, keeps the time (bench: 0.18x -> 0.35x hello-world).
COALESCE_SECONDS = 0.08
FLOOD_SECONDS = 0.25
FLOOD_BATCH = 25
FLOOD_AFTER = 6  # busy batches in a row (about half a second) before the wall slows down


class TrepartApp(App[None]):
    TITLE = "Trepart"
    ENABLE_COMMAND_PALETTE = True
    # `?` lists the keys on every screen (a text field takes its own `?` first).
    BINDINGS = [Binding("question_mark", "toggle_help", N_("Taster"), show=False)]

    def __init__(
        self,
        db_path: Path,
        *,
        workshop_id: int | None = None,
        host: str = "0.0.0.0",
        port: int | None = None,
        public_url: str | None = None,
        audience: Callable[[str], object] | None = None,
        limits: Limits | None = None,
        lang: str = "nb",
        trusted_proxies: frozenset[str] = frozenset(),
        wifi: Wifi | None = None,
        hotspot: bool = False,
        endpoint: str = "app",
    ) -> None:
        set_ui_language(lang)  # before any screen is made: key bindings translate on init
        self.lang = normalise(lang)  # the referat's default language (any of the four)
        super().__init__()
        self.bus = Bus()
        self.store = Store(db_path, self.bus)
        self.limits = limits or Limits.from_env()
        self.start_workshop = workshop_id
        self.host = host
        self.port = port
        self.public_url = public_url
        self.audience = audience
        self.trusted_proxies = trusted_proxies
        self.wifi = wifi  # --wifi; else each workshop's own network (the editor's field)
        self.hotspot = hotspot
        self.arrivals = Arrivals()
        self.addresses: list[Address] = []
        # --public-url, or --host with one address, decides the address; no picking then.
        self.address_fixed = public_url is not None or host not in ("0.0.0.0", "::", "")
        self.public_url_given = public_url is not None  # a proxy or a name: no address list
        # The phones' endpoint: a process of its own (facilitator/phones.py), or this loop's.
        self.endpoint = endpoint
        self.phones: phones.PhonesProcess | None = None
        self.runner: web.AppRunner | None = None
        self.web_app: web.Application | None = None
        self.origins: list[str] = []
        self._pending_cards: dict[int, list[ev.CardAdded]] = defaultdict(list)
        self._flush_handle: asyncio.TimerHandle | None = None
        self._busy_batches = 0  # batches in a row of FLOOD_BATCH cards or more
        self.errors: list[Exception] = []  # what went wrong and was survived (see crashlog)
        self.embedder = Embedder(self.store)

    # -- lifecycle ----------------------------------------------------------------------------

    async def on_mount(self) -> None:
        self.bus.bind(asyncio.get_running_loop())
        self.bus.subscribe(self._on_store_event)
        self.store.watcher.start()  # what another process writes: this loop polls for it
        self.embedder.start()  # cards are embedded for grouping as they arrive, off the loop
        given_url = self.public_url  # --public-url: a name of our own for the hotspot's check
        try:
            if self.endpoint == "process" and phones.supported() and not self.hotspot:
                self.phones = self._phones_process()
                self.port = self.phones.port
            else:
                await self._serve_here(given_url)
        except OSError as exc:
            self.exit(message=_("Kunne ikke starte deltakersiden: {error}").format(error=exc))
            return
        if self.public_url_given:
            self.addresses = []
        elif self.address_fixed:  # --host H: phones can use H only (none when it is loopback)
            self.addresses = [a for a in usable_addresses() if a.ip == self.host]
        else:
            self.addresses = usable_addresses()
        if self.public_url is None:
            if self.address_fixed:
                self.public_url = f"http://{self.host}:{self.port}"
            else:
                first = self.addresses[0].ip if self.addresses else "127.0.0.1"
                self.public_url = f"http://{first}:{self.port}"
        # Form posts are accepted from the pages Trepart itself serves: every address it lists.
        self.origins = [self.public_url, *(f"http://{a.ip}:{self.port}" for a in self.addresses)]
        if self.phones is not None:
            try:
                await self.phones.start(origins=self.origins, public_url=given_url)
            except OSError as exc:  # no process could be started: serve them here, say so
                self._phones_failed(f"{type(exc).__name__}: {exc}")
        else:
            self._allow_origins()
        if self.start_workshop is not None:
            # Straight into the workshop: the list of workshops is made when the facilitator
            # leaves it (`Esc`), not before the QR code is on the projector.
            await self.push_screen(RunScreen(self.start_workshop), callback=self._show_home)
        else:
            await self.push_screen(self._home())
        # The embedding worker's imports (a second of CPU) wait until the screen is drawn.
        self.call_after_refresh(self.embedder.begin)
        if self.audience is not None:
            self.call_after_refresh(self._start_audience)

    def _start_audience(self) -> None:
        assert self.audience is not None
        self.run_worker(
            cast("Awaitable[None]", self.audience(f"http://127.0.0.1:{self.port}")),
            name="audience",
            group="audience",
            exit_on_error=False,
        )

    def _phones_process(self) -> phones.PhonesProcess:
        """The phones' endpoint in a process of its own, on a socket bound here (OSError when
        the port is taken)."""
        return phones.PhonesProcess(
            self.store,
            listen(self.host, self.port),
            limits=self.limits,
            trusted_proxies=self.trusted_proxies,
            arrivals=self.arrivals,
            on_trouble=self._phones_failed,
        )

    async def _serve_here(
        self, given_url: str | None, sockets: Sequence[socket.socket] = ()
    ) -> None:
        """The phones' endpoint on this process's loop (--phones-in-app, --hotspot, Windows, or
        when the phones' own process keeps failing: then on the socket it had)."""
        from facilitator.server import captive, create_web_app, start

        self.web_app = web_app = create_web_app(
            self.store, self.bus, limits=self.limits, trusted_proxies=self.trusted_proxies
        )
        captive.install(
            web_app,
            arrivals=self.arrivals,
            hotspot_target=self._hotspot_target if self.hotspot else None,
            own_names=venue.own_names(given_url),
        )
        self.runner, self.port = await start(web_app, self.host, self.port, sockets=sockets)
        if self.hotspot and (problem := await captive.also_on_port(self.runner, self.host, 80)):
            self.notify(
                _("Hotspot: kunne ikke lytte på port 80 ({problem}).").format(problem=problem),
                severity="warning",
                timeout=15,
            )

    def _allow_origins(self) -> None:
        from facilitator.server import origin

        assert self.web_app is not None
        for allowed in self.origins:
            origin.allow(self.web_app, allowed)

    def _phones_failed(self, reason: str) -> None:
        """The phones' process died again and again: this process serves them on its socket."""
        self.notify(
            _(
                "Deltakersidens egen prosess stoppet gjentatte ganger ({reason}). Trepart tar "
                "imot telefonene selv nå; ingenting bekreftet er tapt."
            ).format(reason=reason),
            title=_("Deltakersiden"),
            severity="warning",
            timeout=20,
            markup=False,
        )
        sockets = self.phones.sockets if self.phones is not None else []
        self.phones = None

        async def take_over() -> None:
            try:
                await self._serve_here(None, sockets)
            except Exception as exc:
                self.notify(
                    _("Kunne ikke starte deltakersiden: {error}").format(error=exc),
                    title=_("Deltakersiden"),
                    severity="error",
                    timeout=30,
                    markup=False,
                )
                return
            self._allow_origins()

        self.run_worker(take_over(), name="phones-take-over", exit_on_error=False)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self.embedder.hold()  # the facilitator is at the keys: the projector comes first
        await super().on_event(event)

    def _show_home(self, _result: object = None) -> None:
        self.push_screen(self._home())

    @staticmethod
    def _home() -> Screen[None]:
        from screens.home import HomeScreen  # its table and dialogs: not before a workshop's QR

        return HomeScreen()

    async def on_unmount(self) -> None:
        if self._flush_handle is not None:
            self._flush_handle.cancel()
        self.workers.cancel_group(self, "audience")
        if self.phones is not None:
            await self.phones.stop()
        if self.runner is not None:
            await self.runner.cleanup()
        await self.store.watcher.stop()
        self.embedder.stop()
        self.store.close()

    def _handle_exception(self, error: Exception) -> None:
        """An exception in a key handler, a worker or an export is logged and shown, and the
        app (and with it the phones' endpoint) keeps running; see facilitator/crashlog.py."""
        if self._exit_renderables or not self.is_running or isinstance(error, SystemExit):
            super()._handle_exception(error)
            return
        self.errors.append(error)
        where = crashlog.record(self.store.path, error)
        message = _("Det gikk galt: {error}. Trepart fortsetter.").format(
            error=crashlog.one_sentence(error)
        )
        if where is not None:
            message += " " + _("Detaljer i {path}.").format(path=where)
        with contextlib.suppress(Exception):  # the notice itself must not end the app
            self.notify(message, title=_("Feil"), severity="error", timeout=20, markup=False)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Every key of the current screen is also a command in the palette (Ctrl+P)."""
        for command in super().get_system_commands(screen):  # Textual's own, in bokmål too
            yield SystemCommand(
                textual_words(command.title),
                textual_words(command.help),
                command.callback,
                command.discover,
            )
        # The screen's keys and those of Trepart's own widgets in reach (the wall's and the
        # results' on the run screen, see screens/stage_keys.py); not Textual's cursor keys.
        for active in screen.active_bindings.values():
            node, binding = active.node, active.binding
            if binding.description and (node is screen or isinstance(node, Localised)):
                yield SystemCommand(
                    _(binding.description),
                    _("Tast: {key}").format(key=binding.key),
                    lambda node=node, action=binding.action: node.run_action(action),
                )

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            placeholder = textual_words("Search for commands…")
            self.push_screen(CommandPalette(id="--command-palette", placeholder=placeholder))

    def action_toggle_help(self) -> None:
        """`?` shows the keys beside the stage, and hides them again."""
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    # -- what screens ask of the app (screens.context.Host) ------------------------------------

    def listening(self) -> str:
        """Where the phones' endpoint listens, said on the home screen (no silent 0.0.0.0)."""
        if self.host in ANY_INTERFACE:
            return _("Deltakersiden lytter på alle nettverk, port {port}: {url}").format(
                port=self.port, url=self.public_url
            )
        return _("Deltakersiden lytter bare på {host}, port {port}: {url}").format(
            host=self.host, port=self.port, url=self.public_url
        )

    def join_url(self, code: str) -> str:
        return join_url(self.public_url or "http://127.0.0.1", code)

    def wifi_for(self, ws: Workshop) -> Wifi | None:
        return venue.chosen_wifi(self.wifi, ws)

    def use_address(self, ip: str) -> None:
        """The facilitator picked another of the laptop's addresses for the join code."""
        if not self.address_fixed:
            self.public_url = f"http://{ip}:{self.port}"

    def _hotspot_target(self) -> str:
        """Where --hotspot sends a phone that asked for another host: the workshop on screen."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, RunScreen):
                ws = self.store.workshop(screen.workshop_id)
                if ws is not None:
                    return self.join_url(ws.code)
        workshops = self.store.list_workshops()
        return self.join_url(workshops[0].code) if workshops else self.public_url or "/"

    def export(
        self, workshop_id: int, fmt: str, lang: str = "nb", internal: bool = False
    ) -> list[str]:
        """Write one export (or, with fmt "all", the referat in every format) into the user's
        Documents/Trepart folder, never over an earlier file; returns the paths."""
        from exports import REFERAT_FORMATS, files, pdf, render

        ws = self.store.workshop(workshop_id)
        assert ws is not None
        formats = [fmt]
        if fmt == "all":  # PDF only where its libraries are installed; the rest always
            formats = [f for f in REFERAT_FORMATS if f != "pdf" or pdf.available()]
        paths = []
        for each in formats:
            for name, data in render(
                self.store,
                workshop_id,
                each,
                lang=lang,
                join_url=self.join_url(ws.code),
                wifi=self.wifi_for(ws),
                internal=internal,
            ):
                path = files.free_path(export_dir() / name)
                path.write_bytes(data)
                paths.append(str(path))
        return paths

    # -- the bus → the screens' two messages (screens/messages.py) ---------------------------------

    def _on_store_event(self, event: ev.Event) -> None:
        # Bus callbacks run on the loop but outside Textual's context; only post from here.
        # A card only joins the next batch for the wall (a Textual message per card cost the
        # phones' endpoint, which shares this loop, a tenth of its throughput during a flood);
        # anything else goes into the app's own queue, where a burst of high-rate events
        # already collapses (can_replace).
        if isinstance(event, ev.CardAdded):
            self._pending_cards[event.workshop_id].append(event)
            if self._flush_handle is None:
                loop = asyncio.get_running_loop()
                self._flush_handle = loop.call_later(self.card_delay, self._flush_cards)
            return
        if isinstance(event, ev.CardWithdrawn | ev.CardChanged) and self._pending_cards:
            self._update_pending(event)  # withdrawn before it reached the wall: it never does
        self.post_message(StoreChanged(event))

    def _update_pending(self, event: ev.CardWithdrawn | ev.CardChanged) -> None:
        pending = self._pending_cards.get(event.workshop_id, [])
        if isinstance(event, ev.CardWithdrawn):
            pending[:] = [e for e in pending if e.card.id != event.card_id]
        else:
            pending[:] = [
                ev.CardAdded(e.workshop_id, event.card) if e.card.id == event.card.id else e
                for e in pending
            ]

    @on(StoreChanged)
    def store_changed(self, message: StoreChanged) -> None:
        event = message.event
        if isinstance(event, ev.StorageHealth):
            if event.problem:
                self.notify(
                    _(
                        "Lagringen feiler: {problem}. Telefonene får beskjed om å prøve igjen; "
                        "ingenting går tapt av det som er bekreftet."
                    ).format(problem=event.problem),
                    title=_("Databasen"),
                    severity="error",
                    timeout=30,
                )
            else:
                self.notify(_("Lagringen virker igjen."), title=_("Databasen"), timeout=8)
        else:
            self._broadcast(lambda: StoreChanged(event))

    @property
    def card_delay(self) -> float:
        """Seconds from a card's commit to the wall: short, longer while a flood goes on."""
        return FLOOD_SECONDS if self._busy_batches >= FLOOD_AFTER else COALESCE_SECONDS

    def _flush_cards(self) -> None:
        self._flush_handle = None
        if not self.is_running:  # a card committed while the app was closing
            return
        pending, self._pending_cards = self._pending_cards, defaultdict(list)
        batch = sum(len(added) for added in pending.values())
        self._busy_batches = self._busy_batches + 1 if batch >= FLOOD_BATCH else 0
        for workshop_id, added in pending.items():
            cards = tuple(e.card for e in added)
            self._broadcast(lambda w=workshop_id, c=cards: CardsArrived(w, c))  # type: ignore[misc]

    def _broadcast(self, make: Callable[[], Message]) -> None:
        for screen in self.screen_stack:
            screen.post_message(make())
