"""The API's error vocabulary: a stable code, an HTTP status and a localised sentence."""

from __future__ import annotations

from typing import Final

from aiohttp import web

from facilitator.i18n import translator

# code → (status, bokmål message). The message is the gettext source string.
ERRORS: Final[dict[str, tuple[int, str]]] = {
    "bad_request": (400, "Forespørselen kunne ikke leses."),
    "invalid_json": (400, "Innholdet er ikke gyldig JSON."),
    "invalid_encoding": (400, "Teksten er ikke gyldig UTF-8."),
    "not_joined": (401, "Du må bli med i workshopen før du kan sende."),
    "forbidden_origin": (403, "Skjemaet ble sendt fra en annen side."),
    "unknown_workshop": (404, "Fant ingen workshop med denne koden."),
    "unknown_card": (404, "Fant ikke innspillet."),
    "not_found": (404, "Fant ikke siden."),
    "method_not_allowed": (405, "Denne metoden er ikke tillatt her."),
    "phase_closed": (409, "Denne delen er ikke åpen for innspill nå. Vent på neste spørsmål."),
    "phase_over": (409, "Spørsmålet er lukket. Innspillet ble ikke sendt."),
    "workshop_closed": (409, "Workshopen er avsluttet."),
    "id_in_use": (409, "Denne id-en er allerede brukt av et annet innspill."),
    "timeout": (408, "Forespørselen tok for lang tid. Prøv igjen."),
    "too_large": (413, "Forespørselen er for stor."),
    "unsupported_media_type": (415, "Innholdet må sendes som JSON."),
    "unsupported_form": (415, "Skjemaet ble sendt i et format siden ikke kjenner."),
    "unsupported_charset": (415, "Teksten må sendes som UTF-8."),
    "unknown_field": (422, "Forespørselen har et felt som ikke er kjent."),
    "invalid_value": (422, "En verdi i forespørselen er ugyldig."),
    "text_empty": (422, "Skriv noe før du sender."),
    "text_too_long": (422, "Teksten er for lang (høyst {max} tegn)."),
    "invalid_text": (422, "Teksten inneholder tegn som ikke er tillatt."),
    "too_many_lines": (422, "Teksten har for mange linjer (høyst {max})."),
    "unknown_party": (422, "Velg en av partene."),
    "unknown_option": (422, "Et av valgene finnes ikke i denne avstemningen."),
    "too_many_dots": (422, "Du har bare {dots} prikker å fordele."),
    "too_many_on_one": (422, "Du kan sette høyst {max} prikker på ett valg."),
    "invalid_rating": (422, "Velg et tall fra 1 til 5."),
    "too_many_requests": (429, "Du sender for raskt. Vent litt og prøv igjen."),
    "too_many_connections": (
        429,
        "For mange tilkoblinger fra denne enheten. Lukk noen faner og prøv igjen.",
    ),
    "unavailable": (503, "Lagringen er ikke tilgjengelig akkurat nå. Prøv igjen om litt."),
}


class ApiError(Exception):
    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.status, self.source = ERRORS[code]
        self.params = params

    def message(self, lang: str) -> str:
        return translator(lang)(self.source).format(**self.params)

    def response(self, lang: str = "nb") -> web.Response:
        return web.json_response(
            {"error": {"code": self.code, "message": self.message(lang)}}, status=self.status
        )
