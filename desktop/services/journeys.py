"""User journeys: create a map from a kit template, read it, and store every edit.

Every edit is a pure operation from ``desktop.domain.journey`` applied to the stored map; ``edit_map``
returns the map as it was, so one undo (``set_map`` with the old map) serves every kind of edit. Writing
compares the new map with the rows and touches only what changed (a 500-card map stays quick to edit).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select, update

from desktop.domain.journey import (
    Card,
    Journey,
    Lane,
    MapKind,
    Persona,
    Stage,
    Step,
    copy_journey,
    from_template,
)
from desktop.domain.kit import JourneyTemplate
from desktop.services.common import delete_with_snapshot, get, sync_rows
from desktop.storage.database import Database
from desktop.storage.models import (
    Idea,
    JourneyCard,
    JourneyLane,
    JourneyMap,
    JourneyStage,
    JourneyStep,
    LeaderGroup,
    utcnow,
)
from desktop.storage.snapshot import Snapshot


@dataclass(frozen=True)
class MapChoice:
    id: uuid.UUID
    title: str
    kind: MapKind
    cards: int


def new_map(
    db: Database,
    group_id: uuid.UUID,
    template: JourneyTemplate,
    kind: MapKind,
    title: str = "",
    session_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """A new map for a leader group from a kit's journey template."""
    journey = from_template(
        title or template.title,
        template.stages,
        tuple((lane.id, lane.title) for lane in template.lanes),
        kind,
    )
    return create_map(db, group_id, journey, session_id, template.id)


def create_map(
    db: Database,
    group_id: uuid.UUID,
    journey: Journey,
    session_id: uuid.UUID | None = None,
    template_id: str | None = None,
) -> uuid.UUID:
    with db.transaction() as s:
        get(s, LeaderGroup, group_id)
        _insert(s, group_id, journey, session_id, template_id)
        return journey.id


def copy_map(db: Database, map_id: uuid.UUID, title: str, kind: MapKind) -> uuid.UUID:
    """A copy of a map, to change on its own (the future journey starts as the current one): the same
    leader group, session, template and persona (the picture is stored by content, so the two maps share
    its file safely), and stages, steps, lanes and cards with new ids. A copied card is not the source of
    an idea. Returns the copy's id."""
    with db.transaction() as s:
        source = _read(s, map_id)
        row = get(s, JourneyMap, map_id)
        copy = copy_journey(source, title, kind)
        _insert(s, row.leader_group_id, copy, row.session_id, row.template_id)
        return copy.id


def _insert(
    s, group_id: uuid.UUID, journey: Journey, session_id: uuid.UUID | None, template_id: str | None
) -> None:
    s.add(
        JourneyMap(
            id=journey.id,
            leader_group_id=group_id,
            session_id=session_id,
            title=journey.title,
            kind=journey.kind,
            template_id=template_id,
        )
    )
    s.flush()
    _write(s, journey)


def maps_of_group(db: Database, group_id: uuid.UUID) -> tuple[MapChoice, ...]:
    from sqlalchemy import func

    with db.transaction() as s:
        counts = dict(  # the group's maps' cards, not the whole register's
            s.execute(
                select(JourneyCard.map_id, func.count())
                .join(JourneyMap, JourneyCard.map_id == JourneyMap.id)
                .where(JourneyMap.leader_group_id == group_id)
                .group_by(JourneyCard.map_id)
            ).all()
        )
        rows = s.scalars(
            select(JourneyMap).where(JourneyMap.leader_group_id == group_id).order_by(JourneyMap.created_at)
        )
        return tuple(MapChoice(m.id, m.title, m.kind, counts.get(m.id, 0)) for m in rows)


def load_map(db: Database, map_id: uuid.UUID) -> Journey:
    with db.transaction() as s:
        return _read(s, map_id)


def set_map(db: Database, map_id: uuid.UUID, journey: Journey) -> Journey:
    """Make the stored map exactly ``journey``; returns the map as it was (for undo)."""
    with db.transaction() as s:
        before = _read(s, map_id)
        _write(s, journey, before)
        return before


def edit_map(db: Database, map_id: uuid.UUID, operation: Callable[[Journey], Journey]) -> Journey:
    """Apply a domain operation to the stored map in one transaction; returns the map as it was."""
    with db.transaction() as s:
        before = _read(s, map_id)
        _write(s, operation(before), before)
        return before


