"""The programme register as SQLAlchemy 2.0 typed models.

Every row has a UUID (stable across laptops, for export, import and merge) and created/updated
timestamps. Foreign keys say what happens on delete, so the database itself keeps the register whole.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from desktop.domain.benefits import GainType
from desktop.domain.enums import ParticipantRole, SessionKind
from desktop.domain.fund import FundDecision
from desktop.domain.initiatives import InitiativeStatus
from desktop.domain.journey import LaneKind, MapKind
from desktop.domain.kit import BlockCategory, VeikartPhase
from desktop.domain.prototypes import Decision


def utcnow() -> datetime:
    return datetime.now(UTC)


def _enum(cls: type) -> Enum:
    # Stored as the enum's value in a plain string column: readable, portable, no CHECK surprises.
    return Enum(
        cls,
        native_enum=False,
        length=20,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
        create_constraint=False,
    )


class Base(DeclarativeBase):
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class Facilitator(Base):
    __tablename__ = "facilitator"
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))


class Programme(Base):
    __tablename__ = "programme"
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    cohorts: Mapped[list[Cohort]] = relationship(
        back_populates="programme", order_by="Cohort.start_date", passive_deletes=True
    )


class Cohort(Base):
    __tablename__ = "cohort"
    programme_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("programme.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    programme: Mapped[Programme] = relationship(back_populates="cohorts")
    facilitators: Mapped[list[Facilitator]] = relationship(
        secondary="cohort_facilitator", order_by="Facilitator.name", viewonly=True
    )
    leader_groups: Mapped[list[LeaderGroup]] = relationship(back_populates="cohort", passive_deletes=True)
    sessions: Mapped[list[Session]] = relationship(
        back_populates="cohort", order_by="(Session.date, Session.start_time)", passive_deletes=True
    )


class CohortFacilitator(Base):
    __tablename__ = "cohort_facilitator"
    __table_args__ = (UniqueConstraint("cohort_id", "facilitator_id"),)
    cohort_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cohort.id", ondelete="CASCADE"), index=True)
    facilitator_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("facilitator.id", ondelete="CASCADE"), index=True
    )


class Sector(Base):
    __tablename__ = "sector"
    name: Mapped[str] = mapped_column(String(200), unique=True)
    locations: Mapped[list[ServiceLocation]] = relationship(
        back_populates="sector", order_by="ServiceLocation.name"
    )


class ServiceLocation(Base):
    __tablename__ = "service_location"
    name: Mapped[str] = mapped_column(String(200), unique=True)
    sector_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sector.id", ondelete="RESTRICT"), index=True)
    sector: Mapped[Sector] = relationship(back_populates="locations")


class LeaderGroup(Base):
    """One service location's leader group (with its enthusiasts) in one cohort."""

    __tablename__ = "leader_group"
    __table_args__ = (UniqueConstraint("cohort_id", "service_location_id"),)
    cohort_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cohort.id", ondelete="CASCADE"), index=True)
    service_location_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("service_location.id", ondelete="RESTRICT"), index=True
    )
    lead_facilitator_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("facilitator.id", ondelete="SET NULL"), index=True
    )
    cohort: Mapped[Cohort] = relationship(back_populates="leader_groups")
    service_location: Mapped[ServiceLocation] = relationship()
    lead_facilitator: Mapped[Facilitator | None] = relationship()
    idea_dots: Mapped[int] = mapped_column(Integer, default=3, server_default="3")  # dots per voter
    participants: Mapped[list[Participant]] = relationship(
        back_populates="leader_group", passive_deletes=True
    )


