"""What the PDF documents show, gathered from the register into the values of ``desktop.reports.data``.

``group_report`` collects everything a leader group produced: the cover's facts, participants, every
session of its cohort with the plan as it was run, journey maps, the idea board, prototypes with their
rounds, initiatives with their benefit plans, and photos. ``cohort_report`` collects a cohort for the
municipality: every group in short, coverage, initiatives and the benefits summed by gain type and unit.
The builders in ``desktop.reports`` turn these into pages; ``find_session``/``find_cohort`` (and
``groups.find_group``) resolve what a user typed on the command line.
"""

from __future__ import annotations

import gc
import uuid
from collections import defaultdict
from dataclasses import replace
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path

from sqlalchemy import func, select

from desktop.domain import timeplan as tp
from desktop.domain.benefits import Measurement, progress, sum_by_gain_type
from desktop.domain.ideas import Quadrant
from desktop.domain.initiatives import InitiativeView
from desktop.domain.rules import cohort_finished, format_time, local_zone, norwegian_key
from desktop.errors import LupError, NotFoundError
from desktop.i18n import _
from desktop.reports.data import (
    BlockRun,
    BoardData,
    CohortReport,
    GroupLine,
    GroupReport,
    IdeaData,
    InitiativeLine,
    JourneyData,
    Person,
    PhotoData,
    PrototypeData,
    SectorCoverage,
    SessionRun,
)
from desktop.services.common import in_norwegian
from desktop.storage.database import Database
from desktop.storage.models import (
    Cohort,
    LeaderGroup,
    Participant,
    Sector,
    ServiceLocation,
    Session,
)

# The tools a session works with, by the methods its plan uses (kit method ids) or its kit template.
TOOLS_BY_METHOD = {
    "persona": "journeys",
    "brukerreise": "journeys",
    "empatikart": "journeys",
    "hvordan-kan-vi": "ideas",
    "brainwriting": "ideas",
    "crazy-8": "ideas",
    "omvendt-idemyldring": "ideas",
    "prikkvoting": "ideas",
    "effekt-innsats-matrise": "ideas",
    "storyboard": "prototypes",
    "rask-prototyping": "prototypes",
    "rollespill": "prototypes",
    "brukertest": "prototypes",
    "laeringslogg": "prototypes",
    "fortsett-juster-stopp": "prototypes",
    "pilotplan": "initiatives",
    "indikatorer": "initiatives",
    "nullpunktsmaling": "initiatives",
    "gevinstkart": "initiatives",
    "gevinstrealiseringsplan": "initiatives",
    "overgangsplan": "initiatives",
    "spredningsplan": "initiatives",
    "pitch": "initiatives",
}
TOOLS_BY_TEMPLATE = {
    "innsikt": frozenset({"journeys"}),
    "ide": frozenset({"ideas"}),
    "prototyping": frozenset({"prototypes"}),
    "gevinst": frozenset({"initiatives"}),
    "avslutning": frozenset({"initiatives"}),
}


# --- a leader group ---------------------------------------------------------------------------------------


