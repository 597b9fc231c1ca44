"""Column widths for the referat's tables on an A4 page, worked out from what is in them.

Equal widths broke words mid-word ("Fokusom råde"); a cell must be at least as wide as its
longest word, and the remaining width goes to the columns with the most text (the action's
title before its status). Words are measured with Arial's advance widths (Liberation Sans,
which LibreOffice substitutes, has the same metrics by design; these are the figures published
in the Helvetica/Arial AFM files), so the estimate holds on Word and LibreOffice alike. The
LibreOffice round-trip test checks that no word breaks.
"""

from __future__ import annotations

TEXT_WIDTH_CM = 16.5  # A4 (21 cm) less 2.5 cm binding margin and 2 cm on the right
TABLE_PT = 9.5  # tables are set a point smaller than the text, as minutes usually are
PADDING_CM = 0.45  # the cell's margins (0.19 cm a side) and its border
SAFETY = 1.06  # rendering differences (kerning off, hinting) between Word and LibreOffice

_LOWER = "abcdefghijklmnopqrstuvwxyz"
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# Advance widths in 1/1000 em.
_REGULAR = {
    **dict(zip(_LOWER, (556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833,
                        556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500),
               strict=True)),
    **dict(zip(_UPPER, (667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
                        722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611),
               strict=True)),
    **dict.fromkeys("0123456789", 556),
    "æ": 889, "ø": 611, "å": 556, "Æ": 1000, "Ø": 778, "Å": 667, "é": 556, "á": 556,
    "č": 500, "š": 500, "ž": 500, "đ": 556, "ŋ": 556, "ŧ": 278,
    " ": 278, ".": 278, ",": 278, ":": 278, ";": 278, "-": 333, "–": 556, "(": 333, ")": 333,
    "/": 278, "%": 889, "&": 667, "'": 191, '"': 355, "?": 556, "!": 278, "§": 556,
}  # fmt: skip
_BOLD = {
    **_REGULAR,
    **dict(zip(_LOWER, (556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889,
                        611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500),
               strict=True)),
    "A": 722, "B": 722, "J": 556, "K": 722, "L": 611, "ø": 611, "å": 556, "æ": 889,
    "(": 333, ")": 333, ":": 333, ";": 333, "?": 611, "!": 333,
}  # fmt: skip
_UNKNOWN = 650  # a character outside the table: rather too wide than too narrow


def text_cm(text: str, *, bold: bool = False, size_pt: float = TABLE_PT) -> float:
    """How wide `text` is set on one line, in cm."""
    table = _BOLD if bold else _REGULAR
    em = sum(table.get(ch, _UNKNOWN) for ch in text) / 1000
    return em * size_pt * 2.54 / 72 * SAFETY


def _longest_word(text: str, bold: bool) -> float:
    return max((text_cm(word, bold=bold) for word in text.split()), default=0.0)


def column_widths(
    header: list[str], rows: list[list[str]], *, total: float = TEXT_WIDTH_CM
) -> list[float]:
    """Widths in cm filling `total`, each at least its longest word (header words are bold);
    the rest shared by how much text a column holds, up to a line of it."""
    body = list(zip(*rows, strict=True)) if rows else [() for _ in header]
    least = [
        max([_longest_word(h, True), *(_longest_word(c, False) for c in col)]) + PADDING_CM
        for h, col in zip(header, body, strict=True)
    ]
    wish = [
        max(
            least[i],
            min(
                max([text_cm(h, bold=True), *(text_cm(c) for c in col)]) + PADDING_CM,
                total * 0.6,
            ),
        )
        for i, (h, col) in enumerate(zip(header, body, strict=True))
    ]
    if sum(least) >= total:
        # More columns than the page holds: shrink evenly (rare: many parties).
        return [round(m * total / sum(least), 2) for m in least]
    if sum(wish) <= total:
        spare = total - sum(wish)
        return [round(w + spare * w / sum(wish), 2) for w in wish]
    spare = total - sum(least)
    want = [w - m for w, m in zip(wish, least, strict=True)]
    return [round(m + spare * x / sum(want), 2) for m, x in zip(least, want, strict=True)]
