"""URL → QR matrix → terminal half-blocks, PNG or SVG.

On a projector the code must scan from the back of the room: two modules share
one character cell (upper and lower half block), dark on light, with the
four-module quiet zone the standard asks for.
"""

from __future__ import annotations

import io
import sys

from rich.segment import Segment
from rich.style import Style


def _import_qrcode_without_pillow() -> None:
    """`import qrcode` also imports its Pillow module drawers, for backwards compatibility, when
    Pillow is installed (the handout's PDF brings it): 50 ms of every start-up, for drawers this
    module never uses. A None in sys.modules makes that one import fail, which qrcode tolerates;
    the entry is taken away again, so an explicit import of the drawers still works."""
    drawers = "qrcode.image.styles.moduledrawers.pil"
    blocked = drawers not in sys.modules
    if blocked:
        sys.modules[drawers] = None  # type: ignore[assignment]
    try:
        import qrcode  # noqa: F401
    finally:
        if blocked:
            del sys.modules[drawers]


_import_qrcode_without_pillow()

import qrcode  # noqa: E402
from qrcode.constants import ERROR_CORRECT_M  # noqa: E402
from qrcode.image.pure import PyPNGImage  # noqa: E402

QUIET_ZONE = 4
DARK = "#000000"
LIGHT = "#ffffff"


def matrix(data: str, *, border: int = QUIET_ZONE) -> list[list[bool]]:
    """The QR modules for `data`, True for dark, with the quiet zone included."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=border, box_size=1)
    code.add_data(data)
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]


def side_by_side(left: list[list[bool]], right: list[list[bool]]) -> list[list[bool]]:
    """Two codes in one picture, sharing the quiet zone between them: the Wi-Fi code and the
    join code fit a projector's width together (4 + 29 + 4 + 29 + 4 modules for short ones).
    The shorter code is centred vertically on light modules."""
    height = max(len(left), len(right))

    def padded(modules: list[list[bool]]) -> list[list[bool]]:
        width = len(modules[0])
        top = (height - len(modules)) // 2
        blank = [False] * width
        return [blank] * top + modules + [blank] * (height - len(modules) - top)

    return [a + b[QUIET_ZONE:] for a, b in zip(padded(left), padded(right), strict=True)]


def half_block_lines(modules: list[list[bool]]) -> list[list[Segment]]:
    """Render two module rows per text line; each cell styled dark-on-light explicitly,
    so the code reads the same on a dark or a light terminal theme."""
    if len(modules) % 2:
        modules = [*modules, [False] * len(modules[0])]
    styles = {
        (True, True): ("█", Style(color=DARK, bgcolor=LIGHT)),
        (True, False): ("▀", Style(color=DARK, bgcolor=LIGHT)),
        (False, True): ("▄", Style(color=DARK, bgcolor=LIGHT)),
        (False, False): (" ", Style(color=DARK, bgcolor=LIGHT)),
    }
    lines: list[list[Segment]] = []
    for top, bottom in zip(modules[::2], modules[1::2], strict=True):
        line: list[Segment] = []
        for pair in zip(top, bottom, strict=True):
            char, style = styles[pair]
            line.append(Segment(char, style))
        lines.append(list(Segment.simplify(line)))
    return lines


def text_lines(data: str) -> list[str]:
    """Plain half-block lines for a console print (`trepart serve`)."""
    lines = half_block_lines(matrix(data))
    return ["".join(seg.text for seg in line) for line in lines]


def png_bytes(data: str, *, scale: int = 10) -> bytes:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE, box_size=scale)
    code.add_data(data)
    code.make(fit=True)
    # pypng writes the PNG: pure Python, so no imaging library is needed on any laptop.
    image = code.make_image(image_factory=PyPNGImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue()


def svg_text(data: str, *, scale: int = 10) -> str:
    modules = matrix(data)
    size = len(modules) * scale
    rects = "".join(
        f'<rect x="{x * scale}" y="{y * scale}" width="{scale}" height="{scale}"/>'
        for y, row in enumerate(modules)
        for x, dark in enumerate(row)
        if dark
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'width="{size}" height="{size}"><rect width="100%" height="100%" fill="{LIGHT}"/>'
        f'<g fill="{DARK}">{rects}</g></svg>'
    )
