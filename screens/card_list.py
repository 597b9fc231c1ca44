"""The board's list of cards: thousands of them, drawn one screen at a time.

A Textual OptionList measures every option (wraps its text with Rich) whenever it is filled or
resized, which costs about 0.15 s for 2,000 cards on every group switch. Here the cards are
wrapped once per width by a plain greedy word wrap (about 5 µs a card) and only the lines on
screen become strips, so filling, scrolling and marking cost the same for 20 cards as for 2,000.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from screens.lang import N_, Localised

BULLET_WIDTH = 5  # the party's tag ("Fol  ") before the first line, spaces before the rest


@dataclass(frozen=True, slots=True)
class CardRow:
    """One card as the list shows it. `text` is participant data: drawn as it is, never parsed."""

    id: int
    text: str
    bullet: str
    colour: str
    note: str = ""  # a dim remark after the text, e.g. "(forslag)"


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap by terminal cells; words longer than a line are cut."""
    width = max(1, width)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for word in paragraph.split(" "):
            size = cell_len(word)
            if line and used + 1 + size > width:
                lines.append(line)
                line, used = "", 0
            if line:
                line, used = f"{line} {word}", used + 1 + size
            else:
                line, used = word, size
            while used > width and len(line) > 1:  # one very long word
                cut = width
                while cut > 1 and cell_len(line[:cut]) > width:
                    cut -= 1  # at least one character a line, even one wider than the list
                lines.append(line[:cut])
                line = line[cut:]
                used = cell_len(line)
        lines.append(line)
    return lines


class CardList(Localised, ScrollView, can_focus=True):
    """Cards with a highlighted one, moved with the arrow keys; wrapped to the list's width."""

    COMPONENT_CLASSES = {"card-list--highlight", "card-list--note"}
    DEFAULT_CSS = """
    CardList { height: 1fr; }
    CardList > .card-list--highlight { background: $block-cursor-blurred-background; }
    CardList:focus > .card-list--highlight {
        background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold;
    }
    CardList > .card-list--note { color: $text-muted; text-style: italic; }
    """
    BINDINGS = [
        Binding("up", "move(-1)", N_("Forrige kort"), show=False),
        Binding("down", "move(1)", N_("Neste kort"), show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "first", show=False),
        Binding("end", "last", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[CardRow] = []
        self._highlighted: int | None = None
        self._width = 0
        self._lines: list[tuple[int, int, str]] = []  # (row, line number within the row, text)
        self._first_line: list[int] = []  # where each row starts

    # -- what the board asks ---------------------------------------------------------------------

    def show(self, rows: list[CardRow]) -> None:
        """Replace the cards; the highlight stays at the same position (clamped)."""
        self.rows = rows
        self._width = 0  # wrap again at the next draw
        self._layout()
        self.highlighted = self._highlighted if rows else None
        self.refresh()

    @property
    def option_count(self) -> int:
        return len(self.rows)

    @property
    def ids(self) -> list[int]:
        return [row.id for row in self.rows]

    @property
    def highlighted(self) -> int | None:
        return self._highlighted

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        if not self.rows or index is None:
            self._highlighted = 0 if self.rows else None
        else:
            self._highlighted = max(0, min(index, len(self.rows) - 1))
        self._scroll_to_highlight()
        self.refresh()

    @property
    def highlighted_id(self) -> int | None:
        return None if self._highlighted is None else self.rows[self._highlighted].id

    # -- layout ----------------------------------------------------------------------------------

    def _layout(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:  # squeezed out of sight: nothing to draw, and no stale lines to index
            self._width, self._lines, self._first_line = width, [], []
            self.virtual_size = Size(0, 0)
            return
        self._width = width
        lines: list[tuple[int, int, str]] = []
        first: list[int] = []
        text_width = max(1, width - BULLET_WIDTH)
        for index, row in enumerate(self.rows):
            first.append(len(lines))
            wrapped = wrap(row.text, text_width)
            if row.note:
                if cell_len(wrapped[-1]) + 2 + cell_len(row.note) <= text_width:
                    wrapped[-1] = f"{wrapped[-1]}\0{row.note}"  # \0: where the note begins
                else:
                    wrapped.append(f"\0{row.note}")
            lines.extend((index, n, text) for n, text in enumerate(wrapped))
        self._lines, self._first_line = lines, first
        self.virtual_size = Size(width, len(lines))

    def on_resize(self, event: events.Resize) -> None:
        self._layout()
        self._scroll_to_highlight()

    def _scroll_to_highlight(self) -> None:
        if self._highlighted is None or not self._first_line:
            return
        start = self._first_line[self._highlighted]
        end = (
            self._first_line[self._highlighted + 1]
            if self._highlighted + 1 < len(self._first_line)
            else len(self._lines)
        )
        self.scroll_to_region(
            Region(0, start, max(1, self._width), max(1, end - start)),
            animate=False,
            immediate=True,
        )

    # -- drawing ---------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        if self._width != self.scrollable_content_region.width:
            self._layout()
        width = self._width
        base = self.rich_style
        number = self.scroll_offset.y + y
        if number >= len(self._lines) or self._lines[number][0] >= len(self.rows):
            return Strip.blank(max(0, width), base)
        index, line_no, text = self._lines[number]
        row = self.rows[index]
        style = base
        if index == self._highlighted:
            style = base + self.get_component_rich_style("card-list--highlight")
        if line_no == 0:
            lead = Segment(row.bullet, style + Style(color=row.colour, bold=True))
        else:
            lead = Segment(" " * BULLET_WIDTH, style)
        body, _, note = text.partition("\0")
        segments = [lead, Segment(body, style)]
        if note:
            note_style = style + self.get_component_rich_style("card-list--note", partial=True)
            segments.append(Segment(("  " if body else "") + note, note_style))
        return Strip(segments).extend_cell_length(width, style).crop(0, width)

    # -- keys and mouse --------------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        if self.rows and self._lines:
            self.highlighted = (self._highlighted or 0) + step

    def action_page(self, direction: int) -> None:
        if not self.rows:
            return
        if not self._lines or self._highlighted is None:
            return
        page = max(1, self.scrollable_content_region.height)
        target = self._first_line[self._highlighted] + direction * page
        target = max(0, min(target, len(self._lines) - 1))
        self.highlighted = self._lines[target][0]

    def action_first(self) -> None:
        self.highlighted = 0

    def action_last(self) -> None:
        self.highlighted = len(self.rows) - 1

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        number = self.scroll_offset.y + offset.y
        if 0 <= number < len(self._lines):
            self.highlighted = self._lines[number][0]
