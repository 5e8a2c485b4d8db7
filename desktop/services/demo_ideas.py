"""Demo ideas, dot votes and prototypes for the finished leader groups of the demo programme.

After the insight session a leader group turns the pain points (smertepunkter) and opportunities (muligheter)
of its own user journeys into ideas, adds ideas of its own, sorts them into two to four themes, votes with
three dots each, places most ideas on the impact/effort matrix, chooses one to three, and prototypes the
chosen ones in behov – løsning – test rounds between the prototyping session and the closing gathering.
Kunnskapssenteret "had the most ideas" (the seeds), so it gets more than any other group.

Every change goes through the pure operations of ``desktop.domain.ideas`` and ``desktop.domain.prototypes``,
so the demo never breaks a rule the app enforces (no participant has more than the board's dots). Every
random choice comes from the ``rng`` the caller passes, every id from ``id_of(kind, key)``: the same demo on
every laptop. Texts are demo data in Norwegian bokmål, not translatable strings.
"""

from __future__ import annotations

import random
import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import insert

from desktop.domain.ideas import (
    Board,
    Idea,
    Quadrant,
    Theme,
    add_idea,
    add_theme,
    cast_vote,
    place,
    set_chosen,
)
from desktop.domain.journey import Journey, LaneKind
from desktop.domain.prototypes import Decision, Iteration, Prototype, edit_iteration, next_iteration

IDEAS_PER_GROUP = (6, 18)
MOST_IDEAS = {"Kunnskapssenteret": 24}  # more than any other group can get
DOTS = 3
PLACED_SHARE = 0.8  # most ideas end up on the matrix
DRAFT_SHARE = 0.15  # prototypes with a need and a solution but no assumption yet


# --- content -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Theme:
    title: str
    words: tuple[str, ...]  # how words of an idea that belongs here begin (regular expressions)
    ideas: tuple[str, ...] = ()  # ideas a group with this theme may come up with itself


# Themes any group may use; the words sort ideas from the journey cards into them.
GENERAL_THEMES = (
    _Theme(
        "Én dør inn og faste kontaktpersoner",
        (
            "kontaktperson",
            "én dør",
            r"faste? (?:kontakt|team)",
            "byggelos",
            "koordin",
            "navn å ringe",
            "fadder",
            "kjente",
        ),
    ),
    _Theme(
        "Klart språk og god informasjon",
        (
            "klarspråk",
            "oversikt over",
            "informasjon",
            "sjekkliste",
            "beskjed",
            "veiviser",
            "brev",
            "brosjyre",
            "sammendrag",
            "forklar",
            "enkelt språk",
            "svartid",
            "ventetid",
        ),
    ),
    _Theme(
        "Digitalt og enkelt",
        (
            "digital",
            "nett",
            "sms",
            r"app\b",
            "video",
            r"kart\b",
            "kalkulator",
            "chat",
            "skjerm",
            "elektronisk",
        ),
    ),
    _Theme(
        "Samarbeid på tvers",
        (
            "felles (?:samtale|plan|notat|møte)",
            "samarbeid",
            "overføring",
            "overgang",
            "tvers",
            "rutine for",
            "følger (?:saken|personen)",
            "samle møtene",
            "samordne",
        ),
    ),
    _Theme(
        "Tidlig innsats",
        ("tidlig", "forebygg", "varsel", "uten henvisning", "drop-in", "hurtigspor", "raskt svar"),
    ),
    _Theme(
        "Brukeren med fra start",
        (
            "barnesamtale",
            "viktig for",
            "egne mål",
            "medvirk",
            "spørre",
            "brukerråd",
            "ungdomsråd",
            "egne ord",
        ),
    ),
)

