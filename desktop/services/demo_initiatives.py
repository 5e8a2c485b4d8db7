"""Demo initiatives, benefit plans and Oppdrift fund rounds for the leader groups of the demo programme.

Almost every leader group has an innovation initiative (innovasjonstiltak), most of them grown from the idea
it chose or the prototype it tested; a handful of groups from the last cohorts have none yet (so the
dashboard has someone to follow up), and some groups have two. How far an initiative has come along KS'
Veikart depends on how long ago its cohort ended, seen from ``AS_OF`` (autumn 2019, when LUP 7 had finished
and Oppdrift's first round was decided): LUP 1's initiatives are mostly new practice, LUP 7's are still being
anchored or explored.

About 60 % of the initiatives have a benefit plan (gevinstrealiseringsplan) of one to three benefits of the
KS gain types with a baseline, a target and measurements after the baseline: some reach the target, most
are on their way, a few go the wrong way, and some are not measured yet.

Two rounds of the internal innovation fund: 2018 (smaller) and 2019 (the first with Oppdrift's applicant
workshop on 29 January and the deadline 1 March; 27 applications, 10 funded with NOK 2 575 000 in all).
Together 19 projects funded, as in the seeds. Only initiatives of groups whose cohort ended before a
round's deadline apply; the council's scores put the funded ones above the rest; funded projects are
followed up, and several unfunded applicants are offered guidance (up to two of 2018's guided ones
come back in 2019 and are funded).

Every value goes through the domain's own checks (``check_dates``, ``check_plan``, ``check_measurement``,
``check_round_dates``, ``check_grant``) while it is made, so a rule change shows up as a failing demo build,
not as demo data the app would refuse. Every random choice comes from the ``rng`` the caller passes, every
id from ``id_of(kind, key)``. Texts are demo data in Norwegian bokmål, not translatable strings.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import insert, select

from desktop.domain.benefits import GainType, check_measurement, check_plan, clean_title
from desktop.domain.enums import ParticipantRole
from desktop.domain.fund import Criterion, FundDecision, check_grant, check_round_dates
from desktop.domain.initiatives import InitiativeStatus, check_dates
from desktop.domain.kit import VeikartPhase
from desktop.domain.prototypes import Status

AS_OF = date(2019, 9, 30)  # the demo's "now" for phases, measurements and follow-up
WITHOUT_INITIATIVE = (0, 0, 0, 0, 1, 2, 3)  # groups per cohort (LUP 1–7) that have none yet
SECOND_SHARE = 0.12  # groups with two initiatives
NO_ORIGIN_SHARE = 0.07  # initiatives that did not come from the group's board
MAX_MEASUREMENTS = 8

PHASES = tuple(VeikartPhase)
# Phase weights (Forankring … Ny praksis) by cohort index: earlier cohorts have come further.
PHASE_WEIGHTS = (
    (0, 0, 2, 8, 30, 60),
    (0, 0, 4, 14, 32, 50),
    (0, 2, 6, 22, 35, 35),
    (0, 3, 12, 35, 30, 20),
    (2, 6, 22, 40, 20, 10),
    (6, 16, 38, 30, 8, 2),
    (30, 32, 28, 10, 0, 0),
)
_S = InitiativeStatus
STATUS_WEIGHTS = {
    VeikartPhase.FORANKRING: ((_S.PLANNED, 60), (_S.ACTIVE, 40)),
    VeikartPhase.INNSIKT: ((_S.ACTIVE, 70), (_S.PLANNED, 20), (_S.PAUSED, 10)),
    VeikartPhase.TJENESTEUTVIKLING: ((_S.ACTIVE, 75), (_S.PAUSED, 12), (_S.STOPPED, 8), (_S.PLANNED, 5)),
    VeikartPhase.PILOTERING: ((_S.ACTIVE, 85), (_S.PAUSED, 8), (_S.STOPPED, 7)),
    VeikartPhase.OVERGANG_TIL_DRIFT: ((_S.ACTIVE, 90), (_S.PAUSED, 10)),
    VeikartPhase.NY_PRAKSIS: ((_S.DONE, 85), (_S.ACTIVE, 15)),
}
# The chance an initiative in a phase has a benefit plan (funded ones always have one).
PLAN_SHARE = {
    VeikartPhase.FORANKRING: 0.05,
    VeikartPhase.INNSIKT: 0.2,
    VeikartPhase.TJENESTEUTVIKLING: 0.4,
    VeikartPhase.PILOTERING: 0.6,
    VeikartPhase.OVERGANG_TIL_DRIFT: 0.7,
    VeikartPhase.NY_PRAKSIS: 0.75,
}

NEXT_STEPS = {
    VeikartPhase.FORANKRING: (
        "Presentere tiltaket for hele ledergruppen og sette av tid i årsplanen.",
        "Avklare ressurser og tid med virksomhetsleder.",
        "Få tillitsvalgte og verneombud med før oppstart.",
        "Sette sammen en arbeidsgruppe med to ildsjeler fra hver avdeling.",
    ),
    VeikartPhase.INNSIKT: (
        "Intervjue fem brukere om hvordan de opplever tilbudet i dag.",
        "Gå gjennom brukerreisen på nytt sammen med de ansatte på kveldsvakt.",
        "Hente tall for nullpunktsmålingen før vi endrer noe.",
        "Observere en vanlig uke og notere hvor tiden går.",
    ),
    VeikartPhase.TJENESTEUTVIKLING: (
        "Lage en ny versjon av prototypen og teste den med brukerne.",
        "Skrive ned den nye rutinen og prøve den på én avdeling.",
        "Søke midler fra innovasjonsfondet i neste runde.",
        "Lage gevinstplan og avtale hva vi skal måle.",
    ),
    VeikartPhase.PILOTERING: (
        "Måle gevinstene etter tre måneder i piloten.",
        "Utvide piloten til én avdeling til.",
        "Evaluere piloten sammen med brukerrådet.",
        "Samle erfaringene fra piloten i en kort rapport til ledergruppen.",
    ),
    VeikartPhase.OVERGANG_TIL_DRIFT: (
        "Ta den nye rutinen inn i kvalitetssystemet.",
        "Lære opp alle ansatte før sommeren.",
        "Legge kostnadene inn i budsjettet for neste år.",
        "Avklare hvem som eier løsningen når prosjektet er over.",
    ),
    VeikartPhase.NY_PRAKSIS: (
        "Dele erfaringene med andre tjenester på delingsarenaen.",
        "Måle gevinstene igjen om et halvt år.",
        "Spre løsningen til de andre enhetene i tjenesten.",
        "Ta opp igjen tiltaket i medarbeidersamtalene: hva kan bli enda bedre?",
    ),
}
STOPPED_STEPS = (
    "Erfaringene deles på personalmøtet; behovet tas med i neste idérunde.",
    "Stoppet: løsningen tok mer tid enn den sparte. Læringen er skrevet ned.",
    "Lagt bort til fordel for et felles tiltak i tjenesten.",
)
PAUSED_STEPS = (
    "Tas opp igjen når den nye turnusen er på plass.",
    "På vent til vi har fått ny avdelingsleder.",
    "Venter på svar fra IKT om løsningen kan brukes.",
)
DESCRIPTIONS = (
    "Valgt av ledergruppen på idéverkstedet i {cohort}.",
    "Idéen fikk flest prikker på idéverkstedet i {cohort} og ble tatt videre.",
    "Ledergruppen valgte idéen i {cohort} og har jobbet videre med den sammen med de ansatte.",
)
# Initiatives that did not come from the board: how the place works with innovation.
OWN_INITIATIVES = (
    ("Fast innovasjonspunkt på personalmøtet", "De ansatte har mange idéer, men de blir sjelden prøvd ut."),
    ("Ildsjelnettverk på tvers av avdelingene", "Det de ansatte lærer, blir sjelden delt på tvers."),
    ("Brukerpanel som tester nye tiltak", "Tjenesten blir laget for brukerne, ikke sammen med dem."),
    ("Idétavle og månedlig idéverksted", "Gode forslag fra de ansatte blir borte i hverdagen."),
    ("Gevinstmåling av tiltakene våre", "Vi vet for lite om hva endringene vi gjør, faktisk gir."),
)


# --- benefits ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Gain:
    gain_type: GainType
    title: str
    indicator: str
    unit: str
    base: tuple[float, float]  # baseline range
    change: tuple[float, float]  # target = baseline × (1 + change); for a zero baseline the target range
    step: float  # values are rounded to this
    preconditions: str
    high: float | None = None  # values never above (a percentage, a 1–5 score)


_A, _T, _Q = GainType.AVOIDED_COSTS, GainType.TIME_SAVED, GainType.QUALITY

GAINS: dict[str, tuple[_Gain, ...]] = {
    "eldre": (
        _Gain(
            _T,
            "Mindre tid til dokumentasjon på kontoret",
            "Timer brukt til dokumentasjon på kontoret per uke i sonen",
            "timer per uke",
            (30, 60),
            (-0.35, -0.15),
            1,
            "Nettbrett til alle på vakt; dokumentasjon hos brukeren er tatt inn i rutinen.",
        ),
        _Gain(
            _Q,
            "Færre reinnleggelser etter utskrivning",
            "Antall brukere lagt inn igjen innen 30 dager, per kvartal",
            "antall",
            (8, 18),
            (-0.5, -0.25),
            1,
            "Korttidsavdelingen og hjemmetjenesten bruker samme sjekkliste ved utskrivning.",
        ),
        _Gain(
            _A,
            "Unngåtte korttidsopphold",
            "Kostnader til korttidsplasser for brukerne i sonen",
            "kr per år",
            (1_200_000, 2_400_000),
            (-0.25, -0.1),
            10_000,
            "Plassene som frigjøres, brukes ikke til andre formål i måleperioden.",
        ),
        _Gain(
            _Q,
            "Tryggere brukere hjemme",
            "Andel som svarer at de føler seg trygge hjemme (brukerundersøkelsen)",
            "prosent",
            (62, 75),
            (0.1, 0.25),
            1,
            "Samme spørsmål i brukerundersøkelsen hvert år.",
            high=98,
        ),
        _Gain(
            _T,
            "Færre unødvendige nattbesøk",
            "Timer brukt til tilsynsbesøk om natten per uke",
            "timer per uke",
            (20, 35),
            (-0.5, -0.2),
            1,
            "Sensorene virker stabilt, og brukerne og pårørende har samtykket.",
        ),
        _Gain(
            _A,
            "Lavere vikarbruk",
            "Utgifter til vikarer og overtid",
            "kr per år",
            (800_000, 1_600_000),
            (-0.25, -0.08),
            10_000,
            "Sykefraværet holder seg på samme nivå som i fjor.",
        ),
    ),
    "skole": (
        _Gain(
            _Q,
            "Bedre trivsel",
            "Snitt for trivsel i Elevundersøkelsen, 7. trinn (1–5)",  # noqa: RUF001
            "poeng",
            (3.9, 4.2),
            (0.03, 0.08),
            0.1,
            "Alle klassene på trinnet er med, og undersøkelsen tas på samme tid hvert år.",
            high=5,
        ),
        _Gain(
            _Q,
            "Færre elever alene i friminuttene",
            "Antall elever de voksne i gården registrerer alene i storefri, per uke",
            "antall",
            (10, 25),
            (-0.6, -0.3),
            1,
            "Aktivitetslederne har fått opplæring, og de voksne i gården registrerer på samme måte.",
        ),
        _Gain(
            _T,
            "Mindre tid til å lage undervisningsopplegg",
            "Timer per lærer til planlegging per uke",
            "timer per uke",
            (5, 8),
            (-0.3, -0.1),
            0.5,
            "Idébanken brukes av alle teamene, og fellestiden på onsdager er skjermet.",
        ),
        _Gain(
            _Q,
            "Flere foreldre på foreldremøtene",
            "Andel foreldre som møter på foreldremøtet",
            "prosent",
            (55, 70),
            (0.15, 0.35),
            1,
            "Invitasjonen sendes i god tid og på flere språk.",
            high=95,
        ),
        _Gain(
            _A,
            "Færre vikartimer",
            "Utgifter til vikarer ved fravær",
            "kr per år",
            (400_000, 900_000),
            (-0.2, -0.08),
            10_000,
            "Samme bemanning som i fjor.",
        ),
    ),
    "barnehage": (
        _Gain(
            _Q,
            "Tryggere foreldre",
            "Snitt på «Jeg er trygg når jeg leverer» i foreldreundersøkelsen (1–5)",  # noqa: RUF001
            "poeng",
            (4.1, 4.4),
            (0.03, 0.07),
            0.1,
            "Alle avdelingene bruker bildedagboken hver uke.",
            high=5,
        ),
        _Gain(
            _T,
            "Mindre tid til rutiner",
            "Timer per avdeling til rydding, garderobe og dokumentasjon per uke",
            "timer per uke",
            (12, 20),
            (-0.3, -0.1),
            0.5,
            "De nye rutinene er kjent for alle, også vikarene.",
        ),
        _Gain(
            _Q,
            "Kortere tilvenning",
            "Antall dager til barnet er trygt ved oppstart (snitt)",
            "antall",
            (8, 12),
            (-0.4, -0.2),
            1,
            "Foreldrene kan være med de tre første dagene.",
        ),
        _Gain(
            _A,
            "Lavere sykefravær",
            "Kostnader til vikarer ved sykefravær",
            "kr per år",
            (300_000, 700_000),
            (-0.25, -0.1),
            10_000,
            "Ingen store endringer i bemanningen i måleperioden.",
        ),
    ),
    "familie": (
        _Gain(
            _Q,
            "Flere ungdommer tar kontakt selv",
            "Antall ungdommer på drop-in per måned",
            "antall",
            (10, 25),
            (0.4, 1.0),
            1,
            "Drop-in er kjent på skolene, og helsesykepleier er på plass hver onsdag.",
        ),
        _Gain(
            _T,
            "Færre møter rundt barnet",
            "Timer i koordineringsmøter per familie per år",
            "timer per år",
            (30, 50),
            (-0.4, -0.2),
            1,
            "Familiene har én fast koordinator.",
        ),
        _Gain(
            _A,
            "Unngåtte hjelpetiltak",
            "Kostnader til hjelpetiltak i barnevernet for familiene i piloten",
            "kr per år",
            (2_000_000, 4_000_000),
            (-0.15, -0.05),
            50_000,
            "Samme antall familier i piloten hele perioden.",
        ),
        _Gain(
            _Q,
            "Kortere ventetid",
            "Antall dager fra henvendelse til første samtale (snitt)",
            "antall",
            (14, 28),
            (-0.6, -0.3),
            1,
            "Timene til førstesamtaler er satt av i kalenderen.",
        ),
    ),
    "sosial": (
        _Gain(
            _Q,
            "Færre utkastelser",
            "Antall begjæringer om utkastelse per år",
            "antall",
            (20, 40),
            (-0.5, -0.2),
            1,
            "Bo-veilederen når alle nye leietakere de første tre månedene.",
        ),
        _Gain(
            _A,
            "Unngåtte kostnader til midlertidig bolig",
            "Utgifter til hotell og midlertidig bolig",
            "kr per år",
            (1_500_000, 3_000_000),
            (-0.3, -0.1),
            50_000,
            "Det finnes nok kommunale boliger å flytte til.",
        ),
        _Gain(
            _T,
            "Mindre tid til å rette opp misforståelser",
            "Timer per veileder per uke til samtaler som kunne vært unngått",
            "timer per uke",
            (4, 8),
            (-0.4, -0.2),
            0.5,
            "Vedtakene er skrevet i klarspråk, og brukerne får dem forklart i en samtale.",
        ),
        _Gain(
            _Q,
            "Flere i aktivitet",
            "Andel brukere i aktivitet mens de venter på tiltak",
            "prosent",
            (30, 45),
            (0.3, 0.6),
            1,
            "Aktivitetstilbudet er åpent hele året, også i ferier.",
            high=90,
        ),
    ),
    "kultur": (
        _Gain(
            _Q,
            "Flere barn fra familier med dårlig råd deltar",
            "Antall barn med fritidskort som deltar i minst én aktivitet",
            "antall",
            (40, 120),
            (0.3, 0.8),
            1,
            "Lagene tar imot fritidskortet, og skolene informerer om det.",
        ),
        _Gain(
            _Q,
            "Flere besøk på biblioteket",
            "Besøk per måned",
            "antall",
            (8_000, 15_000),
            (0.08, 0.2),
            100,
            "Meråpent bibliotek med adgangskort virker stabilt.",
        ),
        _Gain(
            _T,
            "Mindre tid til søknadsbehandling",
            "Timer til behandling av søknader om kulturmidler per år",
            "timer per år",
            (200, 350),
            (-0.4, -0.2),
            5,
            "Det nye søknadsskjemaet er tatt i bruk av alle lagene.",
        ),
        _Gain(
            _A,
            "Lavere utgifter til ekstra bemanning",
            "Utgifter til ekstra bemanning på kveldstid",
            "kr per år",
            (250_000, 400_000),
            (-0.4, -0.2),
            10_000,
            "Ungdomsvertene er på plass alle kvelder med åpent.",
        ),
    ),
    "teknisk": (
        _Gain(
            _Q,
            "Flere komplette byggesøknader",
            "Andel søknader som er komplette første gang",
            "prosent",
            (40, 55),
            (0.3, 0.6),
            1,
            "Sjekklisten ligger på nettsidene og brukes i forhåndskonferansene.",
            high=95,
        ),
        _Gain(
            _T,
            "Mindre tid til å etterlyse dokumenter",
            "Timer per uke saksbehandlerne bruker på å etterlyse dokumentasjon",
            "timer per uke",
            (15, 30),
            (-0.4, -0.2),
            1,
            "Alle saksbehandlerne bruker samme mal for mangelbrev.",
        ),
        _Gain(
            _Q,
            "Færre telefoner om status",
            "Antall henvendelser om status på meldte feil per måned",
            "antall",
            (150, 300),
            (-0.4, -0.2),
            5,
            "Innbyggerne får lenke til statusen når de melder en feil.",
        ),
        _Gain(
            _A,
            "Lavere energikostnader",
            "Strømutgifter i byggene i piloten",
            "kr per år",
            (1_000_000, 2_000_000),
            (-0.2, -0.08),
            10_000,
            "Sammenlignet med et normalår; sensorene er installert i alle byggene.",
        ),
    ),
    "nyansatt": (
        _Gain(
            _T,
            "Mindre tid til administrasjon for lederne",
            "Timer per leder per uke til godkjenninger og rapporter",
            "timer per uke",
            (5, 9),
            (-0.35, -0.15),
            0.5,
            "Oversikten over godkjenninger er tatt i bruk av alle lederne i piloten.",
        ),
        _Gain(
            _Q,
            "Nyansatte raskere trygge",
            "Andel nyansatte som etter tre måneder svarer at de fikk en god start",
            "prosent",
            (55, 70),
            (0.2, 0.35),
            1,
            "Lederne bruker sjekklisten før den nyansatte begynner.",
            high=95,
        ),
        _Gain(
            _A,
            "Unngåtte kostnader til manuell registrering",
            "Lønnskostnader til manuell registrering",
            "kr per år",
            (600_000, 1_200_000),
            (-0.5, -0.25),
            10_000,
            "Roboten er satt i drift og har en ansvarlig i IKT.",
        ),
        _Gain(
            _Q,
            "Færre skjemaer som må rettes",
            "Antall skjemaer sendt tilbake for retting per måned",
            "antall",
            (60, 120),
            (-0.5, -0.3),
            1,
            "Det nye skjemaet er det eneste som ligger ute.",
        ),
    ),
}
GENERAL_GAINS = (
    _Gain(
        _A,
        "Unngått innleie og overtid",
        "Unngåtte utgifter til innleie og overtid sammenlignet med samme periode i fjor",
        "kr",
        (0, 0),
        (150_000, 500_000),
        5_000,
        "Samme bemanningsplan som i fjor; endringer i turnus holdes utenfor.",
    ),
    _Gain(
        _T,
        "Frigjort tid til brukerne",
        "Timer frigjort til direkte brukerarbeid per uke",
        "timer per uke",
        (0, 0),
        (5, 20),
        1,
        "Tiden som frigjøres, brukes hos brukerne og ikke til nye oppgaver.",
    ),
)
MEASUREMENT_NOTES = (
    "",
    "",
    "",
    "Tall fra fagsystemet.",
    "Telling gjort av ildsjelene.",
    "Fra brukerundersøkelsen.",
    "Sommerferien trekker ned.",
    "Ny avdeling med i piloten fra denne målingen.",
    "Høyt sykefravær i perioden.",
)

# --- the fund ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Round:
    key: str
    name: str
    budget: int
    info_workshop: date
    applicant_workshop: date
    deadline: date
    decision_date: date
    applications: int  # including the withdrawn
    withdrawn: int
    grants: tuple[int, ...]  # one per funded application
    guided: int  # unfunded applicants offered guidance
    notes: str


ROUNDS = (
    _Round(
        "2018-1",
        "Innovasjonsfondet 2018 – runde 1",  # noqa: RUF001
        1_000_000,
        date(2017, 11, 21),
        date(2018, 1, 30),
        date(2018, 3, 1),
        date(2018, 4, 19),
        applications=15,
        withdrawn=1,
        grants=(200_000, 150_000, 125_000, 100_000, 100_000, 90_000, 75_000, 70_000, 50_000),
        guided=3,
        notes=(
            "Interne innovasjonsmidler fra Forsknings- og innovasjonsfondet (opprettet 2017). "
            "Søknadene ble vurdert av fondsrådet etter de fem kriteriene."
        ),
    ),
    _Round(
        "2019-1",
        "Innovasjonsfondet 2019 – runde 1 (Oppdrift)",  # noqa: RUF001
        2_600_000,
        date(2018, 11, 20),
        date(2019, 1, 29),
        date(2019, 3, 1),
        date(2019, 4, 25),
        applications=27,
        withdrawn=0,
        grants=(450_000, 400_000, 350_000, 300_000, 275_000, 250_000, 200_000, 150_000, 125_000, 75_000),
        guided=7,
        notes=(
            "Første runde med Oppdrift: informasjons- og sparringsverksted i november, søkerverksted "
            "29. januar og søknadsfrist 1. mars. Metodene fra LUP ble brukt i søknadene. Søkere som ikke "
            "får midler, får tilbud om veiledning og oppfølging."
        ),
    ),
)
FUNDED_SCORES = (3, 4, 4, 5, 5)
UNFUNDED_SCORES = (1, 2, 2, 3, 3, 4)
FUNDED_MIN, UNFUNDED_MAX = 19, 15  # the sums of the five scores: every funded one above every other
FOLLOW_UP_START = (
    "Oppstartsmøte med Oppdrift {d1}; gevinstrealiseringsplan med nullpunktsmåling levert {d2}.",
    "Oppstartsmøte {d1}. Prosjektplan og gevinstplan gått gjennom med Oppdrift {d2}.",
    "Kontrakt signert {d1}; første oppfølgingsmøte med Oppdrift {d2}.",
)
FOLLOW_UP_STATUS = (
    "Piloten er i gang og følger planen.",
    "Forsinket oppstart fordi prosjektlederen måtte rekrutteres; ny framdriftsplan er laget.",
    "Delte erfaringene på delingsarenaen {d3}.",
    "Statusrapport levert {d3}: brukerne er positive, gevinstene måles hvert kvartal.",
    "Statusmøte {d3}: mer tid enn ventet til opplæring, men på god vei.",
)
FOLLOW_UP_DONE = "Sluttrapport levert {d3}; tiltaket er tatt inn i driften."
REAPPLIED = " Søkte også i 2018; fikk veiledning og leverte en tydeligere gevinstplan denne gangen."
GUIDANCE = (
    "To veiledningsmøter med Oppdrift om behovet og gevinstplanen ({d1}). Vil søke igjen i neste runde.",
    "Takket ja til veiledning; fikk hjelp til å teste idéen i liten skala uten midler ({d1}).",
    "Veiledning om forankring i linjen ({d1}); virksomhetsleder er nå med i prosjektgruppen.",
    "Fikk veiledning i å beskrive gevinstene ({d1}) og kobling til et lignende prosjekt i en annen tjeneste.",
    "Sparringsmøte med Oppdrift {d1}: tiltaket kan gjennomføres i ordinær drift; følges opp til våren.",
)
REJECTED_NOTES = (
    "",
    "",
    "Avslått: ligger innenfor ordinær drift.",
    "Avslått: svak forankring i linjen.",
    "Avslått: gevinstene er uklart beskrevet.",
)
WITHDRAWN_NOTE = "Trukket før behandling: tiltaket ble slått sammen med et tiltak i tjenesten."


# --- building ----------------------------------------------------------------------------------------------


@dataclass
class _Group:
    id: uuid.UUID
    cohort: str
    cohort_index: int
    cohort_end: date
    location: str
    sector: str
    leaders: list[str]


@dataclass(eq=False)  # compared and hashed by identity
class _Initiative:
    id: uuid.UUID
    group: _Group
    title: str
    need: str
    description: str
    owner: str
    idea_id: uuid.UUID | None
    prototype_id: uuid.UUID | None
    phase: VeikartPhase
    status: InitiativeStatus
    start_date: date | None
    end_date: date | None
    next_step: str
    funded_on: date | None = None
    benefits: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class _Origin:
    idea_id: uuid.UUID | None
    prototype_id: uuid.UUID | None
    title: str
    need: str
    description: str
    stopped: bool


def write_initiatives(s, rng: random.Random, ideas, id_of: Callable[[str, str], uuid.UUID]) -> None:
    """Make and store the demo's initiatives, benefit plans and fund rounds, inside the caller's transaction
    (after the groups, participants, ideas and prototypes: ``ideas`` is the ``DemoIdeas`` that wrote them)."""
    from desktop.storage.models import (
        Application,
        Benefit,
        BenefitMeasurement,
        Cohort,
        FundRound,
        Initiative,
        LeaderGroup,
        Participant,
        Sector,
        ServiceLocation,
        utcnow,
    )

    s.flush()
    leaders: dict[uuid.UUID, list[str]] = {}
    for group_id, name in s.execute(
        select(Participant.leader_group_id, Participant.name)
        .where(Participant.role == ParticipantRole.LEADER)
        .order_by(Participant.leader_group_id, Participant.name)
    ):
        leaders.setdefault(group_id, []).append(name)
    rows = s.execute(
        select(LeaderGroup.id, Cohort.name, Cohort.end_date, ServiceLocation.name, Sector.name)
        .join(Cohort, LeaderGroup.cohort_id == Cohort.id)
        .join(ServiceLocation, LeaderGroup.service_location_id == ServiceLocation.id)
        .join(Sector, ServiceLocation.sector_id == Sector.id)
        .order_by(Cohort.start_date, ServiceLocation.name)
    ).all()
    cohorts = sorted({(end, name) for _, name, end, _, _ in rows})
    index = {name: n for n, (_, name) in enumerate(cohorts)}
    groups = [
        _Group(gid, cohort, index[cohort], end, location, sector, leaders.get(gid, []))
        for gid, cohort, end, location, sector in rows
    ]
    initiatives = demo_initiatives(rng, groups, ideas.boards, ideas.prototypes, id_of)
    applications = _fund(rng, initiatives, id_of)
    for i in initiatives:
        _benefit_plan(rng, i, id_of)

    now = utcnow()
    stamp = {"created_at": now, "updated_at": now}
    initiative_rows = [
        {
            "id": i.id,
            **stamp,
            "leader_group_id": i.group.id,
            "title": i.title,
            "need": i.need,
            "description": i.description,
            "owner": i.owner,
            "idea_id": i.idea_id,
            "prototype_id": i.prototype_id,
            "phase": i.phase,
            "status": i.status,
            "start_date": i.start_date,
            "end_date": i.end_date,
            "next_step": i.next_step,
        }
        for i in initiatives
    ]
    benefit_rows, measurement_rows = [], []
    for i in initiatives:
        for b in i.benefits:
            measurements = b.pop("measurements")
            benefit_rows.append({**b, **stamp})
            measurement_rows += [{**m, **stamp} for m in measurements]
    round_rows = [
        {
            "id": id_of("fund-round", r.key),
            **stamp,
            "name": r.name,
            "budget": r.budget,
            "info_workshop": r.info_workshop,
            "applicant_workshop": r.applicant_workshop,
            "deadline": r.deadline,
            "decision_date": r.decision_date,
            "notes": r.notes,
        }
        for r in ROUNDS
    ]
    for model, table_rows in (
        (Initiative, initiative_rows),
        (Benefit, benefit_rows),
        (BenefitMeasurement, measurement_rows),
        (FundRound, round_rows),
        (Application, [{**a, **stamp} for a in applications]),
    ):
        if table_rows:
            s.execute(insert(model.__table__), table_rows)


def demo_initiatives(
    rng: random.Random,
    groups: Sequence[_Group],
    boards: Sequence,
    prototypes: Sequence,
    id_of: Callable[[str, str], uuid.UUID],
) -> list[_Initiative]:
    """The groups' initiatives (without benefit plans): most groups one, some two, a handful none."""
    from desktop.services.demo import FEATURED
    from desktop.services.demo_ideas import COMMON_WHY, PACKS, THEME_WHY, pack_key

    board_of = dict(boards)
    prototypes_of: dict[uuid.UUID, list] = {}
    for group_id, p in prototypes:
        prototypes_of.setdefault(group_id, []).append(p)
    without: set[uuid.UUID] = set()
    for n, count in enumerate(WITHOUT_INITIATIVE):
        candidates = [g.id for g in groups if g.cohort_index == n and g.location not in FEATURED]
        without.update(rng.sample(candidates, min(count, len(candidates))))

    result: list[_Initiative] = []
    for g in groups:
        if g.id in without:
            continue
        board = board_of.get(g.id)
        themes = {t.id: t.title for t in board.themes} if board else {}
        ideas = {i.id: i for i in board.ideas} if board else {}
        pack = PACKS[pack_key(g.sector)]

        def need_of(idea_id: uuid.UUID | None, ideas=ideas, themes=themes, pack=pack) -> str:
            idea = ideas.get(idea_id)
            if idea is not None and idea.theme_id in themes:
                return THEME_WHY.get(themes[idea.theme_id], COMMON_WHY)[0]
            return rng.choice(pack.needs)

        origins: list[_Origin] = []
        prototyped = set()
        for p in prototypes_of.get(g.id, []):
            prototyped.add(p.idea_id)
            needs = [it.need for it in p.iterations if it.need]
            current = p.current
            text = " ".join(x for x in (current.solution, current.result, current.learning) if x)
            origins.append(
                _Origin(
                    p.idea_id,
                    p.id,
                    p.title,
                    needs[0] if needs else need_of(p.idea_id),
                    text,
                    p.status is Status.STOP,
                )
            )
        # Prototypes that went on first, then chosen ideas not prototyped, stopped prototypes last.
        origins.sort(key=lambda o: o.stopped)
        live = sum(not o.stopped for o in origins)
        for idea in board.ideas if board else ():
            if idea.chosen and idea.id not in prototyped:
                origins.insert(live, _Origin(idea.id, None, idea.text, need_of(idea.id), "", False))
                live += 1

        count = 2 if len(origins) > 1 and rng.random() < SECOND_SHARE else 1
        for n in range(count):
            if origins and (n > 0 or rng.random() >= NO_ORIGIN_SHARE):
                origin = origins[n]
            else:
                title, need = rng.choice(OWN_INITIATIVES)
                origin = _Origin(None, None, title, need, "", False)
            result.append(_initiative(rng, g, origin, n, id_of))
    return result


