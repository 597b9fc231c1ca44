"""The cards' word search (schema migration 8, store/cards.py)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from facilitator.model import PhaseKind, Workshop
from facilitator.store import Store
from facilitator.store.cards import (
    add_card,
    approve,
    edit_text,
    paper_card,
    set_hidden,
    withdraw_card,
)
from facilitator.store.errors import Outcome
from facilitator.store.participants import add_participant
from facilitator.store.schema import CARD_SEARCH, MIGRATIONS, SCHEMA_VERSION
from facilitator.store.search import index_pending, search, spellings
from facilitator.store.workshops import update_workshop
from tests.conftest import CHALLENGES


def collect_phases(store: Store, ws: Workshop) -> list[int]:
    return [p.id for p in store.state(ws.id).phases if p.kind is PhaseKind.COLLECT]


def texts(store: Store, ws: Workshop, words: str, indexed: bool = False) -> list[str]:
    """What the search finds: with the phones' cards still queued for the index, or indexed."""
    while indexed and store.write(index_pending, 2):
        pass
    return [c.text for c in store.read(search, ws.id, words)]


def check_index(conn: sqlite3.Connection) -> Outcome[None]:
    """Index what is queued, then FTS5's own check of the index against the card table (every
    card indexed, each with its text now): raises if they disagree."""
    while index_pending(conn).value:
        pass
    conn.execute("INSERT INTO card_fts (card_fts, rank) VALUES ('integrity-check', 1)")
    return Outcome(None)


def in_index(conn: sqlite3.Connection, word: str) -> list[int]:
    return [
        r[0] for r in conn.execute("SELECT rowid FROM card_fts WHERE card_fts MATCH ?", (word,))
    ]


@pytest.mark.parametrize("indexed", [False, True], ids=["queued", "indexed"])
def test_words_are_found_across_phases_without_their_diacritics(
    store: Store, workshop: Workshop, indexed: bool
) -> None:
    first, second, *_ = collect_phases(store, workshop)
    store.write(paper_card, workshop.id, first, "ansatte", "Sykefraværet øker i hjemmetjenesten")
    store.write(paper_card, workshop.id, second, "folkevalgte", "Et godt arbeidsmiljø for alle")
    store.write(paper_card, workshop.id, second, "ansatte", "Kaffe på Åsen skole")
    assert texts(store, workshop, "sykefravaer", indexed) == ["Sykefraværet øker i hjemmetjenesten"]
    assert texts(store, workshop, "sykefravær") == ["Sykefraværet øker i hjemmetjenesten"]
    assert texts(store, workshop, "ARBEIDSMILJO") == ["Et godt arbeidsmiljø for alle"]
    assert texts(store, workshop, "asen kaffe") == ["Kaffe på Åsen skole"]  # every word, any order
    assert texts(store, workshop, "asen arbeidsmiljo") == []
    phases = {c.phase_id for c in store.read(search, workshop.id, "sykefravær")}
    assert phases == {first}
    assert texts(store, workshop, "   ") == [] and texts(store, workshop, '"*') == []


@pytest.mark.parametrize("indexed", [False, True], ids=["queued", "indexed"])
def test_hidden_held_withdrawn_and_other_workshops_cards_are_not_found(
    store: Store, workshop: Workshop, indexed: bool
) -> None:
    other = store.create_workshop("tana-oppstart", title="Naboen")
    store.open_phase(workshop.id, CHALLENGES)
    phone, _ = store.write(add_participant, workshop.id, "ansatte", "nb")
    kept, _ = store.write(add_card, phone, "a", "Turnus i barnehagen")
    hidden, _ = store.write(add_card, phone, "b", "Turnus som ingen liker")
    store.write(add_card, phone, "c", "Turnus uten pause")
    store.write(paper_card, other.id, collect_phases(store, other)[0], "ansatte", "Turnus der")
    store.write(set_hidden, hidden.id, True)
    store.write(withdraw_card, phone, "c")
    store.write(update_workshop, workshop.id, moderation=True)
    held, _ = store.write(add_card, phone, "d", "Turnus holdt tilbake")
    assert held.pending
    assert texts(store, workshop, "turnus", indexed) == ["Turnus i barnehagen"]
    store.write(approve, held.id)
    assert sorted(texts(store, workshop, "turnus")) == [
        "Turnus holdt tilbake",
        "Turnus i barnehagen",
    ]
    store.write(update_workshop, workshop.id, moderation=False)
    store.write(edit_text, kept.id, "Vaktplan i barnehagen")  # the index follows an edit
    assert texts(store, workshop, "turnus") == ["Turnus holdt tilbake"]
    assert texts(store, workshop, "vaktplan", indexed) == ["Vaktplan i barnehagen"]
    store.write(check_index)


def test_a_phones_card_waits_for_the_index_and_is_found_meanwhile(
    store: Store, workshop: Workshop
) -> None:
    # The FTS5 insert costs as much as the rest of the card's write: the phones do not pay it.
    store.open_phase(workshop.id, CHALLENGES)
    phone, _ = store.write(add_participant, workshop.id, "ansatte", "nb")
    card, _ = store.write(add_card, phone, "a", "Heltidskultur i omsorgen")
    assert store.read(in_index, "heltidskultur") == []
    assert texts(store, workshop, "heltid omsorg") == ["Heltidskultur i omsorgen"]
    assert store.write(index_pending) == 1
    assert store.read(in_index, "heltidskultur") == [card.id]
    assert store.write(index_pending) == 0
    assert texts(store, workshop, "heltid omsorg") == ["Heltidskultur i omsorgen"]  # not twice


