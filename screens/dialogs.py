"""Small modal dialogs the facilitator types into: a line of text, or a card from a paper note."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from facilitator.i18n import ui_language
from facilitator.model import Party
from screens.lang import N_, LocalisedScreen, _


class AskText(LocalisedScreen, ModalScreen[str | None]):
    """One line of text; Enter saves, Esc cancels."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", N_("Avbryt"))]

    def __init__(
        self,
        title: str,
        label: str,
        value: str = "",
        *,
        placeholder: str = "",
        restrict: str | None = None,
    ) -> None:
        super().__init__()
        self.title_text, self.label, self.value = title, label, value
        self.placeholder, self.restrict = placeholder, restrict

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Label(self.label)
            yield Input(
                self.value, placeholder=self.placeholder, id="answer", restrict=self.restrict
            )
            yield Static(_("Enter lagrer · Esc avbryter"), classes="dialog-help")

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


def fix_typo(text: str) -> AskText:
    """The dialog for correcting a card's text; the store keeps the original."""
    return AskText(_("Rett skrivefeil"), _("Tekst (originalen tas vare på)"), text)


@dataclass(frozen=True)
class PaperNote:
    party: str
    text: str
    target: str | None


class AskPaperCard(LocalisedScreen, ModalScreen[PaperNote | None]):
    """A card from a paper note, typed in on behalf of the party that wrote it."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", N_("Avbryt"))]

    def __init__(self, parties: tuple[Party, ...], with_target: bool) -> None:
        super().__init__()
        self.parties = parties
        self.with_target = with_target

    def compose(self) -> ComposeResult:
        options = [(p.name_in(ui_language()), p.key) for p in self.parties]
        with Vertical():
            yield Static(_("Innspill fra papirlapp"), classes="dialog-title")
            yield Label(_("Fra part"))
            yield Select(options, value=options[0][1], allow_blank=False, id="party")
            if self.with_target:
                yield Label(_("Forventning til"))
                yield Select(options, value=options[-1][1], allow_blank=False, id="target")
            yield Label(_("Tekst"))
            yield Input(id="text")
            yield Static("", classes="dialog-error", id="paper-error")
            yield Static(_("Enter lagrer · Esc avbryter"), classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.query_one("#paper-error", Static).update(_("Skriv teksten fra lappen."))
            return
        target = str(self.query_one("#target", Select).value) if self.with_target else None
        self.dismiss(PaperNote(str(self.query_one("#party", Select).value), event.value, target))

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class ProxyDots:
    option_id: int
    party: str
    dots: int


class AskProxyDots(LocalisedScreen, ModalScreen[ProxyDots | None]):
    """Dots for someone without a phone, cast by the facilitator and recorded as proxy dots."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", N_("Avbryt"))]

    def __init__(self, options: list[tuple[str, int]], parties: tuple[Party, ...]) -> None:
        super().__init__()
        self.options = options
        self.parties = parties

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(_("Prikker på vegne av noen uten telefon"), classes="dialog-title")
            yield Label(_("Valg"))
            yield Select(self.options, value=self.options[0][1], allow_blank=False, id="option")
            yield Label(_("Part"))
            parties = [(p.name_in(ui_language()), p.key) for p in self.parties]
            yield Select(parties, value=parties[0][1], allow_blank=False, id="party")
            yield Label(_("Antall prikker"))
            yield Input("1", id="dots", restrict=r"\d{0,2}")
            yield Static(_("Enter lagrer · Esc avbryter"), classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one("#dots", Input).focus()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        if not event.value.isdigit() or int(event.value) < 1:
            return
        self.dismiss(
            ProxyDots(
                int(str(self.query_one("#option", Select).value)),
                str(self.query_one("#party", Select).value),
                int(event.value),
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)


class Confirm(LocalisedScreen, ModalScreen[bool]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        Binding("y,j", "answer(True)", N_("Ja")),
        Binding("n,escape", "answer(False)", N_("Nei")),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        yield Static(Text(self.question + "\n\n" + _("j = ja, n = nei")))

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class PickGroup(LocalisedScreen, ModalScreen[str | None]):
    """Choose where to move a card or which group to merge into."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", N_("Avbryt"))]

    def __init__(self, title: str, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, markup=False)
            yield OptionList(
                *(Option(Text(label), id=key) for label, key in self.choices), id="pick"
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
