"""Demo user journeys (brukerreiser) for the demo programme: one or two maps per leader group.

Every leader group maps the current journey (kind «Nåsituasjon») of one fictional user its service location
meets; about 40 % also drew the future journey («Framtidig situasjon»), with fewer pain points and more
opportunities. Both maps carry the story's title; the kind is shown beside it, so the title need not say it.
The kit template is picked by sector: health and care follow an elderly person through everyday
rehabilitation (hverdagsrehabilitering), schools, kindergartens and child and family services follow a
family with a child, and everyone else uses the general cross-service journey with content for their sector.

Pure Python: plain domain objects out, no storage. Deterministic: everything random comes from the ``rng``
the caller passes, and every id from ``id_of(key)`` with a readable key such as
``"Bryn skole:current:step:2:1"``, so the caller's uuid5 gives the same demo on every laptop.

All persons are fictional; any resemblance to real persons is coincidental. Texts are in Norwegian bokmål.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from desktop.domain.journey import (
    EMOTION_MAX,
    EMOTION_MIN,
    Card,
    Journey,
    Lane,
    LaneKind,
    MapKind,
    Persona,
    Stage,
    Step,
    lane_kind_for,
)
from desktop.domain.kit import JourneyTemplate

FUTURE_SHARE = 0.4  # the share of leader groups that also drew the future journey
MAX_PER_CELL = 3

# --- content types ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _StepIdea:
    """A step a stage may have, with what the user does and meets there; ``delta`` bends the emotion."""

    title: str
    action: str
    touchpoint: str
    delta: int = 0
    pain: int | None = None  # the stage's pain point this step shows first, when it hurts


def _s(title: str, action: str, touchpoint: str, delta: int = 0, pain: int | None = None) -> _StepIdea:
    return _StepIdea(title, action, touchpoint, delta, pain)


@dataclass(frozen=True)
class _StagePack:
    mood: int  # the stage's usual emotion, −2 … +2
    steps: tuple[_StepIdea, ...]
    thoughts: tuple[str, ...]  # "+" marks a hopeful thought, for the steps that go well
    pains: tuple[tuple[str, str], ...]  # (pain point, the opportunity that answers it)
    custom: tuple[str, ...] = ()  # cards for the template's own lane (what matters, the child's view)


@dataclass(frozen=True)
class _Scenario:
    key: str
    template_id: str
    title: str  # "{eier} vei …": the persona's first name in the genitive
    people: tuple[tuple[str, str], ...]  # (name, role with {alder} and {barn})
    ages: tuple[int, int]
    needs: tuple[str, ...]
    goals: tuple[str, ...]
    frustrations: tuple[str, ...]
    quotes: tuple[str, ...]
    stages: dict[str, _StagePack]
    pains: tuple[tuple[str, str], ...]
    backstage: tuple[str, ...]
    future_backstage: tuple[str, ...]
    future_thoughts: tuple[str, ...]
    custom: tuple[str, ...] = ()
    children: tuple[str, ...] = ()
    ages_by_sector: dict[str, tuple[int, int]] = field(default_factory=dict)
    stages_by_sector: dict[str, dict[str, _StagePack]] = field(default_factory=dict)


FEELINGS: dict[int, tuple[str, ...]] = {
    -2: ("Fortvilet", "Maktesløs", "Redd", "Sint og oppgitt", "Utslitt", "Alene med det"),
    -1: ("Usikker", "Utålmodig", "Bekymret", "Frustrert", "Føler seg som en kasteball", "Flau over å spørre"),
    0: ("Avventende", "Spent", "Litt usikker, men håpefull", "Nøytral – dette går vel"),
    1: ("Lettet", "Håpefull", "Føler seg hørt", "Blir tatt på alvor", "Trygg"),
    2: ("Glad", "Stolt", "Trygg og glad", "Mestring!", "Endelig!"),
}

# --- health and care: an elderly person and everyday rehabilitation ------------------------------------

ELDERLY = _Scenario(
    key="eldre",
    template_id="hverdagsrehabilitering",
    title="{eier} vei tilbake til en god hverdag",
    people=(
        ("Astrid Lunde", "Pensjonist, {alder} år, bor alene"),
        ("Kåre Haugen", "Pensjonist, {alder} år, bor sammen med kona som har demens"),
        ("Gunvor Berg", "Pensjonist, {alder} år, bor i tredje etasje uten heis"),
        ("Erling Moe", "Pensjonist, {alder} år, nettopp hjem fra sykehuset etter et fall"),
        ("Solveig Dahl", "Pensjonist, {alder} år, bor alene i enebolig med stor hage"),
        ("Reidar Strand", "Enkemann, {alder} år, bor alene"),
        ("Ingeborg Vik", "Pensjonist, {alder} år, har datteren i nærheten"),
        ("Thorleif Bakke", "Pensjonert snekker, {alder} år, bor alene på Rykkinn"),
        ("Ruth Solberg", "Pensjonist, {alder} år, bor alene med katten"),
    ),
    ages=(76, 93),
    needs=(
        "Å klare morgenstellet selv og komme trygt inn og ut av dusjen.",
        "Trygghet om natta og noen å ringe når noe skjer.",
        "Å komme seg til butikken og treffe folk på seniorsenteret.",
        "Hjelp som kommer til avtalt tid, fra kjente ansikter.",
        "Å få bestemme selv over egen hverdag.",
    ),
    goals=(
        "Bo hjemme så lenge som mulig.",
        "Gå til kirken på søndager igjen.",
        "Klare å lage middag selv.",
        "Komme seg på hytta i sommer.",
        "Gå tur med hunden rundt vannet.",
    ),
    frustrations=(
        "Nye ansikter hver dag, og ingen som vet hva som ble sagt i går.",
        "Vet ikke hvem som bestemmer, eller hvem som skal ringes.",
        "Føler at andre bestemmer over egen hverdag.",
        "Lang ventetid på telefon og brev som er vanskelige å forstå.",
    ),
    quotes=(
        "«Jeg vil ikke være til bry, men jeg vil klare meg selv.»",
        "«Det viktigste for meg er å komme meg ut på tur igjen.»",
        "«Jeg har fortalt det samme til ti forskjellige folk.»",
        "«Bare vis meg hvordan, så skal jeg gjøre resten selv.»",
        "«Jeg vil bo hjemme til jeg dør.»",
    ),
    stages={
        "Hverdagen blir tyngre": _StagePack(
            mood=-1,
            steps=(
                _s(
                    "Faller på badet",
                    "Faller på badet og blir liggende til naboen kommer",
                    "Trygghetsalarmen",
                    -1,
                    pain=0,
                ),
                _s(
                    "Slutter å gå til butikken",
                    "Handler mindre og spiser enklere",
                    "Datteren ringer hver kveld",
                ),
                _s(
                    "Sier fra til fastlegen",
                    "Forteller om svimmelhet og tretthet hos fastlegen",
                    "Fastlegekontoret",
                ),
                _s("Pårørende blir bekymret", "Sønnen ser at kjøleskapet er tomt", "Besøk av pårørende"),
            ),
            thoughts=(
                "Dette går nok over av seg selv",
                "Jeg vil ikke være til bry for noen",
                "Hvor lenge klarer jeg meg hjemme?",
            ),
            pains=(
                (
                    "Ingen fanger opp at hverdagen har blitt tyngre før det skjer et fall",
                    "Forebyggende hjemmebesøk for alle over 80",
                ),
                (
                    "Vet ikke hvilken hjelp kommunen har å tilby",
                    "Enkel oversikt over hjelp i hverdagen – på papir og på nett",
                ),
            ),
            custom=("Å klare seg selv uten å spørre barna om hjelp", "Å føle seg trygg hjemme"),
        ),
        "Henvendelse og vedtak": _StagePack(
            mood=-2,
            steps=(
                _s(
                    "Ringer kommunen",
                    "Ringer sentralbordet og blir satt over flere ganger",
                    "Sentralbordet",
                    pain=0,
                ),
                _s(
                    "Fyller ut søknad",
                    "Får hjelp av datteren til å fylle ut søknaden",
                    "Søknadsskjema på nett",
                ),
                _s("Venter på svar", "Venter i tre uker uten å høre noe", "Ingen kontakt", -1, pain=1),
                _s(
                    "Får vedtak",
                    "Leser vedtaket og forstår ikke hva det betyr",
                    "Vedtaksbrev fra Tildelingskontoret",
                    pain=2,
                ),
            ),
            thoughts=(
                "Hvem skal jeg ringe nå?",
                "Har de glemt meg?",
                "Hva betyr egentlig «vedtak om hverdagsrehabilitering»?",
            ),
            pains=(
                (
                    "Må fortelle historien sin på nytt til hver ny ansatt",
                    "Én fast kontaktperson fra første samtale",
                ),
                ("Lang ventetid mellom søknad og vedtak", "Hurtigspor for hverdagsrehabilitering"),
                ("Vedtaksbrevet er skrevet på fagspråk", "Vedtak i klarspråk – og en telefon som forklarer"),
            ),
            custom=("Å få vite hva som skjer og når",),
        ),
        "Samtale hjemme: hva er viktig for deg?": _StagePack(
            mood=1,
            steps=(
                _s("Besøk av teamet", "Tar imot ergoterapeut og fysioterapeut hjemme", "Hjemmebesøk", 1),
                _s(
                    "Forteller hva som er viktig",
                    "Forteller at det viktigste er å gå til butikken selv",
                    "Kartleggingssamtalen «Hva er viktig for deg?»",
                    1,
                ),
                _s(
                    "Viser fram hjemmet",
                    "Viser teamet badet, trappa og kjøkkenet",
                    "Ergoterapeuten ser på boligen",
                ),
                _s(
                    "Pårørende er med",
                    "Datteren tar fri fra jobben for å være med",
                    "Pårørende deltar",
                    -1,
                    pain=0,
                ),
            ),
            thoughts=(
                "+Endelig noen som spør hva jeg vil",
                "+Tenk at de har tid til å sitte ned",
                "Klarer jeg virkelig å lære dette igjen?",
            ),
            pains=(
                (
                    "Pårørende kan ikke være med på dagtid",
                    "Tilby samtalen på ettermiddagen eller på video for pårørende",
                ),
                ("Samtalen blir for lang og slitsom", "Dele kartleggingen over to korte besøk"),
            ),
            custom=(
                "Å lage middag til seg selv",
                "Å gå til butikken på egen hånd",
                "Å komme seg på seniorsenteret på torsdager",
            ),
        ),
        "Mål og plan": _StagePack(
            mood=1,
            steps=(
                _s(
                    "Setter egne mål",
                    "Setter målet: gå til butikken med rullator innen seks uker",
                    "Målark på kjøkkenbenken",
                    1,
                ),
                _s("Avtaler treningsplan", "Avtaler treningsdager med terapeuten", "Ukeplan på papir"),
                _s("Får hjelpemidler", "Får dusjkrakk og gripetang", "Hjelpemiddelformidlingen", -1, pain=0),
            ),
            thoughts=(
                "Seks uker er ikke lenge",
                "+Dette har jeg lyst til",
                "Hvem spør jeg hvis planen ikke passer?",
            ),
            pains=(
                ("Hjelpemidlene kommer to uker for sent", "Hjelpemidler på plass før treningen starter"),
                (
                    "Planen ligger i et fagsystem som brukeren ikke ser",
                    "Planen på papir på kjøkkenbenken – og hos pårørende",
                ),
            ),
            custom=("Å være med i 90-årsdagen til søsteren", "Å klare trappa uten hjelp"),
        ),
        "Trening i egen hverdag": _StagePack(
            mood=1,
            steps=(
                _s(
                    "Trener på morgenstellet",
                    "Øver på å dusje selv med hjemmetreneren til stede",
                    "Hjemmetreneren",
                ),
                _s("Går tur i nabolaget", "Går en runde rundt blokka hver dag", "Treningsdagbok"),
                _s(
                    "Nye ansikter",
                    "Får besøk av en vikar som ikke kjenner planen",
                    "Vikar fra hjemmetjenesten",
                    -2,
                    pain=0,
                ),
                _s(
                    "Handler selv",
                    "Går til butikken med rullator for første gang på et halvt år",
                    "Nærbutikken",
                    1,
                ),
            ),
            thoughts=(
                "+Jeg klarte det!",
                "Hvorfor kommer det en ny i dag?",
                "+Kanskje jeg snart klarer meg uten hjelp",
            ),
            pains=(
                ("Nye ansikter hver uke", "Faste team med to–tre kjente hjemmetrenere"),
                (
                    "Hjemmetjenesten gjør det brukeren skal trene på",
                    "Felles plan: hjelpe brukeren til å gjøre selv, ikke gjøre for",
                ),
            ),
            custom=("Å gå tur med hunden igjen", "Å dusje uten hjelp"),
        ),
        "Avslutning og videre oppfølging": _StagePack(
            mood=0,
            steps=(
                _s("Avslutningssamtale", "Ser tilbake på målene sammen med teamet", "Avslutningsbesøk", 1),
                _s(
                    "Alene igjen",
                    "Klarer seg selv, men savner besøkene",
                    "Ingen fast kontakt lenger",
                    -1,
                    pain=0,
                ),
                _s("Begynner på trimgruppe", "Begynner på trimgruppa på seniorsenteret", "Seniorsenteret", 1),
                _s(
                    "Oppfølging etter tre måneder",
                    "Får en telefon fra kommunen etter tre måneder",
                    "Telefonsamtale",
                ),
            ),
            thoughts=(
                "Hva gjør jeg hvis det går nedover igjen?",
                "+Nå klarer jeg meg selv",
                "Hvem ringer jeg nå?",
            ),
            pains=(
                ("Brå avslutning – ingen å ringe etterpå", "Telefon etter tre måneder og ett nummer å ringe"),
                ("Treningen stopper opp når teamet slutter å komme", "Avtale om trimgruppe før avslutningen"),
            ),
            custom=("Å holde seg i form over sommeren",),
        ),
    },
    pains=(
        ("Ulike ansatte gir ulike beskjeder", "Felles notat i hjemmet som alle skriver i"),
        ("Pårørende får ikke informasjon", "Pårørende med i planen fra start"),
        ("Må vente hjemme hele dagen på besøket", "Avtalt tidsvindu og SMS når hjemmetreneren er på vei"),
    ),
    backstage=(
        "Hjemmetjenesten og fysioterapeuten bruker ulike systemer",
        "Tildelingskontoret fatter vedtak uten å ha møtt brukeren",
        "Fastlegen får ikke beskjed om vedtaket",
        "Rehabiliteringsteamet har venteliste i perioder",
        "Hjemmetjenesten planlegger rutene fra dag til dag",
        "Ergoterapeuten bestiller hjelpemidler i et eget system",
        "Ingen faste møtepunkter mellom hjemmetjenesten og teamet",
        "Vikarer får ikke tilgang til treningsplanen",
    ),
    future_backstage=(
        "Tverrfaglig team med felles plan i ett system",
        "Fast kontaktperson på Tildelingskontoret følger brukeren",
        "Fastlegen får kopi av målene",
        "Hjemmetjenesten og teamet har felles morgenmøte",
        "Vikarer får plan og mål på nettbrettet før besøket",
    ),
    future_thoughts=(
        "Jeg vet hvem som kommer i morgen",
        "De spurte hva som var viktig for meg – og husket det",
        "Jeg har ett nummer å ringe",
        "Jeg klarer mer enn jeg trodde",
        "Det er jeg som bestemmer målene",
    ),
    custom=(
        "Å kunne bo hjemme",
        "Å kjenne dem som kommer",
        "Å slippe å be barna om hjelp",
        "Å sove hele natta",
        "Å lese avisa med kaffen om morgenen",
    ),
)

# --- schools, kindergartens, child and family services: a family with a child ---------------------------

_FAMILY_STAGES: dict[str, _StagePack] = {
    "Bekymringen oppstår": _StagePack(
        mood=-1,
        steps=(
            _s(
                "Merker at noe er annerledes",
                "Ser at {barn} trekker seg unna de andre barna",
                "Hjemme i hverdagen",
            ),
            _s(
                "Leter etter informasjon",
                "Googler og leser i foreldregrupper på Facebook",
                "Nettsøk og foreldregrupper",
            ),
            _s(
                "Snakker med andre foreldre",
                "Spør andre foreldre om de har opplevd det samme",
                "Bursdagsselskap",
            ),
            _s("Søvnløse netter", "Ligger våken og lurer på om de burde sagt fra før", "Hjemme", -1, pain=0),
        ),
        thoughts=(
            "Er dette normalt?",
            "Er det noe vi har gjort feil?",
            "Hvem kan jeg spørre uten at det blir en sak?",
        ),
        pains=(
            ("Vet ikke hvem de kan spørre", "Én dør inn for foreldre som er bekymret"),
            ("Redd for å bli stemplet hvis de sier fra", "Foreldreveiledning uten henvisning"),
        ),
        custom=("Synes det er vanskelig å være med i leken", "Gruer seg til å gå ut i friminuttet"),
    ),
    "Helsestasjon og barnehage": _StagePack(
        mood=0,
        steps=(
            _s("Tar det opp på helsestasjonen", "Nevner bekymringen på fireårskontrollen", "Helsesykepleier"),
            _s(
                "Foreldresamtale i barnehagen",
                "Ber om en ekstra samtale med pedagogisk leder",
                "Foreldresamtale",
                1,
            ),
            _s(
                "Observasjon i barnehagen",
                "Gir samtykke til at barnehagen observerer {barn}",
                "Samtykkeskjema",
            ),
            _s(
                "Venter på tilbakemelding",
                "Venter på at barnehagen skal si noe",
                "Garderoben ved henting",
                -1,
                pain=1,
            ),
        ),
        thoughts=("+Godt at noen andre også ser det", "Hvorfor sa ingen noe før?", "Hva skjer nå?"),
        pains=(
            (
                "Helsestasjonen og barnehagen snakker ikke sammen",
                "Felles samtale med helsestasjon, barnehage og foreldre",
            ),
            ("Tilbakemeldinger gis i garderoben ved henting", "Faste tider for korte foreldresamtaler"),
        ),
        custom=("Liker de voksne i barnehagen", "Skjønner ikke hvorfor en fremmed sitter og ser på"),
    ),
    "Samtale med skolen": _StagePack(
        mood=0,
        steps=(
            _s("Møte med kontaktlæreren", "Ber om et møte med kontaktlæreren", "Utviklingssamtale"),
            _s(
                "Skolen ser noe annet",
                "Får høre at {barn} fungerer fint på skolen",
                "Samtale med kontaktlærer",
                -1,
                pain=0,
            ),
            _s(
                "Meldinger fram og tilbake",
                "Sender meldinger til skolen og venter på svar",
                "Meldingsappen",
                -1,
            ),
            _s(
                "Møte i ressursteamet",
                "Blir invitert til skolens ressursteam",
                "Møte med rektor og spesialpedagog",
                1,
            ),
        ),
        thoughts=("Tror de ikke på oss?", "+Endelig et møte med de rette folka", "Hva skal vi si i møtet?"),
        pains=(
            ("Skolen og foreldrene ser ulike barn", "Felles observasjon hjemme og på skolen"),
            ("Må ta fri fra jobb til mange korte møter", "Samle møtene – og tilby videomøte"),
        ),
        custom=("Liker norsktimene, men ikke friminuttene", "Synes det er flaut at foreldrene er på skolen"),
    ),
    "Henvisning til PPT": _StagePack(
        mood=-1,
        steps=(
            _s("Skriver under på henvisningen", "Skriver under på henvisningen til PPT", "Henvisningsskjema"),
            _s("Venter på PPT", "Venter i flere måneder uten å høre noe", "Brev om ventetid", -1, pain=0),
            _s("Ringer for å purre", "Ringer PPT for å høre hvor saken står", "Telefon til PPT"),
            _s("Får en kontaktperson", "Får brev med navnet på en rådgiver i PPT", "Brev fra PPT", 1),
        ),
        thoughts=("Hvor lenge må vi vente?", "Blir det for sent?", "Hva skjer med {barn} i mellomtiden?"),
        pains=(
            ("Lang ventetid uten informasjon", "Bekreftelse med forventet ventetid og et navn å ringe"),
            ("Må fylle ut de samme opplysningene på nytt", "Ett skjema som følger saken"),
        ),
        custom=("Merker at de voksne er bekymret", "Vet ikke hva PPT er"),
    ),
    "Utredning og sakkyndig vurdering": _StagePack(
        mood=-1,
        steps=(
            _s("Tester og samtaler", "Følger {barn} til tester hos PPT", "Utredning hos PPT", pain=1),
            _s("Fyller ut spørreskjema", "Fyller ut lange spørreskjemaer om {barn}", "Spørreskjema på papir"),
            _s(
                "Leser rapporten",
                "Leser en sakkyndig vurdering på ti sider med fagord",
                "Sakkyndig vurdering",
                -1,
                pain=0,
            ),
            _s(
                "Gjennomgang med PPT",
                "Går gjennom rapporten med rådgiveren fra PPT",
                "Tilbakemeldingsmøte",
                1,
            ),
        ),
        thoughts=(
            "Hva betyr egentlig dette?",
            "+Nå skjer det endelig noe",
            "Ser de hele barnet, eller bare testene?",
        ),
        pains=(
            ("Rapporten er full av fagord", "Kort sammendrag i klarspråk for foreldre"),
            ("Barnet blir testet av voksne det ikke kjenner", "Utredning i kjente omgivelser"),
        ),
        custom=("Synes testene er kjedelige og slitsomme", "Liker damen fra PPT som hadde med spill"),
    ),
    "Tiltak i hverdagen": _StagePack(
        mood=1,
        steps=(
            _s("Vedtak om spesialpedagogisk hjelp", "Får vedtak om spesialpedagogisk hjelp", "Enkeltvedtak"),
            _s("Ny hverdag", "Ser at {barn} får støtte i en liten gruppe", "Tilrettelagt opplegg", 1),
            _s(
                "Tiltaket kommer ikke i gang",
                "Venter på at en ny ressurs skal bli ansatt",
                "Beskjed fra ledelsen",
                -3,
                pain=0,
            ),
            _s(
                "Oppfølgingsmøte",
                "Møter de voksne rundt {barn} for å se hvordan det går",
                "Ansvarsgruppemøte",
            ),
        ),
        thoughts=(
            "+Dette merker vi hjemme",
            "Vedtaket sier én ting, hverdagen en annen",
            "Får vi beholde hjelpen?",
        ),
        pains=(
            (
                "Vedtak uten at tiltaket kommer i gang",
                "Oppstartsdato i vedtaket og beskjed hvis den ikke holder",
            ),
            ("Tiltaket står og faller på én ansatt", "Flere voksne rundt barnet kjenner tiltaket"),
        ),
        custom=("Liker å jobbe i liten gruppe", "Har fått en venn i gruppa"),
    ),
    "Oppfølging og overganger": _StagePack(
        mood=0,
        steps=(
            _s("Ansvarsgruppe", "Deltar i ansvarsgruppe to ganger i året", "Ansvarsgruppemøte"),
            _s("Nye voksne", "Forklarer alt på nytt til en ny lærer", "Oppstart etter sommeren", -2, pain=0),
            _s("Neste overgang", "Forbereder neste overgang sammen med skolen", "Overgangsmøte"),
            _s("Ser tilbake på året", "Ser tilbake på året sammen med skolen og PPT", "Evalueringsmøte", 1),
        ),
        thoughts=("Må vi begynne helt på nytt?", "Hvem har ansvaret nå?", "+Vi har kommet langt"),
        pains=(
            (
                "Må fortelle historien på nytt til hver nye lærer",
                "En «Dette er meg»-side som barnet selv lager",
            ),
            ("Ingen koordinerer når barnet bytter skole", "Fast koordinator for familien"),
        ),
        custom=("Gruer seg til å begynne på ny skole", "Vil ikke ha en ny lærer"),
    ),
}

_FAMILY_KINDERGARTEN = {
    "Samtale med skolen": _StagePack(
        mood=0,
        steps=(
            _s(
                "Overgangsmøte før skolestart",
                "Er med på overgangsmøtet mellom barnehagen og skolen",
                "Overgangsmøte",
            ),
            _s(
                "Skolen besøker barnehagen",
                "Forteller om {barn} til læreren som kommer på besøk",
                "Besøk fra skolen",
                1,
            ),
            _s(
                "Samtykke til overføring",
                "Skriver under på at barnehagen kan sende opplysninger",
                "Samtykkeskjema",
                -1,
                pain=0,
            ),
        ),
        thoughts=(
            "Får skolen vite det de trenger?",
            "Må vi begynne helt på nytt på skolen?",
            "Blir det bra?",
        ),
        pains=(
            (
                "Opplysninger går tapt i overgangen fra barnehage til skole",
                "Overføringsmøte med foreldre, barnehage, skole og PPT",
            ),
            (
                "Skolen vet ikke hvilke tiltak som virket i barnehagen",
                "Barnehagen skriver et kort «slik lykkes vi»-ark",
            ),
        ),
        custom=("Gleder seg til å bli skolebarn", "Er redd for å ikke finne toalettet på skolen"),
    ),
}

_FAMILY_SCHOOL = {
    "Helsestasjon og barnehage": _StagePack(
        mood=0,
        steps=(
            _s(
                "Finner papirene fra barnehagen",
                "Leter fram rapporten fra barnehagetiden",
                "Permen fra barnehagen",
                pain=0,
            ),
            _s(
                "Snakker med helsesykepleier",
                "Tar kontakt med helsesykepleier på skolen",
                "Skolehelsetjenesten",
                1,
            ),
            _s("Spør SFO", "Spør SFO om de ser det samme", "Samtale med SFO-leder"),
        ),
        thoughts=("Var det noen som sa noe om dette i barnehagen?", "Hvorfor visste ikke skolen om dette?"),
        pains=(
            (
                "Det barnehagen så, fulgte ikke med til skolen",
                "Overføringssamtale med samtykke før skolestart",
            ),
            ("Helsesykepleier er bare på skolen én dag i uka", "Fast åpen dør hos helsesykepleier"),
        ),
        custom=("Liker SFO bedre enn skolen", "Savner barnehagen"),
    ),
}

FAMILY = _Scenario(
    key="familie",
    template_id="barn-og-familie",
    title="{eier} vei fra bekymring til riktig hjelp for {barn}",
    people=(
        ("Lina Hansen", "Mor til {barn} ({alder})"),
        ("Marius Berg", "Far til {barn} ({alder})"),
        ("Aisha Rahman", "Mor til {barn} ({alder}) og to småsøsken"),
        ("Jonas Lie", "Far til {barn} ({alder}), deler omsorgen"),
        ("Kristin Moe", "Mor til {barn} ({alder}), jobber turnus"),
        ("Tomasz Nowak", "Far til {barn} ({alder}), flyttet til Bærum i fjor"),
        ("Hege Dahl", "Alenemor til {barn} ({alder})"),
        ("Ahmed Osman", "Far til {barn} ({alder})"),
    ),
    children=(
        "Emil",
        "Sara",
        "Noah",
        "Nora",
        "Filip",
        "Ella",
        "Jakob",
        "Leah",
        "Yusuf",
        "Maja",
        "Oskar",
        "Ida",
    ),
    ages=(3, 12),
    ages_by_sector={"barnehage": (4, 5), "skole": (6, 11)},
    needs=(
        "Å bli tatt på alvor når de er bekymret.",
        "Én som har oversikten og kan svare på spørsmål.",
        "At {barn} får hjelp før det blir et stort problem.",
        "Å slippe å være koordinator mellom alle tjenestene.",
    ),
    goals=(
        "At {barn} gleder seg til å gå på skolen.",
        "At {barn} får venner og trives.",
        "At hjelpen er på plass før skolestart.",
        "Å vite hva som skjer videre – og når.",
    ),
    frustrations=(
        "Har fortalt historien sin til fem ulike fagfolk.",
        "Lang ventetid hos PPT uten å høre noe.",
        "Møter der alle snakker om barnet, men ingen snakker med barnet.",
        "Må ta fri fra jobb til stadig nye møter.",
    ),
    quotes=(
        "«Jeg føler at jeg må være prosjektleder for mitt eget barn.»",
        "«Vi vil bare at {barn} skal ha det bra.»",
        "«Hvem er det egentlig som har ansvaret?»",
        "«Ingen sa noe om hvor lenge vi måtte vente.»",
    ),
    stages=_FAMILY_STAGES,
    stages_by_sector={"barnehage": _FAMILY_KINDERGARTEN, "skole": _FAMILY_SCHOOL},
    pains=(
        ("Foreldrene må koordinere alle tjenestene selv", "Én kontaktperson som har oversikten"),
        ("Møter på dagtid passer dårlig med jobb", "Møter tidlig om morgenen eller på video"),
        ("Barnet blir ikke spurt", "Barnesamtale før hvert møte"),
    ),
    backstage=(
        "PPT, skolen og helsestasjonen har hvert sitt journalsystem",
        "Samtykke må hentes inn på nytt for hver tjeneste",
        "PPT har lange ventelister om høsten",
        "Spesialpedagogen deles mellom tre skoler",
        "Ressursteamet møtes én gang i måneden",
        "Barnehagen vet ikke om PPT har fått henvisningen",
        "Tiltak venter på budsjettet for neste år",
        "Ingen rutine for å overføre opplysninger i overgangene",
    ),
    future_backstage=(
        "Samarbeidsmøte med helsestasjon, barnehage, skole og PPT",
        "Fast koordinator for familien",
        "Samtykke som gjelder for alle tjenestene i saken",
        "PPT er med i ressursteamet på skolen",
        "Rutine for overføring ved hver overgang",
    ),
    future_thoughts=(
        "Vi vet hvem vi skal ringe",
        "De spurte {barn} også",
        "Vi slipper å gjenta historien",
        "Vi vet hva som skjer og når",
        "Vi er en del av laget rundt barnet",
    ),
    custom=(
        "Vil bare være som de andre",
        "Blir sliten av mange nye voksne",
        "Liker når mamma og pappa er med",
        "Synes det er godt at noen hjelper",
    ),
)

# --- social services and housing (the general template) --------------------------------------------------

SOCIAL = _Scenario(
    key="sosial",
    template_id="brukerreise-standard",
    title="{eier} vei til en trygg bolig",
    people=(
        ("Daniel Andersen", "{alder} år, mistet leiligheten etter et samlivsbrudd"),
        ("Marius Karlsen", "{alder} år, bor midlertidig på hospits"),
        ("Sara Mohamed", "Alenemor, {alder} år, med to barn og høy husleie"),
        ("Thomas Eriksen", "{alder} år, på vei ut av rusbehandling"),
        ("Nadia Hussain", "{alder} år, nylig bosatt i Bærum som flyktning"),
        ("Kim Sørensen", "{alder} år, sykmeldt og uten fast inntekt"),
    ),
    ages=(21, 48),
    needs=(
        "Et trygt sted å bo.",
        "Én å forholde seg til, ikke ti.",
        "Hjelp til å forstå brev og skjemaer.",
        "Arbeid eller aktivitet som gir mening i hverdagen.",
    ),
    goals=(
        "Få egen leilighet med kontrakt.",
        "Komme i jobb innen et år.",
        "Ha barna på besøk annenhver helg.",
        "Klare å betale regningene selv.",
    ),
    frustrations=(
        "Blir sendt mellom NAV, boligkontoret og helsetjenesten.",
        "Må dokumentere det samme igjen og igjen.",
        "Får brev med frister som er vanskelige å forstå.",
        "Føler seg som et saksnummer.",
    ),
    quotes=(
        "«Jeg vil bare ha et sted å bo, så kan jeg fikse resten.»",
        "«Hver gang jeg ringer, snakker jeg med en ny person.»",
        "«Jeg skjønner ikke hva de vil at jeg skal gjøre.»",
        "«Jeg trenger noen som har tro på meg.»",
    ),
    stages={
        "Behovet oppstår": _StagePack(
            mood=-1,
            steps=(
                _s(
                    "Mister boligen",
                    "Får oppsigelse og må flytte innen en måned",
                    "Brev fra utleier",
                    -1,
                    pain=0,
                ),
                _s("Pengene tar slutt", "Har ikke penger til både husleie og mat", "Nettbanken"),
                _s("Bor hos venner", "Sover på sofaen hos en kamerat", "Venner og familie"),
                _s("Helsen svikter", "Sover dårlig og orker ikke gå ut", "Fastlegen"),
            ),
            thoughts=(
                "Hvor skal jeg bo neste uke?",
                "Jeg skammer meg over å be om hjelp",
                "Kommer jeg meg ut av dette?",
            ),
            pains=(
                (
                    "Ingen fanger opp at boligen står i fare før det er for sent",
                    "Tidlig varsel fra NAV når husleien ikke blir betalt",
                ),
                ("Skam gjør at hjelp søkes for sent", "Oppsøkende boligsosialt team"),
            ),
        ),
        "Søker hjelp": _StagePack(
            mood=-2,
            steps=(
                _s("Leter på nav.no", "Prøver å finne riktig skjema på nav.no", "nav.no", pain=1),
                _s("Ringer NAV", "Venter i telefonkø i førti minutter", "NAV kontaktsenter", -1),
                _s("Går innom NAV-kontoret", "Møter opp i Sandvika uten avtale", "Publikumsmottaket", 1),
                _s(
                    "Sendt videre",
                    "Får beskjed om å kontakte boligkontoret i stedet",
                    "Henvisning videre",
                    -1,
                    pain=0,
                ),
            ),
            thoughts=(
                "Hvem skal jeg ringe nå?",
                "Hvorfor er det så vanskelig å få hjelp?",
                "Har jeg rett på noe?",
            ),
            pains=(
                ("Blir sendt mellom NAV og boligkontoret", "Felles mottak for bolig og økonomi"),
                (
                    "Skjemaene er laget for dem som allerede kan systemet",
                    "Hjelp til å fylle ut skjema på stedet",
                ),
            ),
        ),
        "Første kontakt": _StagePack(
            mood=0,
            steps=(
                _s(
                    "Kartleggingssamtale",
                    "Forteller om situasjonen til en veileder",
                    "Samtale på NAV-kontoret",
                    pain=0,
                ),
                _s(
                    "Leverer dokumentasjon",
                    "Leverer kontoutskrifter, leiekontrakt og legeerklæring",
                    "Papir og nett",
                    -1,
                    pain=1,
                ),
                _s("Får en kontaktperson", "Får navn og direktenummer til en veileder", "Fast veileder", 1),
            ),
            thoughts=(
                "+Endelig noen som lytter",
                "Hvorfor trenger de alle disse papirene?",
                "Skal jeg fortelle alt?",
            ),
            pains=(
                (
                    "Må fortelle historien sin på nytt til hver ny ansatt",
                    "Én fast kontaktperson på tvers av NAV og boligkontoret",
                ),
                (
                    "Uklart hvilken dokumentasjon som trengs",
                    "Sjekkliste over hva som trengs, gitt i første møte",
                ),
            ),
        ),
        "Vurdering og vedtak": _StagePack(
            mood=-1,
            steps=(
                _s("Søker om kommunal bolig", "Søker om kommunal utleiebolig", "Søknad til Boligkontoret"),
                _s("Venter på svar", "Venter i flere uker uten å høre noe", "Ingen kontakt", -1, pain=1),
                _s("Får avslag", "Får avslag på startlån og forstår ikke hvorfor", "Vedtaksbrev", -1, pain=0),
                _s("Får midlertidig bolig", "Får tilbud om midlertidig bolig i en annen bydel", "Telefon", 1),
            ),
            thoughts=("Har de glemt meg?", "Hva betyr dette vedtaket?", "Hvor lenge blir jeg her?"),
            pains=(
                (
                    "Vedtaket er skrevet på juridisk fagspråk",
                    "Vedtak i klarspråk og en samtale om hva det betyr",
                ),
                ("Lang saksbehandlingstid uten beskjed", "Beskjed om forventet svartid og status underveis"),
            ),
        ),
        "Tjenesten gis": _StagePack(
            mood=0,
            steps=(
                _s(
                    "Flytter inn",
                    "Flytter inn i kommunal bolig med to bæreposer",
                    "Nøkkelovertakelse",
                    1,
                    pain=1,
                ),
                _s("Følges opp hjemme", "Får besøk av boveileder én gang i uka", "Boveileder"),
                _s("Starter i aktivitet", "Begynner på arbeidstrening", "Aktivitetshuset", 1),
                _s(
                    "Møtene kolliderer",
                    "Har tre avtaler samme uke med tre tjenester",
                    "Tre innkallinger",
                    -2,
                    pain=0,
                ),
            ),
            thoughts=("+Nå kan jeg puste litt", "Hvem av dem skal jeg gå til først?", "+Dette klarer jeg"),
            pains=(
                ("Mange avtaler med ulike tjenester samme uke", "Felles plan og samordnede avtaler"),
                ("Tom leilighet uten møbler", "Startpakke med det mest nødvendige ved innflytting"),
            ),
        ),
        "Overganger mellom tjenester": _StagePack(
            mood=-1,
            steps=(
                _s(
                    "Fra behandling til bolig",
                    "Kommer ut fra behandling før boligen er klar",
                    "Utskrivning",
                    -1,
                    pain=1,
                ),
                _s(
                    "Ny veileder",
                    "Får ny veileder og må begynne på nytt",
                    "Brev om ny kontaktperson",
                    -1,
                    pain=0,
                ),
                _s(
                    "Ansvarsgruppemøte",
                    "Møter NAV, boligkontoret og psykisk helse samtidig",
                    "Ansvarsgruppe",
                    2,
                ),
            ),
            thoughts=(
                "Må jeg begynne helt på nytt?",
                "Vet de andre hva jeg har sagt?",
                "+Godt at alle satt sammen",
            ),
            pains=(
                ("Tjenestene vet ikke hva de andre har gjort", "Felles plan som følger personen"),
                (
                    "Overgangen skjer på en fredag ettermiddag",
                    "Overgang på en hverdag med en kjent person til stede",
                ),
            ),
        ),
        "Avslutning og etterpå": _StagePack(
            mood=1,
            steps=(
                _s("Fast leiekontrakt", "Skriver under på fast leiekontrakt", "Kontraktsmøte", 1),
                _s("Klarer seg selv", "Betaler husleien selv for første gang på lenge", "Nettbanken"),
                _s(
                    "Hjelpen stopper brått",
                    "Mister kontakten med veilederen når saken avsluttes",
                    "Brev",
                    -2,
                    pain=0,
                ),
            ),
            thoughts=(
                "+Jeg er stolt av meg selv",
                "Hva gjør jeg hvis det går galt igjen?",
                "+Dette er mitt hjem",
            ),
            pains=(("Brå avslutning uten oppfølging", "Oppfølgingssamtale etter tre måneder"),),
        ),
    },
    pains=(
        ("Tjenestene har ulike åpningstider", "Drop-in på ettermiddagen én dag i uka"),
        ("Vanskelig å nå saksbehandler på telefon", "Direktenummer og SMS-varsel"),
        ("Brev kommer bare digitalt", "Papirbrev for dem som ønsker det"),
    ),
    backstage=(
        "NAV og Boligkontoret bruker ulike fagsystemer",
        "Taushetsplikten hindrer deling uten samtykke",
        "Boligkontoret har for få kommunale boliger",
        "Veilederne har over hundre saker hver",
        "Rus og psykisk helse har egen venteliste",
        "Ingen felles oversikt over hvem som følger opp personen",
        "Flyktningtjenesten og NAV har ulike mål for samme person",
        "Boveilederne jobber bare på dagtid",
    ),
    future_backstage=(
        "Felles mottaksteam for NAV og Boligkontoret",
        "Samtykke hentes inn én gang for alle tjenestene",
        "Felles plan i ett system",
        "Fast koordinator følger personen gjennom overgangene",
        "Ukentlig tverrfaglig møte om felles brukere",
    ),
    future_thoughts=(
        "Jeg har én person å forholde meg til",
        "De vet allerede hva jeg har fortalt",
        "Jeg vet hva som skjer videre",
        "Jeg blir møtt som et menneske, ikke et saksnummer",
    ),
)

# --- culture, sport and leisure (the general template) ---------------------------------------------------

CULTURE = _Scenario(
    key="kultur",
    template_id="brukerreise-standard",
    title="{eier} vei til en meningsfull fritid",
    people=(
        ("Yusuf Abdi", "Ungdom, {alder} år, har sluttet på fotball"),
        ("Liam Haile", "Ungdom, {alder} år, nettopp flyttet til Bærum"),
        ("Ella Nilsen", "Ungdom, {alder} år, med ADHD"),
        ("Thea Jensen", "Ungdom, {alder} år, vil spille i band"),
        ("Linh Tran", "Ungdom, {alder} år, ny på skolen"),
        ("Sofie Lund", "Ungdom, {alder} år, sitter mye alene hjemme"),
    ),
    ages=(11, 16),
    needs=(
        "Et sted å være etter skolen med trygge voksne.",
        "Aktiviteter som ikke koster mye.",
        "Informasjon på et språk familien forstår.",
        "Å høre til et sted.",
    ),
    goals=(
        "Spille i band med venner.",
        "Finne en fast aktivitet to dager i uka.",
        "Få plass i kulturskolen.",
        "Bli kjent med andre i nabolaget.",
    ),
    frustrations=(
        "Tilbudene ligger spredt på mange nettsider.",
        "Lang venteliste i kulturskolen.",
        "Kontingent og utstyr koster for mye.",
        "Vet ikke hvem i kommunen som kan hjelpe.",
    ),
    quotes=(
        "«Jeg vil bare ha noe å gjøre etter skolen.»",
        "«Vi visste ikke at det fantes så mye – ingen fortalte oss det.»",
        "«Det er dyrt å være med på alt.»",
        "«På klubben er det noen som faktisk bryr seg.»",
    ),
    stages={
        "Behovet oppstår": _StagePack(
            mood=-1,
            steps=(
                _s(
                    "Slutter på fotballen", "Slutter på fotballaget etter en konflikt", "Treneren", -1, pain=0
                ),
                _s("Sitter mye hjemme", "Sitter på rommet med spill hver ettermiddag", "Mobil og spill"),
                _s(
                    "Flytter til Bærum",
                    "Flytter til en ny bydel og kjenner ingen",
                    "Ny skole og nytt nabolag",
                ),
                _s(
                    "Læreren ser behovet",
                    "Kontaktlæreren foreslår en fritidsaktivitet",
                    "Samtale med kontaktlærer",
                    1,
                ),
            ),
            thoughts=(
                "Hva skal jeg gjøre etter skolen?",
                "Alle de andre har noe å gå til",
                "Har vi råd til dette?",
            ),
            pains=(
                (
                    "Ingen fanger opp dem som faller ut av organisert idrett",
                    "Fritidsklubben samarbeider med skolene",
                ),
                ("Familier med dårlig råd holder seg unna", "Gratis aktiviteter og utlån av utstyr"),
            ),
        ),
        "Søker hjelp": _StagePack(
            mood=-1,
            steps=(
                _s(
                    "Leter på nettet",
                    "Leter etter aktiviteter på kommunens nettsider",
                    "Kommunens nettsider",
                    pain=0,
                ),
                _s("Spør på biblioteket", "Spør i skranken på biblioteket", "Bibliotekaren", 1),
                _s(
                    "Ringer kulturskolen",
                    "Ringer kulturskolen for å høre om ledige plasser",
                    "Kulturskolens kontor",
                ),
                _s("Spør andre foreldre", "Spør i foreldregruppa på skolen", "Foreldregruppa"),
            ),
            thoughts=(
                "Hvor finner jeg en oversikt?",
                "Hvorfor ligger alt på ulike sider?",
                "Er det noe for dem som ikke kan så mye fra før?",
            ),
            pains=(
                ("Tilbudene ligger spredt på mange nettsider", "Én felles oversikt over fritidstilbud"),
                ("Informasjonen finnes bare på norsk", "Informasjon på flere språk og i enkelt språk"),
            ),
        ),
        "Første kontakt": _StagePack(
            mood=1,
            steps=(
                _s(
                    "Besøker fritidsklubben",
                    "Går på fritidsklubben sammen med en venn",
                    "Fritidsklubben",
                    pain=0,
                ),
                _s("Prøvetime", "Tar en gratis prøvetime", "{sted}", 1),
                _s("Blir tatt imot", "Blir vist rundt av en ungdomsarbeider", "Ungdomsarbeideren", 1),
            ),
            thoughts=(
                "+De var hyggeligere enn jeg trodde",
                "Kjenner jeg noen her?",
                "+Kanskje dette er noe for meg",
            ),
            pains=(
                ("Første besøk er skummelt når man ikke kjenner noen", "Faddere – ungdom viser nye rundt"),
                ("Åpningstidene passer ikke med bussen", "Åpningstider tilpasset bussrutene"),
            ),
        ),
        "Vurdering og vedtak": _StagePack(
            mood=-1,
            steps=(
                _s("Søker plass", "Søker plass i kulturskolen", "Søknadsskjema på nett"),
                _s(
                    "Står på venteliste",
                    "Får vite at ventelisten er over ett år",
                    "E-post om venteliste",
                    -1,
                    pain=0,
                ),
                _s("Søker støtte", "Søker om støtte til kontingent og utstyr", "Søknadsskjema", pain=1),
                _s("Får fritidskontakt", "Får vedtak om fritidskontakt", "Vedtaksbrev", 2),
            ),
            thoughts=(
                "Ett år? Da er jeg for gammel",
                "Hvem bestemmer hvem som får plass?",
                "Må vi søke hvert år?",
            ),
            pains=(
                ("Lange ventelister i kulturskolen", "Korte kurs og gruppetilbud mens man venter"),
                (
                    "Søknaden om støtte er tungvint og tar lang tid",
                    "Enkel søknad om fritidsstøtte med raskt svar",
                ),
            ),
        ),
        "Tjenesten gis": _StagePack(
            mood=1,
            steps=(
                _s("Begynner i band", "Øver med bandet hver onsdag", "Øvingsrommet"),
                _s("Blir kjent med nye", "Får nye venner på tvers av skolene", "Gruppa", 1),
                _s("Konsert", "Spiller konsert for familien", "{sted}", 1),
                _s(
                    "Instruktøren slutter",
                    "Instruktøren slutter midt i semesteret",
                    "Beskjed på e-post",
                    -3,
                    pain=0,
                ),
            ),
            thoughts=("+Jeg gleder meg til onsdag", "+Her hører jeg til", "Hvem tar over nå?"),
            pains=(
                ("Tilbudet står og faller på én instruktør", "To instruktører på hvert tilbud"),
                ("Utgifter til utstyr dukker opp underveis", "Utstyrssentral med gratis utlån"),
            ),
        ),
        "Overganger mellom tjenester": _StagePack(
            mood=-1,
            steps=(
                _s(
                    "Blir for gammel",
                    "Har passert aldersgrensen for juniorklubben",
                    "Aldersgrensen",
                    -1,
                    pain=0,
                ),
                _s("Bytter skole", "Bytter skole og får lang vei til klubben", "Ny skole"),
                _s("Videre til et frivillig lag", "Blir med i et frivillig lag", "Frivillig organisasjon", 2),
            ),
            thoughts=("Hvor skal jeg være nå?", "Får jeg bli med videre?", "Jeg savner gjengen"),
            pains=(
                ("Aldersgrenser gir brudd i tilbudet", "Myke overganger mellom tilbud for ulike aldre"),
                (
                    "Kommunen og frivilligheten vet lite om hverandre",
                    "Felles møteplass for kommune og frivillige lag",
                ),
            ),
        ),
        "Avslutning og etterpå": _StagePack(
            mood=1,
            steps=(
                _s("Blir frivillig selv", "Begynner som hjelpeinstruktør for de yngre", "Fritidsklubben", 1),
                _s("Ser tilbake", "Forteller om tiden i klubben på et foreldremøte", "Foreldremøte"),
                _s("Mister kontakten", "Mister kontakten med de voksne fra klubben", "Ingen kontakt", -2),
            ),
            thoughts=(
                "+Nå er det jeg som hjelper andre",
                "+Det var her jeg fant vennene mine",
                "Savner de meg?",
            ),
            pains=(
                ("Ingen spør ungdommene hva de synes om tilbudet", "Ungdomspanel som vurderer tilbudene"),
            ),
        ),
    },
    pains=(
        ("Tilbudene er lagt til tider som passer de voksne", "Tilbud på kveldstid og i helgene"),
        ("Dårlig kollektivtransport til tilbudene", "Tilbud i nærmiljøet og på skolene"),
    ),
    backstage=(
        "Kulturskolen, biblioteket og klubbene har hver sin påmeldingsløsning",
        "Instruktørene er ansatt i små stillinger",
        "Lokalene deles med skolen og er booket lenge i forveien",
        "Idrettsservice fordeler haltid én gang i året",
        "Ingen felles oversikt over hvem som står på venteliste hvor",
        "Frivillige lag får tilskudd etter søknad",
        "Ungdomsarbeiderne har lite kontakt med skolene",
        "Budsjettet styrer antall plasser",
    ),
    future_backstage=(
        "Felles påmelding og venteliste for alle fritidstilbud",
        "Samarbeidsavtale med frivillige lag",
        "Ungdomsarbeidere på skolene én dag i uka",
        "Utstyrssentral i samarbeid med biblioteket",
        "Felles kalender for lokalene",
    ),
    future_thoughts=(
        "Jeg fant alt på ett sted",
        "Jeg kan prøve før jeg bestemmer meg",
        "Det koster ikke skjorta",
        "Noen savner meg hvis jeg ikke kommer",
    ),
)

# --- technical services and planning (the general template) ----------------------------------------------

TECHNICAL = _Scenario(
    key="teknisk",
    template_id="brukerreise-standard",
    title="{eier} byggesak fra idé til ferdigattest",
    people=(
        ("Kjetil Hauge", "Huseier på Jar, {alder} år, vil bygge garasje"),
        ("Merete Solheim", "Småbarnsmor, {alder} år, vil bygge på huset"),
        ("Jan Erik Holm", "Pensjonist, {alder} år, vil bygge om huset for alderdommen"),
        ("Farah Khan", "{alder} år, har kjøpt en eldre enebolig på Høvik"),
        ("Lise Myhre", "{alder} år, vil dele tomta og bygge et nytt hus"),
        ("Henrik Vik", "{alder} år, vil lage en utleiedel i kjelleren"),
    ),
    ages=(34, 72),
    needs=(
        "Å forstå reglene før pengene er brukt.",
        "Et tydelig svar på hva som er lov.",
        "En saksbehandler å ringe.",
        "Forutsigbar tid og pris.",
    ),
    goals=(
        "Bli ferdig før vinteren.",
        "Få byggetillatelse på første forsøk.",
        "Bygge ut uten å bli uvenner med naboen.",
        "Flytte inn før skolestart.",
    ),
    frustrations=(
        "Reguleringsplaner og regler er skrevet for fagfolk.",
        "Mangelbrevet kom etter flere uker.",
        "Må ringe flere avdelinger for ett spørsmål.",
        "Vet ikke hvor i køen saken ligger.",
    ),
    quotes=(
        "«Jeg vil gjøre det riktig, men jeg skjønner ikke reglene.»",
        "«Hvorfor kunne ingen si dette med en gang?»",
        "«Jeg lurer bare på hvor lang tid det tar.»",
        "«Naboen fikk lov – hvorfor får ikke jeg?»",
    ),
    stages={
        "Behovet oppstår": _StagePack(
            mood=0,
            steps=(
                _s("Får en idé", "Tegner en skisse av det som skal bygges", "Skisse på kjøkkenbordet", 1),
                _s(
                    "Leser på nettet",
                    "Leser om søknadsplikt på kommunens nettsider",
                    "Kommunens nettsider",
                    pain=0,
                ),
                _s("Snakker med naboen", "Spør naboen om erfaringer med byggesak", "Naboen over gjerdet"),
                _s(
                    "Sjekker kartet",
                    "Prøver å finne reguleringsplanen i kartinnsynet",
                    "Kartinnsyn",
                    -1,
                    pain=1,
                ),
            ),
            thoughts=(
                "Må jeg søke om dette?",
                "Hvor lang tid tar det?",
                "Dette kan jo ikke være så vanskelig",
            ),
            pains=(
                ("Reglene om søknadsplikt er vanskelige å forstå", "Veiviser «Må jeg søke?» på enkelt språk"),
                (
                    "Reguleringsplanen er vanskelig å finne og lese",
                    "Kart som viser hva som gjelder for min tomt",
                ),
            ),
        ),
        "Søker hjelp": _StagePack(
            mood=-1,
            steps=(
                _s(
                    "Ringer Byggesak",
                    "Ringer Byggesak og kommer ikke gjennom",
                    "Telefontid kl.\u00a010–12",
                    -1,
                    pain=0,
                ),
                _s("Sender e-post", "Sender spørsmål på e-post og venter på svar", "Postmottaket", pain=1),
                _s("Kontakter arkitekt", "Får pristilbud fra et arkitektkontor", "Arkitekten"),
                _s("Går til Servicetorget", "Tar med tegningene til Servicetorget", "Servicetorget", 1),
            ),
            thoughts=(
                "Hvem skal jeg ringe nå?",
                "Hvorfor er telefontiden bare to timer?",
                "Trenger jeg en arkitekt?",
            ),
            pains=(
                ("Kort telefontid og lang kø", "Saksbehandler ringer tilbake samme dag"),
                ("Spørsmål på e-post blir liggende", "Svar innen tre dager på enkle spørsmål"),
            ),
        ),
        "Første kontakt": _StagePack(
            mood=1,
            steps=(
                _s("Forhåndskonferanse", "Har forhåndskonferanse med en saksbehandler", "Møte i rådhuset", 1),
                _s("Får tips", "Får vite hva som må være med i søknaden", "Referat fra møtet"),
                _s("Nabovarsel", "Sender nabovarsel og får protest fra naboen", "Nabovarsel", -3, pain=0),
            ),
            thoughts=("+Så greit det var å møtes", "+Nå vet jeg hva de trenger", "Hvorfor er naboen imot?"),
            pains=(
                ("Naboprotesten kommer overraskende", "Tidlig dialog med naboene, med hjelp fra kommunen"),
                (
                    "Ulike saksbehandlere sier ulike ting",
                    "Samme saksbehandler fra forhåndskonferanse til vedtak",
                ),
            ),
        ),
        "Vurdering og vedtak": _StagePack(
            mood=-1,
            steps=(
                _s("Sender søknad", "Sender søknad med tegninger og situasjonsplan", "Søknad på nett"),
                _s("Får mangelbrev", "Får mangelbrev og må sende nye tegninger", "Mangelbrev", -1, pain=0),
                _s("Venter", "Venter i tolv uker uten å høre noe", "Ingen kontakt", -1, pain=1),
                _s("Får tillatelse", "Får rammetillatelse med vilkår", "Vedtak", 2),
            ),
            thoughts=(
                "Har de glemt saken min?",
                "Hvorfor sa de ikke dette i forhåndskonferansen?",
                "+Endelig!",
            ),
            pains=(
                (
                    "Mangelbrevet kommer sent og er vanskelig å forstå",
                    "Sjekk av søknaden innen en uke, med en tydelig liste over mangler",
                ),
                ("Ingen informasjon om hvor saken står", "Status på saken på Min side"),
            ),
        ),
        "Tjenesten gis": _StagePack(
            mood=1,
            steps=(
                _s("Byggestart", "Starter gravingen", "Entreprenøren", 1),
                _s(
                    "Gravetillatelse",
                    "Må søke egen tillatelse for tilkobling til vann og avløp",
                    "Vann og avløp",
                    -2,
                    pain=0,
                ),
                _s("Tilsyn", "Får tilsynsbesøk fra kommunen", "Tilsyn på byggeplassen", pain=1),
            ),
            thoughts=("+Endelig skjer det noe", "Enda en søknad?", "Gjør vi dette riktig?"),
            pains=(
                ("Flere avdelinger krever hver sin søknad", "Én samlet søknad for bygg, vann og avløp"),
                ("Tilsyn varsles med kort frist", "Avtalt tidspunkt for tilsyn"),
            ),
        ),
        "Overganger mellom tjenester": _StagePack(
            mood=-1,
            steps=(
                _s("Oppmåling", "Bestiller oppmåling av tomta", "Geodata"),
                _s(
                    "Regning for tilknytning",
                    "Får regning for tilknytning uten forklaring",
                    "Faktura",
                    -1,
                    pain=1,
                ),
                _s(
                    "Avfallsdunker",
                    "Må ringe for å få avfallsdunker til den nye boenheten",
                    "Renovasjon",
                    -1,
                    pain=0,
                ),
            ),
            thoughts=(
                "Hvorfor vet ikke avdelingene om hverandre?",
                "Hva er denne regningen for?",
                "Hvem ringer jeg?",
            ),
            pains=(
                (
                    "Avdelingene følger opp hver sin del uten å snakke sammen",
                    "Én kontaktperson for hele byggesaken",
                ),
                ("Gebyrene kommer som en overraskelse", "Gebyrkalkulator før søknaden sendes"),
            ),
        ),
        "Avslutning og etterpå": _StagePack(
            mood=1,
            steps=(
                _s("Ferdigattest", "Søker om ferdigattest", "Søknad om ferdigattest", pain=0),
                _s("Tar bygget i bruk", "Flytter inn og tar bygget i bruk", "Hjemme", 1),
                _s("Blir spurt om erfaringene", "Svarer på en brukerundersøkelse", "Spørreskjema på e-post"),
            ),
            thoughts=(
                "+Det ble bra til slutt",
                "+Neste gang vet jeg hvordan det fungerer",
                "Hvorfor tok det så lang tid?",
            ),
            pains=(("Ferdigattesten glemmes og blir en sak mange år senere", "Påminnelse om ferdigattest"),),
        ),
    },
    pains=(
        ("Fagspråk i alle brev", "Klarspråk i maler og brev"),
        ("Søkeren må selv koordinere kommunens avdelinger", "En byggelos som kjenner hele prosessen"),
    ),
    backstage=(
        "Byggesak, Vann og avløp og Geodata bruker ulike fagsystemer",
        "Saksbehandlerne har store restanser",
        "Forhåndskonferanser bookes manuelt",
        "Juridiske maler styrer språket i brevene",
        "Naboprotester journalføres uten at saksbehandleren varsles",
        "Tolvukersfristen styrer prioriteringene",
        "Tilsyn planlegges uten å vite når byggingen starter",
        "Gebyrregulativet endres én gang i året",
    ),
    future_backstage=(
        "Felles saksbehandling for Byggesak og Vann og avløp",
        "En byggelos koordinerer mellom avdelingene",
        "Brevmalene er skrevet om til klarspråk",
        "Status på saken hentes rett fra fagsystemet",
        "Ukentlig tavlemøte om saker som står fast",
    ),
    future_thoughts=(
        "Jeg visste hva som skulle med fra starten",
        "Jeg kunne se hvor saken lå",
        "Én person hadde oversikten",
        "Brevene var til å forstå",
    ),
)

# --- organisation and administration: a new employee (the general template) ------------------------------

NEW_EMPLOYEE = _Scenario(
    key="nyansatt",
    template_id="brukerreise-standard",
    title="{eier} første måneder som nyansatt",
    people=(
        ("Maja Pedersen", "Nyansatt sykepleier i hjemmetjenesten, {alder} år"),
        ("Ali Hassan", "Nyansatt lærer, {alder} år"),
        ("Ingvild Aasen", "Nyansatt saksbehandler, {alder} år"),
        ("Sindre Olsen", "Nyansatt IT-konsulent, {alder} år"),
        ("Elena Petrović", "Nyansatt helsefagarbeider, {alder} år"),
        ("Thea Nilsen", "Nyansatt i kommunen, {alder} år, første jobb etter studiene"),
        ("Jonas Bakke", "Nyansatt leder, {alder} år"),
    ),
    ages=(24, 56),
    needs=(
        "PC, tilganger og adgangskort fra første dag.",
        "Å vite hvem som kan svare på hva.",
        "Tid til opplæring før vaktene starter.",
        "Å bli kjent med kollegene.",
    ),
    goals=(
        "Gjøre en god jobb fra første uke.",
        "Bli trygg i fagsystemene.",
        "Forstå hvordan kommunen henger sammen.",
        "Komme godt gjennom prøvetiden.",
    ),
    frustrations=(
        "Venter på tilganger i flere uker.",
        "Informasjonen kommer fra HR, IT og lederen hver for seg.",
        "Lønnen kom ikke første måned.",
        "Intranettet er vanskelig å finne fram i.",
    ),
    quotes=(
        "«Jeg hadde lyst til å jobbe, men kom ikke inn i systemene.»",
        "«Hvem spør jeg om sånt?»",
        "«Første dagen var kaffen det eneste som fungerte.»",
        "«Endelig en kollega som viste meg rundt.»",
    ),
    stages={
        "Behovet oppstår": _StagePack(
            mood=1,
            steps=(
                _s("Får tilbud om jobb", "Takker ja til stillingen", "Telefon fra lederen", 1),
                _s("Signerer kontrakt", "Signerer arbeidsavtalen digitalt", "Rekrutteringssystemet"),
                _s(
                    "Hører ingenting",
                    "Hører ingenting fra kommunen de tre ukene før oppstart",
                    "Ingen kontakt",
                    -2,
                    pain=0,
                ),
            ),
            thoughts=("+Så gøy!", "Hva skjer før første dag?", "Har de glemt meg?"),
            pains=(
                ("Stille periode mellom kontrakt og oppstart", "Velkomstbrev med informasjon før første dag"),
                ("Vet ikke hva som forventes første uke", "Plan for de to første ukene sendt på forhånd"),
            ),
        ),
        "Søker hjelp": _StagePack(
            mood=0,
            steps=(
                _s("Leter på nettsidene", "Leter etter informasjon om oppstart", "Kommunens nettsider"),
                _s("Spør lederen", "Spør lederen på SMS når og hvor oppmøtet er", "SMS", 1),
                _s(
                    "Lurer på lønn",
                    "Lurer på når lønnen kommer og hvem som vet det",
                    "Regnskap og lønn",
                    -1,
                    pain=0,
                ),
            ),
            thoughts=(
                "Hvem skal jeg spørre om dette?",
                "Er det greit å spørre om så mye?",
                "Når får jeg lønn?",
            ),
            pains=(
                (
                    "Svarene må hentes fra HR, lønn og lederen hver for seg",
                    "Fadder som svarer på alt første måned",
                ),
                ("Intranettet er stengt før første arbeidsdag", "Åpen velkomstside for nyansatte"),
            ),
        ),
        "Første kontakt": _StagePack(
            mood=-1,
            steps=(
                _s("Første arbeidsdag", "Møter opp og blir tatt imot av lederen", "Resepsjonen", 2),
                _s("Ingen PC", "Venter på PC og brukernavn", "IT-brukerstøtte", -1, pain=0),
                _s("Omvisning", "Blir vist rundt av en kollega", "Kollega", 2),
                _s("Mangler adgangskort", "Må ringe på hver morgen", "Resepsjonen", -1, pain=0),
            ),
            thoughts=("Hvorfor er ikke dette klart?", "+Så hyggelige kolleger", "Hva skal jeg gjøre i dag?"),
            pains=(
                (
                    "Tilganger og utstyr er ikke klare første dag",
                    "PC, tilganger og kort bestilles når kontrakten signeres",
                ),
                ("Første dag uten plan", "Fast program for første dag"),
            ),
        ),
        "Vurdering og vedtak": _StagePack(
            mood=-1,
            steps=(
                _s(
                    "Bestiller tilganger",
                    "Fyller ut skjema for tilgang til fagsystemene",
                    "Selvbetjeningsportalen",
                    pain=0,
                ),
                _s(
                    "Venter på godkjenning",
                    "Venter på at lederen skal godkjenne tilgangene",
                    "Automatisk e-post",
                    -1,
                    pain=1,
                ),
                _s("Får feil tilganger", "Får tilgang til feil avdeling", "IT-brukerstøtte", -1),
            ),
            thoughts=(
                "Hvorfor tar det så lang tid?",
                "Hvem godkjenner egentlig dette?",
                "Jeg får ikke gjort jobben",
            ),
            pains=(
                ("Tilgangene bestilles én og én", "Ferdige tilgangspakker for hver stilling"),
                (
                    "Lederen ser ikke varslene om godkjenning",
                    "Påminnelse og oversikt over ventende godkjenninger",
                ),
            ),
        ),
        "Tjenesten gis": _StagePack(
            mood=1,
            steps=(
                _s("E-læring", "Tar de obligatoriske e-læringskursene", "Læringsportalen"),
                _s("Går sammen med en erfaren", "Går sammen med en erfaren kollega", "Fadderen", 1),
                _s("Introduksjonsdag", "Er med på introduksjonsdagen for nyansatte", "Rådhuset", 1),
                _s("Alene på vakt", "Går alene på vakt før opplæringen er ferdig", "Vaktplanen", -3, pain=0),
            ),
            thoughts=(
                "+Nå begynner jeg å forstå",
                "+Dette hadde jeg trengt første uka",
                "Jeg er ikke klar for dette",
            ),
            pains=(
                ("Opplæringen kommer etter at jobben har startet", "Opplæringsplan som starter første dag"),
                ("Mange e-læringskurs uten sammenheng med jobben", "Kurs tilpasset stillingen"),
            ),
        ),
        "Overganger mellom tjenester": _StagePack(
            mood=-1,
            steps=(
                _s("Feil i lønnen", "Oppdager at overtiden ikke er utbetalt", "Lønnsslippen", -1, pain=0),
                _s("Bytter avdeling", "Blir flyttet til en annen avdeling i turnusen", "Ny leder", pain=1),
                _s("Melder feil", "Melder feil til brukerstøtte og får et saksnummer", "Brukerstøtte"),
            ),
            thoughts=(
                "Hvem har ansvaret for lønnen min?",
                "Må jeg begynne på nytt med nye folk?",
                "Hvem spør jeg nå?",
            ),
            pains=(
                ("Lønn, HR og IT har hver sin innboks", "Felles kontaktpunkt for ansatte"),
                ("Opplysninger følger ikke med ved bytte av avdeling", "Rutine for overføring mellom ledere"),
            ),
        ),
        "Avslutning og etterpå": _StagePack(
            mood=1,
            steps=(
                _s("Medarbeidersamtale", "Har samtale med lederen etter seks måneder", "Medarbeidersamtale"),
                _s("Prøvetiden er over", "Får beskjed om fast ansettelse", "Brev fra HR", 1),
                _s("Blir fadder selv", "Blir fadder for neste nyansatte", "Fadderordningen", 1),
            ),
            thoughts=(
                "+Jeg har funnet plassen min",
                "+Nå kan jeg hjelpe andre",
                "Hvorfor spurte ingen om starten?",
            ),
            pains=(("Ingen spør hvordan oppstarten var", "Kort undersøkelse etter tre måneder"),),
        ),
    },
    pains=(
        ("Mange ulike passord og innlogginger", "Én innlogging til alle systemene"),
        ("Ingen oversikt over hvem som gjør hva i kommunen", "Enkel «hvem gjør hva» på intranettet"),
    ),
    backstage=(
        "HR, lønn og IT har hver sine skjemaer for den samme nyansatte",
        "Lederen bestiller tilgangene manuelt",
        "IT leverer PC etter bestillingsdato, ikke oppstartsdato",
        "Lønn får beskjed om ansettelsen sent",
        "Ingen eier hele mottaket av nyansatte",
        "Lederen har over 40 ansatte og lite tid",
        "E-læringskursene eies av ulike avdelinger",
        "Introduksjonsdagen holdes bare to ganger i året",
    ),
    future_backstage=(
        "Signert kontrakt starter bestilling av PC, tilganger og kort",
        "Tilgangspakker for hver stilling",
        "Fadderordning på alle tjenestesteder",
        "HR eier en felles plan for de første 100 dagene",
        "Introduksjonsdag hver måned",
    ),
    future_thoughts=(
        "Alt var klart da jeg kom",
        "Jeg visste hvem jeg skulle spørre",
        "Jeg følte meg velkommen",
        "Jeg fikk tid til å lære",
    ),
)

SCENARIOS = (ELDERLY, FAMILY, SOCIAL, CULTURE, TECHNICAL, NEW_EMPLOYEE)

# Sector names (case-insensitive, as parts of the name) to scenarios; the first match wins.
_SECTOR_WORDS: tuple[tuple[tuple[str, ...], _Scenario], ...] = (
    (("barn", "skole", "ungdom", "familie"), FAMILY),
    (("helse", "omsorg", "pleie"), ELDERLY),
    (("sosial", "bolig", "nav"), SOCIAL),
    (("kultur", "idrett", "fritid"), CULTURE),
    (("teknisk", "samfunn", "eiendom", "plan"), TECHNICAL),
    (("organisasjon", "administrasjon", "stab"), NEW_EMPLOYEE),
)


def scenario_for(sector: str) -> str:
    """The key of the content a sector gets: "eldre", "familie", "sosial", "kultur", "teknisk", "nyansatt"."""
    return _scenario(sector).key


def template_id_for(sector: str) -> str:
    """The kit journey template a sector's groups map: hverdagsrehabilitering, barn-og-familie, or general."""
    return _scenario(sector).template_id


