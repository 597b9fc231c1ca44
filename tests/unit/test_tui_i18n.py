"""The facilitator's screens: every marked string has English, and no bokmål is left unmarked."""

from __future__ import annotations

import ast
import gettext
import re
import string

from facilitator.i18n import LOCALE_DIR, UI_DOMAIN
from tools.i18n import ROOT, tui_messages, tui_sources
from tools.translations_tui import TUI_EN, TUI_EN_PLURALS

# Bokmål gives itself away by its letters or by its small words; English strings and identifiers
# (ids, CSS classes, actions) have neither.
BOKMAAL = re.compile(
    r"[æøåÆØÅ]|\b(og|ikke|er|til|med|som|har|ingen|Ingen|Trykk|trykk|eller|fra|kort|nye|ny|Ny"
    r"|fase|Fase|tiltak|Tiltak|innspill|Innspill|valg|Valg|tast|Tast|Lukk|Neste|Forrige|Avbryt"
    r"|Lagre|Slett|Skjul|Vis|Tilbake|eier|Eier|frist|Frist|prikker|stemmer|deltakere)\b"
)


def _placeholders(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def test_every_marked_string_has_english() -> None:
    translated = {**TUI_EN, **TUI_EN_PLURALS}
    missing = {str(m): where for m, where in tui_messages().items() if not translated.get(m)}
    assert missing == {}, "add these to tools/translations_tui.py and run `make i18n`"


def test_no_translation_is_left_over() -> None:
    left = set(TUI_EN) | set(TUI_EN_PLURALS)
    assert sorted(map(str, left - set(tui_messages()))) == []


def test_translations_keep_their_placeholders() -> None:
    pairs = list(TUI_EN.items()) + [
        (source, english)
        for sources, englishes in TUI_EN_PLURALS.items()
        for source in sources
        for english in englishes
    ]
    wrong = {m: e for m, e in pairs if _placeholders(m) != _placeholders(e)}
    assert wrong == {}


def test_the_compiled_catalog_matches_its_source() -> None:
    with (LOCALE_DIR / "en" / "LC_MESSAGES" / f"{UI_DOMAIN}.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    assert {m: compiled.gettext(m) for m in TUI_EN} == TUI_EN, "run `make i18n`"
    plurals = {
        pair: (compiled.ngettext(*pair, 1), compiled.ngettext(*pair, 2)) for pair in TUI_EN_PLURALS
    }
    assert plurals == TUI_EN_PLURALS, "run `make i18n`"


def test_english_counts_agree_with_their_nouns() -> None:
    from facilitator.i18n import _n, set_ui_language

    try:
        set_ui_language("en")
        assert _n("{count} gruppe", "{count} grupper", 1).format(count=1) == "1 group"
        assert _n("{count} gruppe", "{count} grupper", 0).format(count=0) == "0 groups"
        set_ui_language("nb")
        assert _n("{count} gruppe", "{count} grupper", 1).format(count=1) == "1 gruppe"
    finally:
        set_ui_language("nb")


def _unmarked_bokmaal(tree: ast.AST) -> list[tuple[int, str]]:
    marked: set[int] = set()
    docstrings: set[int] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("_", "N_", "_n")
        ):
            marked.update(id(arg) for arg in node.args)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in marked | docstrings
        and BOKMAAL.search(node.value)
    ]


def test_no_bokmaal_string_on_the_screens_is_left_unmarked() -> None:
    found = {
        f"{path.relative_to(ROOT)}:{line}": text
        for path in tui_sources()
        for line, text in _unmarked_bokmaal(ast.parse(path.read_text(encoding="utf-8")))
    }
    assert found == {}, "wrap these in _() (or N_() where defined before the app starts)"


def test_every_screen_and_widget_with_keys_translates_them() -> None:
    import importlib
    import inspect

    from textual.dom import DOMNode
    from textual.screen import Screen

    from screens.lang import Localised, LocalisedScreen

    missing = []
    for path in sorted((ROOT / "screens").glob("*.py")):
        module = importlib.import_module(f"screens.{path.stem}")
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__ or not issubclass(cls, DOMNode):
                continue
            needs = LocalisedScreen if issubclass(cls, Screen) else Localised
            if ("BINDINGS" in cls.__dict__ or issubclass(cls, Screen)) and not issubclass(
                cls, needs
            ):
                missing.append(f"{module.__name__}.{name} needs {needs.__name__}")
    assert missing == []
