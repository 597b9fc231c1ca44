"""The venue's Wi-Fi as a QR code: a phone that scans it joins the network without typing.

Phones on a network without the laptop (a guest Wi-Fi that isolates clients, or 4G) cannot
reach the join page; a second code that puts them on the right network first saves the room
the spelling of an SSID and a password. The payload is the de-facto standard that Android's
and iOS's cameras read: `WIFI:T:WPA;S:<ssid>;P:<password>;;`.
"""

from __future__ import annotations

from dataclasses import dataclass

# The characters the format reserves; each is written with a backslash before it.
_SPECIAL = '\\;,":'

# One line per language beside the Wi-Fi code: connect first, then scan the join code. The Sami
# wording, like the Sami catalog, is a non-native writer's and wants a native speaker's review.
STEPS: dict[str, str] = {
    "nb": "1. Koble til nettet «{ssid}»  2. Skann koden for å bli med",
    "nn": "1. Kopla til nettet «{ssid}»  2. Skann koden for å bli med",
    "se": "1. Čatnas neahttii «{ssid}»  2. Skánne koda ja searvva",
    "en": "1. Connect to the network “{ssid}”  2. Scan the code to join",
}
PASSWORD_WORD: dict[str, str] = {
    "nb": "Passord",
    "nn": "Passord",
    "se": "Beassansátni",
    "en": "Password",
}
OPEN_WORD: dict[str, str] = {
    "nb": "åpent nett, uten passord",
    "nn": "ope nett, utan passord",
    "se": "rabas neahtta, ii beassansátni",
    "en": "open network, no password",
}


class WifiError(ValueError):
    """A --wifi value or editor field that cannot become a network (said in one sentence)."""


@dataclass(frozen=True, slots=True)
class Wifi:
    ssid: str
    password: str = ""

    @property
    def is_open(self) -> bool:
        return not self.password

    def payload(self) -> str:
        """The text inside the QR code; an open network is `T:nopass` with no P field."""
        if self.is_open:
            return f"WIFI:T:nopass;S:{escape(self.ssid)};;"
        return f"WIFI:T:WPA;S:{escape(self.ssid)};P:{escape(self.password)};;"

    def steps(self, lang: str) -> str:
        return STEPS.get(lang, STEPS["nb"]).format(ssid=self.ssid)

    def credentials(self, lang: str) -> str:
        """What a person types when the camera will not scan: the password, or that none is needed."""
        if self.is_open:
            return OPEN_WORD.get(lang, OPEN_WORD["nb"])
        return f"{PASSWORD_WORD.get(lang, PASSWORD_WORD['nb'])}: {self.password}"


def escape(text: str) -> str:
    return "".join("\\" + c if c in _SPECIAL else c for c in text)


def parse(spec: str) -> Wifi:
    """`SSID[:PASSWORD]` from the command line. The first colon not written as `\\:` ends the
    SSID, so a password may hold colons; a WPA password must be 8–63 characters."""
    ssid_chars: list[str] = []
    rest = ""
    index = 0
    while index < len(spec):
        char = spec[index]
        if char == "\\" and index + 1 < len(spec) and spec[index + 1] == ":":
            ssid_chars.append(":")
            index += 2
            continue
        if char == ":":
            rest = spec[index + 1 :]
            break
        ssid_chars.append(char)
        index += 1
    return network("".join(ssid_chars), rest)


def network(ssid: str, password: str = "") -> Wifi:
    """A checked network from its two fields (the editor's, or parse's)."""
    ssid = ssid.strip()
    if not ssid:
        raise WifiError("nettverksnavnet (SSID) kan ikke være tomt")
    if len(ssid.encode("utf-8")) > 32:
        raise WifiError("nettverksnavnet (SSID) kan være høyst 32 byte")
    if password and not 8 <= len(password) <= 63:
        raise WifiError("et WPA-passord har 8–63 tegn")
    return Wifi(ssid, password)


def from_fields(ssid: str, password: str) -> Wifi | None:
    """The workshop's stored network, or None when none is set or it is not valid."""
    if not ssid.strip():
        return None
    try:
        return network(ssid, password)
    except WifiError:
        return None
