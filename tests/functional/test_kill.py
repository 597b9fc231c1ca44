"""Nothing a phone was told is saved may be lost when the laptop's app is killed (`kill -9`)."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import aiohttp

from facilitator.model import PhaseStatus
from facilitator.store import Store
from tests.conftest import CHALLENGES
from tests.functional.serve_helpers import ServeProcess

PHONES = 200
CARDS_PER_PHONE = 5
ROUNDS = 3


class Acks(list[str]):
    """The ids the server acknowledged; `reached` fires once `target` of them are in."""

    def __init__(self, target: int) -> None:
        super().__init__()
        self.target = target
        self.reached = asyncio.Event()

    def append(self, cid: str) -> None:
        super().append(cid)
        if len(self) >= self.target:
            self.reached.set()


async def phone(
    session: aiohttp.ClientSession, base: str, code: str, acked: Acks, party: str
) -> None:
    """Send cards until the server dies; remember only what it acknowledged."""
    try:
        async with session.post(f"{base}/api/v1/w/{code}/participants", json={"party": party}) as r:
            if r.status != 201:
                return
            auth = {"Authorization": f"Bearer {(await r.json())['token']}"}
        for i in range(CARDS_PER_PHONE):
            cid = str(uuid.uuid4())
            async with session.post(
                f"{base}/api/v1/w/{code}/submissions",
                headers=auth,
                json={"id": cid, "text": f"kort {i} {cid[:8]}"},
            ) as r:
                if r.status == 201:
                    acked.append(cid)
    except (TimeoutError, aiohttp.ClientError):
        return  # the server was killed mid-request: that card was never acknowledged


async def test_acknowledged_cards_survive_kill_9(db_path: Path) -> None:
    store = Store(db_path)
    ws = store.create_workshop("tana-oppstart", title="Krasjtest")
    store.open_phase(ws.id, CHALLENGES)
    store.close()
    all_acked: list[str] = []
    parties = ["folkevalgte", "administrasjon", "ansatte"]
    for round_ in range(ROUNDS):
        # Every phone here comes from 127.0.0.1 (aiohttp opens up to 100 connections): the
        # per-address cap (64) would refuse a third of them before they send a card.
        server = ServeProcess(db_path, ws.code, {"TREPART_CONNECTIONS_PER_ADDRESS": "1000"})
        await server.start()
        # Kill at a different point each round, while requests are still in flight.
        acked = Acks(target=50 + 150 * round_)
        try:
            async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=20)) as session:
                phones = [
                    asyncio.create_task(phone(session, server.base, ws.code, acked, parties[i % 3]))
                    for i in range(PHONES)
                ]
                async with asyncio.timeout(60):
                    await acked.reached.wait()
                await server.kill()
                await asyncio.gather(*phones)
        finally:
            await server.stop()
        assert acked, "the load reached the server before the kill"
        all_acked += acked

    check = Store(db_path)
    stored = [c.client_id for c in check.cards(ws.id)]
    phase = check.state(ws.id).current_phase
    check.close()
    missing = set(all_acked) - set(stored)
    assert not missing, f"{len(missing)} acknowledged cards were lost"
    assert len(stored) == len(set(stored)), "no card is stored twice"
    assert phase is not None and phase.position == CHALLENGES and phase.status is PhaseStatus.OPEN
