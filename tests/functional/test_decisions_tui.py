"""Prioritising, pulse and actions on the projector, and the next meeting of the series."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import aiohttp
import pytest
from textual.widgets import Input

from exports import build_summary, markdown
from facilitator.cli import main
from facilitator.model import ActionStatus, Workshop
from facilitator.store import Store, StoreError, grouping
from facilitator.store.actions import add_action, set_status, update_action
from facilitator.store.errors import InvalidValue
from screens.action_table import ActionTable
from screens.actions_screen import ActionsScreen
from tests.functional.tui_helpers import make_app, screen_text, until

VOTE, ACTIONS = 6, 7


async def phone_votes(app, code: str, party: str, allocation: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    base = f"http://127.0.0.1:{app.port}/api/v1/w/{code}"
    async with aiohttp.ClientSession() as session:
        async with session.post(f"{base}/participants", json={"party": party}) as resp:
            token = (await resp.json())["token"]
        async with session.post(
            f"{base}/votes",
            json={"allocations": allocation},
            headers={"Authorization": f"Bearer {token}"},
        ) as resp:
            assert resp.status == 200, await resp.text()


async def test_results_stay_hidden_until_revealed_and_ties_show_as_ties(
    db_path: Path, store: Store, workshop: Workshop
) -> None:
    for label in ("Sykefravær", "Heltidskultur", "Rekruttering"):
        store.write(grouping.add_focus_area, workshop.id, label)
    store.open_phase(workshop.id, VOTE)
    phase_id = store.state(workshop.id).current_phase.id
    ids = {o.label: str(o.id) for o in store.vote_options(phase_id)}
    ballots = {
        "folkevalgte": {ids["Heltidskultur"]: 2, ids["Sykefravær"]: 1},
        "administrasjon": {ids["Heltidskultur"]: 1, ids["Sykefravær"]: 2},
        "ansatte": {ids["Rekruttering"]: 3},
    }
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(100, 30)) as pilot:
        for party, ballot in ballots.items():
            for _ in range(3):
                await phone_votes(app, workshop.code, party, ballot)
        await until(pilot, lambda: "Prikker fra 9 telefoner" in screen_text(app))
        assert "Resultatet vises når prosesslederen avslører det." in screen_text(app)
        assert "█" not in screen_text(app)
        await pilot.press("r")  # reveal: 9 dots each, a three-way tie
        await until(pilot, lambda: screen_text(app).count("1.=") == 3)
        assert "«=» betyr delt plass." in screen_text(app)
        await pilot.press(
            "P"
        )  # three proxy dots (the dialog starts on Sykefravær) for a paper voter
        app.screen.query_one("#dots", Input).value = "3"
        await pilot.press("enter")
        await until(pilot, lambda: screen_text(app).count("2.=") == 2)
    results = [(r.option.label, r.dots, r.rank) for r in store.vote_results(phase_id)]
    assert results == [("Sykefravær", 12, 1), ("Heltidskultur", 9, 2), ("Rekruttering", 9, 2)]
    md = markdown.write(build_summary(store, workshop.id)).decode()
    assert "| 1 | Sykefravær | 12 | 6 | 6 | 0 |" in md  # the proxy dots went to Folkevalgte


async def test_pulse_shows_distribution_and_means_after_reveal(db_path: Path, store: Store) -> None:
    ws = store.create_workshop("styringsgruppe", title="Styringsgruppe")
    store.open_phase(ws.id, 4)
    app = make_app(db_path, ws.id)
    async with app.run_test(size=(100, 30)) as pilot:
        base = f"http://127.0.0.1:{app.port}/api/v1/w/{ws.code}"
        async with aiohttp.ClientSession() as session:
            for party, value in (
                [("folkevalgte", 4)] * 3 + [("ansatte", 2)] * 3 + [("administrasjon", 5)]
            ):
                async with session.post(f"{base}/participants", json={"party": party}) as resp:
                    token = (await resp.json())["token"]
                async with session.post(
                    f"{base}/ratings",
                    json={"value": value},
                    headers={"Authorization": f"Bearer {token}"},
                ) as resp:
                    assert resp.status == 200
        await until(pilot, lambda: "7 svar" in screen_text(app))
        await pilot.press("r")
        await until(pilot, lambda: "Snitt for alle: 3,3" in screen_text(app))
        text = screen_text(app)
        # Administrasjon's one answer is pooled with the smaller of the others, so that neither
        # it nor "everyone minus the parts" gives it away.
        assert "Folkevalgte: snitt 4,0 (3 svar)" in text
        assert "Øvrige parter: snitt 2,8 (4 svar)" in text
        assert "Administrasjon:" not in text and "Ansatte og tillitsvalgte:" not in text
        md = markdown.write(build_summary(store, ws.id)).decode()
        assert "| Folkevalgte | 3 | 4,0 |" in md and "| Øvrige parter (samlet) | 4 | 2,8 |" in md
        pulse_table = md.split("| Part | Svar |")[1].split("\n\n")[0]
        assert "Administrasjon" not in pulse_table and "Ansatte" not in pulse_table

        def longest_bar() -> int:
            return max(len(run) for run in re.findall("█+", screen_text(app)))

        narrow = longest_bar()
        await pilot.resize_terminal(140, 30)  # a wider projector: the bars follow the width
        await until(pilot, lambda: longest_bar() > narrow + 20)


async def test_the_action_table_edits_in_place_and_keeps_status_history(
    db_path: Path, store: Store, workshop: Workshop
) -> None:
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("l")
        assert isinstance(app.screen, ActionsScreen)
        await pilot.press("a")
        app.screen.query_one("#answer", Input).value = "Kartlegge ønsket stillingsstørrelse"
        await pilot.press("enter")
        table = app.screen.query_one(ActionTable)
        await until(pilot, lambda: table.row_count == 1)
        table.move_cursor(row=0, column=2)  # Ansvarlig
        await pilot.press("enter")
        app.screen.query_one("#answer", Input).value = "Administrasjonen"
        await pilot.press("enter")
        table.move_cursor(row=0, column=3)  # Frist
        await pilot.press("enter")
        app.screen.query_one("#answer", Input).value = yesterday
        await pilot.press("enter")
        await until(pilot, lambda: "(forfalt)" in screen_text(app))
        shown = (dt.date.today() - dt.timedelta(days=1)).strftime("%d.%m.%Y")
        assert shown in screen_text(app), "as the referat writes it, (forfalt) below it"
        await pilot.press("space")
        await until(pilot, lambda: "pågår" in screen_text(app))
    action = store.actions(workshop.id)[0]
    assert (action.owner, action.deadline, action.status) == (
        "Administrasjonen",
        yesterday,
        ActionStatus.IN_PROGRESS,
    )
    assert [h[0] for h in store.action_history(action.id)] == ["ikke_startet", "pagar"]


async def test_a_proposal_from_a_phone_becomes_an_action_with_one_key(
    db_path: Path, store: Store, workshop: Workshop
) -> None:
    store.open_phase(workshop.id, ACTIONS)
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(100, 30)) as pilot:
        from screens.wall import CardView
        from tests.functional.tui_helpers import post_card

        await post_card(app, workshop.code, "Felles introduksjonsprogram for nyansatte")
        await until(pilot, lambda: len(app.screen.query(CardView)) == 1)
        app.screen.query(CardView).first().focus()
        await pilot.press("A")
        await until(pilot, lambda: len(store.actions(workshop.id)) == 1)
    assert store.actions(workshop.id)[0].title == "Felles introduksjonsprogram for nyansatte"


def test_the_next_meeting_starts_with_the_open_actions(
    capsys: pytest.CaptureFixture[str], db_path: Path, store: Store, workshop: Workshop
) -> None:
    done = store.write(add_action, workshop.id, "Ferdig tiltak")
    store.write(set_status, done.id, ActionStatus.DONE)
    open_one = store.write(
        add_action,
        workshop.id,
        "Heltid i nye utlysninger",
        owner="Administrasjonen",
        deadline="2025-06-01",
        focus_area="Heltidskultur",
    )
    store.write(set_status, open_one.id, ActionStatus.IN_PROGRESS, "startet i mai")
    assert (
        main(
            [
                "--db",
                str(db_path),
                "new",
                "--template",
                "styringsgruppe",
                "--title",
                "Styringsgruppe juni",
                "--follow-up",
                workshop.code,
                "--json",
            ]
        )
        == 0
    )
    import json

    created = json.loads(capsys.readouterr().out)
    carried = store.actions(created["id"])
    assert [(a.title, a.status, a.owner) for a in carried] == [
        ("Heltid i nye utlysninger", ActionStatus.IN_PROGRESS, "Administrasjonen")
    ]
    history = store.action_history(carried[0].id)
    assert ("pagar", "startet i mai") in [(h[0], h[1]) for h in history]
    nxt = store.workshop(created["id"])
    assert nxt.series == "Oppstartsseminar" and nxt.follows_id == workshop.id
    md = markdown.write(build_summary(store, created["id"])).decode()
    review = md.split("## Sak 02/26 Hva har vi fått til siden sist?")[1]
    assert (
        "| Heltid i nye utlysninger | Heltidskultur | Administrasjonen | 01.06.2025 | pågår |"
        in review
    )


def test_carry_over_twice_in_a_row_follows_the_latest_status(
    store: Store, workshop: Workshop
) -> None:
    first = store.write(add_action, workshop.id, "Nærværsprosjekt")
    store.write(add_action, workshop.id, "Avlyst idé", status=ActionStatus.CANCELLED)
    second = store.create_follow_up(workshop.id, "styringsgruppe", title="Møte 2")
    carried = store.actions(second.id)
    assert [a.title for a in carried] == ["Nærværsprosjekt"]
    store.write(set_status, carried[0].id, ActionStatus.DONE, "ferdig i høst")
    store.write(add_action, second.id, "Ny sak fra møte 2")
    third = store.create_follow_up(second.id, "styringsgruppe", title="Møte 3")
    assert [a.title for a in store.actions(third.id)] == ["Ny sak fra møte 2"]
    assert store.workshop(third.id).series == store.workshop(second.id).series == "Oppstartsseminar"
    assert [h[0] for h in store.action_history(carried[0].id)] == [
        "ikke_startet",
        "ikke_startet",
        "fullfort",
    ]
    assert first.id != carried[0].id


async def test_the_export_dialog_saves_the_referat_to_documents(
    db_path: Path, store: Store, workshop: Workshop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(tmp_path / "Dokumenter"))
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        from textual.widgets import Select

        app.screen.query_one("#format", Select).value = "html"
        app.screen.query_one("#lang", Select).value = "en"
        await pilot.click("#save")
        folder = tmp_path / "Dokumenter" / "Trepart"
        await until(pilot, lambda: any(folder.glob("*.html")))
    (target,) = folder.glob("*.html")
    assert target.name == f"{workshop.date} {workshop.title}.html".lstrip()
    assert '<html lang="en">' in target.read_text(encoding="utf-8")


async def test_an_empty_action_table_says_how_to_begin(db_path: Path, workshop: Workshop) -> None:
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("l")
        await until(pilot, lambda: "Ingen tiltak ennå. Trykk a" in screen_text(app))
        await pilot.press("a")
        app.screen.query_one("#answer", Input).value = "Første tiltak"
        await pilot.press("enter")
        await until(pilot, lambda: "Ingen tiltak ennå" not in screen_text(app))


async def test_a_refusal_is_explained_in_the_facilitators_language(
    db_path: Path, store: Store, workshop: Workshop
) -> None:
    from facilitator.i18n import set_ui_language
    from screens.lang import explain

    action = store.write(add_action, workshop.id, "Heltidsprosjekt")
    try:
        store.write(update_action, action.id, "deadline", "neste uke")
    except StoreError as refused:
        try:
            set_ui_language("en")
            assert explain(refused) == "Write the deadline as DD.MM.YYYY or YYYY-MM-DD."
        finally:
            set_ui_language("nb")
        assert explain(refused) == "Fristen skrives DD.MM.ÅÅÅÅ eller ÅÅÅÅ-MM-DD."
        too_many = InvalidValue("too_many_dots", dots=5)  # a code the API maps for phones
        assert explain(too_many) == "For mange prikker: høyst 5."
    else:
        raise AssertionError("a deadline of 'neste uke' was accepted")
