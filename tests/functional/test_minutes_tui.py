"""The referent's work on the projector and in the editor: notes per sak, people per party."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, TabbedContent, TextArea

from exports import build_summary
from facilitator.meeting import Presence
from facilitator.model import Workshop
from facilitator.store import Store, minutes
from screens.editor import EditorScreen
from screens.shield import ShieldScreen
from tests.functional.tui_helpers import make_app, screen_text, until

CHALLENGES = 2


async def test_notes_typed_on_the_projector_are_saved_and_reach_the_referat(
    db_path: Path, store: Store, workshop: Workshop
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    phase_id = store.state(workshop.id).current_phase.id  # type: ignore[union-attr]
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("d")
        await until(pilot, lambda: "Notater: Utfordringer" in screen_text(app))
        discussion = app.screen.query_one("#notes-discussion", TextArea)
        assert discussion.has_focus
        await pilot.press(*"Lite tid")
        await until(
            pilot,
            lambda: store.read(minutes.item_notes, workshop.id)[phase_id].discussion == "Lite tid",
        )
        app.screen.query_one("#notes-decision", TextArea).insert("Vi lager en plan.")
        app.screen.query_one("#notes-exempt", Input).value = "offl. § 14"
        await until(
            pilot,
            lambda: (
                store.read(minutes.item_notes, workshop.id)[phase_id].exempt_basis == "offl. § 14"
            ),
        )
        await pilot.press("escape")
        await until(pilot, lambda: "Notater: Utfordringer" not in screen_text(app))
    internal = build_summary(store, workshop.id, internal=True).phases[CHALLENGES - 1]
    assert (internal.discussion, internal.decision) == ("Lite tid", "Vi lager en plan.")
    public = build_summary(store, workshop.id).phases[CHALLENGES - 1]
    assert public.withheld and public.discussion == ""


async def test_notes_can_be_written_behind_the_shield(
    db_path: Path, store: Store, workshop: Workshop
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    phase_id = store.state(workshop.id).current_phase.id  # type: ignore[union-attr]
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, ShieldScreen)
        await pilot.press("d")
        await until(pilot, lambda: "Notater: Utfordringer" in screen_text(app))
        await pilot.press(*"Intern")
        await until(
            pilot,
            lambda: (
                phase_id in store.read(minutes.item_notes, workshop.id)
                and store.read(minutes.item_notes, workshop.id)[phase_id].discussion == "Intern"
            ),
        )


async def test_the_editor_takes_a_pasted_attendance_list_per_party(
    db_path: Path, store: Store, workshop: Workshop
) -> None:
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("E")
        assert isinstance(app.screen, EditorScreen)
        app.screen.query_one(TabbedContent).active = "people-pane"
        await pilot.pause()
        box = app.screen.query_one("#people-folkevalgte", TextArea)
        box.insert("Kari Nordmann, ordfører\nPer Berg (forfall)\n")
        await until(pilot, lambda: len(store.read(minutes.attendees, workshop.id)) == 2)
        app.screen.query_one("#meeting-first", Input).value = "7"
        app.screen.query_one("#meeting-time", Input).value = "18:00–20:00"
        await until(pilot, lambda: store.read(minutes.meeting, workshop.id).first_item == 7)
        await until(pilot, lambda: store.read(minutes.meeting, workshop.id).time == "18:00–20:00")
    people = store.read(minutes.attendees, workshop.id)
    assert [(p.name, p.role, p.status) for p in people] == [
        ("Kari Nordmann", "ordfører", Presence.PRESENT),
        ("Per Berg", "", Presence.ABSENT),
    ]


async def test_e_saves_the_referat_in_all_formats_at_once(
    db_path: Path, store: Store, workshop: Workshop, tmp_path: Path, monkeypatch: object
) -> None:
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(tmp_path / "Dokumenter"))  # type: ignore[attr-defined]
    app = make_app(db_path, workshop.id)
    folder = tmp_path / "Dokumenter" / "Trepart"
    async with app.run_test(size=(100, 30)) as pilot:
        for round_ in (1, 2):
            await pilot.press("e")
            await until(pilot, lambda: "Alle formater" in screen_text(app))
            await pilot.click("#save")
            await until(pilot, lambda r=round_: len(list(folder.glob("*.docx"))) == r)
            await until(pilot, lambda r=round_: len(list(folder.glob("*.md"))) == r)
    names = sorted(p.name for p in folder.iterdir())
    stem = "Oppstartsseminar"
    for suffix in (".docx", ".pdf", ".html", ".md", ".xlsx", ".csv"):
        assert f"{stem}{suffix}" in names and f"{stem} (2){suffix}" in names, names