def group_report(db: Database, group_id: uuid.UUID, today: date | None = None) -> GroupReport:
    """Everything a leader group produced, for its summaries.

    Everything is read in one transaction, so the summary shows one moment of the register even while
    another window writes, with a few set-based queries (not one query per session, prototype or
    relationship); the idea board, prototypes and initiatives through their services' readers. Only the
    photos' files are looked up after it. Python's cycle collector is paused
    meanwhile (many short-lived ORM objects; each collection would walk the app's whole heap)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _group_report(db, group_id, today)
    finally:
        if enabled:
            gc.enable()


def _group_report(db: Database, group_id: uuid.UUID, today: date | None) -> GroupReport:
    from sqlalchemy.orm import aliased, selectinload

    from desktop.services import ideas, initiatives, journeys, prototypes, timeplan
    from desktop.storage.models import CohortFacilitator, Facilitator, JourneyMap, SessionFacilitator

    today = today or date.today()
    lead = aliased(Facilitator)
    with db.transaction() as s:
        head = s.execute(
            select(
                LeaderGroup.cohort_id,
                ServiceLocation.name,
                Sector.name,
                Cohort.name,
                Cohort.start_date,
                Cohort.end_date,
                lead.name,
            )
            .join(ServiceLocation, LeaderGroup.service_location_id == ServiceLocation.id)
            .join(Sector, ServiceLocation.sector_id == Sector.id)
            .join(Cohort, LeaderGroup.cohort_id == Cohort.id)
            .outerjoin(lead, LeaderGroup.lead_facilitator_id == lead.id)
            .where(LeaderGroup.id == group_id)
        ).first()
        if head is None:
            raise NotFoundError(_("Finner ikke ledergruppen; den kan være slettet."))
        cohort_id = head[0]
        order = {"leader": 0, "enthusiast": 1, "other": 2}
        people = tuple(
            Person(name, role.label)
            for name, role in sorted(
                s.execute(
                    select(Participant.name, Participant.role).where(Participant.leader_group_id == group_id)
                ).all(),
                key=lambda p: (order.get(p[1].value, 3), norwegian_key(p[0])),
            )
        )
        facilitators = tuple(
            s.scalars(
                select(Facilitator.name)
                .join(CohortFacilitator, CohortFacilitator.facilitator_id == Facilitator.id)
                .where(CohortFacilitator.cohort_id == cohort_id)
                .order_by(in_norwegian(Facilitator.name))
            )
        )
        session_rows = s.scalars(
            select(Session)
            .where(Session.cohort_id == cohort_id)
            .order_by(Session.date, Session.start_time)
            .options(selectinload(Session.blocks))
        ).all()
        session_facilitators: dict[uuid.UUID, list[str]] = defaultdict(list)
        for session_id, name in s.execute(
            select(SessionFacilitator.session_id, Facilitator.name)
            .join(Facilitator, SessionFacilitator.facilitator_id == Facilitator.id)
            .join(Session, SessionFacilitator.session_id == Session.id)
            .where(Session.cohort_id == cohort_id)
            .order_by(in_norwegian(Facilitator.name))
        ):
            session_facilitators[session_id].append(name)
        sessions = tuple(
            _session_run(
                timeplan._plan(x),
                x.kind.label,
                x.place,
                tuple(session_facilitators[x.id]),
                x.template_id,
            )
            for x in session_rows
        )
        map_rows = s.execute(
            select(JourneyMap.id, JourneyMap.title, JourneyMap.kind, JourneyMap.session_id)
            .where(JourneyMap.leader_group_id == group_id)
            .order_by(JourneyMap.created_at)
        ).all()
        maps = tuple(
            JourneyData(m.id, m.title, m.kind.label, m.session_id, journeys._read(s, m.id)) for m in map_rows
        )
        board = ideas.read_view(s, group_id)
        idea_texts = {i.id: i.text for i in board.board.ideas}
        protos = tuple(
            _prototype(p, idea_texts.get(p.idea_id, "")) for p in prototypes.read_group(s, group_id)
        )
        plans = initiatives.read_group(s, group_id)
        photo_places = _photo_places(s, group_id)
    if any(m.journey.persona.photo for m in maps):
        from desktop.services.photos import picture_path

        maps = tuple(replace(m, persona_picture=picture_path(db, m.journey.persona.photo)) for m in maps)
    return GroupReport(
        group_id,
        head[1],
        head[2],
        head[3],
        head[4],
        head[5],
        facilitators,
        head[6] or "",
        people,
        sessions,
        maps,
        _board(board),
        protos,
        plans,
        _photos(db, group_id, photo_places, [x.id for x in sessions]),
        today,
    )


def _clock(value: datetime | None) -> str | None:
    if value is None:
        return None
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return format_time(aware.astimezone(local_zone()).time())


def _session_run(
    plan, kind: str, place: str, facilitators: tuple[str, ...], template: str | None
) -> SessionRun:
    from desktop.domain.kit import BlockCategory
    from desktop.services.timeplan import recorded_actuals

    sched = plan.schedule()
    actuals = recorded_actuals(plan)
    blocks = []
    for index, (b, when) in enumerate(zip(plan.blocks, sched.blocks, strict=True)):
        actual = actuals.get(index)
        blocks.append(
            BlockRun(
                b.title,
                b.category.label,
                tp.format_clock(when.start),
                tp.format_clock(when.end),
                b.minutes,
                _clock(b.actual_start),
                round(actual.minutes) if actual is not None and actual.minutes is not None else None,
                b.added_minutes,
                b.category in (BlockCategory.BREAK, BlockCategory.LUNCH),
            )
        )
    tools = {TOOLS_BY_METHOD[b.method_id] for b in plan.blocks if b.method_id in TOOLS_BY_METHOD}
    tools |= TOOLS_BY_TEMPLATE.get(template or "", frozenset())
    starts = [b.actual_start for b in plan.blocks if b.actual_start]
    ends = [b.actual_end for b in plan.blocks if b.actual_end]
    return SessionRun(
        plan.session_id,
        plan.title,
        kind,
        plan.date,
        place,
        format_time(plan.start),
        format_time(plan.end),
        facilitators,
        tuple(blocks),
        frozenset(tools),
        _clock(min(starts)) if starts else None,
        _clock(max(ends)) if ends else None,
    )


def _board(view) -> BoardData:
    board = view.board
    themes = {t.id: t.title for t in board.themes}
    ranked = board.ranking()
    return BoardData(
        board.dots,
        len(view.voters),
        tuple(t.title for t in board.themes),
        tuple(
            IdeaData(
                n,
                idea.text,
                themes.get(idea.theme_id, ""),
                votes,
                idea.impact,
                idea.effort,
                idea.quadrant.label if isinstance(idea.quadrant, Quadrant) else "",
                idea.chosen,
                view.sources[idea.source_card_id].label if idea.source_card_id in view.sources else "",
            )
            for n, (idea, votes) in enumerate(ranked, start=1)
        ),
        board.counted,
    )


@cache
def _card_titles(kit_id: str) -> dict[str, str]:
    """The prototyping cards' titles of a shipped kit, read from its ``prototypes.toml`` alone (loading and
    validating the whole kit would cost more than the rest of a summary); empty when it can't be read."""
    import tomllib

    from desktop.paths import project_root

    try:
        with (project_root() / "workshop_kits" / kit_id / "prototypes.toml").open("rb") as f:
            cards = tomllib.load(f).get("card", [])
        return {
            str(c["id"]): str(c.get("title", c["id"])) for c in cards if isinstance(c, dict) and "id" in c
        }
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError):
        return {}


