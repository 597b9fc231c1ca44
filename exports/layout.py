"""Column widths for the referat's tables on an A4 page, worked out from what is in them.

Equal widths broke words mid-word ("Fokusom råde"); a cell must be at least as wide as its
longest word, and the remaining width goes to the columns with the most text (the action's
title before its status). Widths are estimates from character counts in a 10.5 pt sans-serif
font: close enough that no word breaks, which the LibreOffice round-trip test checks.
"""

from __future__ import annotations

TEXT_WIDTH_CM = 16.5  # A4 (21 cm) less 2.5 cm binding margin and 2 cm on the right
TABLE_PT = 9.5  # tables are set a point smaller than the text, as minutes usually are
CM_PER_CHAR = 0.18  # a character of Arial/Liberation Sans at 9.5 pt, with room for wide ones
CM_PER_BOLD_CHAR = 0.215  # the header row is bold
PADDING_CM = 0.45  # the cell's margins (0.19 cm a side) and border


def _longest_word(text: str) -> int:
    return max((len(word) for word in text.split()), default=0)


def column_widths(
    header: list[str], rows: list[list[str]], *, total: float = TEXT_WIDTH_CM
) -> list[float]:
    """Widths in cm filling `total`, each at least its longest word; the rest shared by how much
    text a column holds."""
    body = list(zip(*rows, strict=True)) if rows else [() for _ in header]

    def need(head: str, cells: tuple[str, ...], measure: object) -> float:
        size = measure  # _longest_word or len
        return (
            max(
                [size(head) * CM_PER_BOLD_CHAR]  # type: ignore[operator]
                + [size(c) * CM_PER_CHAR for c in cells]  # type: ignore[operator]
            )
            + PADDING_CM
        )

    least = [need(h, col, _longest_word) for h, col in zip(header, body, strict=True)]
    wish = [min(need(h, col, len), total * 0.6) for h, col in zip(header, body, strict=True)]
    wish = [max(w, m) for w, m in zip(wish, least, strict=True)]
    if sum(least) >= total:
        # More columns than the page holds: shrink evenly (the font cannot be measured here).
        return [round(m * total / sum(least), 2) for m in least]
    if sum(wish) <= total:
        spare = total - sum(wish)
        weight = sum(wish)
        return [round(w + spare * w / weight, 2) for w in wish]
    spare = total - sum(least)
    want = [w - m for w, m in zip(wish, least, strict=True)]
    return [round(m + spare * x / sum(want), 2) for m, x in zip(least, want, strict=True)]
