"""The printable handout: the Wi-Fi code, the join code, the short URL and the steps in four languages.

For the tables of the room, and for anyone whose camera cannot read the projector from the back
row. One layout (positions in millimetres on A4) drawn by two writers: a PDF with real text and
vector QR modules (fpdf2), and a PNG at 150 dpi (Pillow) for a slide or a chat message.
"""

from __future__ import annotations

from dataclasses import dataclass

from facilitator.i18n import LANGUAGE_NAMES, LANGUAGES
from facilitator.locale_format import date_long
from facilitator.store import Store
from facilitator.wifi import Wifi

PAGE_W, PAGE_H = 210.0, 297.0  # A4 portrait, mm
MARGIN = 15.0

# The handout's words, one per language (data, like the phase titles: every language at once).
WORDS: dict[str, dict[str, str]] = {
    "join": {
        "nb": "Bli med på mobilen",
        "nn": "Bli med på mobilen",
        "se": "Searvva mobiilain",
        "en": "Join on your phone",
    },
    "wifi": {
        "nb": "Koble til nettet",
        "nn": "Kopla til nettet",
        "se": "Čatnas neahttii",
        "en": "Connect to the network",
    },
    "or": {"nb": "Eller gå til", "nn": "Eller gå til", "se": "Dahje mana dása", "en": "Or go to"},
    "code": {"nb": "Kode", "nn": "Kode", "se": "Koda", "en": "Code"},
    "scan": {
        "nb": "Skann koden, eller gå til adressen og skriv inn koden",
        "nn": "Skann koden, eller gå til adressa og skriv inn koden",
        "se": "Skánne koda, dahje mana čujuhussii ja čále koda",
        "en": "Scan the code, or go to the address and type the code",
    },
}


@dataclass(frozen=True, slots=True)
class Text:
    y: float
    text: str
    size: float  # points
    bold: bool = False
    x: float = MARGIN
    w: float = PAGE_W - 2 * MARGIN
    align: str = "C"  # "C" centred in the box, "L" from its left edge


@dataclass(frozen=True, slots=True)
class Code:
    x: float
    y: float
    size: float  # mm, the quiet zone included
    data: str


@dataclass(frozen=True, slots=True)
class Layout:
    title: str
    lang: str
    items: tuple[Text | Code, ...]


def word(key: str, lang: str) -> str:
    return WORDS[key].get(lang, WORDS[key]["nb"])


def layout(
    *, title: str, subtitle: str, join_url: str, code: str, wifi: Wifi | None, lang: str = "nb"
) -> Layout:
    """Two columns, 1 (Wi-Fi) and 2 (join), when there is a network to join; one code otherwise.
    The steps follow in the handout's language first, then the other three."""
    items: list[Text | Code] = [Text(MARGIN + 4, title, 20, bold=True)]
    if subtitle:
        items.append(Text(MARGIN + 14, subtitle, 12))
    top = MARGIN + 28
    size = 75.0
    if wifi is not None:
        left, right = MARGIN + 5, PAGE_W - MARGIN - 5 - size
        column = size + 10
        items += [
            Text(top, "1. " + word("wifi", lang), 15, bold=True, x=left - 5, w=column),
            Code(left, top + 9, size, wifi.payload()),
            Text(top + size + 12, wifi.ssid, 14, bold=True, x=left - 5, w=column),
            Text(top + size + 20, wifi.credentials(lang), 12, x=left - 5, w=column),
            Text(top, "2. " + word("join", lang), 15, bold=True, x=right - 5, w=column),
            Code(right, top + 9, size, join_url),
        ]
        join_x, join_w = right - 5, column
    else:
        size = 100.0
        items += [
            Text(top, word("join", lang), 16, bold=True),
            Code((PAGE_W - size) / 2, top + 9, size, join_url),
        ]
        join_x, join_w = MARGIN, PAGE_W - 2 * MARGIN
    below = top + size + 12
    items += [
        Text(below, word("or", lang), 11, x=join_x, w=join_w),
        Text(below + 7, join_url, 12, bold=True, x=join_x, w=join_w),
        Text(
            below + 16, f"{word('code', lang)}: {' '.join(code)}", 18, bold=True, x=join_x, w=join_w
        ),
    ]
    y = below + 36
    for other in sorted(LANGUAGES, key=lambda candidate: candidate != lang):
        steps = wifi.steps(other) if wifi is not None else word("scan", other)
        items.append(Text(y, LANGUAGE_NAMES[other], 10, bold=True, align="L"))
        items.append(Text(y + 5.5, steps, 11, align="L"))
        y += 15
    return Layout(title, lang, tuple(items))


def handout(
    store: Store,
    workshop_id: int,
    suffix: str = ".pdf",
    *,
    lang: str,
    join_url: str,
    wifi: Wifi | None,
) -> tuple[str, bytes]:
    """(file name, bytes): `handout-CODE.pdf`, or with suffix ".png" the picture."""
    from exports import handout_files

    ws = store.workshop(workshop_id)
    assert ws is not None
    subtitle = " · ".join(
        part for part in (ws.municipality, date_long(ws.date, lang), ws.place) if part
    )
    page = layout(
        title=ws.title, subtitle=subtitle, join_url=join_url, code=ws.code, wifi=wifi, lang=lang
    )
    draw = handout_files.png_bytes if suffix == ".png" else handout_files.pdf_bytes
    return f"handout-{ws.code}{suffix}", draw(page)