# Why a theme's ideas matter: the need a prototype in the theme answers, and what its test should show.
THEME_WHY: dict[str, tuple[str, str]] = {
    "Trygge overganger hjem": (
        "Brukerne kommer hjem fra sykehuset uten at noen vet hva som er avtalt.",
        "færre blir lagt inn igjen de første ukene etter utskrivning",
    ),
    "Velferdsteknologi": (
        "Brukerne vil klare seg selv, og nattevaktene vekker folk for å sjekke at alt er vel.",
        "brukerne sover bedre og klarer mer selv",
    ),
    "Aktivitet og fellesskap": (
        "Mange eldre er ensomme og blir sittende inne.",
        "flere eldre kommer seg ut og treffer folk hver uke",
    ),
    "Kompetanse og læring": (
        "De ansatte lærer mye i hverdagen, men det blir sjelden delt.",
        "de ansatte deler mer av det de kan, og føler seg tryggere i jobben",
    ),
    "En bedre arbeidsdag": (
        "De ansatte bruker mye tid på rapporter og kjøring i stedet for å være hos brukeren.",
        "de ansatte får mer tid hos brukeren",
    ),
    "Læringsmiljø og trivsel": (
        "Noen elever går alene i friminuttene og gruer seg til skolen.",
        "elevene trives bedre og færre går alene i friminuttene",
    ),
    "Skole–hjem-samarbeid": (
        "Foreldrene vet for lite om hva som skjer på skolen og hvordan de kan hjelpe.",
        "foreldrene følger bedre opp hjemme",
    ),
    "Tilpasset opplæring": (
        "Elevene trenger å oppleve mestring hver dag, også de som strever.",
        "flere elever opplever mestring",
    ),
    "Samarbeid i kollegiet": (
        "Lærerne har lite tid til å dele det som fungerer med hverandre.",
        "lærerne bruker det kollegene har laget",
    ),
    "Foreldresamarbeid": (
        "Foreldrene vil vite hvordan barnet har det i løpet av dagen.",
        "foreldrene føler seg tryggere når de leverer",
    ),
    "Trygg start og gode overganger": (
        "Nye barn og foreldre trenger en trygg start, og overgangen til skolen er sårbar.",
        "barna blir raskere trygge",
    ),
    "Lek og læring ute": (
        "Barna trenger mer bevegelse og voksne som er med i leken.",
        "barna er mer i aktivitet, og de voksne er mer til stede i leken",
    ),
    "Hverdagen i barnehagen": (
        "Rutinene tar så mye tid at det blir lite igjen til barna.",
        "de ansatte får mer tid sammen med barna",
    ),
    "Lavterskeltilbud": (
        "Ungdom søker hjelp for sent fordi terskelen er for høy.",
        "ungdommene bruker tilbudet uten å bli henvist",
    ),
    "Barnets stemme": (
        "Barna blir snakket om, men sjelden spurt selv.",
        "barna opplever at de blir hørt",
    ),
    "Koordinering rundt barnet": (
        "Familiene må forholde seg til for mange tjenester på en gang.",
        "foreldrene slipper å gjenta historien sin",
    ),
    "Støtte til foreldrene": (
        "Foreldre som strever, får hjelp først når problemene har vokst seg store.",
        "familiene tar kontakt tidligere",
    ),
    "Bolig og oppfølging": (
        "Mange mister boligen fordi ingen fanger opp problemene tidlig.",
        "færre mister boligen",
    ),
    "Arbeid og aktivitet": (
        "Brukerne venter lenge på tiltak og mister motet underveis.",
        "flere holder seg i aktivitet mens de venter",
    ),
    "Møtet med brukeren": (
        "Brukerne må fortelle historien sin mange ganger og mister tilliten.",
        "brukerne opplever å bli møtt som mennesker, ikke som saker",
    ),
    "Rus og psykisk helse": (
        "Brukerne med rus- og psykiske helseplager faller ut når oppfølgingen er på kontoret.",
        "flere holder kontakten over tid",
    ),
    "Nå nye brukere": (
        "Barn og unge fra familier med dårlig råd deltar mindre i fritidsaktiviteter.",
        "flere barn fra familier med dårlig råd deltar",
    ),
    "Biblioteket som møteplass": (
        "Mange mangler et sted å være og noen å snakke med utenfor hjemmet.",
        "flere bruker biblioteket som møteplass",
    ),
    "Frivillighet og lag": (
        "Lag og foreninger bruker mye tid på søknader og administrasjon.",
        "lagene bruker mindre tid på papirarbeid",
    ),
    "Synlige tilbud": ("Innbyggerne finner ikke tilbudene som finnes.", "flere finner tilbudene"),
    "Byggesak og plan": (
        "Innbyggerne forstår ikke reglene og sender ufullstendige søknader.",
        "flere søknader er komplette første gang",
    ),
    "Vei, vann og avløp": (
        "Innbyggerne får vite om stenginger og feil for sent.",
        "innbyggerne ringer sjeldnere for å spørre hva som skjer",
    ),
    "Innbyggerdialog": (
        "Innbyggerne vet ikke hva som skjer med saken eller meldingen sin.",
        "færre klager kommer inn",
    ),
    "Drift og eiendom": (
        "Skoler og barnehager venter lenge på vaktmester og vedlikehold.",
        "brukerne av byggene får raskere hjelp",
    ),
    "God start for nyansatte": (
        "Nyansatte bruker de første ukene på å lete etter svar.",
        "nyansatte blir raskere trygge i jobben",
    ),
    "Enklere for lederne": (
        "Lederne bruker for mye tid på administrasjon og for lite på ledelse.",
        "lederne sparer tid hver uke",
    ),
    "Digitalisering og selvbetjening": (
        "Mye tid går med til å registrere det samme i flere systemer.",
        "færre saker må sendes tilbake for å rettes",
    ),
    "Nær tjenestene": (
        "Tjenestene opplever at støttefunksjonene er langt unna.",
        "tjenestene får raskere svar",
    ),
    "Én dør inn og faste kontaktpersoner": (
        "Brukerne må forklare alt på nytt til stadig nye ansatte og vet ikke hvem de skal ringe.",
        "brukerne vet hvem de skal kontakte, og slipper å gjenta seg selv",
    ),
    "Klart språk og god informasjon": (
        "Brukerne forstår ikke brevene og informasjonen de får, og må ringe for å spørre.",
        "færre ringer for å spørre hva informasjonen betyr",
    ),
    "Digitalt og enkelt": (
        "Mye av kontakten går på telefon og papir, og svarene kommer sent.",
        "brukerne får svar raskere, og de ansatte sparer tid",
    ),
    "Samarbeid på tvers": (
        "Tjenestene jobber hver for seg, og brukeren blir budbringer mellom dem.",
        "brukeren slipper å være budbringer mellom tjenestene",
    ),
    "Tidlig innsats": (
        "Hjelpen kommer først når problemene har vokst seg store.",
        "problemene blir fanget opp tidligere",
    ),
    "Brukeren med fra start": (
        "Tjenesten blir laget for brukerne, ikke sammen med dem.",
        "brukerne kjenner seg igjen i løsningen og bruker den",
    ),
}
COMMON_WHY = (
    "De ansatte har mange idéer, men de blir sjelden prøvd ut.",
    "flere idéer fra de ansatte blir prøvd ut",
)

# Ideas that have nothing to do with one sector: how the place works with innovation.
COMMON_IDEAS = (
    "Idétavle på personalrommet der alle kan henge opp forslag",
    "Fast innovasjonspunkt på hvert personalmøte",
    "Ildsjelene får to timer i uka til å prøve ut nye ting",
    "Dele én ting vi har lært med en annen tjeneste hver måned",
    "Spørre brukerne hva som fungerer – hvert kvartal",
    "Feire forsøk som ikke lyktes på personalmøtet",
    "Lage neste brukerreise sammen med brukerne selv",
    "Invitere en bruker til ledermøtet én gang i halvåret",
    "Låne en idé fra en annen kommune og teste den her",
)


@dataclass(frozen=True)
class _Pack:
    """What the groups of one kind of service location think of, and how they test it."""

    themes: tuple[_Theme, ...]
    needs: tuple[str, ...]
    effects: tuple[str, ...]  # "Vi tror at {effect} …": what the test should show
    with_whom: tuple[str, ...]
    places: tuple[str, ...]


