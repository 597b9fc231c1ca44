"""Choose a format and a language for the referat (during or after the workshop)."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Label, Select, Static

from exports import formats as export_formats
from facilitator.i18n import LANGUAGE_NAMES
from screens.context import host
from screens.lang import N_, LocalisedScreen, _

# The registry's formats in its order, after "all formats" (the referat in every reader format).
FORMATS = [
    (export_formats.ALL_LABEL, export_formats.ALL),
    *((fmt.label, fmt.name) for fmt in export_formats.FORMATS),
]
# Endonyms: each language is named in itself, whatever the screens' language.
LANGUAGES = [(LANGUAGE_NAMES[code], code) for code in ("nb", "nn", "en")]


class ExportDialog(LocalisedScreen, ModalScreen[tuple[str, str, bool] | None]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", N_("Avbryt"))]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(_("Eksporter referatet"), classes="dialog-title")
            yield Label(_("Format"))
            yield Select(
                [(_(name), key) for name, key in FORMATS],
                value=export_formats.ALL,
                allow_blank=False,
                id="format",
            )
            yield Label(_("Språk"))
            # The referat is written in the screens' language unless the facilitator picks another.
            chosen = host(self.app).lang  # trepart --lang: the referat's language too
            lang = chosen if chosen in {code for _name, code in LANGUAGES} else "nb"
            yield Select(LANGUAGES, value=lang, allow_blank=False, id="lang")
            # Public is the default: an item unntatt offentlighet shows only its title.
            yield Checkbox(_("Intern versjon (med saker unntatt offentlighet)"), id="internal")
            yield Static(_("Filene lagres i mappen Dokumenter/Trepart."), classes="dialog-help")
            yield Static("", id="warning", classes="dialog-help")
            yield Button(_("Lagre"), variant="primary", id="save")

    def on_mount(self) -> None:
        self.query_one("#format", Select).focus()

    _confirmed: str | None = None  # the format the facilitator said "yes" to once more

    @on(Select.Changed, "#format")
    def format_changed(self) -> None:
        if self.query_one("#format", Select).value == self._confirmed:
            return  # the same format again: the facilitator's "yes" still stands
        self._confirmed = None
        self.query_one("#warning", Static).update("")
        self.query_one("#save", Button).label = _("Lagre")

    @on(Button.Pressed, "#save")
    def save(self) -> None:
        chosen = str(self.query_one("#format", Select).value)
        fmt = export_formats.BY_NAME.get(chosen)  # None: all formats
        if fmt is not None and fmt.needs_confirmation and self._confirmed != chosen:
            # The archive holds every phone's party, votes and ratings: ask once more.
            self._confirmed = chosen
            self.query_one("#warning", Static).update(
                _(
                    "Arkivet inneholder data per telefon (part, stemmer, vurderinger, "
                    "tidspunkt). Det er bare for å flytte eller gjenopprette workshopen – "
                    "ikke del det. Trykk «Lagre likevel» for å lagre."
                )
            )
            self.query_one("#save", Button).label = _("Lagre likevel")
            return
        self.dismiss(
            (
                chosen,
                str(self.query_one("#lang", Select).value),
                self.query_one("#internal", Checkbox).value,
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)


def save_referat(node: Widget, workshop_id: int, choice: tuple[str, str, bool] | None) -> None:
    """Write what the dialog chose into Documents/Trepart and say which files, not where the
    laptop keeps them (the room reads the toast; the folders name the user)."""
    if choice is None:
        return
    try:
        paths = [Path(p) for p in host(node.app).export(workshop_id, *choice)]
    except (OSError, RuntimeError) as exc:  # RuntimeError: PDF's libraries are missing
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        node.notify(_("Kunne ikke lagre referatet: {error}").format(error=reason), severity="error")
        return
    folder = paths[0].parent if paths else Path()
    node.notify(
        _("Lagret i {folder}: {files}").format(
            folder=f"{folder.parent.name}/{folder.name}", files=", ".join(p.name for p in paths)
        ),
        timeout=10,
    )
