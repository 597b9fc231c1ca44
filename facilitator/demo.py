"""A simulated audience: phones that join and write through the real HTTP endpoint.

Used by `trepart demo` so a facilitator can rehearse with a lively room, and by
tests and benchmarks as a realistic load. It speaks only HTTP, like a phone.
"""

from __future__ import annotations

import asyncio
import json
import random
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import aiohttp

CHALLENGES = [
    "Høyt sykefravær i pleie og omsorg, særlig på nattevakt",
    "For mange små stillinger – folk må jobbe flere steder for å få nok inntekt",
    "Vanskelig å rekruttere sykepleiere og lærere til distriktet",
    "Vi mister unge fagarbeidere til byene",
    "Informasjon fra politikerne når ikke ut til de ansatte",
    "Tillitsvalgte kommer for sent inn i omstillingsprosesser",
    "Budsjettkutt gjør at vi bare slukker branner",
    "Lite tid til å følge opp de som er sykmeldt",
    "Uklart hvem som har ansvar for hva mellom politikk og administrasjon",
    "Turnusen er laget for drift, ikke for heltid",
    "Mange vikarer gjør det vanskelig å holde kvaliteten",
    "Lav lønn for fagarbeidere sammenlignet med nabokommunene",
    "Verneombudene blir ikke tatt med i planleggingen",
    "Vi snakker om hverandre i stedet for med hverandre",
    "Omdømmet til kommunen som arbeidsgiver er svakt",
    "Digitalisering uten opplæring skaper frustrasjon",
    "Lange avstander mellom tjenestestedene",
    "Samisk språkkompetanse mangler i flere tjenester",
    "For lite kompetanseheving for assistenter",
    "Arbeidsmiljøutvalget (AMU) behandler saker for sent",
    "Sykefraværsoppfølgingen er ulik fra avdeling til avdeling",
    "Ledere har for mange ansatte å følge opp",
    "Politiske vedtak kommer uten at konsekvensene for de ansatte er belyst",
    "Deltidskultur i helse: mange ønsker større stillinger",
]

GOALS = [
    "Sykefraværet ned til under 8 % innen to år",
    "Heltid som hovedregel i alle nye utlysninger",
    "Alle nyansatte får en fadder det første halvåret",
    "Tillitsvalgte med fra starten i alle omstillinger",
    "Felles møteplass for folkevalgte, ledere og ansatte to ganger i året",
    "Vi skal være en kommune folk vil jobbe i",
    "Flere lærlinger i helse- og oppvekstfag",
    "Kompetanseplan for alle tjenester",
    "Åpenhet om budsjettprosessen fra tidlig fase",
    "Bedre nærvær gjennom tett oppfølging og tilrettelegging",
    "Samisk språk i barnehage og eldreomsorg",
    "Færre vikarer, flere faste stillinger",
    "Ledere med tid til å lede",
    "Gode rutiner for medvirkning i alle enheter",
]

EXPECTATIONS = {
    "folkevalgte": [
        "Tydelige prioriteringer og langsiktige vedtak",
        "At dere spør de ansatte før store vedtak",
        "Besøk ute i tjenestene, ikke bare i kommunestyresalen",
        "Respekt for at administrasjonen utreder",
    ],
    "administrasjon": [
        "Informasjon tidlig og ærlig, også når det er dårlige nyheter",
        "Involver tillitsvalgte før beslutningene er tatt",
        "Gode saksutredninger med konsekvenser for de ansatte",
        "Følg opp det vi blir enige om",
    ],
    "ansatte": [
        "Del erfaringer fra hverdagen, også det som ikke fungerer",
        "Bidra med løsninger, ikke bare problemer",
        "Tillitsvalgte som forankrer ute blant medlemmene",
        "Verneombud som melder fra tidlig",
    ],
}

QUESTIONS = [
    "Hva skjer med stillingen min etter sammenslåingen?",
    "Blir det nye arbeidssteder?",
    "Hvordan blir tillitsvalgte involvert videre?",
    "Når kommer den nye organisasjonsplanen?",
]

PROPOSALS = [
    "Prøveprosjekt med langvakter i helg på sykehjemmet",
    "Felles introduksjonsprogram for nyansatte",
    "Nærværsprosjekt i samarbeid med NAV arbeidslivssenter",
    "Ledersamling med tillitsvalgte hvert kvartal",
    "Rekrutteringspakke med bolig for sykepleiere",
]

PARTIES = ("folkevalgte", "administrasjon", "ansatte")


def card_text(category: str | None, party: str, rng: random.Random) -> tuple[str, str | None]:
    """A realistic card for a phase category, with a target party for role expectations."""
    if category == "role_expectation":
        target = rng.choice([p for p in PARTIES if p != party])
        return rng.choice(EXPECTATIONS[target]), target
    pool = {"goal": GOALS, "question": QUESTIONS, "proposal": PROPOSALS}.get(
        category or "", CHALLENGES
    )
    return rng.choice(pool), None