PACKS: dict[str, _Pack] = {
    "eldre": _Pack(
        themes=(
            _Theme(
                "Trygge overganger hjem",
                ("hjemkomst", "hjem fra", "utskriv", "sykehus", "korttid"),
                (
                    "Ringe alle som kommer hjem fra sykehuset dagen etter utskrivning",
                    "Hjemkomstpakke med mat, medisinliste og et navn å ringe",
                    "Sjekkliste for utskrivning som korttidsavdelingen og hjemmetjenesten bruker sammen",
                    "Faste overleveringsmøter mellom korttidsavdelingen og hjemmetjenesten",
                ),
            ),
            _Theme(
                "Velferdsteknologi",
                ("sensor", "teknologi", "nettbrett", "medisindispenser", "alarm", "tilsyn", "nattilsyn"),
                (
                    "Prøve ut elektronisk medisindispenser hos ti brukere",
                    "Digitalt nattilsyn med sensor i stedet for å vekke brukeren",
                    "Nettbrett med videosamtale til pårørende på sykehjemmet",
                    "Teknologikafé der ungdommer lærer eldre å bruke nettbrett",
                ),
            ),
            _Theme(
                "Aktivitet og fellesskap",
                (
                    "aktivitet",
                    "turvenn",
                    "trim",
                    "frivillig",
                    "fellesskap",
                    "seniorsenter",
                    "middag",
                    "konsert",
                ),
                (
                    "Turvenn-ordning med frivillige fra nabolaget",
                    "Felles middag på seniorsenteret to dager i uka",
                    "Trimgruppe i kantina etter lunsj for beboere og ansatte",
                    "Konserter på sykehjemmet sammen med kulturskolen",
                ),
            ),
            _Theme(
                "Kompetanse og læring",
                (
                    "kompetanse",
                    "opplæring",
                    "refleksjon",
                    "hospiter",
                    "veiled",
                    "simulering",
                    "ressursgruppe",
                ),
                (
                    "Ti minutters refleksjon ved vaktskiftet én gang i uka",
                    "Hospitering mellom hjemmetjenesten og sykehjemmene",
                    "Korte opplæringsvideoer om forflytning på mobilen",
                    "Ressursgruppe for demens som veileder de andre avdelingene",
                    "Simuleringstrening i akutte situasjoner for nattevakter",
                ),
            ),
            _Theme(
                "En bedre arbeidsdag",
                ("turnus", "vakter", "morgenrapport", "dokumenter", "kjøreliste", "heltid"),
                (
                    "Kortere morgenrapport med fast mal",
                    "Kjørelister som samler besøkene geografisk",
                    "Dokumentere hos brukeren i stedet for på kontoret",
                    "Lange vakter i helgene for dem som ønsker det",
                ),
            ),
        ),
        needs=(
            "Brukerne vil bo trygt hjemme lenger og klare mer selv.",
            "Pårørende trenger å vite hva som skjer og hvem de kan ringe.",
            "De ansatte bruker mye tid på å lete etter informasjon i stedet for å være hos brukeren.",
            "Brukerne møter for mange ulike ansatte og må forklare alt på nytt.",
        ),
        effects=(
            "brukerne blir tryggere og trenger færre besøk",
            "pårørende ringer sjeldnere fordi de vet hva som skjer",
            "brukerne kommer raskere i gang med treningen",
            "de ansatte får mer tid hos brukeren",
        ),
        with_whom=(
            "Fire brukere av hjemmetjenesten og to pårørende",
            "Tre beboere på korttidsavdelingen",
            "Seks ansatte på kveldsvakt",
            "To hjemmetrenere, en ergoterapeut og tre brukere",
            "Brukerrådet for eldre",
        ),
        places=("Hjemme hos brukerne", "I dagligstua på {sted}", "På vaktrommet", "I møterommet på {sted}"),
    ),
    "skole": _Pack(
        themes=(
            _Theme(
                "Læringsmiljø og trivsel",
                ("trivsel", "friminutt", "storefri", "mobbing", "klassens", "venn", "miljø"),
                (
                    "Aktivitetsledere fra 6. trinn i storefri",
                    "Vennebenk i skolegården",
                    "Klassens time med elevenes egne saker først",
                    "Korte trivselsmålinger hver måned i stedet for én gang i året",
                ),
            ),
            _Theme(
                "Skole–hjem-samarbeid",
                ("foreldre", "hjem", "konferansetime", "ukeplan", "familie"),
                (
                    "Foreldremøter med kafébord i stedet for foredrag",
                    "Ukeplan med bilder og enkel tekst for foreldre som ikke leser norsk",
                    "Konferansetimer der eleven leder samtalen",
                    "Velkomstsamtale med alle nye familier før skolestart",
                ),
            ),
            _Theme(
                "Tilpasset opplæring",
                ("opplæring", "lese", "tilpass", "lekse", "vurdering", "mestring", "uteskole"),
                (
                    "Leksehjelp på biblioteket to ettermiddager i uka",
                    "Lesevenner: elever på 7. trinn leser med 2. trinn",
                    "Uteskole én dag i uka på 4. trinn",
                    "Vurderingssamtaler på video i stedet for lange skriftlige tilbakemeldinger",
                ),
            ),
            _Theme(
                "Samarbeid i kollegiet",
                ("kollega", "lærer", "team", "deling", "hospiter", "idébank"),
                (
                    "Kollegaveiledning i par: hospitere i hverandres timer",
                    "Fellestid på onsdager til å dele undervisningsopplegg",
                    "Stående teammøter på 20 minutter",
                    "Idébank for undervisningsopplegg på fellesområdet",
                ),
            ),
        ),
        needs=(
            "Elevene trenger å oppleve mestring og trygghet hver dag.",
            "Foreldrene vet for lite om hva som skjer på skolen og hvordan de kan hjelpe.",
            "Lærerne har lite tid til å dele det som fungerer med hverandre.",
        ),
        effects=(
            "elevene trives bedre og færre går alene i friminuttene",
            "foreldrene følger bedre opp hjemme",
            "lærerne bruker det kollegene har laget",
            "færre saker blir store før noen tar tak i dem",
        ),
        with_whom=(
            "Elevrådet",
            "Seks foreldre fra 3. trinn",
            "Ett lærerteam på mellomtrinnet",
            "To klasser på 5. trinn",
            "FAU-styret",
        ),
        places=(
            "I klasserommet",
            "I skolegården i storefri",
            "På foreldremøtet",
            "På personalrommet på {sted}",
        ),
    ),
    "barnehage": _Pack(
        themes=(
            _Theme(
                "Foreldresamarbeid",
                ("foreldre", "henting", "levering", "garderobe", "hjem"),
                (
                    "Bildedagbok til foreldrene hver fredag",
                    "Korte foreldresamtaler ved henting i stedet for lange møter",
                    "Tolk og bildekort i oppstartsamtalen for nye familier",
                    "Foreldrekaffe i garderoben én morgen i måneden",
                ),
            ),
            _Theme(
                "Trygg start og gode overganger",
                ("tilvenning", "oppstart", "start", "overgang", "overføring", "skole"),
                (
                    "Foreldreaktiv tilvenning over tre dager",
                    "Velkomstbrev med bilde av barnets primærkontakt",
                    "Besøksdag for nye barn i juni",
                    "Overgangsmøte mellom barnehagen og skolen i mai",
                ),
            ),
            _Theme(
                "Lek og læring ute",
                (r"ute\b", "uteområde", "uteskole", "lek", "tur", "natur", "bevegelse", "skog"),
                (
                    "Faste turdager i skogen for alle avdelinger",
                    "Lekestasjoner ute som barna bygger selv",
                    "Uteområdet delt i soner med ulike aktiviteter",
                ),
            ),
            _Theme(
                "Hverdagen i barnehagen",
                ("måltid", "hvile", "rutine", "vikar", "bemanning", "planlegg", "barnemøte"),
                (
                    "Mindre grupper ved måltidene",
                    "Vikarperm med bilder av barna og dagsrytmen",
                    "Planleggingstid som ikke blir spist av bemanningen",
                    "Barnemøter der barna bestemmer ukas tur",
                ),
            ),
        ),
        needs=(
            "Foreldrene vil vite hvordan barnet har det i løpet av dagen.",
            "Nye barn og foreldre trenger en trygg start.",
            "Barna trenger voksne som har tid til å være til stede i leken.",
        ),
        effects=(
            "foreldrene føler seg tryggere når de leverer",
            "barna blir raskere trygge i barnehagen",
            "de ansatte får mer tid sammen med barna",
            "foreldrene tar opp bekymringer tidligere",
        ),
        with_whom=(
            "Foreldrene på én avdeling",
            "Fem familier som starter i august",
            "De ansatte på Blå avdeling",
            "Barna på storbarnsavdelingen",
            "Tre foreldre med annet morsmål",
        ),
        places=(
            "I garderoben ved henting",
            "På avdelingen",
            "På foreldremøtet",
            "På personalmøtet på {sted}",
        ),
    ),
    "familie": _Pack(
        themes=(
            _Theme(
                "Lavterskeltilbud",
                ("lavterskel", "drop-in", "uten time", "åpen", "chat", "uten henvisning"),
                (
                    "Drop-in på helsestasjonen for ungdom hver onsdag",
                    "Chat med helsesykepleier på kveldstid",
                    "Åpen foreldregruppe for foreldre til tenåringer",
                    "Helsesykepleier på skolen i storefri",
                ),
            ),
            _Theme(
                "Barnets stemme",
                (
                    "barnets",
                    "barnesamtale",
                    "barn og unge som",
                    "ungdomspanel",
                    "stemme",
                    "medvirk",
                    "egne ord",
                    "selv lager",
                ),
                (
                    "Barn og unge som rådgivere når vi lager nye tilbud",
                    "Barnesamtale med tegning for de minste",
                    "Ungdommen forklarer tiltaksplanen med egne ord",
                ),
            ),
            _Theme(
                "Koordinering rundt barnet",
                ("koordin", "plan", "ansvarsgruppe", "samordn", "tverrfaglig", "kontaktperson"),
                (
                    "Ansvarsgruppemøter med fast struktur og tydelig ordstyrer",
                    "Felles kalender for tiltakene rundt ett barn",
                    "Tverrfaglig team som møter familien samlet",
                ),
            ),
            _Theme(
                "Støtte til foreldrene",
                ("foreldre", "familie", "veiledning", "hjemmebesøk", "kurs"),
                (
                    "Foreldrekurs på flere språk",
                    "Hjemmebesøk fra helsestasjonen også når barnet er to år",
                    "Familiekveld på fritidsklubben",
                    "Foreldreveiledning på video",
                ),
            ),
        ),
        needs=(
            "Familier som er bekymret, vet ikke hvor de skal henvende seg.",
            "Ungdom søker hjelp for sent fordi terskelen er for høy.",
            "Familiene må forholde seg til for mange tjenester på en gang.",
        ),
        effects=(
            "familiene tar kontakt tidligere",
            "ungdommene bruker tilbudet uten å bli henvist",
            "foreldrene slipper å gjenta historien sin",
            "færre saker havner mellom to tjenester",
        ),
        with_whom=(
            "Fem foreldre som venter på time",
            "Ungdomsrådet",
            "Helsesykepleierne på to skoler",
            "Tre familier med barn som får hjelp fra PPT",
            "Ansatte i barneverntjenesten og to foreldre",
        ),
        places=("På helsestasjonen", "På ungdomsskolen", "Hjemme hos familiene", "I møterommet på {sted}"),
    ),
    "sosial": _Pack(
        themes=(
            _Theme(
                "Bolig og oppfølging",
                ("bolig", "husleie", "bo-", "utkast", "flytt"),
                (
                    "Bo-veileder de første tre månedene i ny bolig",
                    "Husleiekontrakten forklart i en samtale, ikke bare på papir",
                    "Startpakke med det viktigste til ny bolig",
                    "Varsel til boligkontoret etter første ubetalte husleie",
                ),
            ),
            _Theme(
                "Arbeid og aktivitet",
                ("arbeid", "aktivitet", "jobb", "praksis", "kurs"),
                (
                    "Arbeidstrening i kommunens egne virksomheter",
                    "Jobbkafé med arbeidsgivere fra nærmiljøet",
                    "Aktivitetstilbud for dem som venter på tiltak",
                ),
            ),
            _Theme(
                "Møtet med brukeren",
                ("møte", "venterom", "mottak", "samtale", "åpningstid", "skranke", "åpent"),
                (
                    "Venterom som ikke føles som et venterom",
                    "Første samtale uten skjema – skjemaene fylles ut etterpå",
                    "Åpent på kveldstid én dag i uka",
                    "Brukerråd med personer med egen erfaring",
                ),
            ),
            _Theme(
                "Rus og psykisk helse",
                ("rus", "psykisk", "kriseplan", "likeperson", "gå-tur"),
                (
                    "Likepersoner med egenerfaring i mottaket",
                    "Kriseplan som brukeren lager selv",
                    "Gå-tur-samtaler i stedet for samtaler på kontoret",
                ),
            ),
        ),
        needs=(
            "Brukerne må fortelle historien sin mange ganger og mister tilliten.",
            "Mange søker hjelp først når krisen er et faktum.",
            "Brukerne forstår ikke hva de har krav på og hva som skjer videre.",
        ),
        effects=(
            "brukerne tar kontakt før krisen er et faktum",
            "brukerne forstår hva som skjer videre",
            "færre mister boligen",
            "veilederne bruker mindre tid på å rette opp misforståelser",
        ),
        with_whom=(
            "Fem brukere i mottaket",
            "Brukerrådet",
            "Tre veiledere og tre brukere",
            "Beboere i to kommunale boliger",
            "Ansatte i mottaket",
        ),
        places=("I mottaket", "På venterommet", "Hjemme hos beboerne", "I møterommet på {sted}"),
    ),
    "kultur": _Pack(
        themes=(
            _Theme(
                "Nå nye brukere",
                ("familier", "ungdom", "gratis", "dårlig råd", "venteliste"),
                (
                    "Fritidskort med gratis aktiviteter for barn i familier med dårlig råd",
                    "Prøvedager i kulturskolen uten påmelding",
                    "Ungdommer som verter på biblioteket på kveldstid",
                    "Utlån av sports- og friluftsutstyr",
                ),
            ),
            _Theme(
                "Biblioteket som møteplass",
                ("bibliotek", "møteplass", "språkkafé", "arrangement", "lokal"),
                (
                    "Språkkafé på biblioteket hver tirsdag",
                    "Meråpent bibliotek også i helgene",
                    "Lokaler som lag og foreninger kan booke gratis",
                ),
            ),
            _Theme(
                "Frivillighet og lag",
                ("frivillig", r"lag\b", "forening", "idrettslag", "støtte", "søknad"),
                (
                    "Felles frivillighetsbørs for lag og foreninger",
                    "Rekrutteringskveld for styreverv i frivilligsentralen",
                    "Enklere søknad om kulturmidler for små lag",
                ),
            ),
            _Theme(
                "Synlige tilbud",
                ("nettside", "kalender", "informasjon", "synlig", "plakat", "sosiale medier", "oversikt"),
                (
                    "Felles arrangementskalender for hele kommunen",
                    "Plakater på skolene om tilbudene i nærmiljøet",
                    "Tilbudene presentert av ungdommer på sosiale medier",
                ),
            ),
        ),
        needs=(
            "Barn og unge fra familier med dårlig råd deltar mindre i fritidsaktiviteter.",
            "Innbyggerne finner ikke tilbudene som finnes.",
            "Lag og foreninger bruker mye tid på søknader og administrasjon.",
        ),
        effects=(
            "flere barn fra familier med dårlig råd deltar",
            "flere finner tilbudene",
            "lagene bruker mindre tid på papirarbeid",
            "flere ungdommer kommer tilbake uka etter",
        ),
        with_whom=(
            "Ungdommer på fritidsklubben",
            "Ti lånere på biblioteket",
            "Tre idrettslag",
            "Familier på venteliste i kulturskolen",
            "Frivillige fra frivilligsentralen",
        ),
        places=("På biblioteket", "På fritidsklubben", "I idrettshallen", "På {sted}"),
    ),
    "teknisk": _Pack(
        themes=(
            _Theme(
                "Byggesak og plan",
                ("byggesak", "søknad", "tomt", "plan", "regulering", "byggelos"),
                (
                    "Forhåndskonferanse på video for mindre byggesaker",
                    "Sjekkliste for komplett byggesøknad",
                    "Faste byggesakstimer på Innbyggertorget",
                ),
            ),
            _Theme(
                "Vei, vann og avløp",
                (r"vei\b", "veien", "vann", "avløp", "brøyt", "grave", "hull"),
                (
                    "Melde hull i veien med bilde fra mobilen",
                    "SMS til beboerne før vannet stenges",
                    "Kart over brøyterodene på nettsidene",
                    "Samordne gravearbeid mellom vann og vei",
                ),
            ),
            _Theme(
                "Innbyggerdialog",
                ("innbygger", "dialog", "beboer", "nabo", "medvirk", "folkemøte", "status"),
                (
                    "Nabomøter ute på stedet før store prosjekter",
                    "Status på meldte feil som innbyggeren kan følge",
                    "Folkemøter med kart og post-it-lapper i stedet for foredrag",
                ),
            ),
            _Theme(
                "Drift og eiendom",
                ("drift", "eiendom", "vaktmester", "kommunale bygg", "bygget", "energi", "vedlikehold"),
                (
                    "Felles bestilling av vaktmestertjenester for skoler og barnehager",
                    "Sensorstyrt lys i kommunale bygg",
                    "Vedlikeholdsplan som brukerne av bygget kan se",
                ),
            ),
        ),
        needs=(
            "Innbyggerne forstår ikke reglene og sender ufullstendige søknader.",
            "Innbyggerne vet ikke hva som skjer med saken eller meldingen sin.",
            "Avdelingene jobber hver for seg med de samme innbyggerne.",
        ),
        effects=(
            "flere søknader er komplette første gang",
            "innbyggerne ringer sjeldnere for å spørre om status",
            "færre klager kommer inn",
            "saksbehandlerne bruker mindre tid på å etterlyse dokumenter",
        ),
        with_whom=(
            "Fem innbyggere som nylig har søkt byggetillatelse",
            "Saksbehandlere fra byggesak og plan",
            "Beboerne i én gate",
            "Ansatte på Innbyggertorget",
            "Driftsoperatørene på vakt",
        ),
        places=("På Innbyggertorget", "Ute i gata", "På video", "I møterommet på {sted}"),
    ),
    "nyansatt": _Pack(
        themes=(
            _Theme(
                "God start for nyansatte",
                ("nyansatt", "første dag", "introduksjon", "fadder", "tilgang", "velkomst"),
                (
                    "Velkomstprogram for første uke som alle ledere kan bruke",
                    "Felles introduksjonsdag for nyansatte hver måned",
                    "Sjekkliste for lederen før den nyansatte begynner",
                ),
            ),
            _Theme(
                "Enklere for lederne",
                ("leder", "godkjenn", "rapport", "oversikt", "fullmakt"),
                (
                    "Én oversikt over alt lederen må godkjenne",
                    "Lederstøtte på telefon med svar samme dag",
                    "Faste leder-til-leder-møter for å dele erfaringer",
                ),
            ),
            _Theme(
                "Digitalisering og selvbetjening",
                ("digital", "selvbetjening", "skjema", "system", "robot", "automat"),
                (
                    "Robot som tar enkle registreringer i lønnssystemet",
                    "Reiseregninger på mobilen",
                    "Ett skjema for alle bestillinger til IKT",
                ),
            ),
            _Theme(
                "Nær tjenestene",
                ("tjeneste", "rådgiv", "samarbeid", "hospiter", "tvers"),
                (
                    "HR-rådgiver ute i tjenestene én dag i uka",
                    "Hospitering for stabsmedarbeidere i en barnehage eller et sykehjem",
                    "Kort undersøkelse blant lederne hvert halvår",
                ),
            ),
        ),
        needs=(
            "Nyansatte bruker de første ukene på å lete etter svar.",
            "Lederne bruker for mye tid på administrasjon og for lite på ledelse.",
            "Tjenestene opplever at støttefunksjonene er langt unna.",
        ),
        effects=(
            "nyansatte blir raskere trygge i jobben",
            "lederne sparer tid hver uke",
            "tjenestene får raskere svar",
            "færre saker må sendes tilbake for å rettes",
        ),
        with_whom=(
            "Fire ledere fra ulike tjenester",
            "Seks nyansatte fra siste kvartal",
            "HR-rådgiverne",
            "Lederne i én tjeneste",
            "Ansatte i lønn og IKT",
        ),
        places=("På rådhuset", "I lederforum", "På video", "I møterommet på {sted}"),
    ),
}

