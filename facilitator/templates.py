"""Workshop templates: data, not code paths.

Each template is the agenda a facilitator starts from. Prompts are written in
bokmål and, where written, nynorsk, nordsamisk (marked for review by a native
speaker) and English; the phone page falls back to bokmål string by string.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from facilitator.model import Category, PhaseKind

Texts = dict[str, str]


@dataclass(frozen=True, slots=True)
class PartySpec:
    key: str
    names: Texts
    color: str
    seats: int | None = None


@dataclass(frozen=True, slots=True)
class PhaseSpec:
    kind: PhaseKind
    titles: Texts
    prompts: Texts
    category: Category | None = None


@dataclass(frozen=True, slots=True)
class Template:
    key: str
    name: str
    description: str
    phases: tuple[PhaseSpec, ...]
    parties: tuple[PartySpec, ...] = field(default_factory=lambda: PARTIES)
    numbered: bool = False  # a steering group's saksliste: "Sak 01/24", "Sak 02/24", …
    themes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # seeded focus areas


# Okabe-Ito colours: distinguishable with colour blindness and on a washed-out projector.
PARTIES: tuple[PartySpec, ...] = (
    PartySpec(
        "folkevalgte",
        {
            "nb": "Folkevalgte",
            "nn": "Folkevalde",
            "se": "Álbmotválljejuvvon áirasat",
            "en": "Elected officials",
        },
        "#0072B2",
    ),
    PartySpec(
        "administrasjon",
        {"nb": "Administrasjon", "nn": "Administrasjon", "se": "Hálddahus", "en": "Administration"},
        "#E69F00",
    ),
    PartySpec(
        "ansatte",
        {
            "nb": "Ansatte og tillitsvalgte",
            "nn": "Tilsette og tillitsvalde",
            "se": "Bargit ja luohttámušolbmot",
            "en": "Employees and union reps",
        },
        "#009E73",
    ),
)


def _p(
    kind: PhaseKind, titles: Texts, prompts: Texts, category: Category | None = None
) -> PhaseSpec:
    return PhaseSpec(kind=kind, titles=titles, prompts=prompts, category=category)


WELCOME = _p(
    PhaseKind.INFO,
    {
        "nb": "Velkommen – bli med",
        "nn": "Velkomen – bli med",
        "se": "Bures boahtin – searvva",
        "en": "Welcome – join",
    },
    {
        "nb": "Skann QR-koden og velg hvilken part du tilhører.",
        "nn": "Skann QR-koden og vel kva part du høyrer til.",
        "se": "Skánne QR-koda ja vállje guđe bellodahkii gullat.",
        "en": "Scan the QR code and choose your party.",
    },
)

CHALLENGES = _p(
    PhaseKind.COLLECT,
    {"nb": "Utfordringer", "nn": "Utfordringar", "se": "Hástalusat", "en": "Challenges"},
    {
        "nb": "Hvilke utfordringer står kommunen overfor?",
        "nn": "Kva utfordringar står kommunen overfor?",
        "se": "Makkár hástalusat leat gielddas?",
        "en": "What challenges does the municipality face?",
    },
    Category.CHALLENGE,
)

GOALS = _p(
    PhaseKind.COLLECT,
    {
        "nb": "Felles retning og mål",
        "nn": "Felles retning og mål",
        "se": "Oktasaš guovdu ja ulbmilat",
        "en": "Common direction and goals",
    },
    {
        "nb": "Hva vil vi oppnå sammen de neste to årene?",
        "nn": "Kva vil vi oppnå saman dei neste to åra?",
        "se": "Maid háliidit olahit ovttas boahtte guokte jagi?",
        "en": "What do we want to achieve together in the next two years?",
    },
    Category.GOAL,
)

ROLES = _p(
    PhaseKind.COLLECT,
    {
        "nb": "Roller og forventninger",
        "nn": "Roller og forventningar",
        "se": "Rollat ja vuordámušat",
        "en": "Roles and expectations",
    },
    {
        "nb": "Hva forventer du av en annen part i samarbeidet?",
        "nn": "Kva forventar du av ein annan part i samarbeidet?",
        "se": "Maid vuordát eará bellodagas ovttasbarggus?",
        "en": "What do you expect from another party in the cooperation?",
    },
    Category.ROLE_EXPECTATION,
)

GROUPING = _p(
    PhaseKind.GROUP,
    {"nb": "Fokusområder", "nn": "Fokusområde", "se": "Fokusguovllut", "en": "Focus areas"},
    {
        "nb": "Prosesslederen samler innspillene i fokusområder.",
        "nn": "Prosessleiaren samlar innspela i fokusområde.",
        "se": "Proseassajođiheaddji čohkke árvalusaid fokusguovlluide.",
        "en": "The facilitator groups the contributions into focus areas.",
    },
)

PRIORITISE = _p(
    PhaseKind.VOTE,
    {"nb": "Prioritering", "nn": "Prioritering", "se": "Vuoruheapmi", "en": "Prioritisation"},
    {
        "nb": "Hvilke fokusområder er viktigst? Fordel prikkene dine.",
        "nn": "Kva fokusområde er viktigast? Fordel prikkane dine.",
        "se": "Makkár fokusguovllut leat deháleamos? Juoge čuoggáid.",
        "en": "Which focus areas matter most? Spread your dots.",
    },
)

ACTIONS = _p(
    PhaseKind.ACTIONS,
    {"nb": "Tiltak", "nn": "Tiltak", "se": "Doaibmabijut", "en": "Actions"},
    {
        "nb": "Hvilke tiltak foreslår du for fokusområdene?",
        "nn": "Kva tiltak føreslår du for fokusområda?",
        "se": "Makkár doaibmabijuid evttohat fokusguovlluide?",
        "en": "Which actions do you propose for the focus areas?",
    },
    Category.PROPOSAL,
)

SUMMARY = _p(
    PhaseKind.INFO,
    {"nb": "Oppsummering", "nn": "Oppsummering", "se": "Čoahkkáigeassu", "en": "Summary"},
    {
        "nb": "Takk for innsatsen! Referatet sendes ut etter møtet.",
        "nn": "Takk for innsatsen! Referatet blir sendt ut etter møtet.",
        "se": "Giitu barggus! Čoahkkinmuitu sáddejuvvo čoahkkima maŋŋá.",
        "en": "Thank you! The minutes will be sent out after the meeting.",
    },
)

PULSE = _p(
    PhaseKind.RATE,
    {
        "nb": "Hvordan går samarbeidet?",
        "nn": "Korleis går samarbeidet?",
        "se": "Mo ovttasbargu manná?",
        "en": "How is the cooperation going?",
    },
    {
        "nb": "Hvordan går samarbeidet oss imellom? (1 = dårlig, 5 = svært godt)",
        "nn": "Korleis går samarbeidet oss imellom? (1 = dårleg, 5 = svært godt)",
        "se": "Mo ovttasbargu min gaskkas manná? (1 = heajos, 5 = hui buorre)",
        "en": "How is our cooperation going? (1 = poor, 5 = very good)",
    },
)

REVIEW = _p(
    PhaseKind.REVIEW,
    {
        "nb": "Hva har vi fått til siden sist?",
        "nn": "Kva har vi fått til sidan sist?",
        "se": "Maid leat olahan maŋimuš háve rájes?",
        "en": "What have we achieved since last time?",
    },
    {
        "nb": "Gjennomgang av åpne tiltak fra forrige møte.",
        "nn": "Gjennomgang av opne tiltak frå førre møte.",
        "se": "Čađaheapmi rabas doaibmabijuin ovddit čoahkkimis.",
        "en": "Review of open actions from the previous meeting.",
    },
)


def _info(nb: str, en: str, prompt_nb: str, prompt_en: str) -> PhaseSpec:
    return _p(PhaseKind.INFO, {"nb": nb, "en": en}, {"nb": prompt_nb, "en": prompt_en})


SOBK_THEMES: dict[str, tuple[str, ...]] = {
    "Sykefravær": ("sykefravær nærvær sykmelding oppfølging fravær",),
    "Heltidskultur": ("heltid deltid stillingsstørrelse turnus vakter",),
    "Kompetanse og rekruttering": ("kompetanse rekruttering fagarbeidere utdanning beholde",),
    "Omdømme": ("omdømme stolthet arbeidsgiver media innbyggere",),
}


TEMPLATES: dict[str, Template] = {
    t.key: t
    for t in (
        Template(
            "tana-oppstart",
            "Oppstartsseminar (Tana)",
            "Utfordringer, felles retning og mål, roller og forventninger, fokusområder og tiltak.",
            (WELCOME, CHALLENGES, GOALS, ROLES, GROUPING, PRIORITISE, ACTIONS, PULSE, SUMMARY),
        ),
        Template(
            "samhandlingsmote",
            "Samhandlings- og utviklingsmøte",
            "Uformell arena to ganger i året med et tema, 3–4 plasser per part.",
            (
                WELCOME,
                _p(
                    PhaseKind.COLLECT,
                    {"nb": "Dagens tema", "nn": "Dagens tema", "en": "Today's theme"},
                    {
                        "nb": "Samhandling i omstilling: hva fungerer, og hva skaver?",
                        "nn": "Samhandling i omstilling: kva fungerer, og kva skaver?",
                        "en": "Cooperation in restructuring: what works, and what chafes?",
                    },
                    Category.CHALLENGE,
                ),
                ROLES,
                GROUPING,
                ACTIONS,
                SUMMARY,
            ),
            tuple(PartySpec(p.key, p.names, p.color, seats=4) for p in PARTIES),
        ),
        Template(
            "styringsgruppe",
            "Styringsgruppemøte",
            "Nummerert saksliste med godkjenning, oppfølging av tiltak, puls og åpen post.",
            (
                _info(
                    "Godkjenning av innkalling og saksliste",
                    "Approval of notice and agenda",
                    "Er innkalling og saksliste godkjent?",
                    "Are notice and agenda approved?",
                ),
                REVIEW,
                _p(
                    PhaseKind.COLLECT,
                    {"nb": "Saker", "nn": "Saker", "en": "Items"},
                    {
                        "nb": "Hvilke saker vil du ta opp?",
                        "nn": "Kva saker vil du ta opp?",
                        "en": "Which items do you want to raise?",
                    },
                    Category.PROPOSAL,
                ),
                PULSE,
                _p(
                    PhaseKind.COLLECT,
                    {"nb": "Åpen post", "nn": "Open post", "en": "Any other business"},
                    {
                        "nb": "Noe mer vi bør snakke om?",
                        "nn": "Noko meir vi bør snakke om?",
                        "en": "Anything else we should talk about?",
                    },
                    Category.QUESTION,
                ),
                _info(
                    "Godkjenning av referat",
                    "Approval of minutes",
                    "Er referatet godkjent?",
                    "Are the minutes approved?",
                ),
            ),
            numbered=True,
        ),
        Template(
            "sobk",
            "Sammen om en bedre kommune",
            "Fokusområder fra programmet: sykefravær, heltidskultur, kompetanse og rekruttering, omdømme.",
            (WELCOME, CHALLENGES, GROUPING, PRIORITISE, ACTIONS, PULSE, SUMMARY),
            themes=SOBK_THEMES,
        ),
        Template(
            "infomote",
            "Informasjonsmøte i omstilling",
            "Spørsmål og forslag fra de ansatte, stemt fram av salen.",
            (
                WELCOME,
                _p(
                    PhaseKind.COLLECT,
                    {"nb": "Spørsmål", "nn": "Spørsmål", "en": "Questions"},
                    {
                        "nb": "Hva lurer du på om omstillingen?",
                        "nn": "Kva lurer du på om omstillinga?",
                        "en": "What do you wonder about the restructuring?",
                    },
                    Category.QUESTION,
                ),
                _p(
                    PhaseKind.COLLECT,
                    {"nb": "Forslag", "nn": "Framlegg", "en": "Proposals"},
                    {
                        "nb": "Hvilke forslag har du?",
                        "nn": "Kva framlegg har du?",
                        "en": "What do you propose?",
                    },
                    Category.PROPOSAL,
                ),
                SUMMARY,
            ),
        ),
    )
}


def item_number(template_key: str, position: int, date: str, first: int = 1) -> str | None:
    """The saksliste number of a phase ("01/24") for templates that number their items.

    The year is the meeting's (its date), or this year's for an undated meeting. `first` is the
    number of the meeting's first sak: municipalities number on through the year, so the second
    meeting of a series starts where the first one stopped (the store works it out).
    """
    template = TEMPLATES.get(template_key)
    if template is None or not template.numbered:
        return None
    year = date[:4] if len(date) >= 4 and date[:4].isdigit() else dt.date.today().strftime("%Y")
    return f"{first + position - 1:02d}/{year[2:]}"


def get(key: str) -> Template:
    try:
        return TEMPLATES[key]
    except KeyError:
        known = ", ".join(TEMPLATES)
        raise KeyError(f"Ukjent mal «{key}». Kjente maler: {known}.") from None
