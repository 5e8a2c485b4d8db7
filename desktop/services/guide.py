"""The guide through a session: the facilitator's next and recent sessions (the start page), and each
session's checklist with the ticks stored in ``checklist_tick``."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import func, or_, select

from desktop.domain import checklist as domain
from desktop.domain.enums import SessionKind
from desktop.domain.kit import Kit
from desktop.domain.timeplan import format_clock
from desktop.errors import ValidationError
from desktop.i18n import _
from desktop.services import timeplan, views
from desktop.services.common import get, in_norwegian
from desktop.storage.database import Database
from desktop.storage.models import (
    AgendaBlock,
    ChecklistTick,
    Cohort,
    CohortFacilitator,
    Facilitator,
    LeaderGroup,
    Participant,
    Programme,
    ServiceLocation,
    Session,
    SessionFacilitator,
)

KEY_LENGTH = 300  # ChecklistTick.item_key


@dataclass(frozen=True)
class ChecklistEntry:
    key: str
    phase: str  # "before" | "during" | "after"
    text: str
    detail: str
    done: bool


@dataclass(frozen=True)
class SessionChecklist:
    session_id: uuid.UUID
    title: str
    cohort_name: str
    date: date
    start: time
    end: time
    place: str
    kit_id: str | None  # the kit the plan came from (None: not from a kit)
    kit_name: str | None  # None when the kit is not given (not installed on this laptop)
    template_found: bool  # the kit has the session's template (room set-up and worksheets come from it)
    groups: int  # leader groups in the cohort
    participants: int  # participants in those groups
    items: tuple[ChecklistEntry, ...]

    @property
    def done_count(self) -> int:
        return sum(item.done for item in self.items)

    @property
    def total(self) -> int:
        return len(self.items)

    def phase(self, phase: str) -> tuple[ChecklistEntry, ...]:
        return tuple(item for item in self.items if item.phase == phase)

    def item(self, key: str) -> ChecklistEntry | None:
        return next((item for item in self.items if item.key == key), None)


@dataclass(frozen=True)
class UpcomingSession:
    id: uuid.UUID
    cohort_id: uuid.UUID
    cohort_name: str
    title: str
    kind: SessionKind
    date: date
    start: time
    end: time
    place: str
    blocks: int  # blocks in its time plan
    is_today: bool


# --- the checklist ---------------------------------------------------------------------------------------


def kit_id(db: Database, session_id: uuid.UUID) -> str | None:
    """The id of the kit the session's plan came from (to look the kit up before ``checklist``)."""
    with db.transaction() as s:
        return get(s, Session, session_id).kit_id


def checklist(db: Database, session_id: uuid.UUID, kit: Kit | None) -> SessionChecklist:
    """The session's checklist, derived from its plan and ``kit`` (None: worksheets and room set-up are left
    out; the plan's materials are still listed), with the stored ticks."""
    plan = timeplan.load_plan(db, session_id)
    with db.transaction() as s:
        row = get(s, Session, session_id)
        cohort_name, place = row.cohort.name, row.place
        groups = (
            s.scalar(
                select(func.count()).select_from(LeaderGroup).where(LeaderGroup.cohort_id == row.cohort_id)
            )
            or 0
        )
        participants = (
            s.scalar(
                select(func.count())
                .select_from(Participant)
                .join(LeaderGroup)
                .where(LeaderGroup.cohort_id == row.cohort_id)
            )
            or 0
        )
        ticks = {
            r.item_key: r.done
            for r in s.execute(
                select(ChecklistTick.item_key, ChecklistTick.done).where(
                    ChecklistTick.session_id == session_id
                )
            )
        }
    template = None
    if kit is not None and plan.template_id:
        template = next((t for t in kit.sessions if t.id == plan.template_id), None)
    worksheets = ()
    if template is not None:
        by_id = {w.id: w for w in kit.worksheets}
        worksheets = tuple(by_id[w] for w in template.worksheets if w in by_id)
    sched = plan.schedule()
    steps = [
        domain.PlanStep(b.title, b.minutes, b.materials, format_clock(slot.start))
        for b, slot in zip(plan.blocks, sched.blocks, strict=True)
    ]
    items = domain.build_checklist(
        steps,
        worksheets,
        template.room_setup if template is not None else "",
        groups,
        participants,
        has_notes=any(b.notes.strip() for b in plan.blocks),
    )
    return SessionChecklist(
        session_id,
        plan.title,
        cohort_name,
        plan.date,
        plan.start,
        plan.end,
        place,
        plan.kit_id,
        kit.name if kit is not None else None,
        template is not None,
        groups,
        participants,
        tuple(ChecklistEntry(i.key, i.phase, i.text, i.detail, bool(ticks.get(i.key, False))) for i in items),
    )