ASSUMPTIONS = (
    "Vi tror at {effect} hvis vi prøver «{idea}».",
    "Med «{idea}» tror vi at {effect}.",
    "Hvis vi gjør «{idea}», tror vi at {effect}.",
)

SUCCESS = (
    "Minst fire av fem testpersoner forstår løsningen uten at vi forklarer",
    "Testpersonene sier at de vil ha det slik også etter testen",
    "De som skal bruke løsningen, bruker den uten påminnelse i to uker",
    "Minst åtte av ti vil anbefale det til andre",
    "Det tar ikke mer tid for de ansatte enn i dag",
)
SUCCESS_FROM_EFFECT = "Vi kan se i testperioden at {effect}"

# How the chosen prototyping card turns an idea into something to test.
KIND_SOLUTIONS = {
    "papirprototype": "Vi lager en enkel papirutgave og lar testpersonene bla seg gjennom den.",
    "rollespill": "Vi spiller situasjonen med rollekort – først slik den er i dag, så med den nye løsningen.",
    "storyboard": "Vi tegner forløpet som en tegneserie på A3 og viser det til testpersonene.",
    "skjermskisse": "Vi tegner de viktigste skjermbildene og gir testpersonene en konkret oppgave.",
    "tjenestesafari": "Vi besøker en tjeneste som allerede gjør dette, og noterer hva vi kan låne.",
    "wizard-of-oz": "En ansatt gjør jobben for hånd bak kulissene, så det ser ferdig ut for brukeren.",
    "smaskalapilot": "Vi prøver det i liten skala på én avdeling i noen uker.",
    "kulissebygging": "Vi bygger rommet med papp og møblene vi har, og lar brukerne gå gjennom det.",
    "brosjyretest": "Vi lager en brosjyre som om tilbudet fantes, og hører hva folk sier.",
    "telefonmanus": "Vi skriver et kort telefonmanus og ringer en håndfull brukere.",
    "falsk-dor": "Vi legger ut tilbudet og teller hvor mange som melder interesse.",
    "prosesskart-gjennomgang": (
        "Vi tegner den nye rutinen på veggen og går gjennom den steg for steg med dem som skal bruke den."
    ),
    "lego-serious-play": "Vi bygger løsningen i lego sammen med kollegene og forteller historien rundt den.",
    "videoprototype": "Vi lager en kort mobilvideo som viser hvordan det vil bli, og viser den fram.",
    "skrivebordsgjennomgang": "Vi går gjennom et tenkt forløp rundt bordet med en figur som brukeren.",
    "avisforside": "Vi skriver avisforsiden fra framtiden og tester om idéen engasjerer.",
}
DEFAULT_SOLUTION = "Vi lager en enkel prototype og tester den med brukerne."