def delete_map(db: Database, map_id: uuid.UUID) -> Snapshot:
    with db.transaction() as s:
        return delete_with_snapshot(s, get(s, JourneyMap, map_id))


# --- reading and writing ----------------------------------------------------------------------------------


def _read(s, map_id: uuid.UUID) -> Journey:
    m = get(s, JourneyMap, map_id)
    stage_rows = s.execute(
        select(JourneyStage.id, JourneyStage.title)
        .where(JourneyStage.map_id == map_id)
        .order_by(JourneyStage.position, JourneyStage.created_at, JourneyStage.id)
    ).all()
    steps: dict[uuid.UUID, list[Step]] = {stage_id: [] for stage_id, _title in stage_rows}
    for row in s.execute(
        select(JourneyStep.id, JourneyStep.stage_id, JourneyStep.title, JourneyStep.emotion)
        .where(JourneyStep.stage_id.in_(list(steps)))
        .order_by(JourneyStep.position, JourneyStep.created_at, JourneyStep.id)
    ):
        steps[row.stage_id].append(Step(row.id, row.title, row.emotion))
    lanes = tuple(
        Lane(r.id, r.title, r.kind)
        for r in s.execute(
            select(JourneyLane.id, JourneyLane.title, JourneyLane.kind)
            .where(JourneyLane.map_id == map_id)
            .order_by(JourneyLane.position, JourneyLane.created_at, JourneyLane.id)
        )
    )
    card_rows = s.execute(
        select(JourneyCard.id, JourneyCard.lane_id, JourneyCard.step_id, JourneyCard.text, JourneyCard.colour)
        .where(JourneyCard.map_id == map_id)
        .order_by(JourneyCard.position, JourneyCard.created_at, JourneyCard.id)
    ).all()
    # The idea a card became is kept on the idea; it is shown on the card, never written from it.
    ideas = dict(
        s.execute(
            select(Idea.source_card_id, Idea.id).where(
                Idea.leader_group_id == m.leader_group_id, Idea.source_card_id.is_not(None)
            )
        ).all()
    )
    cards = tuple(Card(r.id, r.lane_id, r.step_id, r.text, r.colour, ideas.get(r.id)) for r in card_rows)
    persona = Persona(
        m.persona_name,
        m.persona_role,
        m.persona_needs,
        m.persona_goals,
        m.persona_frustrations,
        m.persona_quote,
        m.persona_photo,
    )
    return Journey(
        m.id,
        m.title,
        m.kind,
        persona,
        tuple(Stage(stage_id, title, tuple(steps[stage_id])) for stage_id, title in stage_rows),
        lanes,
        cards,
    )


def _write(s, new: Journey, old: Journey | None = None) -> None:
    """Store ``new`` over ``old`` (None: nothing stored yet), statement by statement, only what changed."""
    now = utcnow()
    p = new.persona
    if old is None or (new.title, new.kind, new.persona) != (old.title, old.kind, old.persona):
        s.execute(
            update(JourneyMap)
            .where(JourneyMap.id == new.id)
            .values(
                title=new.title,
                kind=new.kind,
                persona_name=p.name,
                persona_role=p.role,
                persona_needs=p.needs,
                persona_goals=p.goals,
                persona_frustrations=p.frustrations,
                persona_quote=p.quote,
                persona_photo=p.photo,
                updated_at=now,
            )
        )

    def rows(j: Journey | None):
        if j is None:
            return {}, {}, {}, {}
        stages = {st.id: {"map_id": j.id, "position": i, "title": st.title} for i, st in enumerate(j.stages)}
        steps = {
            x.id: {"stage_id": st.id, "position": i, "title": x.title, "emotion": x.emotion}
            for st in j.stages
            for i, x in enumerate(st.steps)
        }
        lanes = {
            ln.id: {"map_id": j.id, "position": i, "title": ln.title, "kind": ln.kind}
            for i, ln in enumerate(j.lanes)
        }
        cards = {
            c.id: {
                "map_id": j.id,
                "lane_id": c.lane_id,
                "step_id": c.step_id,
                "position": i,
                "text": c.text,
                "colour": c.colour,
            }
            for i, c in enumerate(j.cards)
        }
        return stages, steps, lanes, cards

    tables = (JourneyStage, JourneyStep, JourneyLane, JourneyCard)
    sync_rows(s, list(zip(tables, rows(new), rows(old), strict=True)))
