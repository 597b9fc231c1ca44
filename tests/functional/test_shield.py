"""While the shield is up the projector shows the title and nothing else (issue 13, item 11)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from textual.widgets import Select

from facilitator.model import Workshop
from facilitator.store import Store
from screens.shield import ShieldScreen
from tests.functional.tui_helpers import make_app, screen_text, until

VOTE = 6


def visible_words(app) -> set[str]:  # type: ignore[no-untyped-def]
    """The words on the screen, without the screenshot's style sheet and window title."""
    svg = re.sub(r"<(style|title)>.*?</\1>", "", app.export_screenshot(), flags=re.DOTALL)
    return set(html.unescape(re.sub(r"<[^>]+>", " ", svg)).replace("\xa0", " ").split())


async def test_no_toast_reaches_the_projector_behind_the_shield(
    db_path: Path, store: Store, workshop: Workshop
) -> None:
    store.open_phase(workshop.id, VOTE - 1)
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, ShieldScreen))
        await pilot.press("n")  # a vote without options: a warning for the facilitator
        await until(pilot, lambda: store.state(workshop.id).current_phase.position == VOTE)
        await pilot.press("question_mark")
        await pilot.pause()
        # ("Trepart" is the screenshot's window frame, not the projector)
        assert visible_words(app) - {"Trepart"} == set(workshop.title.split())
        await pilot.press("s")  # the shield is lifted: now the facilitator sees the warning
        await until(pilot, lambda: "Avstemningen har ingen valg" in screen_text(app))


async def test_the_export_toast_names_files_not_the_laptops_folders(
    db_path: Path, workshop: Workshop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(tmp_path / "Dokumenter"))
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(120, 34), notifications=True) as pilot:
        await pilot.press("e")
        app.screen.query_one("#format", Select).value = "md"
        app.screen.query_one("#save").focus()
        await pilot.press("enter")
        target = tmp_path / "Dokumenter" / "Trepart" / "Oppstartsseminar.md"
        await until(pilot, target.exists, rounds=2000)
        await until(pilot, lambda: "Oppstartsseminar.md" in screen_text(app))
        assert "Dokumenter/Trepart" in screen_text(app)
        shown = screen_text(app)  # the toast is on the projector: no folder of the laptop in it
        assert tmp_path.name not in shown and str(tmp_path.parent) not in shown