def _scenario(sector: str) -> _Scenario:
    name = sector.casefold()
    for words, scenario in _SECTOR_WORDS:
        if any(word in name for word in words):
            return scenario
    return SOCIAL  # a cross-service journey is the safe default


# --- building --------------------------------------------------------------------------------------------


@dataclass
class _DraftStep:
    title: str
    emotion: int
    idea: _StepIdea | None
    pack: _StagePack


@dataclass
class _Draft:
    """A map before it has ids: steps in stages, and card texts per cell (lane index, step index)."""

    stages: list[tuple[str, list[_DraftStep]]]
    kinds: list[LaneKind]
    cells: dict[tuple[int, int], list[str]] = field(default_factory=dict)
    pains: list[tuple[int, str, str]] = field(default_factory=list)  # (step index, pain point, opportunity)

    @property
    def steps(self) -> list[_DraftStep]:
        return [step for _title, steps in self.stages for step in steps]

    def lane(self, kind: LaneKind) -> int | None:
        """The first lane of a kind (a template may name two lanes of one kind; the first gets the cards)."""
        return next((i for i, k in enumerate(self.kinds) if k == kind), None)

    def texts(self, kind: LaneKind) -> list[str]:
        lane = self.lane(kind)
        return (
            [] if lane is None else [t for (i, _j), texts in self.cells.items() if i == lane for t in texts]
        )

    def put(self, lane: int | None, step: int, text: str) -> bool:
        if lane is None or not text:
            return False
        cell = self.cells.setdefault((lane, step), [])
        if len(cell) >= MAX_PER_CELL or self.holds(lane, text):
            return False
        cell.append(text)
        return True

    def holds(self, lane: int, text: str) -> bool:
        """A text stands once in a lane: the same note twice on one map says nothing new."""
        return any(text in texts for (i, _j), texts in self.cells.items() if i == lane)

    def put_near(self, lane: int | None, step: int, text: str) -> bool:
        """Put a card at ``step`` or, when that cell is full, at the nearest step with room."""
        if lane is None or self.holds(lane, text):
            return False
        count = len(self.steps)
        for distance in range(count):
            for at in (step + distance, step - distance):
                if 0 <= at < count and self.put(lane, at, text):
                    return True
        return False


