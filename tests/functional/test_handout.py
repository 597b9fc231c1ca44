"""The printable handout and the QR exports with a Wi-Fi network: rendered, and read back by a decoder."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
import zxingcpp
from PIL import Image

from facilitator.cli import main
from facilitator.model import Workshop
from facilitator.netinfo import lan_address
from facilitator.store import Store
from facilitator.store.workshops import update_workshop

WIFI = "WIFI:T:WPA;S:Kommune Gjest;P:hemmelig1;;"


def codes_in(png: bytes) -> set[str]:
    image = np.array(Image.open(io.BytesIO(png)).convert("L"))
    return {r.text for r in zxingcpp.read_barcodes(image)}


def test_the_png_handout_carries_both_codes(
    db_path: Path, workshop: Workshop, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "bord.png"
    args = ["--db", str(db_path), "--wifi", "Kommune Gjest:hemmelig1", "export", workshop.code]
    assert main([*args, "--format", "handout", "-o", str(out)]) == 0
    png = out.read_bytes()
    assert png.startswith(b"\x89PNG")
    join = f"http://{lan_address()}:8080/j/{workshop.code}"
    assert codes_in(png) == {WIFI, join}
    width, height = Image.open(io.BytesIO(png)).size
    assert (width, height) == (1240, 1754)  # A4 at 150 dpi


def test_the_pdf_handout_is_one_a4_page_with_its_font_embedded(
    db_path: Path, workshop: Workshop, tmp_path: Path
) -> None:
    out = tmp_path / "handout.pdf"
    args = ["--db", str(db_path), "--lang", "se", "--wifi", "Kommune Gjest:hemmelig1", "export"]
    assert main([*args, workshop.code, "--format", "handout", "-o", str(out)]) == 0
    pdf = out.read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert b"/Count 1" in pdf and pdf.count(b"/Type /Page\n") == 1  # one page: the tree, one leaf
    assert b"/MediaBox [0 0 595.28 841.89]" in pdf
    assert b"/FontFile2" in pdf and b"DejaVuSans" in pdf  # the Sami letters need the embedded font
    assert b"/Lang (se)" in pdf


def test_a_handout_without_wifi_has_the_join_code_alone(store: Store, workshop: Workshop) -> None:
    from exports import render

    [(name, png)] = render(
        store, workshop.id, "handout-png", join_url="http://10.42.0.1:8080/j/TANA24"
    )
    assert name == "handout-TANA24.png"
    assert codes_in(png) == {"http://10.42.0.1:8080/j/TANA24"}


def test_the_editors_network_goes_on_the_qr_exports_beside_the_join_code(
    db_path: Path, store: Store, workshop: Workshop, tmp_path: Path
) -> None:

    store.write(update_workshop, workshop.id, wifi_ssid="Biblioteket", wifi_password="")
    out = tmp_path / "qr.png"
    assert (
        main(["--db", str(db_path), "export", workshop.code, "--format", "qr-png", "-o", str(out)])
        == 0
    )
    assert codes_in(out.read_bytes()) == {f"http://{lan_address()}:8080/j/{workshop.code}"}
    wifi_png = tmp_path / "qr-wifi.png"
    assert codes_in(wifi_png.read_bytes()) == {"WIFI:T:nopass;S:Biblioteket;;"}
    svg = tmp_path / "qr.svg"
    assert (
        main(["--db", str(db_path), "export", workshop.code, "--format", "qr-svg", "-o", str(svg)])
        == 0
    )
    text = (tmp_path / "qr-wifi.svg").read_text(encoding="utf-8")
    assert "1. Koble til nettet «Biblioteket»  2. Skann koden for å bli med" in text
    assert "1. Connect to the network “Biblioteket”" in text


def test_a_bad_wifi_value_is_one_sentence_and_exit_2(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--db", str(db_path), "--wifi", "Gjest:kort", "list"])
    assert exit_.value.code == 2
    assert "et WPA-passord har 8–63 tegn" in capsys.readouterr().err


def test_behind_a_proxy_the_handout_carries_the_public_address(
    db_path: Path, workshop: Workshop, tmp_path: Path
) -> None:
    out = tmp_path / "handout.png"
    public = "https://trepart.tana.kommune.no"
    args = ["--db", str(db_path), "export", workshop.code, "--public-url", public]
    assert main([*args, "--format", "handout", "-o", str(out)]) == 0
    assert codes_in(out.read_bytes()) == {f"{public}/j/{workshop.code}"}
