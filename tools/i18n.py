"""Write the gettext catalogs (.po) from tools/translations.py and compile them (.mo) with Babel.

Run by `make i18n`; the compiled catalogs are committed so that Trepart needs no build step.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po

from tools.translations import LANGS, T

LOCALES = Path(__file__).parents[1] / "facilitator" / "i18n"
NAMES = {"nn": "Norwegian Nynorsk", "se": "Northern Sami", "en": "English"}


def catalog(lang: str) -> Catalog:
    header = f"# Trepart phone page and API messages: {NAMES[lang]}."
    if lang == "se":
        header += "\n# NEEDS REVIEW by a native speaker of davvisámegiella: written by a non-native writer."
    cat = Catalog(
        locale=lang,
        domain="trepart",
        project="Trepart",
        header_comment=header,
        language_team=NAMES[lang],
        fuzzy=False,
    )
    index = LANGS.index(lang)
    for msgid, translations in sorted(T.items()):
        cat.add(msgid, translations[index])
    return cat


def main() -> None:
    for lang in LANGS:
        folder = LOCALES / lang / "LC_MESSAGES"
        folder.mkdir(parents=True, exist_ok=True)
        cat = catalog(lang)
        with (folder / "trepart.po").open("wb") as po:
            write_po(po, cat, width=100, omit_header=False)
        with (folder / "trepart.mo").open("wb") as mo:
            write_mo(mo, cat)
        print(f"{lang}: {len(cat)} messages")


if __name__ == "__main__":
    main()