def _initiative(
    rng: random.Random, g: _Group, origin: _Origin, n: int, id_of: Callable[[str, str], uuid.UUID]
) -> _Initiative:
    phase = rng.choices(PHASES, weights=PHASE_WEIGHTS[min(g.cohort_index, len(PHASE_WEIGHTS) - 1)])[0]
    if origin.stopped and rng.random() < 0.6:
        phase = rng.choice((VeikartPhase.TJENESTEUTVIKLING, VeikartPhase.PILOTERING))
        status = InitiativeStatus.STOPPED
    else:
        options, weights = zip(*STATUS_WEIGHTS[phase], strict=True)
        status = rng.choices(options, weights=weights)[0]
    start = g.cohort_end + timedelta(days=rng.randint(7, 75))
    if status is InitiativeStatus.PLANNED:
        start = max(start, AS_OF + timedelta(days=rng.randint(15, 120)))
    start = min(start, AS_OF + timedelta(days=150))
    end: date | None = None
    if status is InitiativeStatus.DONE:
        end = min(AS_OF - timedelta(days=rng.randint(10, 120)), start + timedelta(days=rng.randint(300, 900)))
    elif status is InitiativeStatus.STOPPED:
        end = min(AS_OF - timedelta(days=rng.randint(5, 60)), start + timedelta(days=rng.randint(90, 360)))
    elif phase in (VeikartPhase.PILOTERING, VeikartPhase.OVERGANG_TIL_DRIFT) or rng.random() < 0.3:
        end = max(start, AS_OF) + timedelta(days=rng.randint(60, 360))  # planned
    if end is not None and end < start:
        end = start + timedelta(days=rng.randint(30, 90)) if status is InitiativeStatus.DONE else start
    check_dates(start, end)
    if status is InitiativeStatus.STOPPED:
        step = rng.choice(STOPPED_STEPS)
    elif status is InitiativeStatus.PAUSED:
        step = rng.choice(PAUSED_STEPS)
    else:
        step = rng.choice(NEXT_STEPS[phase])
    description = origin.description or rng.choice(DESCRIPTIONS).format(cohort=g.cohort)
    return _Initiative(
        id=id_of("initiative", f"{g.id}:{n}"),
        group=g,
        title=clean_title(origin.title),
        need=origin.need,
        description=description,
        owner=rng.choice(g.leaders) if g.leaders else "",
        idea_id=origin.idea_id,
        prototype_id=origin.prototype_id,
        phase=phase,
        status=status,
        start_date=start,
        end_date=end,
        next_step=step,
    )


