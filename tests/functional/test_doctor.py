"""`trepart doctor`: the addresses, whether the port answers on each, and the hints for each system."""

from __future__ import annotations

import socket

import pytest

from facilitator import doctor
from facilitator.cli import main
from facilitator.netinfo import Address


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_the_port_answers_where_trepart_listens_and_not_where_nothing_does() -> None:
    port = free_port()
    here = [Address("127.0.0.1", "lo", "lan")]  # the loopback stands in for a real interface
    with doctor.listening(port) as own:
        assert own
        answered = doctor.report(here, port, platform="linux")
    assert f"  ✓ http://127.0.0.1:{port}   (lo, nettverk) – porten svarer" in answered
    closed = doctor.report(here, port, platform="linux")
    assert f"  ✗ http://127.0.0.1:{port}   (lo, nettverk) – porten svarer ikke" in closed


def test_each_system_gets_its_firewall_hint_and_windows_its_hotspot_limit() -> None:
    here = [Address("192.168.137.1", "Local Area Connection* 10", "hotspot")]
    never = lambda ip, port: False  # noqa: E731 (no connection is made to a real interface)
    windows = "\n".join(doctor.report(here, 8080, platform="win32", answers=never))
    assert "Brannmur (Windows)" in windows
    assert (
        "New-NetFirewallRule -DisplayName Trepart -Direction Inbound -Protocol TCP -LocalPort 8080"
        in windows
    )
    assert "høyst 8 enheter" in windows and "reiseruter" in windows
    macos = "\n".join(doctor.report(here, 8080, platform="darwin", answers=never))
    assert "Brannmur (macOS)" in macos and "8 enheter" not in macos
    linux = "\n".join(doctor.report(here, 8080, platform="linux", answers=never))
    assert "sudo ufw allow 8080/tcp" in linux


def test_only_loopback_is_a_warning_and_a_failure(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(doctor, "usable_addresses", lambda: [])
    assert main(["doctor", "--port", str(free_port())]) == 1
    out = capsys.readouterr().out
    assert "Advarsel: maskinen er ikke på noe nettverk telefonene kan nå (bare 127.0.0.1)." in out


def test_the_command_prints_every_address_and_says_when_the_port_is_taken(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(doctor, "usable_addresses", lambda: [Address("127.0.0.1", "lo", "lan")])
    port = free_port()
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", port))
        taken.listen(1)
        assert main(["doctor", "--port", str(port)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Adresser telefonene kan bruke (port {port}):")
    assert f"✓ http://127.0.0.1:{port}" in out
    assert f"Porten {port} er i bruk: kjører Trepart allerede?" in out
