"""Phone strings of issue 13 (kept apart so parallel work merges cleanly); tools/translations.py
folds them into T."""

from __future__ import annotations

PHONE_T: dict[str, tuple[str, str, str]] = {  # msgid: (nynorsk, davvisámegiella, English)
    "Innspillet er trukket tilbake.": (
        "Innspelet er trekt tilbake.",
        "Árvalus lea gessojuvvon ruovttoluotta.",
        "Your contribution has been withdrawn.",
    ),
    "Trekk tilbake": ("Trekk tilbake", "Geasse ruovttoluotta", "Withdraw"),
    "{over} prikker for mye: ta bort noen.": (
        "{over} prikkar for mykje: ta bort nokre.",
        "{over} čuoggá menddo ollu: váldde muhtumiid eret.",
        "{over} dots too many: take some away.",
    ),
    "Takk for at du var med. Her kan ingen sende mer.": (
        "Takk for at du var med. Her kan ingen sende meir.",
        "Giitu go searvvat. Dáppe ii sáhte šat oktage sáddet.",
        "Thank you for taking part. Nothing more can be sent here.",
    ),
}
