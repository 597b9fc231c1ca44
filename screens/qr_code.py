"""A QR code drawn with half blocks: two modules per cell, so it fits a projector's 30 rows."""

from __future__ import annotations

from functools import lru_cache

from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from textual.reactive import reactive
from textual.widget import Widget

from facilitator import qr


@lru_cache(maxsize=16)
def _lines(data: str, beside: str) -> tuple[tuple[Segment, ...], ...]:
    """The code's half-block lines, made once per address (layout asks for them three times)."""
    # With `beside`, two codes share one picture and its quiet zone: the Wi-Fi code (`data`)
    # on the left, the join code on the right.
    modules = qr.matrix(data)
    if beside:
        modules = qr.side_by_side(modules, qr.matrix(beside))
    return tuple(tuple(line) for line in qr.half_block_lines(modules))


class QRRenderable:
    def __init__(self, data: str, beside: str = "") -> None:
        self.lines = _lines(data, beside)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.lines:
            yield from line
            yield Segment.line()


class QRCode(Widget):
    DEFAULT_CSS = """
    QRCode { width: auto; height: auto; }
    """

    data: reactive[str] = reactive("", layout=True)
    beside: reactive[str] = reactive("", layout=True)

    def __init__(
        self, data: str, beside: str = "", *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.set_reactive(QRCode.data, data)
        self.set_reactive(QRCode.beside, beside)

    def render(self) -> QRRenderable:
        return QRRenderable(self.data, self.beside)

    def get_content_width(self, container: object, viewport: object) -> int:
        lines = QRRenderable(self.data, self.beside).lines
        return sum(len(seg.text) for seg in lines[0]) if lines else 0

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return len(QRRenderable(self.data, self.beside).lines)
