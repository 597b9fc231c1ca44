"""The join view: the big QR code, the short URL and the join code, for the room to scan or type.

With a Wi-Fi network set (`--wifi`, or the editor's field) the network's code stands to the
left of the join code, in one picture, with the two steps below in every language. Under it
the laptop's usable addresses: the one in the code is marked, `i` picks the next, and a tick
appears beside an address as soon as the first phone has come through it.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from facilitator.i18n import LANGUAGES, ui_language
from facilitator.netinfo import Address
from facilitator.wifi import Wifi
from screens.context import host
from screens.lang import N_, _
from screens.qr_code import QRCode
from screens.text import literal

KIND_WORDS = {
    "hotspot": N_("hotspot"),
    "lan": N_("nettverk"),
    "virtual": N_("virtuelt"),
    "link-local": N_("uten DHCP"),
}


class JoinPanel(Horizontal):
    DEFAULT_CSS = """
    JoinPanel { height: auto; width: 100%; align: center middle; }
    JoinPanel > QRCode { margin: 0 2 0 0; }
    JoinPanel > Vertical { width: 48; height: auto; padding: 1 0; }
    JoinPanel > #wifi-box { width: auto; padding: 0; }
    JoinPanel .join-lead { text-style: bold; margin-bottom: 1; }
    JoinPanel .join-url { text-style: bold; color: $text; margin-bottom: 1; }
    JoinPanel .join-code { text-style: bold; border: heavy $accent; padding: 0 2; width: auto;
        content-align: center middle; }
    JoinPanel .join-prompt { margin-top: 1; color: $text-muted; }
    JoinPanel .join-addresses { margin-top: 1; height: auto; }
    JoinPanel #wifi-box .join-addresses { margin-top: 0; }
    JoinPanel .wifi-row { height: 1; width: 100%; }
    JoinPanel .wifi-half { width: 1fr; height: 1; text-style: bold; }
    JoinPanel .wifi-steps { height: auto; color: $text; }
    """

    class Reached(Message):
        """The first phone came through one of the laptop's addresses."""

        def __init__(self, ip: str) -> None:
            super().__init__()
            self.ip = ip

    def __init__(
        self,
        url: str,
        code: str,
        prompt: str = "",
        *,
        wifi: Wifi | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.url = url
        self.code = code
        self.prompt = prompt
        self.wifi = wifi
        self._unsubscribe: object = None

    def compose(self) -> ComposeResult:
        if self.wifi is not None:
            yield from self._compose_with_wifi(self.wifi)
            return
        yield QRCode(self.url, id="qr")
        with Vertical():
            yield Static(Text(_("Bli med på mobilen")), classes="join-lead")
            yield Static(Text(_("Skann koden, eller gå til")), classes="join-help")
            yield Static(literal(self.url), classes="join-url", id="join-url")
            yield Static(self._code_text(), classes="join-code", id="join-code")
            yield Static(literal(self.prompt), classes="join-prompt", id="join-prompt")
            yield Static(classes="join-addresses", id="join-addresses")

    def _compose_with_wifi(self, wifi: Wifi) -> ComposeResult:
        with Vertical(id="wifi-box"):
            with Horizontal(classes="wifi-row"):
                yield Static(literal("1. Wi-Fi: " + wifi.ssid), classes="wifi-half")
                yield Static(self._code_text("2. "), classes="wifi-half", id="join-code")
            yield QRCode(wifi.payload(), self.url, id="qr")
            with Horizontal(classes="wifi-row"):
                yield Static(literal(wifi.credentials(ui_language())), classes="wifi-half")
                yield Static(literal(self.url), classes="wifi-half", id="join-url")
            yield Static(classes="wifi-steps", id="wifi-steps")
            yield Static(classes="join-addresses", id="join-addresses")
            yield Static(literal(self.prompt), id="join-prompt")

    def _code_text(self, before: str = "") -> Text:
        return Text(before + _("Kode:") + " ") + Text(" ".join(self.code), style="bold")

    def on_mount(self) -> None:
        arrivals = host(self.app).arrivals

        def reached(ip: str) -> None:
            self.post_message(self.Reached(ip))

        self._unsubscribe = arrivals.subscribe(reached)
        self._composed()

    def _composed(self) -> None:
        if self.wifi is not None:
            self.query_one("#join-prompt").display = False  # no room beside two codes
        self.call_after_refresh(self.fit_steps)
        self.show_addresses()

    def follow_wifi(self, wifi: Wifi | None) -> None:
        """The network changed in the editor (or was cleared): draw the view again."""
        if wifi != self.wifi:
            self.wifi = wifi
            self.call_next(self._rebuild)

    async def _rebuild(self) -> None:
        await self.recompose()
        self._composed()

    def on_resize(self) -> None:
        self.fit_steps()

    def fit_steps(self) -> None:
        """Every language's step line when the projector has the rows for them; at 30 rows the
        screens' language first and as many others as fit (the handout has all four)."""
        if self.wifi is None or self.parent is None:
            return
        qr_rows = self.query_one("#qr", QRCode).outer_size.height
        listed = 1 if self.query_one("#join-addresses").display else 0
        parent = self.parent
        height = parent.size.height if isinstance(parent, Widget) else self.screen.size.height
        spare = height - qr_rows - 2 - listed  # captions, password/URL, addresses
        order = sorted(LANGUAGES, key=lambda lang: lang != ui_language())
        shown = order[: max(1, min(len(order), spare))]
        lines = [self.wifi.steps(lang) for lang in LANGUAGES if lang in shown]
        self.query_one("#wifi-steps", Static).update(literal("\n".join(lines)))

    def on_unmount(self) -> None:
        if callable(self._unsubscribe):
            self._unsubscribe()

    def on_join_panel_reached(self, message: Reached) -> None:
        self.show_addresses()

    def show_prompt(self, prompt: str) -> None:
        self.prompt = prompt
        self.query_one("#join-prompt", Static).update(literal(prompt))

    def show_url(self, url: str) -> None:
        """Another address was picked: the code and the text follow."""
        self.url = url
        qr_code = self.query_one("#qr", QRCode)
        if self.wifi is not None:
            qr_code.beside = url
        else:
            qr_code.data = url
        self.query_one("#join-url", Static).update(literal(url))
        self.show_addresses()

    def show_addresses(self) -> None:
        app = host(self.app)
        listing = self.query_one("#join-addresses", Static)
        listing.display = not app.public_url_given
        listing.update(
            address_lines(
                app.addresses,
                self.url,
                app.arrivals.first,
                fixed=app.address_fixed,
                inline=self.wifi is not None,
            )
        )


def address_lines(
    addresses: list[Address],
    url: str,
    reached: dict[str, float],
    *,
    fixed: bool,
    inline: bool = False,
) -> Text:
    """The laptop's addresses, the one in the code first marked ▸, a ✓ where a phone came in."""
    if not any(a.kind in ("hotspot", "lan") for a in addresses):
        return Text(
            _(
                "Ingen nettverk: telefonene kan ikke nå maskinen. Koble til Wi-Fi eller slå på hotspot."
            ),
            style="bold red",
        )
    text = Text()
    text.append(_("Adresser") + (":" if fixed else " " + _("(i: bytt)") + ":"), style="dim")
    for address in addresses:
        current = f"//{address.ip}:" in url
        text.append((" " if inline else "\n") + ("▸ " if current else "  "), style="bold")
        text.append(address.ip, style="bold" if current else "")
        text.append(f" {_(KIND_WORDS[address.kind])}", style="dim")
        if address.ip in reached:
            text.append(" ✓ " + _("virker"), style="bold green")
    return text


def next_address(node: Widget, code: str) -> bool:
    """The join code moves to the laptop's next address; False (and a toast) when there is no
    other, or --host/--public-url decide."""
    app = host(node.app)
    if app.address_fixed or len(app.addresses) < 2:
        node.notify(_("Adressen er bestemt av --host/--public-url, eller det finnes bare én."))
        return False
    ips = [a.ip for a in app.addresses]
    current = next((i for i, ip in enumerate(ips) if f"//{ip}:" in (app.public_url or "")), -1)
    app.use_address(ips[(current + 1) % len(ips)])
    node.screen.query_one(JoinPanel).show_url(app.join_url(code))
    return True
