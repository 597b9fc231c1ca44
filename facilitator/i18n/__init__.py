"""Languages of the phone page, the API's error messages and the exports.

Source strings are bokmål, the default language; gettext catalogs for nynorsk,
nordsamisk and English live beside this file (`<lang>/LC_MESSAGES/trepart.mo`),
and any string without a translation falls back to bokmål.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
from functools import cache
from pathlib import Path

LANGUAGES: tuple[str, ...] = ("nb", "nn", "se", "en")
DEFAULT = "nb"
LANGUAGE_NAMES = {"nb": "Bokmål", "nn": "Nynorsk", "se": "Davvisámegiella", "en": "English"}
LOCALE_DIR = Path(__file__).parent


def normalise(lang: str | None) -> str:
    lang = (lang or "").strip().lower()
    return lang if lang in LANGUAGES else DEFAULT


@cache
def translator(lang: str) -> Callable[[str], str]:
    return gettext.translation(
        "trepart", localedir=LOCALE_DIR, languages=[normalise(lang)], fallback=True
    ).gettext


@cache
def has_catalog(lang: str) -> bool:
    """Whether the interface itself is translated to `lang` (bokmål is the source)."""
    return (
        lang == DEFAULT
        or gettext.find("trepart", localedir=LOCALE_DIR, languages=[lang]) is not None
    )


# -- the facilitator's screens ------------------------------------------------------------------
# The TUI is bokmål, with English selectable (`trepart --lang en`). Its strings live in their own
# gettext domain, `trepart_tui`, so the phone page's catalogs (which every language must fill)
# stay separate from the facilitator's, which only English translates. One process drives one
# projector, so the chosen language is process-wide; TrepartApp sets it when it starts.

UI_DOMAIN = "trepart_tui"
UI_LANGUAGES: tuple[str, ...] = ("nb", "en")
_ui_language = DEFAULT


def set_ui_language(lang: str | None) -> str:
    """Choose the screens' language; one without a TUI catalog falls back to bokmål."""
    global _ui_language
    lang = normalise(lang)
    _ui_language = lang if lang in UI_LANGUAGES else DEFAULT
    return _ui_language


def ui_language() -> str:
    return _ui_language


@cache
def _ui_catalog(lang: str) -> gettext.NullTranslations:
    """The screens' catalog, loaded once per language (for singular and plural strings alike)."""
    return gettext.translation(UI_DOMAIN, localedir=LOCALE_DIR, languages=[lang], fallback=True)


def _(message: str) -> str:
    """A screen string in the facilitator's language (source strings are bokmål)."""
    if _ui_language == DEFAULT or not message:  # gettext("") is the catalog's header
        return message
    return _ui_catalog(_ui_language).gettext(message)


def _n(singular: str, plural: str, n: int) -> str:
    """A screen string whose wording depends on a count ("1 card", "2 cards"); bokmål often
    needs no plural ("1 kort", "2 kort"), English does. Fill in `{count}` with `.format`."""
    if _ui_language == DEFAULT:
        return singular if n == 1 else plural
    return _ui_catalog(_ui_language).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a string for translation where it is defined; `_()` translates it where it is shown."""
    return message