def _prototype(p, idea_text: str) -> PrototypeData:
    kind = _card_titles(p.kit_id).get(p.card_id or "", "") if p.kit_id else ""
    decision = p.current.decision.label if p.current.decision is not None else ""
    return PrototypeData(p.id, p.title, idea_text, kind, p.status.label, p.iterations, decision)


def _photo_places(s, group_id: uuid.UUID) -> list:
    """Where each of the group's photos was taken: its own session, or the session its journey map was made
    in (photo id, session id or None, map's session id or None)."""
    from sqlalchemy import or_

    from desktop.storage.models import JourneyMap, Photo

    return s.execute(
        select(Photo.id, Photo.session_id, JourneyMap.session_id)
        .outerjoin(JourneyMap, Photo.journey_map_id == JourneyMap.id)
        .where(or_(Photo.leader_group_id == group_id, JourneyMap.leader_group_id == group_id))
    ).all()


def _photos(db: Database, group_id: uuid.UUID, places: list, session_ids) -> tuple[PhotoData, ...]:
    """The group's photos (with the sessions each was taken at and their original file names)."""
    if not places:  # the common case: no photo service (and image libraries) to load
        return ()
    from desktop.services.photos import photos_of

    photos = photos_of(db, group_id=group_id)
    wanted = set(session_ids)
    taken: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    for photo_id, own, by_map in places:
        taken[photo_id].update(x for x in (own, by_map) if x is not None and x in wanted)
    return tuple(
        PhotoData(
            p.id,
            Path(p.path),
            p.caption,
            p.added,
            str(p.kind),
            frozenset(taken[p.id]),
            p.original_name,
        )
        for p in photos
    )


# --- a cohort ---------------------------------------------------------------------------------------------


