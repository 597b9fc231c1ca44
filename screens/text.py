"""Participant text on the projector: always literal, never markup, never terminal control codes."""

from __future__ import annotations

import re

from rich.text import Text
from textual.widgets import Static

# C0 and C1 control characters (ESC among them) except newline and tab; DEL too.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def inert(text: str) -> str:
    """Replace control characters so an ANSI escape in a card cannot reach the terminal; a tab
    becomes spaces (a raw tab would jump to the terminal's next tab stop, out of its box)."""
    return _CONTROL.sub("\ufffd", text).expandtabs(4)


def literal(text: str, style: str = "") -> Text:
    """A Rich Text that shows `text` exactly as typed: `[bold]` stays visible brackets."""
    return Text(inert(text), style=style)


NEUTRAL = "#a0a0a0"  # the colour of a card or group whose party may not be shown


def show_text(widget: Static, text: Text) -> None:
    """Give a Static new text, and only when it is new: a busy wall calls this for its counts
    with every batch of cards, and each `update` makes the screen lay out all its widgets anew.
    A layout is asked for only when the text's size changed."""
    previous = getattr(widget, "_shown_text", None)
    if previous == text:
        return
    same_size = (  # one line of the same width that fits: nothing can wrap differently
        isinstance(previous, Text)
        and "\n" not in previous.plain
        and "\n" not in text.plain
        and previous.cell_len == text.cell_len
        and text.cell_len <= widget.content_size.width
    )
    widget._shown_text = text  # type: ignore[attr-defined]
    widget.update(text, layout=not same_size)
