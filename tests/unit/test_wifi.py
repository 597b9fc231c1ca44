"""The Wi-Fi QR code a phone's camera reads: the payload, its escaping, decoded back by a real decoder."""

from __future__ import annotations

import numpy as np
import pytest
import zxingcpp

from facilitator import qr
from facilitator.wifi import Wifi, WifiError, parse


def decode(modules: list[list[bool]]) -> list[str]:
    grid = np.array(modules, dtype=np.uint8)
    image = np.kron(255 - grid * 255, np.ones((8, 8), dtype=np.uint8)).astype(np.uint8)
    return [r.text for r in zxingcpp.read_barcodes(image)]


def fields(payload: str) -> dict[str, str]:
    """Read a WIFI: payload back as a phone does: split on unescaped `;`, drop the backslashes."""
    assert payload.startswith("WIFI:") and payload.endswith(";;")
    found: dict[str, str] = {}
    field, chars, escaped = "", [], False
    for char in payload[5:-1]:
        if escaped:
            chars.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == ";":
            found[field[0]] = "".join(chars)[2:]
            field, chars = "", []
        else:
            chars.append(char)
            field = field or char
    return found


def test_a_wpa_network_is_the_format_phones_read() -> None:
    wifi = Wifi("Kommune Gjest", "hemmelig1")
    assert wifi.payload() == "WIFI:T:WPA;S:Kommune Gjest;P:hemmelig1;;"
    assert decode(qr.matrix(wifi.payload())) == [wifi.payload()]


def test_every_reserved_character_is_escaped_and_decodes_back() -> None:
    wifi = Wifi('Rådhus;2,"B":\\', 'pa;ss,wo"rd:\\x')
    payload = wifi.payload()
    assert payload == 'WIFI:T:WPA;S:Rådhus\\;2\\,\\"B\\"\\:\\\\;P:pa\\;ss\\,wo\\"rd\\:\\\\x;;'
    [decoded] = decode(qr.matrix(payload))
    assert decoded == payload
    assert fields(decoded) == {"T": "WPA", "S": 'Rådhus;2,"B":\\', "P": 'pa;ss,wo"rd:\\x'}


def test_an_open_network_has_no_password_field() -> None:
    wifi = Wifi("Biblioteket")
    assert wifi.payload() == "WIFI:T:nopass;S:Biblioteket;;"
    assert fields(decode(qr.matrix(wifi.payload()))[0]) == {"T": "nopass", "S": "Biblioteket"}
    assert wifi.credentials("nb") == "åpent nett, uten passord"


def test_the_command_line_value_splits_at_the_first_unescaped_colon() -> None:
    assert parse("Kommune Gjest:hemmelig") == Wifi("Kommune Gjest", "hemmelig")
    assert parse("Gjest:pass:med:kolon") == Wifi("Gjest", "pass:med:kolon")
    assert parse("Nett\\:1:passord123") == Wifi("Nett:1", "passord123")
    assert parse("Biblioteket") == Wifi("Biblioteket", "")


@pytest.mark.parametrize("spec", ["", ":passord123", "Gjest:kort", "x" * 33])
def test_a_network_that_cannot_work_is_refused(spec: str) -> None:
    with pytest.raises(WifiError):
        parse(spec)


def test_the_steps_say_connect_then_scan_in_every_language() -> None:
    wifi = Wifi("Kommune Gjest", "hemmelig1")
    assert wifi.steps("nb") == "1. Koble til nettet «Kommune Gjest»  2. Skann koden for å bli med"
    assert wifi.steps("en").startswith("1. Connect to the network “Kommune Gjest”  2. Scan")
    for lang in ("nn", "se"):
        assert wifi.steps(lang).startswith("1. ") and "2. " in wifi.steps(lang)


def test_two_codes_side_by_side_both_decode() -> None:
    wifi = Wifi("Kommune Gjest", "hemmelig1").payload()
    url = "http://192.168.137.1:8080/j/K7QX3M"
    pair = qr.side_by_side(qr.matrix(wifi), qr.matrix(url))
    assert sorted(decode(pair)) == sorted([wifi, url])
    assert len(pair[0]) == len(qr.matrix(wifi)[0]) + len(qr.matrix(url)[0]) - qr.QUIET_ZONE