def demo_journeys(
    rng: random.Random,
    location: str,
    sector: str,
    templates: Sequence[JourneyTemplate],
    id_of: Callable[[str], uuid.UUID],
) -> list[Journey]:
    """One or two journey maps for the leader group of ``location``: the current map, and for about 40 %
    of the groups the future map too. Empty when the kit has no journey templates."""
    scenario = _scenario(sector)
    template = _template(scenario, templates)
    if template is None:
        return []
    if template.id != scenario.template_id:  # the kit lacks the sector's template: content for the one it has
        scenario = next((s for s in SCENARIOS if s.template_id == template.id), scenario)
    sector_key = sector.casefold()
    lo, hi = scenario.ages_by_sector.get(sector_key, scenario.ages)
    child = rng.choice(scenario.children) if scenario.children else ""
    words = {"{barn}": child, "{sted}": location, "{alder}": str(rng.randint(lo, hi))}

    def fill(text: str) -> str:
        for key, value in words.items():
            text = text.replace(key, value)
        return text

    name, role = rng.choice(scenario.people)
    persona = Persona(
        name=name,
        role=fill(role),
        needs=" ".join(fill(t) for t in rng.sample(scenario.needs, 2)),
        goals=" ".join(fill(t) for t in rng.sample(scenario.goals, rng.randint(1, 2))),
        frustrations=" ".join(fill(t) for t in rng.sample(scenario.frustrations, 2)),
        quote=fill(rng.choice(scenario.quotes)),
    )
    story = fill(scenario.title.replace("{eier}", _genitive(name.split()[0])))

    current = _current(rng, scenario, template, sector_key, fill)
    journeys = [_journey(current, MapKind.CURRENT, story, persona, template, location, id_of)]
    if rng.random() < FUTURE_SHARE:
        future = _future(rng, scenario, current, fill)
        journeys.append(_journey(future, MapKind.FUTURE, story, persona, template, location, id_of))
    return journeys


