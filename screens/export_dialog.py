"""Choose a format and a language for the referat (during or after the workshop)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Select, Static

from screens.dialogs import DIALOG_CSS

FORMATS = [
    ("Word (DOCX) – referat til arkivet", "docx"),
    ("Nettside (HTML) – til publisering", "html"),
    ("Markdown", "md"),
    ("Excel (XLSX) – innspill, stemmer, tiltak", "xlsx"),
    ("CSV – innspill og tiltak", "csv"),
    ("JSON – komplett kopi (kan importeres)", "json"),
    ("QR-kode som PNG", "qr-png"),
    ("QR-kode som SVG", "qr-svg"),
]
LANGUAGES = [("Bokmål", "nb"), ("Nynorsk", "nn"), ("English", "en")]


class ExportDialog(ModalScreen[tuple[str, str] | None]):
    DEFAULT_CSS = DIALOG_CSS.format(name="ExportDialog")
    BINDINGS = [Binding("escape", "cancel", "Avbryt")]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Eksporter referatet", classes="dialog-title")
            yield Label("Format")
            yield Select(FORMATS, value="docx", allow_blank=False, id="format")
            yield Label("Språk")
            yield Select(LANGUAGES, value="nb", allow_blank=False, id="lang")
            yield Static("Filene lagres i mappen Dokumenter/Trepart.", classes="dialog-help")
            yield Button("Lagre", variant="primary", id="save")

    def on_mount(self) -> None:
        self.query_one("#format", Select).focus()

    @on(Button.Pressed, "#save")
    def save(self) -> None:
        self.dismiss(
            (
                str(self.query_one("#format", Select).value),
                str(self.query_one("#lang", Select).value),
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
