"""English for the board's `/` search (issue 16; kept apart so parallel work merges cleanly).

tools/translations_tui.py folds these into TUI_EN and TUI_EN_PLURALS.
"""

from __future__ import annotations

SEARCH_EN: dict[str, str] = {
    "Søk": "Search",
    "Til treffene": "To the hits",
    "Søk i kortene (alle faser)": "Search the cards (all phases)",
    "Skriv ett eller flere ord": "Type one or more words",
    "Ingen kort med de ordene.": "No card has those words.",
    "Kortet er ikke på tavla nå.": "That card is not on the board now.",
}

SEARCH_EN_PLURALS: dict[tuple[str, str], tuple[str, str]] = {
    ("{count} treff – Enter viser kortet", "{count} treff – Enter viser kortet"): (
        "{count} hit – Enter shows the card",
        "{count} hits – Enter shows the card",
    ),
}