def _template(scenario: _Scenario, templates: Sequence[JourneyTemplate]) -> JourneyTemplate | None:
    by_id = {t.id: t for t in templates}
    for wanted in (scenario.template_id, SOCIAL.template_id):
        if wanted in by_id:
            return by_id[wanted]
    return templates[0] if templates else None


def _genitive(name: str) -> str:
    return f"{name}'" if name[-1:].lower() in "sxz" else f"{name}s"


def _draw(rng: random.Random, pool: Iterable[str], used: set[str]) -> str | None:
    """A random text from ``pool`` that the map does not hold yet (marked as used), or None."""
    free = [text for text in pool if text not in used]
    if not free:
        return None
    text = rng.choice(free)
    used.add(text)
    return text


def _draw_pair(
    rng: random.Random, pools: Iterable[Sequence[tuple[str, str]]], used: set[str]
) -> tuple[str, str] | None:
    for pool in pools:
        free = [pair for pair in pool if pair[0] not in used]
        if free:
            pair = rng.choice(free)
            used.add(pair[0])
            return pair
    return None


def _thoughts_for(pack: _StagePack, emotion: int) -> list[str]:
    """A stage's thoughts that fit the mood: hopeful ones ("+…") on good steps, worried ones on bad steps."""
    if emotion > 0:
        return [t for t in pack.thoughts if t.startswith("+")]
    if emotion < 0:
        return [t for t in pack.thoughts if not t.startswith("+")]
    return list(pack.thoughts)