# Words in an idea that suggest a kind of prototype, in order; the first match wins.
KIND_WORDS = (
    ("papirprototype", ("skjema", "brev", "vedtak", "sjekkliste", "ukeplan", "sammendrag", "kontrakt")),
    ("skjermskisse", ("nett", "app", "digital", "kart", "kalkulator", "veiviser", "mobil", "kalender")),
    ("wizard-of-oz", ("sms", "varsel", "chat", "påminnelse", "robot", "video", "sensor")),
    ("telefonmanus", ("ringe", "telefon")),
    ("rollespill", ("samtale", "møte", "mottak", "overlevering", "rapport", "konferansetime")),
    ("kulissebygging", ("venterom", "uteområde", "lokaler", "garderobe", "benk", "lekestasjon")),
    ("prosesskart-gjennomgang", ("rutine", "overgang", "overføring", "koordin", "samordn", "ansvarsgruppe")),
    ("falsk-dor", ("utlån", "booke", "meråpent", "prøvedag")),
    ("brosjyretest", ("tilbud", "kurs", "kafé", "drop-in", "fritidskort", "prøvedag")),
    ("smaskalapilot", ("fast", "team", "gruppe", "tur", "trening", "hospiter")),
)
OTHER_KINDS = (
    "storyboard",
    "smaskalapilot",
    "skrivebordsgjennomgang",
    "tjenestesafari",
    "videoprototype",
    "lego-serious-play",
    "avisforside",
)

