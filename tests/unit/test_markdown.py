"""The Markdown referat: what a reader of the minutes sees, and what a card cannot do to it."""

from __future__ import annotations

from markdown_it import MarkdownIt

from exports import build_summary, markdown
from facilitator.store import Store
from facilitator.store.cards import add_card
from facilitator.store.participants import add_participant


def run_workshop(store: Store, per_party: dict[str, int], text: str = "Turnus") -> int:
    ws = store.create_workshop(
        "tana-oppstart", title="Oppstart", municipality="Tana kommune", date="2026-11-24"
    )
    store.open_phase(ws.id, 2)
    n = 0
    for party, count in per_party.items():
        for _ in range(count):
            who, _ = store.write(add_participant, ws.id, party, "nb")
            store.write(add_card, who, f"c{n}", f"{text} fra {party}")
            n += 1
    return ws.id


def test_the_referat_has_header_parties_phases_and_cards_by_party(store: Store) -> None:
    ws_id = run_workshop(store, {"folkevalgte": 3, "administrasjon": 3, "ansatte": 4})
    md = markdown.write(build_summary(store, ws_id)).decode()
    assert md.startswith("# Referat: Oppstart\n")
    assert "- **Kommune:** Tana kommune" in md
    assert "## 2. Utfordringer" in md
    assert "*Hvilke utfordringer står kommunen overfor?*" in md
    body, appendix = md.split("## Vedlegg: alle innspill")
    challenges = body.split("## 2. Utfordringer")[1].split("## 3.")[0]
    assert "| Alle innspill | 10 | 3 | 3 | 4 | felles for alle tre |" in challenges
    assert "| Ansatte og tillitsvalgte | 4 | 4 |" in appendix  # phones and cards per party
    cards = appendix.split("### 2. Utfordringer")[1]
    assert cards.index("#### Folkevalgte (3)") < cards.index("#### Ansatte og tillitsvalgte (4)")
    assert "- Turnus fra ansatte (×4)" in cards, "identical cards collapse"


def test_a_party_below_the_anonymity_limit_is_not_broken_out(store: Store) -> None:
    ws_id = run_workshop(store, {"folkevalgte": 1, "administrasjon": 3, "ansatte": 3})
    md = markdown.write(build_summary(store, ws_id)).decode()
    assert "| Folkevalgte | færre enn 3 |" in md
    assert "### Folkevalgte" not in md
    # A pool of the lone politician alone would be the politician: another party joins it.
    assert "### Øvrige parter (samlet) (4)" in md and "### Administrasjon (3)" in md
    assert "### Ansatte og tillitsvalgte" not in md


def test_card_text_cannot_become_markdown_or_html(store: Store) -> None:
    ws_id = run_workshop(
        store,
        {"ansatte": 3},
        text="# Overskrift [lenke](http://x) <img src=x onerror=alert(1)> **fet**",
    )
    md = markdown.write(build_summary(store, ws_id)).decode()
    html = MarkdownIt("commonmark").render(md)  # what a web page built from the referat shows
    assert "<img" not in html and "<a href" not in html and "<strong>fet" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<h1>Overskrift" not in html
    assert "\\<img src=x onerror=alert(1)\\>" in md
    assert "\\[lenke\\](http://x)" in md
    assert "\\*\\*fet\\*\\*" in md
    assert "\n- \\# Overskrift" in md


def test_escape_keeps_ordinary_text_readable() -> None:
    assert markdown.escape("HMS & AMU: 3. kvartal!") == "HMS & AMU: 3. kvartal!"
    assert markdown.escape("1. punkt") == "1\\. punkt"


def test_a_steering_group_numbers_its_saksliste_by_the_meetings_year(store: Store) -> None:
    ws = store.create_workshop("styringsgruppe", title="Styringsgruppe", date="2024-03-01")
    md = markdown.write(build_summary(store, ws.id)).decode()
    assert "- Sak 01/24 Godkjenning av innkalling og saksliste" in md
    assert "## Sak 02/24 Hva har vi fått til siden sist?" in md