def _answers(pack: _StagePack, scenario: _Scenario) -> list[str]:
    """The opportunities that fit a stage: its own, then the scenario's."""
    return [answer for _pain, answer in (*pack.pains, *scenario.pains)]


def _clamp(value: int) -> int:
    return max(EMOTION_MIN, min(EMOTION_MAX, value))


# How many pain points a step gets for its emotion: the curve dips where it hurts.
_PAINS_BY_EMOTION = {-2: (1, 1, 2), -1: (0, 0, 1, 1, 1), 0: (0, 0, 0, 0, 1), 1: (0,) * 12 + (1,), 2: (0,)}
_STEPS_PER_STAGE = (1, 1, 1, 1, 1, 2, 2, 2, 2, 3)
MIN_STEPS, MAX_STEPS = 8, 12


def _step_counts(rng: random.Random, packs: list[_StagePack]) -> list[int]:
    """Steps per stage: 1–3 each, about 8–12 in all (fewer only when the stages hold no more ideas)."""
    counts = [min(rng.choice(_STEPS_PER_STAGE), len(p.steps)) if p.steps else 1 for p in packs]
    while sum(counts) > MAX_STEPS and (wide := [i for i, n in enumerate(counts) if n > 1]):
        counts[rng.choice(wide)] -= 1
    while sum(counts) < MIN_STEPS and (
        room := [i for i, n in enumerate(counts) if n < min(3, len(packs[i].steps))]
    ):
        counts[rng.choice(room)] += 1
    return counts