RESULTS = {
    Decision.CONTINUE: (
        "{a} av {b} testpersoner forsto løsningen med en gang, og flere spurte når den kommer for alvor.",
        "Det fungerte bedre enn vi trodde: løsningen ble brukt uten påminnelse, og brukerne merket det.",
        "Testpersonene var positive. Én sa: «Hvorfor har vi ikke gjort dette før?»",
        "Suksesskriteriet ble nådd med god margin: {a} av {b}.",
    ),
    Decision.ADJUST: (
        "Testpersonene likte tanken, men {a} av {b} var usikre på hvordan det skulle virke i praksis.",
        "Løsningen ble brukt, men tok lengre tid for de ansatte enn vi hadde regnet med.",
        "Brukerne var positive, men det var uklart hvem som hadde ansvaret for hva.",
        "Omtrent halvparten fikk det til uten hjelp; de andre trengte en ansatt ved siden av seg.",
        "Det virket på dagtid, men falt bort på kveld og i helg.",
    ),
    Decision.STOP: (
        "Bare {a} av {b} ville bruke løsningen; de fleste foretrakk det slik det var.",
        "Testen viste at problemet var et annet enn vi trodde.",
        "Løsningen krevde mer tid av de ansatte enn den sparte.",
    ),
}
LEARNINGS = {
    Decision.CONTINUE: (
        "Det enkle virker: vi trenger ikke vente på et nytt system.",
        "Å teste med ekte brukere tidlig sparte oss for mye arbeid.",
        "Brukerne vil gjerne bidra når vi spør konkret.",
        "Neste steg er å prøve det i hele tjenesten og måle gevinsten.",
    ),
    Decision.ADJUST: (
        "Vi må gjøre det enklere: færre steg og tydeligere ansvar.",
        "Vi antok for mye om hva brukerne vet fra før.",
        "Tidspunktet betyr mye – det må passe brukernes hverdag, ikke vår.",
        "De ansatte må være med og forme løsningen, ikke bare få den.",
    ),
    Decision.STOP: (
        "Behovet er ekte, men løsningen var feil. Vi går tilbake til idétavla.",
        "Vi lærte mer om behovet enn om løsningen – og det var verdt det.",
        "Billig å stoppe nå, dyrt å stoppe etter et halvt år.",
    ),
}
ADJUSTMENTS = (
    "færre steg",
    "tydelig hvem som gjør hva",
    "tilpasset kveld og helg",
    "med en fast ansatt som følger opp",
    "testet av en ansatt fra en annen tjeneste",
    "med en enkel sjekkliste for de ansatte",
    "med brukernes egne forslag tatt inn",
    "med en påminnelse dagen før",
)
TIMING = (", to formiddager", ", tirsdag og torsdag", ", én ettermiddag", " og uka etter", ", hele uka")


# --- building --------------------------------------------------------------------------------------------


def pack_key(sector: str) -> str:
    """The content a sector's groups get: kindergartens and schools apart from other child services."""
    from desktop.services.demo_journeys import scenario_for

    name = sector.casefold()
    for key in ("barnehage", "skole"):
        if key in name:
            return key
    key = scenario_for(sector)
    return key if key in PACKS else "sosial"


_PAIRS: dict[str, tuple[dict[str, str], dict[str, str]]] = {}


def _pairs(scenario: str) -> tuple[dict[str, str], dict[str, str]]:
    """The journey content's (pain point → the opportunity that answers it) and the reverse, by scenario."""
    if not _PAIRS:
        from desktop.services.demo_journeys import SCENARIOS

        for sc in SCENARIOS:
            packs = [*sc.stages.values(), *(p for d in sc.stages_by_sector.values() for p in d.values())]
            pairs = [pair for p in packs for pair in p.pains] + list(sc.pains)
            _PAIRS[sc.key] = (dict(pairs), {answer: pain for pain, answer in pairs})
    return _PAIRS.get(scenario, ({}, {}))


@dataclass(frozen=True)
class _Candidate:
    text: str
    card_id: uuid.UUID
    pain: str  # the pain point behind it, for the prototype's need ("" when not known)


def _from_cards(rng: random.Random, scenario: str, journeys: Sequence[Journey]) -> list[_Candidate]:
    """Ideas the group can make from its own pain-point and opportunity cards, each text once."""
    answers, pains = _pairs(scenario)
    found: list[_Candidate] = []
    for journey in journeys:
        kinds = {lane.id: lane.kind for lane in journey.lanes}
        for card in journey.cards:
            kind = kinds.get(card.lane_id)
            if kind is LaneKind.OPPORTUNITIES:
                found.append(_Candidate(card.text, card.id, pains.get(card.text, "")))
            elif kind is LaneKind.PAIN_POINTS and card.text in answers:
                found.append(_Candidate(answers[card.text], card.id, card.text))
    rng.shuffle(found)
    seen: set[str] = set()
    unique = []
    for c in found:
        if c.text not in seen:
            seen.add(c.text)
            unique.append(c)
    return unique


_PATTERNS: dict[tuple[str, ...], re.Pattern[str]] = {}


def _matches(text: str, words: tuple[str, ...]) -> bool:
    """Whether a word of ``text`` begins with one of ``words`` ("vedtak" finds "Vedtaksbrevet")."""
    pattern = _PATTERNS.get(words)
    if pattern is None:
        pattern = _PATTERNS[words] = re.compile(r"\b(?:" + "|".join(words) + ")", re.IGNORECASE)
    return pattern.search(text) is not None


def _theme_for(text: str, themes: Sequence[_Theme]) -> _Theme | None:
    return next((t for t in themes if text in t.ideas or _matches(text, t.words)), None)


