"""What the PDF documents show, as plain frozen values (no Qt, no ReportLab, no database).

``desktop.services.reports`` gathers them from the register; the builders in ``desktop.reports`` turn them
into pages.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from desktop.domain.benefits import GainSum
from desktop.domain.initiatives import InitiativeView
from desktop.domain.journey import Journey
from desktop.domain.prototypes import Iteration
from desktop.errors import NotFoundError
from desktop.i18n import _

# --- a leader group ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    name: str
    role: str  # the role's label (Leder, Ildsjel, Annen)


@dataclass(frozen=True)
class BlockRun:
    """One block of a session's plan, with what really happened when it was run."""

    title: str
    category: str  # label
    start: str  # planned clock time, "09:00"
    end: str
    minutes: int  # planned
    actual_start: str | None = None  # local clock time, when it was run
    actual_minutes: int | None = None  # running minutes, pauses excluded
    added_minutes: int = 0
    is_break: bool = False


@dataclass(frozen=True)
class SessionRun:
    id: uuid.UUID
    title: str
    kind: str  # label
    date: date
    place: str
    start: str
    end: str
    facilitators: tuple[str, ...]
    blocks: tuple[BlockRun, ...]
    tools: frozenset[str] = frozenset()  # "journeys", "ideas", "prototypes", "initiatives"
    actual_start: str | None = None  # when the run began and ended (local clock time)
    actual_end: str | None = None

    @property
    def was_run(self) -> bool:
        return any(b.actual_start for b in self.blocks)


@dataclass(frozen=True)
class JourneyData:
    id: uuid.UUID
    title: str
    kind: str  # label
    session_id: uuid.UUID | None
    journey: Journey
    persona_picture: Path | None = None  # the persona's stored picture, None when it has none (or it is gone)


@dataclass(frozen=True)
class IdeaData:
    number: int  # its number on the matrix and in the table (rank by votes)
    text: str
    theme: str
    votes: int
    impact: float | None
    effort: float | None
    quadrant: str  # label, "" when not placed
    chosen: bool
    source: str = ""  # the journey card it answers («map · lane»)


@dataclass(frozen=True)
class BoardData:
    dots: int
    voters: int
    themes: tuple[str, ...]
    ideas: tuple[IdeaData, ...]  # most votes first
    counted: int = 0  # of the votes, the dots counted off a paper wall

    @property
    def total_votes(self) -> int:
        return sum(i.votes for i in self.ideas)


@dataclass(frozen=True)
class PrototypeData:
    id: uuid.UUID
    title: str
    idea: str
    kind: str  # the prototyping card's title, "" when none
    status: str  # label
    rounds: tuple[Iteration, ...]
    decided: str = ""  # the last round's decision (label), "" when none


@dataclass(frozen=True)
class PhotoData:
    id: uuid.UUID
    path: Path
    caption: str
    added: datetime
    kind: str  # what it is attached to: "map", "session" or "group"
    sessions: frozenset[uuid.UUID] = frozenset()  # the sessions it was taken at (directly or by its map)
    original_name: str = ""  # the file's name when it was added ("IMG_2041.HEIC"), "" when not known


@dataclass(frozen=True)
class GroupReport:
    group_id: uuid.UUID
    location: str
    sector: str
    cohort: str
    cohort_start: date
    cohort_end: date
    facilitators: tuple[str, ...]
    lead_facilitator: str
    participants: tuple[Person, ...]
    sessions: tuple[SessionRun, ...]
    journeys: tuple[JourneyData, ...]
    board: BoardData
    prototypes: tuple[PrototypeData, ...]
    initiatives: tuple[InitiativeView, ...]
    photos: tuple[PhotoData, ...]
    made_on: date  # the date the summary is dated

    @property
    def empty(self) -> bool:
        """Nothing produced yet (participants and sessions are not work)."""
        return not (self.journeys or self.board.ideas or self.prototypes or self.initiatives or self.photos)

    def session(self, session_id: uuid.UUID) -> SessionRun:
        for s in self.sessions:
            if s.id == session_id:
                return s
        raise NotFoundError(_("Samlingen hører ikke til ledergruppens kull."))


# --- a cohort ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GroupLine:
    """One leader group of a cohort, in short."""

    id: uuid.UUID
    location: str
    sector: str
    participants: int
    ideas: int
    votes: int
    prototypes: int
    tested: int
    initiatives: tuple[str, ...]  # titles
    phase: str  # the furthest Veikart phase of its initiatives (label), "" when none


@dataclass(frozen=True)
class InitiativeLine:
    group: str
    title: str
    phase: str
    status: str
    owner: str
    benefits: int
    measured: int
    reached: int


@dataclass(frozen=True)
class SectorCoverage:
    sector: str
    locations: int  # service locations of the sector in the register
    in_cohort: int  # of which with a group in this cohort
    completed: int  # of which with a group in a finished cohort (any)


@dataclass(frozen=True)
class CohortReport:
    cohort_id: uuid.UUID
    name: str
    programme: str
    start: date
    end: date
    finished: bool
    facilitators: tuple[str, ...]
    sessions: tuple[tuple[str, str, date], ...]  # (title, kind label, date)
    groups: tuple[GroupLine, ...]
    initiatives: tuple[InitiativeLine, ...]
    gains: tuple[GainSum, ...]
    benefits: int
    benefits_measured: int
    coverage: tuple[SectorCoverage, ...]
    locations: int  # in the register
    locations_completed: int  # with a group in a finished cohort, in the register
    made_on: date
    phases: tuple[tuple[str, int], ...] = field(default=())  # initiatives per Veikart phase (label, count)

    @property
    def participants(self) -> int:
        return sum(g.participants for g in self.groups)

    @property
    def groups_without_initiative(self) -> tuple[GroupLine, ...]:
        return tuple(g for g in self.groups if not g.initiatives)
