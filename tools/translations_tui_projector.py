"""English for the projector strings of issue 13 (kept apart so parallel work merges cleanly).

tools/translations_tui.py folds these into TUI_EN and TUI_EN_PLURALS.
"""

from __future__ import annotations

PROJECTOR_EN: dict[str, str] = {
    "«{value}» er ikke en dato: skriv DD.MM.ÅÅÅÅ eller ÅÅÅÅ-MM-DD.": (
        "“{value}” is not a date: write DD.MM.YYYY or YYYY-MM-DD."
    ),
    "Ikke lagret": "Not saved",
    "Enter redigerer feltet · mellomrom endrer status · S sorterer på frist, ansvarlig, status": (
        "Enter edits the field · space changes status · S sorts by deadline, owner, status"
    ),
    "Sorter (frist, ansvarlig, status)": "Sort (deadline, owner, status)",
    "Sortert etter {key}": "Sorted by {key}",
    "rekkefølge": "order",
    "frist": "deadline",
    "ansvarlig": "owner",
    "status": "status",
    "Ingen": "None",
    "Skriv selv …": "Type it …",
    "Fokusområde for «{action}»": "Focus area for “{action}”",
    "Hva": "What",
    "Fokusområdene så langt": "The focus areas so far",
    "Ingen grupper ennå: prosesslederen lager dem på tavla (b).": (
        "No groups yet: the facilitator makes them on the board (b)."
    ),
    "{count} innspill er ikke sortert ennå.": "{count} cards are not sorted yet.",
    "Dette har vi bestemt": "What we decided",
    "Viktigst for oss": "Most important to us",
    "Ingen prioriteringer, enigheter eller tiltak er registrert.": (
        "No priorities, agreements or actions are recorded."
    ),
    "Åpne en rute i matrisen": "Open a cell of the matrix",
    "Matrisen har ingen innspill ennå.": "The matrix has no cards yet.",
    "Hvilken rute skal vises på hele skjermen?": "Which cell should fill the screen?",
    "også fra {parties}": "also from {parties}",
    "Raden over": "Row above",
    "Raden under": "Row below",
    "Resultat (prioritering, puls)": "Results (vote, pulse)",
    "Blå": "Blue",
    "Oransje": "Orange",
    "Grønn": "Green",
    "Himmelblå": "Sky blue",
    "Rødoransje": "Vermilion",
    "Rosa": "Pink",
    "Gul": "Yellow",
    "Egen farge": "Own colour",
    "Deltakersiden lytter på alle nettverk, port {port}: {url}": (
        "The participants' page listens on every network, port {port}: {url}"
    ),
    "Deltakersiden lytter bare på {host}, port {port}: {url}": (
        "The participants' page listens on {host} only, port {port}: {url}"
    ),
    "Lagret i {folder}: {files}": "Saved in {folder}: {files}",
    "«{phase}» er allerede åpen.": "“{phase}” is already open.",
    "Åpne «{phase}»? «{current}» lukkes, og telefonene får det nye spørsmålet.": (
        "Open “{phase}”? “{current}” closes, and the phones get the new question."
    ),
}

PROJECTOR_EN_PLURALS: dict[tuple[str, str], tuple[str, str]] = {
    ("{count} prikk", "{count} prikker"): ("{count} dot", "{count} dots"),
    (
        "Nyeste først. {count} eldre innspill står bare på tavla (tast b).",
        "Nyeste først. {count} eldre innspill står bare på tavla (tast b).",
    ): (
        "Newest first. {count} older card is only on the board (key b).",
        "Newest first. {count} older cards are only on the board (key b).",
    ),
}