def _kind_for(rng: random.Random, text: str, deck: Sequence[str]) -> str | None:
    if not deck:
        return None
    if rng.random() < 0.75:
        for kind, words in KIND_WORDS:
            if kind in deck and _matches(text, words):
                return kind
    others = [k for k in OTHER_KINDS if k in deck]
    return rng.choice(others or list(deck))


def _quoted(text: str) -> str:
    return text.replace("«", "‘").replace("»", "’")


def _title(text: str) -> str:
    if len(text) <= 90:
        return text
    return text[:90].rsplit(" ", 1)[0] + " …"


def _workdays(first: date, last: date) -> list[date]:
    """Days a test can be run: weekdays outside Christmas and the July holiday."""
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    return [
        d
        for d in days
        if d.weekday() < 5
        and d.month != 7
        and not (d.month == 12 and d.day >= 21)
        and not (d.month == 1 and d.day == 1)
    ]


class DemoIdeas:
    """The finished groups' idea boards and prototypes: ``add`` makes one group's, ``write`` stores them all
    in a few bulk inserts (per-group statements would double the time the demo takes to build)."""

    def __init__(self, rng: random.Random, kit, id_of: Callable[[str, str], uuid.UUID]) -> None:
        self.rng, self.kit, self.id_of = rng, kit, id_of
        self.boards: list[tuple[uuid.UUID, Board]] = []
        self.prototypes: list[tuple[uuid.UUID, Prototype]] = []

    def add(
        self,
        group_id: uuid.UUID,
        location: str,
        sector: str,
        sessions: Sequence,
        journeys: Sequence[Journey],
        participants: Sequence[uuid.UUID],
    ) -> None:
        board, prototypes = demo_board(
            self.rng, self.kit, group_id, location, sector, sessions, journeys, participants, self.id_of
        )
        self.boards.append((group_id, board))
        self.prototypes += [(group_id, p) for p in prototypes]

    def write(self, s) -> None:
        """Store everything added, inside the caller's transaction (the groups and participants first)."""
        from desktop.services.ideas import board_rows
        from desktop.services.prototypes import _ROUND_FIELDS
        from desktop.storage.models import Idea as IdeaRow
        from desktop.storage.models import IdeaTheme, PrototypeIteration, utcnow
        from desktop.storage.models import Prototype as PrototypeRow
        from desktop.storage.models import Vote as VoteRow

        s.flush()
        now = utcnow()
        stamp = {"created_at": now, "updated_at": now}
        themes, ideas, votes, prototypes, rounds = [], [], [], [], []
        for group_id, board in self.boards:
            theme_rows, idea_rows = board_rows(group_id, board)
            themes += [{"id": row_id, **stamp, **values} for row_id, values in theme_rows.items()]
            ideas += [{"id": row_id, **stamp, **values} for row_id, values in idea_rows.items()]
            votes += [
                {
                    "id": self.id_of("vote", f"{v.idea_id}:{v.participant_id}"),
                    **stamp,
                    "idea_id": v.idea_id,
                    "participant_id": v.participant_id,
                    "dots": v.dots,
                }
                for v in board.votes
            ]
        for group_id, p in self.prototypes:
            prototypes.append(
                {
                    "id": p.id,
                    **stamp,
                    "leader_group_id": group_id,
                    "idea_id": p.idea_id,
                    "title": p.title,
                    "kit_id": p.kit_id,
                    "card_id": p.card_id,
                }
            )
            rounds += [
                {
                    "id": it.id,
                    **stamp,
                    "prototype_id": p.id,
                    "position": n,
                    **{name: getattr(it, name) for name in _ROUND_FIELDS},
                }
                for n, it in enumerate(p.iterations)
            ]
        for model, rows in (
            (IdeaTheme, themes),
            (IdeaRow, ideas),
            (VoteRow, votes),
            (PrototypeRow, prototypes),
            (PrototypeIteration, rounds),
        ):
            if rows:
                s.execute(insert(model.__table__), rows)


