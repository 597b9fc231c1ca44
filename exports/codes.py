"""The join code as a picture for a slide (`--format qr-png|qr-svg`), with the Wi-Fi code beside
it when phones must join a network first."""

from __future__ import annotations

from exports import wifi_qr
from facilitator import qr
from facilitator.wifi import Wifi


def files(code: str, join_url: str, wifi: Wifi | None, suffix: str) -> list[tuple[str, bytes]]:
    """`qr-CODE.png` (or `.svg`) and, with a network, `qr-CODE-wifi.png` beside it."""
    if suffix == ".png":
        out = [(f"qr-{code}.png", qr.png_bytes(join_url))]
        if wifi is not None:
            out.append((f"qr-{code}-wifi.png", wifi_qr.png_bytes(wifi)))
        return out
    out = [(f"qr-{code}.svg", qr.svg_text(join_url).encode("utf-8"))]
    if wifi is not None:
        out.append((f"qr-{code}-wifi.svg", wifi_qr.svg_text(wifi).encode("utf-8")))
    return out