class Participant(Base):
    __tablename__ = "participant"
    leader_group_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("leader_group.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    role: Mapped[ParticipantRole] = mapped_column(_enum(ParticipantRole), default=ParticipantRole.LEADER)
    leader_group: Mapped[LeaderGroup] = relationship(back_populates="participants")


class Session(Base):
    """A samling: a dated gathering of a cohort, with its time plan (a later issue)."""

    __tablename__ = "session"
    cohort_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cohort.id", ondelete="CASCADE"), index=True)
    kind: Mapped[SessionKind] = mapped_column(_enum(SessionKind))
    title: Mapped[str] = mapped_column(String(200))
    date: Mapped[date] = mapped_column(Date)
    start_time: Mapped[time] = mapped_column(Time)
    end_time: Mapped[time] = mapped_column(Time)
    place: Mapped[str] = mapped_column(String(200), default="")
    kit_id: Mapped[str | None] = mapped_column(String(100))  # the kit and template its plan came from
    template_id: Mapped[str | None] = mapped_column(String(100))
    cohort: Mapped[Cohort] = relationship(back_populates="sessions")
    blocks: Mapped[list[AgendaBlock]] = relationship(
        back_populates="session",
        order_by="(AgendaBlock.position, AgendaBlock.created_at, AgendaBlock.id)",
        passive_deletes=True,
    )
    facilitators: Mapped[list[Facilitator]] = relationship(
        secondary="session_facilitator", order_by="Facilitator.name", viewonly=True
    )


class SessionFacilitator(Base):
    __tablename__ = "session_facilitator"
    __table_args__ = (UniqueConstraint("session_id", "facilitator_id"),)
    session_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("session.id", ondelete="CASCADE"), index=True)
    facilitator_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("facilitator.id", ondelete="CASCADE"), index=True
    )


class AgendaBlock(Base):
    """A block of a session's time plan. Its start is computed from the blocks before it, unless pinned."""

    __tablename__ = "agenda_block"
    session_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("session.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    minutes: Mapped[int] = mapped_column(Integer)
    category: Mapped[BlockCategory] = mapped_column(_enum(BlockCategory), default=BlockCategory.EXERCISE)
    method_id: Mapped[str | None] = mapped_column(String(100))  # a method card of the session's kit
    materials: Mapped[list[str]] = mapped_column(JSON, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")  # the facilitator's only
    projector_text: Mapped[str] = mapped_column(Text, default="")
    pinned_start: Mapped[time | None] = mapped_column(Time)
    actual_start: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    actual_end: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    added_minutes: Mapped[int] = mapped_column(Integer, default=0)
    actual_seconds: Mapped[int | None] = mapped_column(Integer)  # running time, pauses excluded
    session: Mapped[Session] = relationship(back_populates="blocks")


class RunEvent(Base):
    """What happened while a session's plan was run: start, pause, next, added time …"""

    __tablename__ = "run_event"
    session_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("session.id", ondelete="CASCADE"), index=True)
    # The block's id without a foreign key: a block removed and brought back by undo is found again.
    block_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    kind: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    minutes: Mapped[int] = mapped_column(Integer, default=0)


class ChecklistTick(Base):
    """A ticked item of a session's checklist (before, during, after)."""

    __tablename__ = "checklist_tick"
    __table_args__ = (UniqueConstraint("session_id", "item_key"),)
    session_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("session.id", ondelete="CASCADE"), index=True)
    item_key: Mapped[str] = mapped_column(String(300))
    done: Mapped[bool] = mapped_column(Boolean, default=True)