def _fund(rng: random.Random, initiatives: Sequence[_Initiative], id_of) -> list[dict]:
    """The applications of both rounds, decided by the council within the rules (grants within what was
    applied for and the budget left). Funded initiatives are piloting or further and active."""
    rows: list[dict] = []
    guided_before: list[_Initiative] = []
    for r in ROUNDS:
        check_round_dates(r.info_workshop, r.applicant_workshop, r.deadline, r.decision_date)
        round_id = id_of("fund-round", r.key)
        eligible = [
            i
            for i in initiatives
            if i.group.cohort_end < r.deadline
            and i.start_date is not None
            and i.start_date <= r.deadline
            and i.status not in (InitiativeStatus.PLANNED, InitiativeStatus.STOPPED)
            and (i.end_date is None or i.end_date >= r.decision_date)
            and i.funded_on is None
        ]
        back = [i for i in guided_before if i in eligible]
        eligible = [i for i in eligible if i not in back]
        chosen = back + rng.sample(eligible, r.applications - len(back))
        funded_n = len(r.grants)
        scores = {}
        for i in chosen:
            funded = i in back or len([x for x in scores.values() if sum(x) >= FUNDED_MIN]) < funded_n
            scores[i.id] = _scores(rng, funded)
        # The council funds the best; those coming back after guidance scored among them above.
        ranked = sorted(chosen, key=lambda i: (-sum(scores[i.id]), str(i.id)))
        funded = ranked[:funded_n]
        rest = ranked[funded_n:]
        withdrawn = set(rng.sample(rest, r.withdrawn))
        rejected = [i for i in rest if i not in withdrawn]
        guided = set(rng.sample(rejected, min(r.guided, len(rejected))))
        grants = list(r.grants)
        rng.shuffle(grants)
        granted_so_far = 0
        for i in ranked:
            if i in funded:
                decision = FundDecision.GRANTED
                granted = grants.pop()
                applied = granted + (25_000 * rng.randint(1, 6) if rng.random() < 0.4 else 0)
            else:
                decision = FundDecision.WITHDRAWN if i in withdrawn else FundDecision.REJECTED
                granted = None
                applied = 25_000 * rng.randint(4, 28)
            check_grant(decision, applied, granted, r.budget, granted_so_far)
            granted_so_far += granted or 0
            follow_up, guidance = "", ""
            if decision is FundDecision.GRANTED:
                follow_up = _follow_up(rng, i, r, reapplied=i in back)
            elif decision is FundDecision.WITHDRAWN:
                follow_up = WITHDRAWN_NOTE
            else:
                follow_up = rng.choice(REJECTED_NOTES)
                if i in guided:
                    day = r.decision_date + timedelta(days=rng.randint(20, 70))
                    guidance = rng.choice(GUIDANCE).format(d1=_day(day))
            rows.append(
                {
                    "id": id_of("application", f"{round_id}:{i.id}"),
                    "round_id": round_id,
                    "initiative_id": i.id,
                    "amount_applied": applied,
                    **{
                        f"score_{c.value}": (v if decision is not FundDecision.WITHDRAWN else None)
                        for c, v in zip(Criterion, scores[i.id], strict=True)
                    },
                    "decision": decision,
                    "amount_granted": granted,
                    "follow_up": follow_up,
                    "guidance_offered": i in guided,
                    "guidance_notes": guidance,
                }
            )
        assert granted_so_far == sum(r.grants) <= r.budget
        guided_before = sorted(guided, key=lambda i: str(i.id))[:2]
    return rows


