"""Innovation initiatives (innovasjonstiltak): every leader group delivers at least one.

An initiative has a need, an owner, may come from an idea or a prototype, and moves along KS' Veikart for
tjenesteinnovasjon (``desktop.domain.kit.VeikartPhase``) with a status of its own.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from desktop.domain.benefits import FollowUp, GainType, Measurement, Progress, follow_up, progress
from desktop.domain.kit import VeikartPhase
from desktop.errors import ValidationError
from desktop.i18n import _


class InitiativeStatus(StrEnum):
    PLANNED = "planned"
    ACTIVE = "active"
    PAUSED = "paused"
    DONE = "done"
    STOPPED = "stopped"

    @property
    def label(self) -> str:
        return {
            InitiativeStatus.PLANNED: _("Planlagt"),
            InitiativeStatus.ACTIVE: _("I gang"),
            InitiativeStatus.PAUSED: _("På vent"),
            InitiativeStatus.DONE: _("Fullført"),
            InitiativeStatus.STOPPED: _("Stoppet"),
        }[self]


def check_dates(start: date | None, end: date | None) -> None:
    if start is not None and end is not None and end < start:
        raise ValidationError("end_date", _("Sluttdatoen kan ikke være før startdatoen."))


# --- what is read of an initiative (the services return these; the UI and the reports show them) ----------


@dataclass(frozen=True)
class MeasurementView:
    id: uuid.UUID
    on: date
    value: float
    note: str


@dataclass(frozen=True)
class BenefitView:
    id: uuid.UUID
    initiative_id: uuid.UUID
    gain_type: GainType
    title: str
    indicator: str
    unit: str
    baseline: float
    baseline_date: date
    target: float
    target_date: date | None
    owner: str
    preconditions: str
    measurements: tuple[MeasurementView, ...]  # by date

    @property
    def progress(self) -> Progress:
        return progress(self.baseline, self.target, (Measurement(m.on, m.value) for m in self.measurements))

    def follow_up(self, today: date, initiative: InitiativeStatus) -> FollowUp:
        last = max((m.on for m in self.measurements), default=self.baseline_date)
        return follow_up(
            self.progress, self.target_date, last, today, stopped=initiative is InitiativeStatus.STOPPED
        )


@dataclass(frozen=True)
class InitiativeView:
    id: uuid.UUID
    group_id: uuid.UUID
    title: str
    need: str
    description: str
    owner: str
    idea_id: uuid.UUID | None
    prototype_id: uuid.UUID | None
    phase: VeikartPhase
    status: InitiativeStatus
    start_date: date | None
    end_date: date | None
    next_step: str
    benefits: tuple[BenefitView, ...]
