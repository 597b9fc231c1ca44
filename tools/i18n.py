"""Write the gettext catalogs (.po) from tools/translations.py and compile them (.mo) with Babel.

Run by `make i18n`; the compiled catalogs are committed so that Trepart needs no build step.
"""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po

from tools.translations import LANGS, T
from tools.translations_tui import TUI_EN, TUI_EN_PLURALS

ROOT = Path(__file__).parents[1]
LOCALES = ROOT / "facilitator" / "i18n"
TUI_SOURCES = (
    ROOT / "screens",
    ROOT / "facilitator" / "app.py",
    ROOT / "facilitator" / "doctor.py",
)
# The store's refusals carry a sentence for the facilitator, marked with N_ (see StoreError.say);
# the export formats their line in the export dialog.
MESSAGE_SOURCES = (*TUI_SOURCES, ROOT / "facilitator" / "store", ROOT / "exports" / "formats.py")
# A fixed date keeps `make i18n` from rewriting unchanged catalogs.
CREATED = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
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
        creation_date=CREATED,
        revision_date=CREATED,
    )
    index = LANGS.index(lang)
    for msgid, translations in sorted(T.items()):
        cat.add(msgid, translations[index])
    return cat


def tui_sources(sources: tuple[Path, ...] = TUI_SOURCES) -> list[Path]:
    files: list[Path] = []
    for source in sources:
        files.extend(sorted(source.glob("*.py")) if source.is_dir() else [source])
    return files


def tui_messages() -> dict[str | tuple[str, str], list[str]]:
    """Every string marked on the facilitator's screens → where it is used: `_()` and `N_()` give
    a msgid, `_n()` a (singular, plural) pair."""
    found: dict[str | tuple[str, str], list[str]] = {}
    for path in tui_sources(MESSAGE_SOURCES):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "N_", "_n")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                strings = [
                    a.value
                    for a in node.args[:2]
                    if isinstance(a, ast.Constant) and isinstance(a.value, str)
                ]
                key = tuple(strings) if node.func.id == "_n" else strings[0]
                found.setdefault(key, []).append(where)  # type: ignore[arg-type]
    return found


def tui_catalog() -> Catalog:
    cat = Catalog(
        locale="en",
        domain="trepart_tui",
        project="Trepart",
        header_comment="# Trepart's facilitator screens (the TUI): English.",
        language_team="English",
        fuzzy=False,
        creation_date=CREATED,
        revision_date=CREATED,
    )
    for msgid, english in sorted(TUI_EN.items()):
        cat.add(msgid, english)
    for pair, english_pair in sorted(TUI_EN_PLURALS.items()):
        cat.add(pair, english_pair)
    return cat


def write(cat: Catalog, folder: Path, domain: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / f"{domain}.po").open("wb") as po:
        write_po(po, cat, width=100, omit_header=False)
    with (folder / f"{domain}.mo").open("wb") as mo:
        write_mo(mo, cat)


def main() -> None:
    for lang in LANGS:
        cat = catalog(lang)
        write(cat, LOCALES / lang / "LC_MESSAGES", "trepart")
        print(f"{lang}: {len(cat)} messages")
    cat = tui_catalog()
    write(cat, LOCALES / "en" / "LC_MESSAGES", "trepart_tui")
    print(f"en (screens): {len(cat)} messages")
    missing = sorted(map(str, set(tui_messages()) - set(TUI_EN) - set(TUI_EN_PLURALS)))
    for msgid in missing:
        print(f"  no English yet: {msgid!r}")


if __name__ == "__main__":
    main()
