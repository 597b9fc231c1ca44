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