class JourneyMap(Base):
    """A user journey (brukerreise) of a leader group, made in a session or on its own."""

    __tablename__ = "journey_map"
    leader_group_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("leader_group.id", ondelete="CASCADE"), index=True
    )
    session_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("session.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[MapKind] = mapped_column(_enum(MapKind), default=MapKind.CURRENT)
    template_id: Mapped[str | None] = mapped_column(String(100))
    persona_name: Mapped[str] = mapped_column(String(200), default="")
    persona_role: Mapped[str] = mapped_column(String(200), default="")
    persona_needs: Mapped[str] = mapped_column(Text, default="")
    persona_goals: Mapped[str] = mapped_column(Text, default="")
    persona_frustrations: Mapped[str] = mapped_column(Text, default="")
    persona_quote: Mapped[str] = mapped_column(Text, default="")
    persona_photo: Mapped[str | None] = mapped_column(String(100))


class JourneyStage(Base):
    __tablename__ = "journey_stage"
    map_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("journey_map.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))


class JourneyStep(Base):
    __tablename__ = "journey_step"
    stage_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("journey_stage.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    emotion: Mapped[int | None] = mapped_column(Integer)  # −2 … +2


class JourneyLane(Base):
    __tablename__ = "journey_lane"
    map_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("journey_map.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[LaneKind] = mapped_column(_enum(LaneKind), default=LaneKind.CUSTOM)


class JourneyCard(Base):
    __tablename__ = "journey_card"
    map_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("journey_map.id", ondelete="CASCADE"), index=True)
    lane_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("journey_lane.id", ondelete="CASCADE"))
    step_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("journey_step.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    colour: Mapped[str] = mapped_column(String(20), default="yellow")


class IdeaTheme(Base):
    __tablename__ = "idea_theme"
    leader_group_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("leader_group.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(100))


class Idea(Base):
    """An idea of a leader group, with its theme, its place on the impact/effort matrix and whether it was
    chosen to be taken further. Votes are rows of their own."""

    __tablename__ = "idea"
    leader_group_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("leader_group.id", ondelete="CASCADE"), index=True
    )
    theme_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("idea_theme.id", ondelete="SET NULL"))
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    # The journey card it came from; no foreign key, so that a card deleted and put back by undo keeps
    # its ideas (a card that is gone is shown as such).
    source_card_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    impact: Mapped[float | None] = mapped_column(Float)
    effort: Mapped[float | None] = mapped_column(Float)
    chosen: Mapped[bool] = mapped_column(Boolean, default=False)


class Vote(Base):
    """The dots one participant put on one idea; without a participant, the dots counted on the idea's note
    on a paper wall (one such row per idea at most, kept so by the board's operations)."""

    __tablename__ = "vote"
    __table_args__ = (UniqueConstraint("idea_id", "participant_id"),)
    idea_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("idea.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    dots: Mapped[int] = mapped_column(Integer)


class Prototype(Base):
    """A prototype of a chosen idea, of a kind from a kit's prototyping deck; its rounds are iterations."""

    __tablename__ = "prototype"
    leader_group_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("leader_group.id", ondelete="CASCADE"), index=True
    )
    idea_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("idea.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    kit_id: Mapped[str | None] = mapped_column(String(100))
    card_id: Mapped[str | None] = mapped_column(String(100))


class PrototypeIteration(Base):
    """One behov – løsning – test round of a prototype."""

    __tablename__ = "prototype_iteration"
    prototype_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("prototype.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    need: Mapped[str] = mapped_column(Text, default="")
    solution: Mapped[str] = mapped_column(Text, default="")
    assumption: Mapped[str] = mapped_column(Text, default="")
    with_whom: Mapped[str] = mapped_column(Text, default="")
    place: Mapped[str] = mapped_column(Text, default="")
    timing: Mapped[str] = mapped_column(Text, default="")
    success_criteria: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[str] = mapped_column(Text, default="")
    learning: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[Decision | None] = mapped_column(_enum(Decision))
    tested_on: Mapped[date | None] = mapped_column(Date)


class Initiative(Base):
    """An innovation initiative (innovasjonstiltak) of a leader group."""

    __tablename__ = "initiative"
    leader_group_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("leader_group.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    need: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[str] = mapped_column(String(200), default="")
    idea_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("idea.id", ondelete="SET NULL"))
    prototype_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("prototype.id", ondelete="SET NULL"))
    phase: Mapped[VeikartPhase] = mapped_column(_enum(VeikartPhase), default=VeikartPhase.FORANKRING)
    status: Mapped[InitiativeStatus] = mapped_column(
        _enum(InitiativeStatus), default=InitiativeStatus.PLANNED
    )
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    next_step: Mapped[str] = mapped_column(Text, default="")


class Benefit(Base):
    """One benefit of an initiative's benefit plan (gevinstrealiseringsplan)."""

    __tablename__ = "benefit"
    initiative_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("initiative.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    gain_type: Mapped[GainType] = mapped_column(_enum(GainType))
    title: Mapped[str] = mapped_column(String(200))
    indicator: Mapped[str] = mapped_column(String(300), default="")
    unit: Mapped[str] = mapped_column(String(40))
    baseline: Mapped[float] = mapped_column(Float)
    baseline_date: Mapped[date] = mapped_column(Date)
    target: Mapped[float] = mapped_column(Float)
    target_date: Mapped[date | None] = mapped_column(Date)
    owner: Mapped[str] = mapped_column(String(200), default="")
    preconditions: Mapped[str] = mapped_column(Text, default="")


class BenefitMeasurement(Base):
    __tablename__ = "benefit_measurement"
    benefit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("benefit.id", ondelete="CASCADE"), index=True)
    measured_on: Mapped[date] = mapped_column(Date)
    value: Mapped[float] = mapped_column(Float)
    note: Mapped[str] = mapped_column(String(500), default="")


class FundRound(Base):
    """A round of the internal innovation fund (Oppdrift follows its applicants)."""

    __tablename__ = "fund_round"
    name: Mapped[str] = mapped_column(String(200))
    budget: Mapped[int] = mapped_column(Integer)
    info_workshop: Mapped[date | None] = mapped_column(Date)
    applicant_workshop: Mapped[date | None] = mapped_column(Date)
    deadline: Mapped[date | None] = mapped_column(Date)
    decision_date: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")


class Application(Base):
    """An initiative's application in a fund round: the council's scores, its decision, the follow-up."""

    __tablename__ = "application"
    __table_args__ = (UniqueConstraint("round_id", "initiative_id"),)
    round_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("fund_round.id", ondelete="CASCADE"), index=True)
    initiative_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("initiative.id", ondelete="CASCADE"), index=True
    )
    amount_applied: Mapped[int] = mapped_column(Integer)
    score_innovative: Mapped[int | None] = mapped_column(Integer)
    score_anchored: Mapped[int | None] = mapped_column(Integer)
    score_scalable: Mapped[int | None] = mapped_column(Integer)
    score_gain: Mapped[int | None] = mapped_column(Integer)
    score_outside_operations: Mapped[int | None] = mapped_column(Integer)
    decision: Mapped[FundDecision] = mapped_column(_enum(FundDecision), default=FundDecision.PENDING)
    amount_granted: Mapped[int | None] = mapped_column(Integer)
    follow_up: Mapped[str] = mapped_column(Text, default="")
    guidance_offered: Mapped[bool] = mapped_column(Boolean, default=False)
    guidance_notes: Mapped[str] = mapped_column(Text, default="")


class Photo(Base):
    """A photo of a flip-chart or wall, of a leader group, a session or a journey map (at least one).

    The image itself is a file in the data folder, named by its content hash (``file_name`` is relative to
    the data folder: ``photos/ab/ab12….jpg``), already oriented, stripped of metadata and downscaled; rows
    that hold the same content share one file.
    """

    __tablename__ = "photo"
    __table_args__ = (
        CheckConstraint(
            "leader_group_id IS NOT NULL OR session_id IS NOT NULL OR journey_map_id IS NOT NULL",
            name="ck_photo_target",
        ),
    )
    leader_group_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("leader_group.id", ondelete="CASCADE"), index=True
    )
    session_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("session.id", ondelete="CASCADE"), index=True
    )
    journey_map_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("journey_map.id", ondelete="CASCADE"), index=True
    )
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    file_name: Mapped[str] = mapped_column(String(300))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    caption: Mapped[str] = mapped_column(Text, default="")
    original_name: Mapped[str] = mapped_column(String(300), default="")


class Deletion(Base):
    """A row that was deleted: its ``id``, its table, and when (``created_at``). Written by a trigger on
    every table (migration 0009), so rows removed by ON DELETE CASCADE are in it too; a row put back by undo
    is taken out again. Merging another laptop's copy reads it (``services.merge_copy``)."""

    __tablename__ = "deletion"
    table_name: Mapped[str] = mapped_column(String(100))