def demo_board(
    rng: random.Random,
    kit,
    group_id: uuid.UUID,
    location: str,
    sector: str,
    sessions: Sequence,
    journeys: Sequence[Journey],
    participants: Sequence[uuid.UUID],
    id_of: Callable[[str, str], uuid.UUID],
) -> tuple[Board, list[Prototype]]:
    """One finished group's idea board (themes, ideas, votes, matrix, choices) and its prototypes."""
    from desktop.services.demo_journeys import scenario_for

    pack = PACKS[pack_key(sector)]
    key = str(group_id)

    # Ideas: many from the group's own journey cards, the rest its own, mostly on one or two focus themes.
    wanted = MOST_IDEAS.get(location) or rng.randint(*IDEAS_PER_GROUP)
    cards = _from_cards(rng, scenario_for(sector), journeys)
    from_cards = cards[: min(len(cards), max(2, round(wanted * rng.uniform(0.45, 0.75))))]
    focus = rng.sample(pack.themes, rng.randint(1, 2))
    ownership = [text for th in focus for text in th.ideas]
    rng.shuffle(ownership)
    rest = [text for th in pack.themes if th not in focus for text in th.ideas] + list(COMMON_IDEAS)
    rng.shuffle(rest)
    texts = {c.text for c in from_cards}
    free = [text for text in ownership + rest if text not in texts][: max(0, wanted - len(from_cards))]
    drafts: list[tuple[str, _Candidate | None]] = [(c.text, c) for c in from_cards]
    drafts += [(text, None) for text in free]
    rng.shuffle(drafts)

    # Themes: the two to four that hold most of the ideas, as the group sorted them on the wall.
    candidates = [*pack.themes, *GENERAL_THEMES]
    score = {th.title: sum(1 for text, _c in drafts if _theme_for(text, (th,))) for th in candidates}
    ranked = sorted(candidates, key=lambda th: -score[th.title] - 2 * rng.random())
    count = 4 if location in MOST_IDEAS else rng.randint(2, 4)
    chosen_themes = [th for th in ranked if score[th.title] > 0][:count]
    chosen_themes += [th for th in focus if th not in chosen_themes][: max(0, 2 - len(chosen_themes))]
    rng.shuffle(chosen_themes)
    board = Board(dots=DOTS)
    theme_ids = {}
    for th in chosen_themes:
        theme_ids[th.title] = id_of("idea-theme", f"{key}:{th.title}")
        board = add_theme(board, Theme(theme_ids[th.title], th.title))
    in_order = sorted(chosen_themes, key=lambda th: th not in pack.themes)  # the sector's own first

    why: dict[uuid.UUID, tuple[str, str]] = {}  # the need and the effect a prototype of the idea names
    for n, (text, card) in enumerate(drafts):
        theme = next((th for th in chosen_themes if text in th.ideas), None) or _theme_for(text, in_order)
        idea_id = id_of("idea", f"{key}:{n}")
        board = add_idea(
            board,
            Idea(
                idea_id,
                text,
                theme_id=theme_ids[theme.title] if theme is not None else None,
                source_card_id=card.card_id if card is not None else None,
            ),
        )
        about = next((th for th in pack.themes if text in th.ideas), None) or theme
        about = about or _theme_for(text, candidates)
        if about is not None:
            need, effect = THEME_WHY.get(about.title, ("", ""))
        else:
            need, effect = COMMON_WHY if text in COMMON_IDEAS else ("", "")
        need, effect = need or rng.choice(pack.needs), effect or rng.choice(pack.effects)
        if card is not None and card.pain:  # the pain point it answers, and sometimes what it means
            need = f"{card.pain}. {need}" if rng.random() < 0.4 else f"{card.pain}."
        why[idea_id] = (need, effect)

    # Dot voting: most participants use all their dots; popular ideas draw more.
    everyone = sorted(participants)
    away = set(rng.sample(everyone, min(len(everyone) // 3, rng.choice((0, 0, 1, 1, 2)))))
    voters = [p for p in everyone if p not in away]  # most of the group was in the room
    favourites = set(rng.sample([i.id for i in board.ideas], min(len(board.ideas), rng.randint(2, 4))))
    appeal = {i.id: (3.0 if i.id in favourites else 0.3) + rng.random() for i in board.ideas}
    for voter in voters:
        mine: list[uuid.UUID] = []
        for _dot in range(DOTS if rng.random() < 0.9 else DOTS - 1):
            if board.dots_left(voter) <= 0:
                break
            if mine and rng.random() < 0.2:
                target = rng.choice(mine)  # two dots on one favourite
            else:
                options = [i.id for i in board.ideas if i.id not in mine]
                target = rng.choices(options, weights=[appeal[i] for i in options])[0]
                mine.append(target)
            board = cast_vote(board, target, voter)

    # The matrix: votes pull impact up; effort is the group's estimate.
    ranking = board.ranking()
    top = max((votes for _idea, votes in ranking), default=0) or 1
    placed_share = rng.choice((PLACED_SHARE, 0.65, 0.9, 1.0))
    for idea, votes in ranking:
        if rng.random() < placed_share:
            impact = 0.2 + 0.6 * votes / top + rng.gauss(0, 0.12)
            board = place(board, idea.id, impact, rng.uniform(0.1, 0.9))

    # Chosen: the top of the vote, sometimes the runner-up or a quick win as well.
    chosen = [ranking[0][0].id]
    if len(ranking) > 1 and rng.random() < 0.5:
        chosen.append(ranking[1][0].id)
    quick = [i.id for i in board.ideas if i.quadrant is Quadrant.QUICK_WINS and i.id not in chosen]
    if quick and rng.random() < 0.3:
        chosen.append(rng.choice(quick))
    for idea_id in chosen:
        if not board.idea(idea_id).placed:
            board = place(board, idea_id, rng.uniform(0.6, 0.95), rng.uniform(0.15, 0.7))
        board = set_chosen(board, idea_id, True)

    # Prototypes of the chosen ideas, tested between the prototyping session and the closing gathering.
    dated = sorted(x.date for x in sessions)
    start = next((x.date for x in sessions if getattr(x, "template_id", None) == "prototyping"), None)
    start = start or (dated[len(dated) // 2] if dated else date(2016, 1, 4))
    end = dated[-1] if dated and dated[-1] > start + timedelta(days=14) else start + timedelta(days=60)
    days = _workdays(start + timedelta(days=2), end - timedelta(days=2))
    deck = [card.id for card in getattr(kit, "prototypes", ())]
    prototypes = [
        _prototype(rng, pack, board.idea(idea_id), why[idea_id], location, kit, deck, days, id_of)
        for n, idea_id in enumerate(chosen)
        if n == 0 or rng.random() < 0.85
    ]
    return board, prototypes


def _prototype(
    rng: random.Random,
    pack: _Pack,
    idea: Idea,
    why: tuple[str, str],
    location: str,
    kit,
    deck: Sequence[str],
    days: Sequence[date],
    id_of: Callable[[str, str], uuid.UUID],
) -> Prototype:
    """A prototype of a chosen idea with one to three behov – løsning – test rounds, or a draft."""
    kind = _kind_for(rng, idea.text, deck)
    prototype_id = id_of("prototype", str(idea.id))
    first = Iteration(id_of("prototype-round", f"{prototype_id}:0"))
    p = Prototype(prototype_id, idea.id, _title(idea.text), getattr(kit, "id", None), kind, (first,))
    need, effect = why
    stop = "" if idea.text.endswith((".", "?", "!")) else "."
    base = f"{idea.text}{stop} {KIND_SOLUTIONS.get(kind or '', DEFAULT_SOLUTION)}"

    if rng.random() < DRAFT_SHARE:  # written down at the session, not yet thought through
        return edit_iteration(p, first.id, need=need if rng.random() < 0.7 else "", solution=base)

    fill = {"{sted}": location}

    def where() -> str:
        text = rng.choice(pack.places)
        for k, v in fill.items():
            text = text.replace(k, v)
        return text

    p = edit_iteration(
        p,
        first.id,
        need=need,
        solution=base,
        assumption=rng.choice(ASSUMPTIONS).format(effect=effect, idea=_quoted(idea.text)),
        with_whom=rng.choice(pack.with_whom),
        place=where(),
        success_criteria=SUCCESS_FROM_EFFECT.format(effect=effect)
        if rng.random() < 0.5
        else rng.choice(SUCCESS),
    )
    rounds = rng.choices((1, 2, 3), weights=(45, 35, 20))[0]
    planned_only = rng.random() < 0.15  # the last round is planned but not tested yet
    dates = sorted(rng.sample(list(days), min(len(days), rounds))) if days else [None] * rounds
    for r in range(rounds):
        current = p.current
        last = r == rounds - 1
        day = dates[r] if r < len(dates) else None
        week = f"Uke {day.isocalendar().week}" if day else ""
        if kind == "smaskalapilot" and day:
            week = f"Uke {day.isocalendar().week}–{(day + timedelta(weeks=3)).isocalendar().week}"
        if r > 0:
            p = edit_iteration(
                p,
                current.id,
                solution=f"{base} Justert etter runde {r}: {rng.choice(ADJUSTMENTS)}.",
                with_whom=rng.choice(pack.with_whom) if rng.random() < 0.5 else current.with_whom,
            )
        if last and planned_only:
            p = edit_iteration(p, current.id, timing=week)
            break
        if last:
            decision = rng.choices((Decision.CONTINUE, Decision.ADJUST, Decision.STOP), weights=(65, 20, 15))[
                0
            ]
        else:
            decision = rng.choices((Decision.CONTINUE, Decision.ADJUST), weights=(30, 70))[0]
        b = rng.randint(4, 8)
        a = rng.randint(b - b // 4, b) if decision is Decision.CONTINUE else rng.randint(1, max(1, b // 2))
        p = edit_iteration(
            p,
            current.id,
            timing=week + rng.choice(TIMING) if week and kind != "smaskalapilot" else week,
            result=rng.choice(RESULTS[decision]).format(a=a, b=b),
            learning=rng.choice(LEARNINGS[decision]),
            decision=decision,
            tested_on=day,
        )
        if not last:
            p = next_iteration(p, id_of("prototype-round", f"{prototype_id}:{r + 1}"))
    return p