def cohort_report(db: Database, cohort_id: uuid.UUID, today: date | None = None) -> CohortReport:
    """A cohort in figures, for the municipality."""
    from desktop.domain.kit import VeikartPhase
    from desktop.services.initiatives import read_groups
    from desktop.services.views import group_figures

    today = today or date.today()
    with db.transaction() as s:
        cohort = s.get(Cohort, cohort_id)
        if cohort is None:
            raise NotFoundError(_("Finner ikke kullet; det kan være slettet."))
        head = (cohort.name, cohort.programme.name, cohort.start_date, cohort.end_date, cohort.programme_id)
        facilitators = tuple(f.name for f in cohort.facilitators)
        sessions = tuple((x.title, x.kind.label, x.date) for x in cohort.sessions)
        participants = dict(
            s.execute(
                select(Participant.leader_group_id, func.count())
                .join(LeaderGroup, Participant.leader_group_id == LeaderGroup.id)
                .where(LeaderGroup.cohort_id == cohort_id)
                .group_by(Participant.leader_group_id)
            ).all()
        )
        finished_cohorts = [c.id for c in s.scalars(select(Cohort)) if cohort_finished(c.end_date, today)]
        location_rows = s.execute(
            select(ServiceLocation.id, Sector.name).join(Sector, ServiceLocation.sector_id == Sector.id)
        ).all()
        in_cohort = set(
            s.scalars(select(LeaderGroup.service_location_id).where(LeaderGroup.cohort_id == cohort_id))
        )
        completed = set(
            s.scalars(
                select(LeaderGroup.service_location_id).where(LeaderGroup.cohort_id.in_(finished_cohorts))
            )
        )
        group_ids = set(s.scalars(select(LeaderGroup.id).where(LeaderGroup.cohort_id == cohort_id)))
        views = list(read_groups(s, group_ids))  # the cohort's, not the whole register's
    figures = [f for f in group_figures(db, head[4]) if f.group_id in group_ids]
    by_group: dict[uuid.UUID, list[InitiativeView]] = defaultdict(list)
    for v in views:
        by_group[v.group_id].append(v)
    order = list(VeikartPhase)
    location_of = {f.group_id: f.location for f in figures}
    groups = tuple(
        GroupLine(
            f.group_id,
            f.location,
            f.sector,
            participants.get(f.group_id, 0),
            f.ideas,
            f.votes,
            f.prototypes,
            f.tested,
            tuple(v.title for v in by_group[f.group_id]),
            max((v.phase for v in by_group[f.group_id]), key=order.index).label
            if by_group[f.group_id]
            else "",
        )
        for f in sorted(figures, key=lambda f: norwegian_key(f.location))
    )
    initiatives = tuple(
        InitiativeLine(
            location_of[v.group_id],
            v.title,
            v.phase.label,
            v.status.label,
            v.owner,
            len(v.benefits),
            sum(1 for b in v.benefits if b.measurements),
            sum(1 for b in v.benefits if b.progress.reached),
        )
        for v in sorted(views, key=lambda v: (norwegian_key(location_of[v.group_id]), norwegian_key(v.title)))
    )
    benefits = [b for v in views for b in v.benefits]
    gains = sum_by_gain_type(
        (
            b.gain_type,
            b.unit,
            progress(b.baseline, b.target, (Measurement(m.on, m.value) for m in b.measurements)),
        )
        for b in benefits
    )
    per_sector: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for location_id, sector in location_rows:
        row = per_sector[sector]
        row[0] += 1
        row[1] += location_id in in_cohort
        row[2] += location_id in completed
    coverage = tuple(
        SectorCoverage(sector, *per_sector[sector]) for sector in sorted(per_sector, key=norwegian_key)
    )
    phase_counts = defaultdict(int)
    for v in views:
        phase_counts[v.phase] += 1
    return CohortReport(
        cohort_id,
        head[0],
        head[1],
        head[2],
        head[3],
        cohort_finished(head[3], today),
        facilitators,
        sessions,
        groups,
        initiatives,
        tuple(gains),
        len(benefits),
        sum(1 for b in benefits if b.measurements),
        coverage,
        len(location_rows),
        len(completed),
        today,
        tuple((phase.label, phase_counts[phase]) for phase in VeikartPhase),
    )


# --- finding what a user named ------------------------------------------------------------------------------


def _as_uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text.strip())
    except ValueError:
        return None


def find_session(db: Database, group_id: uuid.UUID, title_or_id: str) -> uuid.UUID:
    """A session of the group's cohort, by its title (or id)."""
    wanted = _as_uuid(title_or_id)
    with db.transaction() as s:
        cohort_id = s.scalar(select(LeaderGroup.cohort_id).where(LeaderGroup.id == group_id))
        rows = s.execute(
            select(Session.id, Session.title).where(Session.cohort_id == cohort_id).order_by(Session.date)
        ).all()
    if wanted is not None:
        if any(r.id == wanted for r in rows):
            return wanted
        raise NotFoundError(_("Samlingen {id} hører ikke til ledergruppens kull.").format(id=wanted))
    key = " ".join(title_or_id.split()).casefold()
    found = [r for r in rows if r.title.casefold() == key] or [r for r in rows if key in r.title.casefold()]
    if len(found) == 1:
        return found[0].id
    names = ", ".join(f"«{r.title}»" for r in (found or rows))
    if not found:
        raise NotFoundError(
            _("Kullet har ingen samling som heter «{title}». Samlingene er: {names}.").format(
                title=title_or_id.strip(), names=names
            )
        )
    raise LupError(
        _("Flere samlinger passer til «{title}»: {names}. Skriv hele tittelen.").format(
            title=title_or_id.strip(), names=names
        )
    )


def find_cohort(db: Database, name_or_id: str) -> uuid.UUID:
    wanted = _as_uuid(name_or_id)
    with db.transaction() as s:
        rows = s.execute(select(Cohort.id, Cohort.name).order_by(Cohort.start_date)).all()
    if wanted is not None and any(r.id == wanted for r in rows):
        return wanted
    key = " ".join(name_or_id.split()).casefold()
    found = [r for r in rows if r.name.casefold() == key]
    if len(found) == 1:
        return found[0].id
    if found:
        raise LupError(
            _("Flere kull heter «{name}». Oppgi kullets id: {ids}.").format(
                name=name_or_id.strip(), ids=", ".join(str(r.id) for r in found)
            )
        )
    raise NotFoundError(
        _("Finner ikke kullet «{name}». Kullene er: {names}.").format(
            name=name_or_id.strip(), names=", ".join(r.name for r in rows) or "–"
        )
    )
