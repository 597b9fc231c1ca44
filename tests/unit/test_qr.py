"""The QR code on the projector must scan: decode what the terminal shows with a real decoder."""

from __future__ import annotations

import numpy as np
import zxingcpp

from facilitator import qr

URL = "http://192.168.137.1:8080/j/K7QX3M"  # a Windows hotspot address, the longest usual case
HALVES = {"█": (1, 1), "▀": (1, 0), "▄": (0, 1), " ": (0, 0)}


def modules_from_terminal(lines: list[str]) -> np.ndarray:
    """Turn the half-block characters back into the module grid a phone's camera sees."""
    grid: list[list[int]] = []
    for line in lines:
        grid.append([HALVES[c][0] for c in line])
        grid.append([HALVES[c][1] for c in line])
    return np.array(grid, dtype=np.uint8)


def test_the_half_block_code_decodes_to_the_join_url() -> None:
    lines = qr.text_lines(URL)
    modules = modules_from_terminal(lines)
    image = np.kron(255 - modules * 255, np.ones((8, 8), dtype=np.uint8)).astype(np.uint8)
    results = zxingcpp.read_barcodes(image)
    assert [r.text for r in results] == [URL]


def test_the_code_has_a_quiet_zone_and_fits_a_projector() -> None:
    modules = qr.matrix(URL)
    assert not any(modules[0]) and not any(modules[-1])
    assert not any(row[0] or row[-1] for row in modules)
    lines = qr.text_lines(URL)
    assert len(lines) <= 22, "must leave room for the title and the party counts at 30 rows"
    assert max(len(line) for line in lines) <= 45


def test_the_svg_is_a_standalone_image() -> None:
    svg = qr.svg_text(URL)
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert "<rect" in svg
