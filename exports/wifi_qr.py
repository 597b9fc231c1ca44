"""The Wi-Fi code as an image for slides: the code, the network's name and one step line per language.

Written beside the join code by `export --format qr-png|qr-svg` when a network is set, so a
slide can show "1. connect, 2. scan" without anyone retyping the SSID.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from facilitator import qr
from facilitator.i18n import LANGUAGES
from facilitator.wifi import Wifi

SCALE = 10
LINE = 26  # px per text line under the code


def _lines(wifi: Wifi) -> list[tuple[str, bool]]:
    """(text, bold): the network, how to get on it, then the steps in nb, nn, se, en."""
    return [(wifi.ssid, True), (wifi.credentials("nb"), False)] + [
        (wifi.steps(lang), False) for lang in LANGUAGES
    ]


def svg_text(wifi: Wifi) -> str:
    modules = qr.matrix(wifi.payload())
    size = len(modules) * SCALE
    lines = _lines(wifi)
    width = max(size, 760)
    height = size + LINE * len(lines) + 10
    offset = (width - size) // 2
    rects = "".join(
        f'<rect x="{offset + x * SCALE}" y="{y * SCALE}" width="{SCALE}" height="{SCALE}"/>'
        for y, row in enumerate(modules)
        for x, dark in enumerate(row)
        if dark
    )
    weight = {True: ' font-weight="bold"', False: ""}
    texts = "".join(
        f'<text x="{width // 2}" y="{size + LINE * (i + 1) - 6}" text-anchor="middle"'
        f"{weight[bold]}>{escape(text)}</text>"
        for i, (text, bold) in enumerate(lines)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}"><rect width="100%" height="100%" fill="{qr.LIGHT}"/>'
        f'<g fill="{qr.DARK}">{rects}</g>'
        f'<g font-family="DejaVu Sans, Arial, sans-serif" font-size="18" fill="{qr.DARK}">{texts}</g>'
        "</svg>"
    )


def png_bytes(wifi: Wifi) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    from exports.handout_files import BOLD, REGULAR

    modules = qr.matrix(wifi.payload())
    size = len(modules) * SCALE
    lines = _lines(wifi)
    width = max(size, 760)
    image = Image.new("L", (width, size + LINE * len(lines) + 10), 255)
    draw = ImageDraw.Draw(image)
    offset = (width - size) // 2
    for y, row in enumerate(modules):
        for x, dark in enumerate(row):
            if dark:
                left, top = offset + x * SCALE, y * SCALE
                draw.rectangle((left, top, left + SCALE - 1, top + SCALE - 1), fill=0)
    regular, bold = ImageFont.truetype(str(REGULAR), 18), ImageFont.truetype(str(BOLD), 18)
    for i, (text, strong) in enumerate(lines):
        draw.text(
            (width // 2, size + LINE * i + 4),
            text,
            font=bold if strong else regular,
            fill=0,
            anchor="ma",
        )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
