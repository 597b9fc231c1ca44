"""Numbers and dates as the room reads them, per language, through Babel (CLDR data).

Every screen, page and export formats through here, so "3,8" and "24.11.2026" cannot drift
between the projector and the referat. Dates arrive as ISO strings (how the store keeps them);
anything that does not parse is returned unchanged rather than raising in a view.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

# English in a Norwegian room reads day before month: en_GB, not en_US.
_LOCALES = {"nb": "nb_NO", "nn": "nn_NO", "se": "se_NO", "en": "en_GB"}


@lru_cache(maxsize=8)
def _locale(lang: str) -> Locale:
    return Locale.parse(_LOCALES.get(lang, "nb_NO"))


def _as_date(value: str | dt.date | None) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def number(value: float, lang: str = "nb", decimals: int = 1) -> str:
    """A mean or a share with a fixed number of decimals: "3,8" in Norwegian, "3.8" in English."""
    pattern = "0" if decimals <= 0 else "0." + "0" * decimals
    return format_decimal(value, format=pattern, locale=_locale(lang))


def date_short(value: str | dt.date | None, lang: str = "nb") -> str:
    """For tables and lists: "24.11.2026"."""
    day = _as_date(value)
    if day is None:
        return value if isinstance(value, str) else ""
    if lang in ("nb", "nn", "se"):
        # CLDR's Sami short form is ISO; a Norwegian table reads dd.mm.yyyy in every language.
        return day.strftime("%d.%m.%Y")
    return format_date(day, format="dd.MM.yyyy", locale=_locale(lang))


def date_long(value: str | dt.date | None, lang: str = "nb") -> str:
    """For headings: "24. november 2026"."""
    day = _as_date(value)
    if day is None:
        return value if isinstance(value, str) else ""
    if lang == "en":
        return format_date(day, format="d MMMM y", locale=_locale(lang))
    return format_date(day, format="long", locale=_locale(lang))