@dataclass
class RoomState:
    """What the audience knows of the workshop: the phase the phones see."""

    phase: dict[str, object] | None = None
    changed: asyncio.Event = field(default_factory=asyncio.Event)

    def set(self, phase: dict[str, object] | None) -> None:
        self.phase = phase
        self.changed.set()
        self.changed = asyncio.Event()

    @property
    def collecting(self) -> bool:
        return bool(
            self.phase
            and self.phase.get("kind") in ("collect", "actions")
            and self.phase.get("category")
            and self.phase.get("status") == "open"
        )

    @property
    def deciding(self) -> bool:
        """A vote or a pulse is open: each phone answers once."""
        return bool(
            self.phase
            and self.phase.get("kind") in ("vote", "rate")
            and self.phase.get("status") == "open"
        )


async def sse_events(response: aiohttp.ClientResponse) -> AsyncIterator[tuple[str, str]]:
    event, data = "message", list[str]()
    async for raw in response.content:
        line = raw.decode().rstrip("\r\n")
        if not line:
            if data:
                yield event, "\n".join(data)
            event, data = "message", []
        elif line.startswith("event:"):
            event = line[6:].strip()
        elif line.startswith("data:"):
            data.append(line[5:].strip())


class Audience:
    """`phones` simulated phones, evenly spread over the parties, writing at a human pace.

    `pace` scales every pause: 1.0 is a real room (a card every 10–40 s per
    phone), 0.01 a quick test. Each phone sends at most `cards_per_phase` cards
    per phase, so the run ends by itself when the phases do.
    """

    def __init__(
        self,
        base_url: str,
        code: str,
        *,
        phones: int = 24,
        pace: float = 1.0,
        cards_per_phase: int = 3,
        seed: int | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.code = code
        self.phones = phones
        self.pace = pace
        self.cards_per_phase = cards_per_phase
        self.rng = random.Random(seed)
        self.room = RoomState()
        self.sent = 0

    async def run(self) -> None:
        async with aiohttp.ClientSession() as session:
            listener = asyncio.create_task(self._listen(session))
            try:
                await asyncio.gather(*(self._phone(session, i) for i in range(self.phones)))
            finally:
                listener.cancel()

    async def _listen(self, session: aiohttp.ClientSession) -> None:
        url = f"{self.base_url}/api/v1/w/{self.code}/events"
        while True:
            try:
                async with session.get(url, timeout=aiohttp.ClientTimeout(total=None)) as resp:
                    async for name, data in sse_events(resp):
                        if name == "phase":
                            self.room.set(json.loads(data)["phase"])
            except aiohttp.ClientError:
                await asyncio.sleep(1.0)

    async def _decide(
        self, session: aiohttp.ClientSession, headers: dict[str, str], rng: random.Random
    ) -> bool:
        """Spread the dots over the options on the phone, or answer the pulse; True when accepted."""
        base = f"{self.base_url}/api/v1/w/{self.code}"
        async with session.get(f"{base}/state", headers=headers) as resp:
            phase = (await resp.json())["phase"] or {}
        if phase.get("kind") == "rate":
            body: dict[str, object] = {"value": rng.choices([1, 2, 3, 4, 5], [1, 2, 4, 5, 2])[0]}
            url = f"{base}/ratings"
        else:
            options = [o["id"] for o in phase.get("options", [])]
            if not options:
                return False
            allocation: dict[str, int] = {}
            favourites = rng.sample(options, k=min(len(options), 2))
            for _ in range(int(phase.get("dots", 3))):
                choice = str(rng.choice(favourites))
                allocation[choice] = allocation.get(choice, 0) + 1
            body, url = {"allocations": allocation}, f"{base}/votes"
        async with session.post(url, json=body, headers=headers) as resp:
            return resp.status == 200

    async def _pause(self, low: float, high: float) -> None:
        await asyncio.sleep(self.rng.uniform(low, high) * self.pace)

    async def _phone(self, session: aiohttp.ClientSession, index: int) -> None:
        party = PARTIES[index % len(PARTIES)]
        rng = random.Random(self.rng.random())
        await self._pause(0.5, 12.0)
        async with session.post(
            f"{self.base_url}/api/v1/w/{self.code}/participants",
            json={"party": party, "lang": "nb"},
        ) as resp:
            if resp.status != 201:
                return
            token = (await resp.json())["token"]
        headers = {"Authorization": f"Bearer {token}"}
        sent_in: dict[object, int] = {}
        answered: set[object] = set()
        while True:
            if self.room.deciding and (self.room.phase or {}).get("id") not in answered:
                phase_id = (self.room.phase or {}).get("id")
                await self._pause(3.0, 20.0)
                if await self._decide(session, headers, rng):
                    answered.add(phase_id)
                else:
                    await self.room.changed.wait()
                continue
            if not self.room.collecting:
                await self.room.changed.wait()
                continue
            phase = self.room.phase or {}
            phase_id = phase.get("id")
            if sent_in.get(phase_id, 0) >= self.cards_per_phase:
                await self.room.changed.wait()
                continue
            await self._pause(10.0, 40.0)
            if not self.room.collecting or (self.room.phase or {}).get("id") != phase_id:
                continue
            text, target = card_text(str(phase.get("category")), party, rng)
            body: dict[str, object] = {"id": str(uuid.uuid4()), "text": text}
            if target:
                body["target_party"] = target
            async with session.post(
                f"{self.base_url}/api/v1/w/{self.code}/submissions", json=body, headers=headers
            ) as resp:
                if resp.status in (200, 201):
                    self.sent += 1
                    sent_in[phase_id] = sent_in.get(phase_id, 0) + 1
                elif resp.status == 409:
                    await self.room.changed.wait()
