"""Every string of the phone page and the API exists in every language, and the catalogs are compiled."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from facilitator.i18n import LOCALE_DIR, translator
from facilitator.server.errors import ERRORS

TEMPLATES = Path(__file__).parents[2] / "facilitator" / "server" / "templates"
_CALL = re.compile(r"""_\((?:"([^"]+)"|'([^']+)')\)""")


def used_messages() -> set[str]:
    found = {m for _status, m in ERRORS.values()}
    for page in TEMPLATES.glob("*.html"):
        for double, single in _CALL.findall(page.read_text(encoding="utf-8")):
            found.add(double or single)
    return found


@pytest.mark.parametrize("lang", ["nn", "se", "en"])
def test_every_message_has_a_translation(lang: str) -> None:
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "trepart.po").open("rb") as po:
        catalog = read_po(po)
    translated = {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}
    missing = sorted(used_messages() - set(translated))
    assert missing == [], f"{lang} lacks {missing}"


@pytest.mark.parametrize("lang", ["nn", "se", "en"])
def test_the_compiled_catalog_matches_its_source(lang: str) -> None:
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "trepart.po").open("rb") as po:
        source = {m.id: m.string for m in read_po(po) if m.id}
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "trepart.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    assert {msgid: compiled.gettext(msgid) for msgid in source} == source, "run `make i18n`"


def test_the_sami_catalog_asks_for_review_by_a_native_speaker() -> None:
    header = (LOCALE_DIR / "se" / "LC_MESSAGES" / "trepart.po").read_text(encoding="utf-8")[:400]
    assert "NEEDS REVIEW by a native speaker" in header


def test_bokmaal_is_the_source_and_others_translate() -> None:
    assert translator("nb")("Vent på neste spørsmål") == "Vent på neste spørsmål"
    assert translator("en")("Vent på neste spørsmål") == "Wait for the next question"
    assert translator("se")("Bli med") == "Searvva"
    assert translator("xx")("Send") == "Send"  # unknown language: bokmål
