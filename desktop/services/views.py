"""Read-only views of the register as plain frozen dataclasses, loaded with a few set-based queries."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import func, select

from desktop.domain.enums import ParticipantRole, SessionKind
from desktop.domain.fund import FundDecision
from desktop.domain.rules import cohort_finished, norwegian_key
from desktop.services.common import get, in_norwegian
from desktop.storage.database import Database
from desktop.storage.models import (
    Application,
    Benefit,
    Cohort,
    CohortFacilitator,
    Facilitator,
    FundRound,
    Idea,
    Initiative,
    JourneyCard,
    JourneyMap,
    LeaderGroup,
    Participant,
    Programme,
    Prototype,
    PrototypeIteration,
    Sector,
    ServiceLocation,
    Session,
    SessionFacilitator,
    Vote,
)


@dataclass(frozen=True)
class Choice:
    id: uuid.UUID
    name: str


# --- the navigator ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionNode:
    id: uuid.UUID
    title: str
    kind: SessionKind
    date: date


@dataclass(frozen=True)
class GroupNode:
    id: uuid.UUID
    location_name: str
    participants: int
    people: tuple[str, ...] = ()  # participants' names, so that a search for a person finds the group


@dataclass(frozen=True)
class CohortNode:
    id: uuid.UUID
    name: str
    start_date: date
    end_date: date
    sessions: tuple[SessionNode, ...]
    groups: tuple[GroupNode, ...]


@dataclass(frozen=True)
class ProgrammeNode:
    id: uuid.UUID
    name: str
    cohorts: tuple[CohortNode, ...]


@dataclass(frozen=True)
class SectorNode:
    id: uuid.UUID
    name: str
    locations: tuple[Choice, ...]


@dataclass(frozen=True)
class FundRoundNode:
    id: uuid.UUID
    name: str
    deadline: date | None


@dataclass(frozen=True)
class Tree:
    programmes: tuple[ProgrammeNode, ...]
    sectors: tuple[SectorNode, ...]
    facilitators: tuple[Choice, ...]
    fund_rounds: tuple[FundRoundNode, ...] = ()  # Oppdrift: the innovation fund's rounds, by deadline


def load_tree(db: Database) -> Tree:
    with db.transaction() as s:
        sessions = defaultdict(list)
        for row in s.execute(
            select(Session.id, Session.cohort_id, Session.title, Session.kind, Session.date).order_by(
                Session.date, Session.start_time
            )
        ):
            sessions[row.cohort_id].append(SessionNode(row.id, row.title, row.kind, row.date))
        people = defaultdict(list)
        for group_id, name in s.execute(select(Participant.leader_group_id, Participant.name)):
            people[group_id].append(name)
        groups = defaultdict(list)
        for row in s.execute(
            select(LeaderGroup.id, LeaderGroup.cohort_id, ServiceLocation.name)
            .join(ServiceLocation)
            .order_by(in_norwegian(ServiceLocation.name))
        ):
            groups[row.cohort_id].append(
                GroupNode(row.id, row.name, len(people[row.id]), tuple(people[row.id]))
            )
        cohorts = defaultdict(list)
        for c in s.execute(select(Cohort).order_by(Cohort.start_date, in_norwegian(Cohort.name))).scalars():
            cohorts[c.programme_id].append(
                CohortNode(c.id, c.name, c.start_date, c.end_date, tuple(sessions[c.id]), tuple(groups[c.id]))
            )
        programmes = tuple(
            ProgrammeNode(p.id, p.name, tuple(cohorts[p.id]))
            for p in s.scalars(select(Programme).order_by(Programme.created_at))
        )
        locations = defaultdict(list)
        for row in s.execute(select(ServiceLocation.id, ServiceLocation.name, ServiceLocation.sector_id)):
            locations[row.sector_id].append(Choice(row.id, row.name))
        sectors = tuple(
            SectorNode(
                sec.id, sec.name, tuple(sorted(locations[sec.id], key=lambda c: norwegian_key(c.name)))
            )
            for sec in s.scalars(select(Sector).order_by(in_norwegian(Sector.name)))
        )
        fund_rounds = tuple(
            FundRoundNode(r.id, r.name, r.deadline)
            for r in s.execute(
                select(FundRound.id, FundRound.name, FundRound.deadline).order_by(
                    FundRound.deadline.is_(None),
                    FundRound.deadline,
                    FundRound.created_at,  # no deadline last
                )
            )
        )
        return Tree(programmes, sectors, _facilitator_choices(s), fund_rounds)


def _facilitator_choices(s) -> tuple[Choice, ...]:
    return tuple(
        Choice(r.id, r.name)
        for r in s.execute(select(Facilitator.id, Facilitator.name).order_by(in_norwegian(Facilitator.name)))
    )


# --- the forms -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgrammeDetail:
    id: uuid.UUID
    name: str
    description: str


@dataclass(frozen=True)
class CohortDetail:
    id: uuid.UUID
    programme_id: uuid.UUID
    name: str
    start_date: date
    end_date: date
    facilitator_ids: frozenset[uuid.UUID]
    sessions: int
    groups: int
    participants: int


@dataclass(frozen=True)
class SessionDetail:
    id: uuid.UUID
    cohort_id: uuid.UUID
    cohort_name: str
    kind: SessionKind
    title: str
    date: date
    start_time: time
    end_time: time
    place: str
    facilitator_ids: frozenset[uuid.UUID]


@dataclass(frozen=True)
class ParticipantView:
    id: uuid.UUID
    name: str
    email: str | None
    role: ParticipantRole


@dataclass(frozen=True)
class GroupDetail:
    id: uuid.UUID
    cohort_id: uuid.UUID
    cohort_name: str
    location_id: uuid.UUID
    location_name: str
    sector_name: str
    lead_facilitator_id: uuid.UUID | None
    participants: tuple[ParticipantView, ...]


@dataclass(frozen=True)
class LocationDetail:
    id: uuid.UUID
    name: str
    sector_id: uuid.UUID
    groups: tuple[tuple[uuid.UUID, str], ...]  # (group id, cohort name)


@dataclass(frozen=True)
class FacilitatorDetail:
    id: uuid.UUID
    name: str
    email: str | None
    cohorts: tuple[str, ...]
    lead_groups: int


def programme_detail(db: Database, programme_id: uuid.UUID) -> ProgrammeDetail:
    with db.transaction() as s:
        p = get(s, Programme, programme_id)
        return ProgrammeDetail(p.id, p.name, p.description)


def cohort_detail(db: Database, cohort_id: uuid.UUID) -> CohortDetail:
    with db.transaction() as s:
        c = get(s, Cohort, cohort_id)
        facilitators = frozenset(
            s.scalars(select(CohortFacilitator.facilitator_id).where(CohortFacilitator.cohort_id == c.id))
        )
        participants = s.scalar(
            select(func.count())
            .select_from(Participant)
            .join(LeaderGroup)
            .where(LeaderGroup.cohort_id == c.id)
        )
        return CohortDetail(
            c.id,
            c.programme_id,
            c.name,
            c.start_date,
            c.end_date,
            facilitators,
            len(c.sessions),
            len(c.leader_groups),
            participants or 0,
        )


def session_detail(db: Database, session_id: uuid.UUID) -> SessionDetail:
    with db.transaction() as s:
        x = get(s, Session, session_id)
        facilitators = frozenset(
            s.scalars(select(SessionFacilitator.facilitator_id).where(SessionFacilitator.session_id == x.id))
        )
        return SessionDetail(
            x.id,
            x.cohort_id,
            x.cohort.name,
            x.kind,
            x.title,
            x.date,
            x.start_time,
            x.end_time,
            x.place,
            facilitators,
        )


def group_detail(db: Database, group_id: uuid.UUID) -> GroupDetail:
    with db.transaction() as s:
        g = get(s, LeaderGroup, group_id)
        order = list(ParticipantRole)  # leaders first, then enthusiasts, then others
        people = tuple(
            ParticipantView(p.id, p.name, p.email, p.role)
            for p in sorted(g.participants, key=lambda p: (order.index(p.role), norwegian_key(p.name)))
        )
        return GroupDetail(
            g.id,
            g.cohort_id,
            g.cohort.name,
            g.service_location_id,
            g.service_location.name,
            g.service_location.sector.name,
            g.lead_facilitator_id,
            people,
        )


def location_detail(db: Database, location_id: uuid.UUID) -> LocationDetail:
    with db.transaction() as s:
        loc = get(s, ServiceLocation, location_id)
        groups = tuple(
            (r.id, r.name)
            for r in s.execute(
                select(LeaderGroup.id, Cohort.name)
                .join(Cohort)
                .where(LeaderGroup.service_location_id == loc.id)
                .order_by(Cohort.start_date)
            )
        )
        return LocationDetail(loc.id, loc.name, loc.sector_id, groups)


def facilitator_detail(db: Database, facilitator_id: uuid.UUID) -> FacilitatorDetail:
    with db.transaction() as s:
        f = get(s, Facilitator, facilitator_id)
        cohorts = tuple(
            s.scalars(
                select(Cohort.name)
                .join(CohortFacilitator)
                .where(CohortFacilitator.facilitator_id == f.id)
                .order_by(Cohort.start_date)
            )
        )
        lead = s.scalar(
            select(func.count()).select_from(LeaderGroup).where(LeaderGroup.lead_facilitator_id == f.id)
        )
        return FacilitatorDetail(f.id, f.name, f.email, cohorts, lead or 0)


def facilitator_choices(db: Database) -> tuple[Choice, ...]:
    with db.transaction() as s:
        return _facilitator_choices(s)


def sector_choices(db: Database) -> tuple[Choice, ...]:
    with db.transaction() as s:
        return tuple(
            Choice(r.id, r.name)
            for r in s.execute(select(Sector.id, Sector.name).order_by(in_norwegian(Sector.name)))
        )


def free_locations(db: Database, cohort_id: uuid.UUID | None) -> tuple[Choice, ...]:
    """Service locations without a leader group in the cohort (None: every one), by name."""
    with db.transaction() as s:
        query = select(ServiceLocation.id, ServiceLocation.name)
        if cohort_id is not None:
            taken = select(LeaderGroup.service_location_id).where(LeaderGroup.cohort_id == cohort_id)
            query = query.where(ServiceLocation.id.not_in(taken))
        rows = s.execute(query)
        return tuple(sorted((Choice(r.id, r.name) for r in rows), key=lambda c: norwegian_key(c.name)))


def group_choices(db: Database) -> tuple[Choice, ...]:
    """Every leader group as «LUP 3 · Bekkestua skole», newest cohort first (for moving a participant)."""
    with db.transaction() as s:
        rows = s.execute(
            select(LeaderGroup.id, Cohort.name, ServiceLocation.name.label("location"))
            .join(Cohort)
            .join(ServiceLocation)
            .order_by(Cohort.start_date.desc(), in_norwegian(ServiceLocation.name))
        )
        return tuple(Choice(r.id, f"{r.name} · {r.location}") for r in rows)


# --- figures ---------------------------------------------------------------------------------------------


def stats(db: Database, today: date | None = None) -> dict[str, int]:
    """The register in figures, as ``lup-verksted stats --json`` prints them."""
    today = today or date.today()
    with db.transaction() as s:

        def count(model) -> int:
            return s.scalar(select(func.count()).select_from(model)) or 0

        granted = Application.decision == FundDecision.GRANTED
        finished = [c.id for c in s.scalars(select(Cohort)) if cohort_finished(c.end_date, today)]
        completed = s.scalar(
            select(func.count(func.distinct(LeaderGroup.service_location_id))).where(
                LeaderGroup.cohort_id.in_(finished)
            )
        )
        return {
            "facilitators": count(Facilitator),
            "programmes": count(Programme),
            "cohorts": count(Cohort),
            "leader_groups": count(LeaderGroup),
            "service_locations": count(ServiceLocation),
            "service_locations_completed": completed or 0,
            "sectors": count(Sector),
            "participants": count(Participant),
            "sessions": count(Session),
            "journey_maps": count(JourneyMap),
            "journey_cards": count(JourneyCard),
            "ideas": count(Idea),
            "votes": s.scalar(select(func.coalesce(func.sum(Vote.dots), 0))) or 0,
            "prototypes": count(Prototype),
            "initiatives": count(Initiative),
            "groups_without_initiative": s.scalar(
                select(func.count())
                .select_from(LeaderGroup)
                .where(LeaderGroup.id.not_in(select(Initiative.leader_group_id)))
            )
            or 0,
            "benefits": count(Benefit),
            "applications": s.scalar(
                select(func.count())
                .select_from(Application)
                .where(Application.decision != FundDecision.WITHDRAWN)
            )
            or 0,
            "applications_funded": s.scalar(select(func.count()).select_from(Application).where(granted))
            or 0,
            "granted_nok": s.scalar(
                select(func.coalesce(func.sum(Application.amount_granted), 0)).where(granted)
            )
            or 0,
        }


# --- across the programme ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class GroupFigures:
    """What one leader group produced: the rows the programme overview adds up by unit, sector or cohort."""

    group_id: uuid.UUID
    cohort: str
    sector: str
    location: str
    ideas: int
    votes: int
    chosen: int
    prototypes: int
    tested: int  # prototypes with a result in their latest round


def group_figures(db: Database, programme_id: uuid.UUID | None = None) -> tuple[GroupFigures, ...]:
    """Per leader group (of one programme, or all)."""
    with db.transaction() as s:
        ideas, chosen, votes, prototypes, tested = (defaultdict(int) for _n in range(5))
        for group_id, is_chosen, n in s.execute(
            select(Idea.leader_group_id, Idea.chosen, func.count()).group_by(
                Idea.leader_group_id, Idea.chosen
            )
        ):
            ideas[group_id] += n
            if is_chosen:
                chosen[group_id] += n
        for group_id, dots in s.execute(
            select(Idea.leader_group_id, func.sum(Vote.dots)).join(Vote).group_by(Idea.leader_group_id)
        ):
            votes[group_id] = dots or 0
        for group_id, n in s.execute(
            select(Prototype.leader_group_id, func.count()).group_by(Prototype.leader_group_id)
        ):
            prototypes[group_id] = n
        latest = (
            select(PrototypeIteration.prototype_id, func.max(PrototypeIteration.position).label("position"))
            .group_by(PrototypeIteration.prototype_id)
            .subquery()
        )
        for group_id, n in s.execute(
            select(Prototype.leader_group_id, func.count())
            .join(PrototypeIteration, PrototypeIteration.prototype_id == Prototype.id)
            .join(
                latest,
                (latest.c.prototype_id == PrototypeIteration.prototype_id)
                & (latest.c.position == PrototypeIteration.position),
            )
            .where(PrototypeIteration.result != "")
            .group_by(Prototype.leader_group_id)
        ):
            tested[group_id] = n
        rows = s.execute(
            select(
                LeaderGroup.id, Cohort.name.label("cohort"), Sector.name.label("sector"), ServiceLocation.name
            )
            .join(Cohort, LeaderGroup.cohort_id == Cohort.id)
            .join(ServiceLocation, LeaderGroup.service_location_id == ServiceLocation.id)
            .join(Sector, ServiceLocation.sector_id == Sector.id)
            .where(Cohort.programme_id == programme_id if programme_id is not None else True)
            .order_by(Cohort.start_date, in_norwegian(ServiceLocation.name))
        )
        return tuple(
            GroupFigures(
                r.id,
                r.cohort,
                r.sector,
                r.name,
                ideas[r.id],
                votes[r.id],
                chosen[r.id],
                prototypes[r.id],
                tested[r.id],
            )
            for r in rows
        )


@dataclass(frozen=True)
class Holdings:
    """What deleting leader groups would take with it beyond the register: their innovation work."""

    initiatives: int
    applications: int
    granted: int  # kroner granted to their applications

    def __bool__(self) -> bool:
        return bool(self.initiatives)


def holdings(
    db: Database, *, group_id: uuid.UUID | None = None, cohort_id: uuid.UUID | None = None
) -> Holdings:
    """The initiatives, fund applications and kroner granted of one leader group, or of a cohort's groups."""
    groups = select(LeaderGroup.id).where(
        LeaderGroup.id == group_id if group_id is not None else LeaderGroup.cohort_id == cohort_id
    )
    initiatives = select(Initiative.id).where(Initiative.leader_group_id.in_(groups))
    with db.transaction() as s:
        return Holdings(
            s.scalar(select(func.count()).select_from(initiatives.subquery())) or 0,
            s.scalar(
                select(func.count())
                .select_from(Application)
                .where(Application.initiative_id.in_(initiatives))
            )
            or 0,
            s.scalar(
                select(func.coalesce(func.sum(Application.amount_granted), 0)).where(
                    Application.initiative_id.in_(initiatives), Application.decision == FundDecision.GRANTED
                )
            )
            or 0,
        )
