"""Dots and pulse from the phones: the rules of a vote hold at the edge, and nothing bad is stored."""

from __future__ import annotations

from aiohttp.test_utils import TestClient

from facilitator.model import Workshop
from facilitator.store import Store, grouping
from facilitator.store.actions import add_action
from tests.conftest import join

VOTE = 6  # tana-oppstart's Prioritering


def prepare_vote(store: Store, workshop: Workshop, labels: list[str]) -> list[int]:
    for label in labels:
        store.write(grouping.add_focus_area, workshop.id, label)
    store.open_phase(workshop.id, VOTE)
    phase = store.state(workshop.id).current_phase
    assert phase is not None
    return [o.id for o in store.vote_options(phase.id)]


async def test_a_vote_runs_over_the_focus_areas_and_replaces_a_phones_dots(
    client: TestClient, store: Store, workshop: Workshop
) -> None:
    a, b, c = prepare_vote(store, workshop, ["Sykefravær", "Heltidskultur", "Rekruttering"])
    state = await (await client.get(f"/api/v1/w/{workshop.code}/state")).json()
    assert [o["label"] for o in state["phase"]["options"]] == [
        "Sykefravær",
        "Heltidskultur",
        "Rekruttering",
    ]
    assert (state["phase"]["dots"], state["phase"]["max_per_option"]) == (3, 3)
    auth = await join(client, workshop.code)
    url = f"/api/v1/w/{workshop.code}/votes"
    first = await client.post(url, headers=auth, json={"allocations": {str(a): 2, str(b): 1}})
    assert first.status == 200
    again = await client.post(url, headers=auth, json={"allocations": {str(c): 3}})
    assert again.status == 200
    phase = store.state(workshop.id).current_phase
    results = {r.option.label: r.dots for r in store.vote_results(phase.id)}
    assert results == {"Rekruttering": 3, "Sykefravær": 0, "Heltidskultur": 0}


async def test_bad_allocations_are_refused_and_change_nothing(
    client: TestClient, store: Store, workshop: Workshop
) -> None:
    a, b, _ = prepare_vote(store, workshop, ["Sykefravær", "Heltidskultur", "Rekruttering"])
    auth = await join(client, workshop.code)
    url = f"/api/v1/w/{workshop.code}/votes"
    await client.post(url, headers=auth, json={"allocations": {str(a): 1}})
    cases = [
        ({"allocations": {str(a): 2, str(b): 2}}, "too_many_dots"),
        ({"allocations": {str(a): 4}}, "too_many_on_one"),
        ({"allocations": {"99999": 1}}, "unknown_option"),
        ({"allocations": {str(a): -1}}, "invalid_value"),
        ({"allocations": {str(a): 10**30}}, "too_many_on_one"),
        ({"allocations": {str(a): True}}, "invalid_value"),
        ({"allocations": [1, 2]}, "invalid_value"),
        ({"allocations": {}, "extra": 1}, "unknown_field"),
    ]
    for body, code in cases:
        resp = await client.post(url, headers=auth, json=body)
        assert resp.status == 422, body
        assert (await resp.json())["error"]["code"] == code
    phase = store.state(workshop.id).current_phase
    assert {r.option.label: r.dots for r in store.vote_results(phase.id)}["Sykefravær"] == 1


async def test_voting_outside_a_vote_is_409(
    client: TestClient, store: Store, workshop: Workshop
) -> None:
    auth = await join(client, workshop.code)
    resp = await client.post(
        f"/api/v1/w/{workshop.code}/votes", headers=auth, json={"allocations": {}}
    )
    assert resp.status == 409


async def test_pulse_takes_one_answer_from_one_to_five_per_phone(
    client: TestClient, store: Store
) -> None:
    ws = store.create_workshop("styringsgruppe", title="Styringsgruppe")
    store.open_phase(ws.id, 4)  # Hvordan går samarbeidet?
    auth = await join(client, ws.code, "folkevalgte")
    url = f"/api/v1/w/{ws.code}/ratings"
    for value in (0, 6, "3", None, 2.5):
        resp = await client.post(url, headers=auth, json={"value": value})
        assert resp.status == 422, value
    assert (await client.post(url, headers=auth, json={"value": 2})).status == 200
    assert (await client.post(url, headers=auth, json={"value": 4})).status == 200
    phase = store.state(ws.id).current_phase
    assert store.ratings(phase.id) == {"folkevalgte": [0, 0, 0, 1, 0]}


async def test_the_vote_form_works_without_javascript(
    client: TestClient, store: Store, workshop: Workshop
) -> None:
    a, b, _ = prepare_vote(store, workshop, ["Sykefravær", "Heltidskultur", "Rekruttering"])
    await client.post(f"/j/{workshop.code}/join", data={"party": "ansatte"}, allow_redirects=False)
    page = await (await client.get(f"/j/{workshop.code}")).text()
    assert "Du har 3 prikker." in page and f'name="option-{a}"' in page
    resp = await client.post(
        f"/j/{workshop.code}/vote", data={f"option-{a}": "2", f"option-{b}": "2"}
    )
    assert resp.status == 422
    assert "Du har bare 3 prikker å fordele." in await resp.text()
    resp = await client.post(
        f"/j/{workshop.code}/vote",
        allow_redirects=False,
        data={f"option-{a}": "2", f"option-{b}": "1"},
    )
    assert resp.status == 303
    page = await (await client.get(resp.headers["Location"])).text()
    assert "Prikkene er lagret." in page and 'value="2"' in page


async def test_racing_allocations_from_one_phone_never_mix(
    client: TestClient, store: Store, workshop: Workshop
) -> None:
    import asyncio

    a, b, c = prepare_vote(store, workshop, ["Sykefravær", "Heltidskultur", "Rekruttering"])
    auth = await join(client, workshop.code)
    ballots = [{str(a): 3}, {str(b): 3}, {str(c): 3}, {str(a): 1, str(b): 1, str(c): 1}] * 5
    url = f"/api/v1/w/{workshop.code}/votes"
    statuses = await asyncio.gather(
        *(client.post(url, headers=auth, json={"allocations": x}) for x in ballots)
    )
    assert {r.status for r in statuses} == {200}
    phase = store.state(workshop.id).current_phase
    final = {
        str(k): v
        for k, v in store.my_votes(
            store.participant_by_token(workshop.id, auth["Authorization"].removeprefix("Bearer ")),
            phase.id,
        ).items()
    }
    assert final in ballots, "the stored allocation is one whole ballot, never a mixture"


def test_a_deadline_may_be_written_the_norwegian_way(store: Store, workshop: Workshop) -> None:

    action = store.write(add_action, workshop.id, "Kartlegging", deadline="31.03.2027")
    assert action.deadline == "2027-03-31"
