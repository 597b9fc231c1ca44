"""Which addresses the join view offers, from fake interfaces of each operating system."""

from __future__ import annotations

from facilitator.netinfo import usable_addresses
from facilitator.venue import Arrivals
from screens.join_panel import address_lines

WINDOWS = [
    ("Loopback Pseudo-Interface 1", "127.0.0.1"),
    ("Wi-Fi", "192.168.1.20"),
    ("vEthernet (WSL)", "172.22.0.1"),
    ("Local Area Connection* 10", "192.168.137.1"),  # the Mobile hotspot's adapter
    ("Ethernet 2", "169.254.12.3"),
]


def test_the_hotspot_comes_first_then_the_default_network_and_no_loopback() -> None:
    found = usable_addresses(WINDOWS, default="192.168.1.20")
    assert [(a.ip, a.kind) for a in found] == [
        ("192.168.137.1", "hotspot"),
        ("192.168.1.20", "lan"),
        ("172.22.0.1", "virtual"),
        ("169.254.12.3", "link-local"),
    ]


def test_linux_and_macos_hotspots_are_recognised() -> None:
    linux = [
        ("lo", "127.0.0.1"),
        ("eth0", "10.0.0.7"),
        ("wlp2s0", "10.42.0.1"),
        ("docker0", "172.17.0.1"),
    ]
    assert [a.ip for a in usable_addresses(linux, default="10.0.0.7")] == [
        "10.42.0.1",
        "10.0.0.7",
        "172.17.0.1",
    ]
    macos = [("lo0", "127.0.0.1"), ("en0", "192.168.10.4"), ("bridge100", "192.168.3.1")]
    assert usable_addresses(macos, default="192.168.10.4")[0].kind == "hotspot"


def test_the_default_routes_address_leads_among_equal_networks() -> None:
    two = [("eth0", "10.1.1.1"), ("wlan0", "192.168.1.9")]
    assert [a.ip for a in usable_addresses(two, default="192.168.1.9")] == [
        "192.168.1.9",
        "10.1.1.1",
    ]


def test_only_loopback_gives_no_address_and_a_warning() -> None:
    assert usable_addresses([("lo", "127.0.0.1")], default="127.0.0.1") == []
    text = address_lines([], "http://127.0.0.1:8080/j/ABC", {}, fixed=False).plain
    assert "Ingen nettverk" in text and "hotspot" in text


def test_the_join_view_marks_the_address_in_use_and_ticks_where_a_phone_came() -> None:
    addresses = usable_addresses(WINDOWS, default="192.168.1.20")
    arrivals = Arrivals()
    seen: list[str] = []
    arrivals.subscribe(seen.append)
    assert not arrivals.saw("127.0.0.1", "127.0.0.1")  # the laptop itself (the demo) is no phone
    assert not arrivals.saw("192.168.137.1", "192.168.137.1")
    assert arrivals.saw("192.168.137.1", "192.168.137.23")
    assert not arrivals.saw("192.168.137.1", "192.168.137.24")  # only the first one counts
    assert seen == ["192.168.137.1"]
    text = address_lines(addresses, "http://192.168.1.20:8080/j/ABC", arrivals.first, fixed=False)
    lines = text.plain.splitlines()
    assert lines[0] == "Adresser (i: bytt):"
    assert lines[1].startswith("  192.168.137.1 hotspot ✓ virker")
    assert lines[2].startswith("▸ 192.168.1.20 nettverk")
    assert "✓" not in lines[2]