def _scores(rng: random.Random, funded: bool) -> tuple[int, ...]:
    while True:
        scores = tuple(rng.choice(FUNDED_SCORES if funded else UNFUNDED_SCORES) for _ in Criterion)
        if (sum(scores) >= FUNDED_MIN) if funded else (sum(scores) <= UNFUNDED_MAX):
            return scores


def _follow_up(rng: random.Random, i: _Initiative, r: _Round, reapplied: bool) -> str:
    """A funded project: at least piloting and active from the decision on, followed up by Oppdrift."""
    if PHASES.index(i.phase) < PHASES.index(VeikartPhase.PILOTERING):
        i.phase = VeikartPhase.PILOTERING
        i.next_step = rng.choice(NEXT_STEPS[i.phase])
    if i.status is not InitiativeStatus.DONE:
        i.status, i.end_date = InitiativeStatus.ACTIVE, max(AS_OF, r.decision_date) + timedelta(days=180)
        i.next_step = rng.choice(NEXT_STEPS[i.phase])
    check_dates(i.start_date, i.end_date)
    i.funded_on = r.decision_date
    d1 = r.decision_date + timedelta(days=rng.randint(14, 35))
    d2 = d1 + timedelta(days=rng.randint(20, 60))
    d3 = min(AS_OF - timedelta(days=rng.randint(3, 40)), d2 + timedelta(days=rng.randint(60, 300)))
    d3 = max(d3, d2)
    done = i.status is InitiativeStatus.DONE and i.end_date is not None and i.end_date > d2
    status = FOLLOW_UP_DONE if done else rng.choice(FOLLOW_UP_STATUS)
    text = " ".join((rng.choice(FOLLOW_UP_START), status)).format(d1=_day(d1), d2=_day(d2), d3=_day(d3))
    return text + (REAPPLIED if reapplied else "")