def set_tick(db: Database, session_id: uuid.UUID, key: str, done: bool) -> bool:
    """Tick (or untick) one item of the session's checklist; returns whether it was ticked before (undo)."""
    if not key or len(key) > KEY_LENGTH:
        raise ValidationError("key", _("Punktet på sjekklisten mangler en gyldig nøkkel."))
    with db.transaction() as s:
        get(s, Session, session_id)
        row = s.scalar(
            select(ChecklistTick).where(ChecklistTick.session_id == session_id, ChecklistTick.item_key == key)
        )
        if row is None:
            if done:
                s.add(ChecklistTick(session_id=session_id, item_key=key, done=True))
            return False
        previous = bool(row.done)
        if previous != bool(done):
            row.done = bool(done)
        return previous


# --- the start page --------------------------------------------------------------------------------------


def facilitators(db: Database) -> tuple[views.Choice, ...]:
    return views.facilitator_choices(db)


def upcoming_sessions(
    db: Database, facilitator_id: uuid.UUID | None, today: date, limit: int = 10
) -> list[UpcomingSession]:
    """Sessions from ``today`` on, soonest first, where the facilitator leads the session or the cohort
    (``None``: every facilitator's)."""
    return _sessions(db, facilitator_id, today, limit, upcoming=True)


def recent_sessions(
    db: Database, facilitator_id: uuid.UUID | None, today: date, limit: int = 5
) -> list[UpcomingSession]:
    """Sessions before ``today``, the most recent first."""
    return _sessions(db, facilitator_id, today, limit, upcoming=False)


def _sessions(
    db: Database, facilitator_id: uuid.UUID | None, today: date, limit: int, upcoming: bool
) -> list[UpcomingSession]:
    query = select(Session, Cohort.name).join(Cohort, Session.cohort_id == Cohort.id)
    if upcoming:
        query = query.where(Session.date >= today).order_by(
            Session.date, Session.start_time, in_norwegian(Cohort.name)
        )
    else:
        query = query.where(Session.date < today).order_by(
            Session.date.desc(), Session.start_time.desc(), in_norwegian(Cohort.name)
        )
    if facilitator_id is not None:
        query = query.where(
            or_(
                Session.id.in_(
                    select(SessionFacilitator.session_id).where(
                        SessionFacilitator.facilitator_id == facilitator_id
                    )
                ),
                Session.cohort_id.in_(
                    select(CohortFacilitator.cohort_id).where(
                        CohortFacilitator.facilitator_id == facilitator_id
                    )
                ),
            )
        )
    with db.transaction() as s:
        rows = s.execute(query.limit(limit)).all()
        ids = [row.Session.id for row in rows]
        blocks = Counter(
            dict(
                s.execute(
                    select(AgendaBlock.session_id, func.count())
                    .where(AgendaBlock.session_id.in_(ids))
                    .group_by(AgendaBlock.session_id)
                ).all()
            )
        )
        return [
            UpcomingSession(
                x.id,
                x.cohort_id,
                name,
                x.title,
                x.kind,
                x.date,
                x.start_time,
                x.end_time,
                x.place,
                blocks[x.id],
                x.date == today,
            )
            for x, name in rows
        ]


@dataclass(frozen=True)
class FirstSteps:
    """How far a new register has come, for the start page's «Kom i gang»: what exists, and the newest
    cohort (where sessions and leader groups go)."""

    programme_id: uuid.UUID | None
    facilitators: int
    locations: int
    cohort_id: uuid.UUID | None
    sessions: int
    groups: int

    @property
    def done(self) -> bool:
        return bool(self.facilitators and self.locations and self.cohort_id and self.sessions and self.groups)


def first_steps(db: Database) -> FirstSteps:
    with db.transaction() as s:

        def count(model) -> int:
            return s.scalar(select(func.count()).select_from(model)) or 0

        programme = s.scalar(select(Programme.id).order_by(Programme.created_at).limit(1))
        cohort = s.scalar(
            select(Cohort.id).order_by(Cohort.start_date.desc(), Cohort.created_at.desc()).limit(1)
        )
        return FirstSteps(
            programme,
            count(Facilitator),
            count(ServiceLocation),
            cohort,
            count(Session),
            count(LeaderGroup),
        )
