"""The demo programme: LUP 1–7 over 3.5 years, built from the figures in the seeds.

Deterministic: the same content and the same UUIDs every time (uuid5 of a readable key, a seeded random
generator), so a demo on one laptop matches a demo on another and tests can name what they look for.
Later issues add their tools' content here.
"""

from __future__ import annotations

import random
import unicodedata
import uuid
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select

from desktop.domain.enums import ParticipantRole, SessionKind
from desktop.domain.rules import local_zone
from desktop.errors import LupError
from desktop.i18n import _
from desktop.services import demo_content as content
from desktop.storage.database import Database
from desktop.storage.models import (
    AgendaBlock,
    Cohort,
    CohortFacilitator,
    Facilitator,
    LeaderGroup,
    Participant,
    Programme,
    Sector,
    ServiceLocation,
    Session,
    SessionFacilitator,
)

NAMESPACE = uuid.UUID("6f1c1c52-3b5e-4d0b-9a43-4c55502d0001")
FIRST_START = date(2015, 9, 1)  # a Tuesday; LUP 7 ends in February 2019: 3.5 years
# LUP 1–4 hold 78 groups (the seeds: "by summer, 78 of 180 will have completed"); 152 in all.
GROUPS_PER_COHORT = (18, 19, 20, 21, 24, 25, 25)
# Named in the seeds; they took part early.
FEATURED = {"Kunnskapssenteret": 0, "Capralhaugen BBS": 3}
SEED = 2019