def _day(day: date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


def _benefit_plan(rng: random.Random, i: _Initiative, id_of) -> None:
    """One to three benefits with a baseline, a target and measurements since the baseline, for about 60 %
    of the initiatives (every funded one)."""
    from desktop.services.demo_ideas import pack_key

    if i.start_date is None or i.start_date > AS_OF - timedelta(days=20):
        return
    if i.funded_on is None and rng.random() >= PLAN_SHARE[i.phase]:
        return
    pool = [*GAINS.get(pack_key(i.group.sector), ()), rng.choice(GENERAL_GAINS)]
    count = rng.choices((1, 2, 3), weights=(35, 45, 20))[0]
    # Benefits are measured after a project is over too; not after it was stopped.
    stopped = i.status is InitiativeStatus.STOPPED and i.end_date is not None
    last_day = min(i.end_date, AS_OF) if stopped else AS_OF
    for position, gain in enumerate(rng.sample(pool, count)):
        first = i.funded_on + timedelta(days=rng.randint(7, 45)) if i.funded_on else i.start_date
        baseline_date = min(first + timedelta(days=rng.randint(0, 120)), last_day - timedelta(days=10))
        baseline_date = max(baseline_date, i.start_date)
        baseline = _round(gain, rng.uniform(*gain.base))
        wanted = rng.uniform(*gain.change) if not baseline else baseline * (1 + rng.uniform(*gain.change))
        target = _round(gain, wanted)
        if target == baseline:
            target = _round(gain, baseline + gain.step * (1 if gain.change[0] > 0 else -1))
        target_date = baseline_date + timedelta(days=rng.choice((365, 545, 730)))
        check_plan(baseline, baseline_date, target, target_date)
        benefit_id = id_of("benefit", f"{i.id}:{position}")
        i.benefits.append(
            {
                "id": benefit_id,
                "initiative_id": i.id,
                "position": position,
                "gain_type": gain.gain_type,
                "title": clean_title(gain.title),
                "indicator": gain.indicator,
                "unit": gain.unit,
                "baseline": baseline,
                "baseline_date": baseline_date,
                "target": target,
                "target_date": target_date,
                "owner": i.owner
                if rng.random() < 0.6 or not i.group.leaders
                else rng.choice(i.group.leaders),
                "preconditions": gain.preconditions,
                "measurements": _measurements(
                    rng, gain, benefit_id, baseline, baseline_date, target, last_day, id_of
                ),
            }
        )


def _measurements(
    rng: random.Random,
    gain: _Gain,
    benefit_id: uuid.UUID,
    baseline: float,
    baseline_date: date,
    target: float,
    last_day: date,
    id_of,
) -> list[dict]:
    span = (last_day - baseline_date).days
    not_yet = 40 if span < 240 else 5  # a recent baseline is often not followed up yet
    outcome = rng.choices(("reached", "partway", "wrong", "none"), weights=(25, 45, 12, not_yet))[0]
    interval = 91 if span < 730 else 182
    count = min(MAX_MEASUREMENTS, span // interval)
    if outcome == "none" or count <= 0:
        return []
    share = {"reached": (1.0, 1.25), "partway": (0.3, 0.9), "wrong": (-0.4, -0.1)}[outcome]
    final = rng.uniform(*share)
    rows = []
    for k in range(1, count + 1):
        on = baseline_date + timedelta(days=k * interval + rng.randint(-10, 10))
        on = min(max(on, baseline_date + timedelta(days=1)), last_day)
        check_measurement(on, baseline_date)
        way = final * (k / count) ** 0.8 + (rng.gauss(0, 0.08) if k < count else 0)
        value = _round(gain, baseline + (target - baseline) * way)
        rows.append(
            {
                "id": id_of("measurement", f"{benefit_id}:{k}"),
                "benefit_id": benefit_id,
                "measured_on": on,
                "value": value,
                "note": rng.choice(MEASUREMENT_NOTES),
            }
        )
    return rows


def _round(gain: _Gain, value: float) -> float:
    value = round(round(value / gain.step) * gain.step, 2)
    value = max(0.0, value)
    return min(value, gain.high) if gain.high is not None else value
