"""What a pre-filled worksheet prints, gathered from the register as plain values (no Qt).

Each function reads through the services that own the data (journeys, prototypes, initiatives, time plan)
and returns the dataclass ``desktop.reports.worksheets`` draws from.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import distinct, func, select

from desktop.domain import timeplan as tp
from desktop.domain.journey import LaneKind
from desktop.domain.kit import Kit
from desktop.reports.worksheets import (
    BENEFITS,
    JOURNEY,
    PROTOTYPE,
    BenefitMeasure,
    BenefitRow,
    BenefitSheet,
    HandoutBlock,
    HandoutSheet,
    JourneyCardText,
    JourneyColumn,
    JourneyRow,
    JourneySheet,
    PrototypeSheet,
    RunBlock,
    RunSheet,
)
from desktop.services import initiatives, journeys, prototypes, timeplan
from desktop.storage.database import Database
from desktop.storage.models import Idea, Initiative, JourneyMap, LeaderGroup, ServiceLocation, Session
from desktop.storage.models import Prototype as PrototypeRow


def groups_with_data(db: Database, group_ids: Iterable[uuid.UUID]) -> dict[str, int]:
    """How many of the leader groups ``group_ids`` have something for each kind of pre-filled worksheet
    (``worksheets.JOURNEY``, ``PROTOTYPE``, ``BENEFITS``): a journey map, a prototype, an initiative."""
    ids = list(group_ids)
    counts: dict[str, int] = {}
    with db.transaction() as s:
        for kind, model in ((JOURNEY, JourneyMap), (PROTOTYPE, PrototypeRow), (BENEFITS, Initiative)):
            counts[kind] = (
                s.scalar(
                    select(func.count(distinct(model.leader_group_id))).where(model.leader_group_id.in_(ids))
                )
                or 0
            )
    return counts


def group_name(db: Database, group_id: uuid.UUID) -> str:
    """A leader group as people name it: its service location."""
    with db.transaction() as s:
        return (
            s.execute(
                select(ServiceLocation.name)
                .join(LeaderGroup, LeaderGroup.service_location_id == ServiceLocation.id)
                .where(LeaderGroup.id == group_id)
            ).scalar_one_or_none()
            or ""
        )


def journey_sheet(db: Database, map_id: uuid.UUID) -> JourneySheet:
    """A group's journey map: its steps as columns, lanes as rows, the cards of each cell, the emotions."""
    journey = journeys.load_map(db, map_id)
    with db.transaction() as s:
        group_id = s.execute(select(JourneyMap.leader_group_id).where(JourneyMap.id == map_id)).scalar_one()
    steps = [(stage, step) for stage in journey.stages for step in stage.steps]
    persona = journey.persona
    return JourneySheet(
        title=journey.title,
        group=group_name(db, group_id),
        kind=journey.kind.label,
        persona_name=persona.name,
        persona_role=persona.role,
        persona_text=persona.quoted or persona.needs,
        columns=tuple(JourneyColumn(stage.title, step.title, step.emotion) for stage, step in steps),
        rows=tuple(
            JourneyRow(
                lane.title,
                lane.kind == LaneKind.FEELINGS,
                tuple(
                    tuple(
                        JourneyCardText(card.text, card.colour) for card in journey.cards_in(lane.id, step.id)
                    )
                    for _stage, step in steps
                ),
            )
            for lane in journey.lanes
        ),
    )


def prototype_sheet(db: Database, prototype_id: uuid.UUID, kit: Kit | None = None) -> PrototypeSheet:
    """The current round of a prototype as its BLT card; the kind named by the kit's card title."""
    prototype = prototypes.load_prototype(db, prototype_id)
    with db.transaction() as s:
        group_id = s.execute(
            select(PrototypeRow.leader_group_id).where(PrototypeRow.id == prototype_id)
        ).scalar_one()
        idea = s.execute(select(Idea.text).where(Idea.id == prototype.idea_id)).scalar_one_or_none() or ""
    card = ""
    if prototype.card_id:
        found = next((c for c in (kit.prototypes if kit else ()) if c.id == prototype.card_id), None)
        card = found.title if found else prototype.card_id
    current = prototype.current
    return PrototypeSheet(
        title=prototype.title,
        group=group_name(db, group_id),
        idea=idea,
        card=card,
        round=len(prototype.iterations),
        tested_on=current.tested_on,
        need=current.need,
        solution=current.solution,
        assumption=current.assumption,
        with_whom=current.with_whom,
        place=current.place,
        timing=current.timing,
        success_criteria=current.success_criteria,
        result=current.result,
        learning=current.learning,
        decision=current.decision.value if current.decision else None,
    )