def test_the_index_stays_whole_through_edits_and_withdrawals(
    store: Store, workshop: Workshop
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    phone, _ = store.write(add_participant, workshop.id, "ansatte", "nb")
    first, _ = store.write(add_card, phone, "a", "Første tekst")
    store.write(index_pending)
    queued, _ = store.write(add_card, phone, "b", "Andre tekst")
    store.write(edit_text, queued.id, "Andre tekst, rettet")  # queued: the index is not touched
    store.write(edit_text, first.id, "Første tekst, rettet")  # indexed: re-indexed
    store.write(withdraw_card, phone, "b")  # the newest row: its id is free again
    again, _ = store.write(add_card, phone, "c", "Tredje tekst")
    assert again.id > queued.id  # the freed id is never given again (schema migration 10)
    store.write(withdraw_card, phone, "a")
    store.write(check_index)
    assert texts(store, workshop, "tekst") == ["Tredje tekst"]
    assert store.read(in_index, "tekst") == [again.id]


def test_a_word_is_also_tried_with_the_norwegian_letters() -> None:
    assert spellings("miljo") == ["miljo", "miljø"]
    assert "sykefravær" in spellings("sykefravaer")
    assert "blabær" in spellings("blabaer")  # the index already reads å as a
    assert len(spellings("o" * 20)) == 32  # bounded: a long word stays one small query


def test_the_migration_fills_the_index_for_a_file_of_the_previous_version(db_path: Path) -> None:
    old = sqlite3.connect(db_path, isolation_level=None)
    for version, step in enumerate(MIGRATIONS[: MIGRATIONS.index(CARD_SEARCH)]):
        assert isinstance(step, str)
        old.executescript(f"BEGIN; {step}; PRAGMA user_version = {version + 1}; COMMIT;")
    old.execute(
        "INSERT INTO workshop (id, code, title, template, created_at) "
        "VALUES (1, 'GAMMEL', 'I fjor', 'tana-oppstart', 0)"
    )
    old.execute(
        "INSERT INTO phase (id, workshop_id, position, kind, titles, prompts) "
        "VALUES (1, 1, 1, 'collect', '{}', '{}')"
    )
    old.execute(
        "INSERT INTO card (workshop_id, phase_id, party_key, client_id, text, created_at) "
        "VALUES (1, 1, 'ansatte', 'x', 'Arbeidsmiljøet i fjor', 0)"
    )
    old.close()
    store = Store(db_path)
    try:
        assert store._wconn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        ws = store.workshop(1)
        assert ws is not None
        assert texts(store, ws, "arbeidsmiljo") == ["Arbeidsmiljøet i fjor"]
    finally:
        store.close()


def test_the_search_migration_can_run_again(store: Store, workshop: Workshop) -> None:
    # On a file whose version was set back by hand: the index is made anew, not twice.
    conn = store._wconn
    conn.executescript(f"BEGIN IMMEDIATE; {CARD_SEARCH}; COMMIT;")
    store.write(paper_card, workshop.id, collect_phases(store, workshop)[0], "ansatte", "Igjen")
    assert texts(store, workshop, "igjen") == ["Igjen"]
    triggers = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'card'"
    ).fetchall()
    assert sorted(name for (name,) in triggers) == ["card_ad", "card_ai", "card_au", "card_id_kept"]


def test_a_deleted_workshops_words_leave_the_index(store: Store, db_path: Path) -> None:
    ws = store.create_workshop("tana-oppstart", title="Slettes", code="SLETT3")
    store.write(paper_card, ws.id, collect_phases(store, ws)[0], "ansatte", "Hemmeligord tekst")
    store.delete_workshop(ws.id)
    raw = b"".join(p.read_bytes() for p in db_path.parent.glob("*.sqlite*"))
    assert b"hemmeligord" not in raw.lower()


def test_the_search_walks_the_index_first_and_never_sorts(store: Store, workshop: Workshop) -> None:
    # Driven from the card table, or ranked, a short prefix cost 80–670 ms at 20,000 cards on
    # the loop the phones share; walked from the index in rowid order, LIMIT stops early.
    statements: list[str] = []
    store._r.set_trace_callback(statements.append)
    store.read(search, workshop.id, "syk")  # its statement comes traced with the values bound
    store._r.set_trace_callback(None)
    sql = next(s for s in statements if "card_fts MATCH" in s)
    plan = [row[3] for row in store._r.execute(f"EXPLAIN QUERY PLAN {sql}")]
    assert plan[0].startswith("SCAN card_fts VIRTUAL TABLE"), plan
    assert not any("TEMP B-TREE" in step for step in plan), plan


def test_a_queued_card_is_found_exactly_when_the_index_would_find_it(
    store: Store, workshop: Workshop
) -> None:
    # The queue is matched in Python the tokenizer's way: "_" separates words, ß is not "ss".
    phase = collect_phases(store, workshop)[0]
    for text in ("test_case i turnus", "Straße og gate", "x _ y", "foo bar", "Økonomi-styring"):
        store.write(paper_card, workshop.id, phase, "ansatte", text)
    queries = ("case", "strasse", "straße", "_", "foo_bar", "styring", "okonomi", "test")
    queued = {q: texts(store, workshop, q) for q in queries}
    indexed = {q: texts(store, workshop, q, indexed=True) for q in queries}
    assert queued == indexed
    assert indexed["case"] == ["test_case i turnus"] and indexed["strasse"] == []
