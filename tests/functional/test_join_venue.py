"""The join view with a Wi-Fi network and several addresses, on the real app (Pilot)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import zxingcpp
from textual.widgets import Input

from facilitator import app as app_module
from facilitator.app import TrepartApp
from facilitator.model import Workshop
from facilitator.netinfo import usable_addresses
from facilitator.store import Store
from facilitator.wifi import Wifi
from screens.editor import EditorScreen
from screens.qr_code import QRCode, QRRenderable
from screens.run import RunScreen
from tests.functional.tui_helpers import screen_text, until

HALVES = {"█": (1, 1), "▀": (1, 0), "▄": (0, 1), " ": (0, 0)}
ROOM = [("wlan0", "192.168.1.20"), ("Local Area Connection* 10", "192.168.137.1")]


def codes_on_screen(widget: QRCode) -> set[str]:
    """Read what the projector draws back into modules, as a phone's camera would see them."""
    grid: list[list[int]] = []
    for line in QRRenderable(widget.data, widget.beside).lines:
        text = "".join(segment.text for segment in line)
        grid.append([HALVES[c][0] for c in text])
        grid.append([HALVES[c][1] for c in text])
    modules = np.array(grid, dtype=np.uint8)
    image = np.kron(255 - modules * 255, np.ones((6, 6), dtype=np.uint8)).astype(np.uint8)
    return {r.text for r in zxingcpp.read_barcodes(image)}


@pytest.fixture
def room(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        app_module, "usable_addresses", lambda: usable_addresses(ROOM, default="192.168.1.20")
    )


def venue_app(db_path: Path, workshop: Workshop, wifi: Wifi | None) -> TrepartApp:
    app = TrepartApp(db_path, workshop_id=workshop.id, host="127.0.0.1", port=0, wifi=wifi)
    app.address_fixed = False  # as with the default --host 0.0.0.0, but listening on loopback only
    return app


async def test_the_wifi_code_stands_beside_the_join_code_and_both_scan(
    db_path: Path, workshop: Workshop, room: None
) -> None:
    app = venue_app(db_path, workshop, Wifi("Kommune Gjest", "hemmelig1"))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: bool(app.screen.query("#qr")))
        port = app.port
        join = f"http://192.168.137.1:{port}/j/{workshop.code}"  # the hotspot's address first
        assert codes_on_screen(app.screen.query_one("#qr", QRCode)) == {
            "WIFI:T:WPA;S:Kommune Gjest;P:hemmelig1;;",
            join,
        }
        text = screen_text(app)
        assert "1. Wi-Fi: Kommune Gjest" in text and "2. Kode: T A N A 2 4" in text
        assert "Passord: hemmelig1" in text
        assert "1. Koble til nettet «Kommune Gjest»  2. Skann koden for å bli med" in text
        assert "▸ 192.168.137.1 hotspot" in text


async def test_i_moves_the_code_to_the_next_address_and_a_phone_ticks_it(
    db_path: Path, workshop: Workshop, room: None
) -> None:
    app = venue_app(db_path, workshop, None)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: bool(app.screen.query("#qr")))
        qr_code = app.screen.query_one("#qr", QRCode)
        assert qr_code.data == f"http://192.168.137.1:{app.port}/j/{workshop.code}"
        await pilot.press("i")
        lan = f"http://192.168.1.20:{app.port}/j/{workshop.code}"
        await until(pilot, lambda: qr_code.data == lan)
        assert codes_on_screen(qr_code) == {lan}
        assert "▸ 192.168.1.20 nettverk" in screen_text(app)
        assert "✓" not in screen_text(app)
        app.arrivals.saw("192.168.137.1", "192.168.137.57")  # what the server notes per request
        await until(pilot, lambda: "192.168.137.1 hotspot ✓ virker" in screen_text(app))


async def test_with_only_loopback_the_join_view_warns(
    db_path: Path, workshop: Workshop, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "usable_addresses", lambda: [])
    app = venue_app(db_path, workshop, None)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: "Ingen nettverk" in screen_text(app))
        assert f"http://127.0.0.1:{app.port}/j/{workshop.code}" in screen_text(app)


async def test_a_network_typed_in_the_editor_appears_beside_the_join_code(
    db_path: Path, store: Store, workshop: Workshop, room: None
) -> None:
    app = venue_app(db_path, workshop, None)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: bool(app.screen.query("#qr")))
        await pilot.press("E")
        assert isinstance(app.screen, EditorScreen)
        await pilot.pause()
        app.screen.query_one("#ws-wifi_password", Input).value = "kort"  # not a WPA password
        await until(pilot, lambda: "Et WPA-passord har 8–63 tegn." in screen_text(app))
        app.screen.query_one("#ws-wifi_password", Input).value = "passord123"
        app.screen.query_one("#ws-wifi_ssid", Input).value = "Rådhus Gjest"
        await until(pilot, lambda: store.workshop(workshop.id).wifi_ssid == "Rådhus Gjest")
        await pilot.press("escape")
        assert isinstance(app.screen, RunScreen)
        await until(pilot, lambda: "1. Wi-Fi: Rådhus Gjest" in screen_text(app))
        join = f"http://192.168.137.1:{app.port}/j/{workshop.code}"
        assert codes_on_screen(app.screen.query_one("#qr", QRCode)) == {
            "WIFI:T:WPA;S:Rådhus Gjest;P:passord123;;",
            join,
        }


def test_the_join_view_with_wifi_at_100_by_30(
    snap_compare, db_path: Path, workshop: Workshop
) -> None:  # type: ignore[no-untyped-def]
    app = TrepartApp(
        db_path,
        workshop_id=workshop.id,
        host="127.0.0.1",
        port=0,
        public_url="http://10.42.0.1:8080",  # fixed, so the picture is the same in every run
        wifi=Wifi("Kommune Gjest", "hemmelig1"),
    )
    assert snap_compare(app, terminal_size=(100, 30))


async def test_the_export_dialog_prints_the_handout_with_the_rooms_network(
    db_path: Path, workshop: Workshop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, room: None
) -> None:
    from textual.widgets import Select

    from tests.functional.test_handout import codes_in

    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(tmp_path / "Dokumenter"))
    app = venue_app(db_path, workshop, Wifi("Kommune Gjest", "hemmelig1"))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: bool(app.screen.query("#qr")))
        await pilot.press("e")
        app.screen.query_one("#format", Select).value = "handout-png"
        await pilot.click("#save")
        target = tmp_path / "Dokumenter" / "Trepart" / f"handout-{workshop.code}.png"
        await until(pilot, target.exists)
        port = app.port
    assert codes_in(target.read_bytes()) == {
        "WIFI:T:WPA;S:Kommune Gjest;P:hemmelig1;;",
        f"http://192.168.137.1:{port}/j/{workshop.code}",
    }