def benefit_sheet(db: Database, initiative_id: uuid.UUID) -> BenefitSheet:
    """An initiative's benefit plan: one row per benefit with its measurements."""
    view = initiatives.initiative(db, initiative_id)
    return BenefitSheet(
        initiative=view.title,
        group=group_name(db, view.group_id),
        need=view.need,
        owner=view.owner,
        benefits=tuple(
            BenefitRow(
                gain_type=b.gain_type.value,
                title=b.title,
                indicator=b.indicator,
                unit=b.unit,
                baseline=b.baseline,
                baseline_date=b.baseline_date,
                target=b.target,
                target_date=b.target_date,
                owner=b.owner,
                preconditions=b.preconditions,
                measurements=tuple(BenefitMeasure(m.on, m.value, m.note) for m in b.measurements),
            )
            for b in view.benefits
        ),
    )


def handout_sheet(db: Database, session_id: uuid.UUID, kit: Kit | None = None) -> HandoutSheet:
    """A session's time plan for the participants: block titles with computed times, the day's goals (from
    the kit's session template, when the plan came from one). Facilitator notes stay out."""
    plan = timeplan.load_plan(db, session_id)
    schedule = plan.schedule()
    goals: tuple[str, ...] = ()
    if kit is not None and plan.template_id and (kit.id == plan.kit_id or plan.kit_id is None):
        template = next((t for t in kit.sessions if t.id == plan.template_id), None)
        goals = template.goals if template else ()
    with db.transaction() as s:
        place = s.execute(select(Session.place).where(Session.id == session_id)).scalar_one_or_none() or ""
    return HandoutSheet(
        title=plan.title,
        day=plan.date,
        place=place,
        goals=goals,
        blocks=tuple(
            HandoutBlock(
                tp.format_clock(at.start), tp.format_clock(at.end), block.title, block.category.value
            )
            for at, block in zip(schedule.blocks, plan.blocks, strict=True)
        ),
    )


def run_sheet(db: Database, session_id: uuid.UUID, kit: Kit | None = None) -> RunSheet:
    """A session's run sheet for its facilitators: every block with its times, method (its title from
    ``kit``), materials, the wall's text and the notes; the session's facilitators and the kit's room
    setup for its template."""
    from desktop.domain.rules import norwegian_key
    from desktop.storage.models import Facilitator, SessionFacilitator

    plan = timeplan.load_plan(db, session_id)
    schedule = plan.schedule()
    methods = {m.id: m.title for m in kit.methods} if kit is not None else {}
    setup = ""
    if kit is not None and plan.template_id and plan.kit_id in (None, kit.id):
        template = next((t for t in kit.sessions if t.id == plan.template_id), None)
        setup = template.room_setup if template else ""
    with db.transaction() as s:
        place = s.execute(select(Session.place).where(Session.id == session_id)).scalar_one_or_none() or ""
        names = s.scalars(
            select(Facilitator.name)
            .join(SessionFacilitator, SessionFacilitator.facilitator_id == Facilitator.id)
            .where(SessionFacilitator.session_id == session_id)
        ).all()
    return RunSheet(
        title=plan.title,
        day=plan.date,
        place=place,
        facilitators=tuple(sorted(names, key=norwegian_key)),
        blocks=tuple(
            RunBlock(
                tp.format_clock(at.start),
                tp.format_clock(at.end),
                block.minutes,
                block.title,
                block.category.value,
                methods.get(block.method_id or "", block.method_id or ""),
                block.materials,
                block.notes,
                block.projector_text,
                block.pinned_start is not None,
            )
            for at, block in zip(schedule.blocks, plan.blocks, strict=True)
        ),
        room_setup=setup,
    )
