"""The join view: the big QR code, the short URL and the join code, for the room to scan or type."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from screens.lang import _
from screens.qr_code import QRCode
from screens.text import literal


class JoinPanel(Horizontal):
    DEFAULT_CSS = """
    JoinPanel { height: auto; width: 100%; align: center middle; }
    JoinPanel > QRCode { margin: 0 2 0 0; }
    JoinPanel > Vertical { width: 48; height: auto; padding: 1 0; }
    JoinPanel .join-lead { text-style: bold; margin-bottom: 1; }
    JoinPanel .join-url { text-style: bold; color: $text; margin-bottom: 1; }
    JoinPanel .join-code { text-style: bold; border: heavy $accent; padding: 0 2; width: auto;
        content-align: center middle; }
    JoinPanel .join-prompt { margin-top: 1; color: $text-muted; }
    """

    def __init__(self, url: str, code: str, prompt: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.url = url
        self.code = code
        self.prompt = prompt

    def compose(self) -> ComposeResult:
        yield QRCode(self.url, id="qr")
        with Vertical():
            yield Static(Text(_("Bli med på mobilen")), classes="join-lead")
            yield Static(Text(_("Skann koden, eller gå til")), classes="join-help")
            yield Static(literal(self.url), classes="join-url", id="join-url")
            yield Static(
                Text(_("Kode:") + " ") + Text(" ".join(self.code), style="bold"),
                classes="join-code",
                id="join-code",
            )
            yield Static(literal(self.prompt), classes="join-prompt", id="join-prompt")

    def show_prompt(self, prompt: str) -> None:
        self.prompt = prompt
        self.query_one("#join-prompt", Static).update(literal(prompt))