def demo_id(kind: str, key: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{kind}:{key}")


def build_demo(db: Database) -> None:
    """Fill an empty register with the demo programme, in one transaction."""
    from desktop.services.demo_ideas import DemoIdeas
    from desktop.services.demo_initiatives import write_initiatives

    rng = random.Random(SEED)
    plan_rng = random.Random(SEED + 1)  # its own stream: kit edits must not change the people
    journey_rng = random.Random(SEED + 2)
    kit = _lup_kit()
    ideas = DemoIdeas(random.Random(SEED + 3), kit, demo_id)
    with db.transaction() as s:
        if any(
            s.scalar(select(func.count()).select_from(m))
            for m in (Cohort, Sector, ServiceLocation, Facilitator)
        ):
            raise LupError(
                _("Dataområdet har allerede data. Demoprogrammet lages bare i et tomt dataområde.")
            )
        programme = s.scalar(select(Programme).limit(1))
        if programme is None:
            programme = Programme(id=demo_id("programme", "LUP"), name=content.PROGRAMME_NAME)
            s.add(programme)
        programme.description = content.PROGRAMME_DESCRIPTION

        facilitators = [
            Facilitator(id=demo_id("facilitator", name), name=name, email=email)
            for name, email in content.FACILITATORS
        ]
        s.add_all(facilitators)

        locations: list[ServiceLocation] = []
        sector_of: dict[uuid.UUID, str] = {}
        for sector_name, names in content.SERVICE_LOCATIONS.items():
            sector = Sector(id=demo_id("sector", sector_name), name=sector_name)
            sector_of[sector.id] = sector_name
            s.add(sector)
            locations += [
                ServiceLocation(id=demo_id("location", n), name=n, sector_id=sector.id) for n in names
            ]
        s.add_all(locations)
        s.flush()

        order = [loc for loc in locations if loc.name not in FEATURED]
        rng.shuffle(order)
        per_cohort = []
        for index, size in enumerate(GROUPS_PER_COHORT):
            featured = [loc for loc in locations if FEATURED.get(loc.name) == index]
            take = size - len(featured)
            per_cohort.append(sorted(featured + order[:take], key=lambda loc: loc.name))
            order = order[take:]

        used_emails: set[str] = set()
        for index, cohort_locations in enumerate(per_cohort):
            start = _next_tuesday(_add_months(FIRST_START, 6 * index))
            name = f"LUP {index + 1}"
            team = [facilitators[(index + k) % len(facilitators)] for k in range(2 + index % 2)]
            sessions = []
            for kind, title, weeks, begin, end in content.SESSION_PLAN:
                sessions.append(
                    Session(
                        id=demo_id("session", f"{name}:{title}"),
                        kind=SessionKind(kind),
                        title=title,
                        date=start + timedelta(weeks=weeks),
                        start_time=time.fromisoformat(begin),
                        end_time=time.fromisoformat(end),
                        place=content.PLACES[(index + weeks) % len(content.PLACES)],
                    )
                )
            cohort = Cohort(
                id=demo_id("cohort", name),
                programme_id=programme.id,
                name=name,
                start_date=start,
                end_date=max(x.date for x in sessions),
            )
            s.add(cohort)
            for x in sessions:
                x.cohort_id = cohort.id
            s.add_all(sessions)
            s.flush()  # parents first: the link rows below have no ORM relationship to order them by
            for x in sessions:
                s.add_all(
                    SessionFacilitator(
                        id=demo_id("session-facilitator", f"{x.id}:{f.id}"),
                        session_id=x.id,
                        facilitator_id=f.id,
                    )
                    for f in team
                )
            s.add_all(
                CohortFacilitator(
                    id=demo_id("cohort-facilitator", f"{cohort.id}:{f.id}"),
                    cohort_id=cohort.id,
                    facilitator_id=f.id,
                )
                for f in team
            )
            _plans(s, plan_rng, kit, sessions)
            for number, location in enumerate(cohort_locations):
                group = LeaderGroup(
                    id=demo_id("group", f"{name}:{location.name}"),
                    cohort_id=cohort.id,
                    service_location_id=location.id,
                    lead_facilitator_id=team[number % len(team)].id,
                )
                s.add(group)
                s.flush()
                people = _participants(rng, group.id, used_emails)
                s.add_all(people)
                if kit is not None and cohort.end_date < date.today():
                    sector = sector_of[location.sector_id]
                    journeys = _journeys(s, journey_rng, kit, group, location, sector, sessions)
                    ideas.add(group.id, location.name, sector, sessions, journeys, [p.id for p in people])
        ideas.write(s)
        write_initiatives(s, random.Random(SEED + 4), ideas, demo_id)


def _participants(rng: random.Random, group_id: uuid.UUID, used_emails: set[str]) -> list[Participant]:
    roles = [ParticipantRole.LEADER] * rng.randint(3, 6) + [ParticipantRole.ENTHUSIAST] * rng.randint(1, 3)
    if rng.random() < 0.15:
        roles.append(ParticipantRole.OTHER)  # e.g. a union representative or a user representative
    people = []
    names: set[str] = set()
    for role in roles:
        name = f"{rng.choice(content.FIRST_NAMES)} {rng.choice(content.LAST_NAMES)}"
        while name in names:
            name = f"{rng.choice(content.FIRST_NAMES)} {rng.choice(content.LAST_NAMES)}"
        names.add(name)
        people.append(
            Participant(
                id=demo_id("participant", f"{group_id}:{name}"),
                leader_group_id=group_id,
                name=name,
                email=_email(name, used_emails),
                role=role,
            )
        )
    return people


def _email(name: str, used: set[str]) -> str:
    ascii_name = name.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    ascii_name = unicodedata.normalize("NFKD", ascii_name).encode("ascii", "ignore").decode()
    local = ".".join("".join(ch for ch in part if ch.isalnum() or ch == "-") for part in ascii_name.split())
    candidate, n = local, 1
    while candidate in used:
        n += 1
        candidate = f"{local}{n}"
    used.add(candidate)
    return f"{candidate}@baerum.kommune.no"


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    return day.replace(year=day.year + month // 12, month=month % 12 + 1)


def _next_tuesday(day: date) -> date:
    """Sessions are held on Tuesdays: the first Tuesday on or after ``day``."""
    return day + timedelta(days=(1 - day.weekday()) % 7)


# --- time plans ------------------------------------------------------------------------------------------


# The demo's sessions in programme order take the LUP kit's templates in its sequence.
def _lup_kit():
    from desktop.kits import KitError, load_kit
    from desktop.paths import project_root

    try:
        return load_kit(project_root() / "workshop_kits" / "lup")
    except KitError:
        return None  # the shipped kit is checked by the tests; a broken copy leaves the plans out


def _plans(s, rng: random.Random, kit, sessions: list[Session]) -> None:
    """Each session gets its kit template's plan; sessions in the past carry the times they really took."""
    if kit is None:
        return
    zone = local_zone()
    today = date.today()
    for x, template_id in zip(sessions, kit.sequence, strict=False):
        template = kit.session(template_id)
        x.kit_id, x.template_id = kit.id, template.id
        clock = datetime.combine(x.date, x.start_time, tzinfo=zone)
        for position, b in enumerate(template.blocks):
            block = AgendaBlock(
                id=demo_id("block", f"{x.id}:{position}"),
                session_id=x.id,
                position=position,
                title=b.title,
                minutes=b.minutes,
                category=b.category,
                method_id=b.method,
                materials=list(b.materials),
                notes=b.notes,
                projector_text=b.projector_text,
                pinned_start=time.fromisoformat(b.pinned) if b.pinned else None,
            )
            if x.date < today:
                # Real sessions drift: most blocks run a little long, some short; breaks are kept.
                drift = (
                    0
                    if b.category.value in {"break", "lunch"}
                    else rng.choice((-4, -2, -1, 0, 0, 1, 2, 3, 5, 8))
                )
                minutes = max(1, b.minutes + drift)
                if b.pinned:
                    clock = max(clock, datetime.combine(x.date, time.fromisoformat(b.pinned), tzinfo=zone))
                block.actual_start = clock.astimezone(UTC)  # stored in UTC, like a live run
                clock = clock + timedelta(minutes=minutes)
                block.actual_end = clock.astimezone(UTC)
                block.added_minutes = max(0, drift) if drift >= 6 else 0
                block.actual_seconds = minutes * 60
            s.add(block)


def _journeys(
    s,
    rng: random.Random,
    kit,
    group: LeaderGroup,
    location: ServiceLocation,
    sector: str,
    sessions: list[Session],
) -> list:
    """The user journeys a finished group mapped (in the cohort's insight session); returns them."""
    from desktop.services.demo_journeys import demo_journeys
    from desktop.services.journeys import _write
    from desktop.storage.models import JourneyMap

    insight = next((x for x in sessions if x.template_id == "innsikt"), None)
    journeys = demo_journeys(
        rng, location.name, sector, kit.journeys, lambda key: demo_id("journey", f"{group.id}:{key}")
    )
    for journey in journeys:
        s.add(
            JourneyMap(
                id=journey.id,
                leader_group_id=group.id,
                session_id=insight.id if insight else None,
                title=journey.title,
                kind=journey.kind,
            )
        )
        s.flush()
        _write(s, journey)
    return journeys