def _shape_curve(steps: list[_DraftStep]) -> None:
    """A believable curve has a high and a low: lift the best moment to +1 and sink the worst to −1."""

    def base(step: _DraftStep) -> int:
        return step.pack.mood + (step.idea.delta if step.idea else 0)

    if max(s.emotion for s in steps) < 1:
        best = max(steps, key=base)
        best.emotion = 1
    if min(s.emotion for s in steps) > -1:
        worst = min((s for s in steps if s.emotion < 1), key=base, default=None)
        if worst is not None:
            worst.emotion = -1


def _current(
    rng: random.Random,
    scenario: _Scenario,
    template: JourneyTemplate,
    sector: str,
    fill: Callable[[str], str],
) -> _Draft:
    packs = {**scenario.stages, **scenario.stages_by_sector.get(sector, {})}
    kinds = [lane_kind_for(lane.id) for lane in template.lanes]
    tone = rng.choice((-1, 0, 0, 0))  # some groups see the valleys deeper than others
    unknown = _StagePack(mood=0, steps=(), thoughts=(), pains=())
    stage_packs = [packs.get(title, unknown) for title in template.stages]
    stages: list[tuple[str, list[_DraftStep]]] = []
    for title, pack, count in zip(template.stages, stage_packs, _step_counts(rng, stage_packs), strict=True):
        steps: list[_DraftStep] = []
        if pack.steps:
            for index in sorted(rng.sample(range(len(pack.steps)), count)):
                idea = pack.steps[index]
                base = pack.mood + idea.delta
                emotion = _clamp(base + rng.choice((-1, 0, 0, 0, 1)) + (tone if base < 0 else 0))
                steps.append(_DraftStep(fill(idea.title), emotion, idea, pack))
        else:  # a stage the content does not know (an edited kit): one step named like the stage
            steps.append(_DraftStep(title, _clamp(rng.choice((-1, 0, 0, 1))), None, pack))
        stages.append((title, steps))
    draft = _Draft(stages, kinds)
    _shape_curve(draft.steps)

    actions, touchpoints = draft.lane(LaneKind.ACTIONS), draft.lane(LaneKind.TOUCHPOINTS)
    thoughts, feelings = draft.lane(LaneKind.THOUGHTS), draft.lane(LaneKind.FEELINGS)
    pains, opportunities = draft.lane(LaneKind.PAIN_POINTS), draft.lane(LaneKind.OPPORTUNITIES)
    backstage, custom = draft.lane(LaneKind.BACKSTAGE), draft.lane(LaneKind.CUSTOM)
    opportunity_pool = [o for pack in packs.values() for _p, o in pack.pains] + [
        o for _p, o in scenario.pains
    ]
    # A step that shows a pain point of its own keeps it: the other steps of the stage draw from the rest.
    reserved = [
        s.pack.pains[s.idea.pain] for s in draft.steps if s.idea is not None and s.idea.pain is not None
    ]
    used: set[str] = set()
    for at, step in enumerate(draft.steps):
        pack, idea = step.pack, step.idea
        if idea is not None:
            draft.put(actions, at, fill(idea.action))
            if rng.random() < 0.4:
                draft.put(touchpoints, at, fill(idea.touchpoint))
        if rng.random() < 0.3 and (text := _draw(rng, _thoughts_for(pack, step.emotion), used)):
            draft.put(thoughts, at, fill(text.removeprefix("+")))
        if rng.random() < (0.7 if abs(step.emotion) == 2 else 0.15) and (
            text := _draw(rng, FEELINGS[step.emotion], used)
        ):
            draft.put(feelings, at, text)
        if pains is not None:
            own = [pack.pains[idea.pain]] if idea is not None and idea.pain is not None else []
            free = [pair for pair in pack.pains if pair not in reserved]
            for _n in range(rng.choice(_PAINS_BY_EMOTION[step.emotion])):
                pair = _draw_pair(rng, (own, free, scenario.pains), used)
                if pair is None or not draft.put(pains, at, fill(pair[0])):
                    break
                draft.pains.append((at, fill(pair[0]), fill(pair[1])))
                if rng.random() < 0.55:
                    draft.put(opportunities, at, fill(pair[1]))
        if rng.random() < 0.07 and (text := _draw(rng, _answers(pack, scenario), used)):
            draft.put(opportunities, at, fill(text))
        if rng.random() < 0.22 and (text := _draw(rng, scenario.backstage, used)):
            draft.put(backstage, at, fill(text))
        if rng.random() < (0.25 if pack.custom else 0.08) and (
            text := _draw(rng, (*pack.custom, *scenario.custom), used)
        ):
            draft.put(custom, at, fill(text))

    # Every current map shows at least one pain point, at its lowest step, and one opportunity.
    all_steps = draft.steps
    if pains is not None and not draft.pains:
        at = min(range(len(all_steps)), key=lambda i: all_steps[i].emotion)
        pair = _draw_pair(rng, (all_steps[at].pack.pains, scenario.pains), used)
        if pair is not None and draft.put_near(pains, at, fill(pair[0])):
            all_steps[at].emotion = min(all_steps[at].emotion, -1)
            draft.pains.append((at, fill(pair[0]), fill(pair[1])))
    if opportunities is not None and not draft.texts(LaneKind.OPPORTUNITIES):
        if draft.pains:
            at, _pain, answer = draft.pains[0]
            draft.put_near(opportunities, at, answer)
        elif text := _draw(rng, opportunity_pool, used):
            draft.put_near(opportunities, 0, fill(text))
    return draft


