"""Shared fixtures: a real SQLite file in tmp_path and the real aiohttp app on it."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient

from facilitator.model import Workshop
from facilitator.server import create_web_app
from facilitator.settings import Limits
from facilitator.store import Store

# The sentence-embedding model costs ~30 ms a card: the app's background worker would spend the
# suite's two cores on every Pilot test's cards. Tests of the model path switch it on themselves.
os.environ.setdefault("TREPART_EMBEDDINGS", "off")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "trepart.sqlite"


@pytest.fixture
def store(db_path: Path) -> AsyncIterator[Store]:
    s = Store(db_path)
    yield s
    s.close()


@pytest.fixture
def workshop(store: Store) -> Workshop:
    """A room of a few phones. Its anonymity limit is 1, so that tests of the wall, the board and
    the results can see party labels with one phone per party; tests/functional/test_anonymity.py
    plays the hostile reader with the real limits."""
    return store.create_workshop(
        "tana-oppstart",
        title="Oppstartsseminar",
        municipality="Tana kommune",
        code="TANA24",
        limits=Limits(anonymity_limit=1),
    )


@pytest.fixture
def limits() -> Limits:
    return Limits()


@pytest.fixture
async def client(aiohttp_client, store: Store, limits: Limits) -> AsyncIterator[TestClient]:  # type: ignore[no-untyped-def]
    served = await aiohttp_client(create_web_app(store, limits=limits))
    store.watcher.start()  # the test owns the loop, as the app and `trepart serve` do
    yield served
    await store.watcher.stop()


def new_id() -> str:
    return str(uuid.uuid4())


async def join(client: TestClient, code: str, party: str = "ansatte") -> dict[str, str]:
    """Join as a new phone; returns the Authorization header for the JSON API.

    The client's cookie is dropped first: with it the server would (rightly) answer that this
    phone has joined already, as the same participant.
    """
    client.session.cookie_jar.clear()
    resp = await client.post(f"/api/v1/w/{code}/participants", json={"party": party, "lang": "nb"})
    assert resp.status == 201, await resp.text()
    return {"Authorization": f"Bearer {(await resp.json())['token']}"}


CHALLENGES = 2  # the tana-oppstart phase that collects challenges
ROLES = 4  # … and role expectations
