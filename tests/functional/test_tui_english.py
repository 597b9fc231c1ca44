"""`trepart --lang en`: a facilitator walks the whole workshop and sees no bokmål on the projector."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from facilitator.app import TrepartApp
from facilitator.i18n import set_ui_language
from facilitator.model import PhaseKind
from facilitator.store import Store
from tests.functional.tui_helpers import PUBLIC_URL, post_card, screen_text, until
from tests.unit.test_tui_i18n import BOKMAAL


@pytest.fixture(autouse=True)
def back_to_bokmaal() -> Iterator[None]:
    yield
    set_ui_language("nb")  # the language is process-wide: leave the next test in bokmål


def english_app(db_path: Path, workshop_id: int | None = None) -> TrepartApp:
    return TrepartApp(
        db_path,
        workshop_id=workshop_id,
        host="127.0.0.1",
        port=0,
        public_url=PUBLIC_URL,
        lang="en",
    )


def bokmaal_in(text: str) -> list[str]:
    return sorted({m.group(0) for m in BOKMAAL.finditer(text)})


async def test_every_screen_of_a_workshop_is_in_english(db_path: Path, store: Store) -> None:
    ws = store.create_workshop(
        "tana-oppstart", title="Kickoff seminar", municipality="Tana", code="TANA24"
    )
    kinds = [p.kind for p in store.state(ws.id).phases]
    app = english_app(db_path, ws.id)
    seen: dict[str, str] = {}
    async with app.run_test(size=(120, 34)) as pilot:
        position = lambda: app.store.state(ws.id).current_phase.position  # noqa: E731
        seen["join view"] = screen_text(app)
        await pilot.press("n", "n")
        await until(pilot, lambda: position() == 2)
        await post_card(app, ws.code, "Too many part-time positions", party="ansatte")
        await until(pilot, lambda: "Too many part-time positions" in screen_text(app))
        seen["wall"] = screen_text(app)
        await pilot.press("question_mark")
        await pilot.pause()
        seen["help panel"] = screen_text(app)
        await pilot.press("question_mark")
        depth = len(app.screen_stack)  # the run screen
        for key, name in (
            ("b", "board"),
            ("l", "actions"),
            ("e", "export dialog"),
            ("s", "shield"),
        ):
            await pilot.press(key)
            await until(pilot, lambda: len(app.screen_stack) == depth + 1)
            seen[name] = screen_text(app)
            await pilot.press("escape")
            await until(pilot, lambda: len(app.screen_stack) == depth)
        vote = kinds.index(PhaseKind.VOTE) + 1
        while position() < vote:
            before = position()
            await pilot.press("n")
            await until(pilot, lambda before=before: position() > before)
            seen[f"phase {position()}"] = screen_text(app)
        await pilot.press("r")
        await pilot.pause()
        seen["results"] = screen_text(app)
        await pilot.press("escape")
        await until(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        await until(pilot, lambda: "New workshop" in screen_text(app))
        seen["home"] = screen_text(app)

    found = {name: bokmaal_in(text) for name, text in seen.items() if bokmaal_in(text)}
    assert found == {}
    assert "Challenges" in seen["wall"] and "Next" in seen["wall"]
    assert "New workshop" in seen["home"]


def test_english_is_chosen_on_the_command_line() -> None:
    from facilitator.cli import build_parser

    args = build_parser().parse_args(["--lang", "en", "demo"])
    assert args.lang == "en"
    assert set_ui_language("en") == "en"
    assert set_ui_language("se") == "nb"  # no Sami TUI catalog: the screens stay in bokmål