def _future(rng: random.Random, scenario: _Scenario, current: _Draft, fill: Callable[[str], str]) -> _Draft:
    """The same journey as the group wants it: the valleys lifted, most pain points answered."""
    stages = []
    for title, steps in current.stages:
        lifted = []
        for step in steps:
            rise = rng.choice((1, 2, 2)) if step.emotion < 0 else rng.choice((0, 1, 1))
            lifted.append(_DraftStep(step.title, _clamp(step.emotion + rise), step.idea, step.pack))
        stages.append((title, lifted))
    draft = _Draft(stages, list(current.kinds))
    steps = draft.steps
    pains, opportunities = draft.lane(LaneKind.PAIN_POINTS), draft.lane(LaneKind.OPPORTUNITIES)
    backstage = draft.lane(LaneKind.BACKSTAGE)
    # What the user does and meets stays, except at the steps that went wrong; what matters stays; the
    # current ideas stay. Backstage, thoughts and feelings are drawn anew for the new way of working.
    doing = {draft.lane(k) for k in (LaneKind.ACTIONS, LaneKind.TOUCHPOINTS)}
    kept = {i for i, k in enumerate(draft.kinds) if k == LaneKind.CUSTOM} | {opportunities}
    for (lane, at), texts in current.cells.items():
        idea = steps[at].idea
        for text in texts:
            if lane in kept or (lane in doing and (idea is None or idea.delta >= 0)):
                draft.put(lane, at, text)

    used: set[str] = set()
    for at, step in enumerate(steps):
        if rng.random() < 0.12 and (text := _draw(rng, scenario.future_backstage, used)):
            draft.put(backstage, at, fill(text))
        if rng.random() < 0.4 and (text := _draw(rng, scenario.future_thoughts, used)):
            draft.put(draft.lane(LaneKind.THOUGHTS), at, fill(text))
        if (
            step.emotion >= 0
            and rng.random() < (0.7 if step.emotion == 2 else 0.15)
            and (text := _draw(rng, FEELINGS[step.emotion], used))
        ):
            draft.put(draft.lane(LaneKind.FEELINGS), at, text)  # the vision names no bad feelings

    # A few pain points remain where the lifted curve still sags; the rest are answered by their opportunity.
    keep = max(0, min(2, len(current.pains) - 1))
    for at, pain, answer in current.pains:
        if keep and steps[at].emotion <= 0 and rng.random() < 0.3 and draft.put(pains, at, pain):
            draft.pains.append((at, pain, answer))
            keep -= 1
            continue
        draft.put_near(opportunities, at, answer)
        if rng.random() < 0.6 and (text := _draw(rng, scenario.future_backstage, used)):
            draft.put(backstage, at, fill(text))
    # A step the new way leaves empty still says something: how it feels to the user, or who does what.
    for at in range(len(steps)):
        if not any(texts for (_lane, i), texts in draft.cells.items() if i == at):
            if text := _draw(rng, scenario.future_thoughts, used):
                draft.put(draft.lane(LaneKind.THOUGHTS), at, fill(text))
            elif text := _draw(rng, scenario.future_backstage, used):
                draft.put(backstage, at, fill(text))
    if opportunities is not None:  # and a few more ideas than the current map had
        wanted = len(current.texts(LaneKind.OPPORTUNITIES)) + rng.randint(1, 3)
        for _attempt in range(4 * len(steps)):
            if len(draft.texts(LaneKind.OPPORTUNITIES)) >= wanted:
                break
            at = rng.randrange(len(steps))
            free = [fill(o) for o in _answers(steps[at].pack, scenario)]
            free = [o for o in free if not draft.holds(opportunities, o)]
            if free:
                draft.put_near(opportunities, at, rng.choice(free))
    return draft


