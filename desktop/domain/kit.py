"""Workshop kits as plain domain objects: what ``desktop.kits`` loads from ``workshop_kits/<kit>/``."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from desktop.domain.enums import MapKind, SessionKind
from desktop.i18n import _


class BlockCategory(StrEnum):
    WELCOME = "welcome"
    TALK = "talk"
    EXERCISE = "exercise"
    REFLECTION = "reflection"
    BREAK = "break"
    LUNCH = "lunch"
    PLENARY = "plenary"

    @property
    def label(self) -> str:
        return {
            BlockCategory.WELCOME: _("Velkommen"),
            BlockCategory.TALK: _("Innlegg"),
            BlockCategory.EXERCISE: _("Øvelse"),
            BlockCategory.REFLECTION: _("Refleksjon"),
            BlockCategory.BREAK: _("Pause"),
            BlockCategory.LUNCH: _("Lunsj"),
            BlockCategory.PLENARY: _("Plenum"),
        }[self]


class VeikartPhase(StrEnum):
    """KS Veikart for tjenesteinnovasjon."""

    FORANKRING = "forankring"
    INNSIKT = "innsikt"
    TJENESTEUTVIKLING = "tjenesteutvikling"
    PILOTERING = "pilotering"
    OVERGANG_TIL_DRIFT = "overgang_til_drift"
    NY_PRAKSIS = "ny_praksis"

    @property
    def label(self) -> str:
        return {
            VeikartPhase.FORANKRING: _("Forankring"),
            VeikartPhase.INNSIKT: _("Innsikt"),
            VeikartPhase.TJENESTEUTVIKLING: _("Tjenesteutvikling"),
            VeikartPhase.PILOTERING: _("Pilotering"),
            VeikartPhase.OVERGANG_TIL_DRIFT: _("Overgang til drift"),
            VeikartPhase.NY_PRAKSIS: _("Ny praksis"),
        }[self]


class BltStage(StrEnum):
    """N3: Behov – Løsning – Test."""

    BEHOV = "behov"
    LOSNING = "losning"
    TEST = "test"

    @property
    def label(self) -> str:
        return {BltStage.BEHOV: _("Behov"), BltStage.LOSNING: _("Løsning"), BltStage.TEST: _("Test")}[self]


class PaperSize(StrEnum):
    A4 = "A4"
    A3 = "A3"


class Orientation(StrEnum):
    PORTRAIT = "portrait"
    LANDSCAPE = "landscape"


@dataclass(frozen=True)
class BlockTemplate:
    title: str
    minutes: int
    category: BlockCategory
    method: str | None = None  # id of a MethodCard in the same kit
    materials: tuple[str, ...] = ()
    notes: str = ""  # for the facilitator only
    projector_text: str = ""  # what the room sees during the block
    pinned: str | None = None  # "HH:MM": the block keeps this start time (lunch at 11:30)


@dataclass(frozen=True)
class SessionTemplate:
    id: str
    kind: SessionKind
    title: str
    goals: tuple[str, ...]
    minutes: int  # typical length
    start: str  # "HH:MM", typical start
    blocks: tuple[BlockTemplate, ...]
    room_setup: str = ""
    worksheets: tuple[str, ...] = ()  # ids of worksheets to print for the session
    source: str = ""  # file it was read from


@dataclass(frozen=True)
class MethodStep:
    text: str
    minutes: int


@dataclass(frozen=True)
class MethodCard:
    id: str
    title: str
    purpose: str
    steps: tuple[MethodStep, ...]
    group_min: int
    group_max: int
    space: str
    materials: tuple[str, ...]
    tips: tuple[str, ...]
    phase: VeikartPhase
    blt: BltStage
    chains_with: tuple[str, ...] = ()

    @property
    def minutes(self) -> int:
        return sum(step.minutes for step in self.steps)


@dataclass(frozen=True)
class PrototypeCard:
    id: str
    title: str
    purpose: str
    how_to: tuple[str, ...]
    minutes: int
    materials: tuple[str, ...]
    good_for: str = ""


@dataclass(frozen=True)
class Lane:
    id: str
    title: str


@dataclass(frozen=True)
class JourneyTemplate:
    id: str
    title: str
    description: str
    stages: tuple[str, ...]
    lanes: tuple[Lane, ...]
    kind: MapKind = MapKind.CURRENT  # a new map from it is of this kind (a future journey, say)


@dataclass(frozen=True)
class Worksheet:
    id: str
    title: str
    description: str  # about the sheet, for the facilitator choosing what to print
    paper: PaperSize
    orientation: Orientation
    per: str  # "group" (one per leader group), "participant", or "session"
    instructions: str = ""  # printed on the sheet for the participants; "" prints the description


@dataclass(frozen=True)
class RunThresholds:
    warning: float = 0.20  # share of a block's time left when the countdown turns orange
    critical: float = 0.05  # ... and red


@dataclass(frozen=True)
class Kit:
    id: str
    name: str
    language: str
    version: str
    description: str
    path: str
    sequence: tuple[str, ...]  # session template ids in programme order
    sessions: tuple[SessionTemplate, ...]
    methods: tuple[MethodCard, ...] = ()
    prototypes: tuple[PrototypeCard, ...] = ()
    journeys: tuple[JourneyTemplate, ...] = ()
    worksheets: tuple[Worksheet, ...] = ()
    run: RunThresholds = field(default_factory=RunThresholds)

    def session(self, template_id: str) -> SessionTemplate:
        return next(s for s in self.sessions if s.id == template_id)

    def method(self, method_id: str) -> MethodCard | None:
        return next((m for m in self.methods if m.id == method_id), None)

    def counts(self) -> dict[str, int]:
        return {
            "session_templates": len(self.sessions),
            "methods": len(self.methods),
            "prototype_cards": len(self.prototypes),
            "journey_templates": len(self.journeys),
            "worksheets": len(self.worksheets),
        }
