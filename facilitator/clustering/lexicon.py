"""Words of the field: stop words, and the themes of kommunalt trepartssamarbeid across languages.

The concept lexicon maps stems in bokmål, nynorsk, English and northern Sami
to the themes the field keeps returning to (DESIGN.md and the glossary):
short cards that share no word — "sykmeldinger øker" and "nærværsarbeid" —
still meet in one focus area. It is domain knowledge, not a list of any one
workshop's cards; cards it does not know are grouped by their words and meaning.
The data itself is in `lexicon_data` (a data table).
"""

from __future__ import annotations

from facilitator.clustering.lexicon_data import STOP_WORDS, THEME_NAMES, THEMES

__all__ = ["CONCEPTS", "STOP_WORDS", "THEME_NAMES", "theme_name"]


def _stems(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s.strip() for s in text.split(",") if s.strip()))


# concept → (display label, stems)
CONCEPTS: dict[str, tuple[str, tuple[str, ...]]] = {
    concept: (label, _stems(stems)) for concept, (label, stems) in THEMES.items()
}


def theme_name(label: str, lang: str) -> str:
    """A suggested group's name in `lang`: a theme's own translation, else the label as it is
    (names made from the cards' own words are already in the room's language)."""
    base, suffix = (label[:-4], label[-4:]) if label.endswith(" (2)") else (label, "")
    return THEME_NAMES.get(base, {}).get(lang, base) + suffix