def _journey(
    draft: _Draft,
    kind: MapKind,
    title: str,
    persona: Persona,
    template: JourneyTemplate,
    location: str,
    id_of: Callable[[str], uuid.UUID],
) -> Journey:
    prefix = f"{location}:{kind.value}"
    stages = []
    step_ids: list[uuid.UUID] = []
    for i, (stage_title, steps) in enumerate(draft.stages):
        built = []
        for j, step in enumerate(steps):
            step_ids.append(id_of(f"{prefix}:step:{i}:{j}"))
            built.append(Step(step_ids[-1], step.title, step.emotion))
        stages.append(Stage(id_of(f"{prefix}:stage:{i}"), stage_title, tuple(built)))
    lanes = tuple(
        Lane(id_of(f"{prefix}:lane:{lane.id}"), lane.title, lane_kind)
        for lane, lane_kind in zip(template.lanes, draft.kinds, strict=True)
    )
    cards = []
    for li, lane in enumerate(lanes):
        for at, step_id in enumerate(step_ids):
            for n, text in enumerate(draft.cells.get((li, at), ())):
                key = f"{prefix}:card:{template.lanes[li].id}:{at}:{n}"
                cards.append(Card(id_of(key), lane.id, step_id, text, lane.kind.colour))
    return Journey(id_of(prefix), title, kind, persona, tuple(stages), lanes, tuple(cards))


def journey_stats(journeys: Iterable[Journey]) -> dict[str, int]:
    """Counts over maps: journeys, current, future, stages, steps, lanes, cards, and cards per lane kind."""
    stats = dict.fromkeys(("journeys", "current", "future", "stages", "steps", "lanes", "cards"), 0)
    stats |= {f"cards_{kind.value}": 0 for kind in LaneKind}
    for j in journeys:
        stats["journeys"] += 1
        stats[j.kind.value] += 1
        stats["stages"] += len(j.stages)
        stats["steps"] += len(j.steps)
        stats["lanes"] += len(j.lanes)
        stats["cards"] += len(j.cards)
        kinds = {lane.id: lane.kind for lane in j.lanes}
        for card in j.cards:
            stats[f"cards_{kinds[card.lane_id].value}"] += 1
    return stats
