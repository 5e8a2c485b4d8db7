"""Innovation initiatives (innovasjonstiltak): every leader group delivers at least one.

An initiative has a need, an owner, may come from an idea or a prototype, and moves along KS' Veikart for
tjenesteinnovasjon (``desktop.domain.kit.VeikartPhase``) with a status of its own.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

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
            InitiativeStatus.STOPPED: _("Avsluttet"),
        }[self]


def check_dates(start: date | None, end: date | None) -> None:
    if start is not None and end is not None and end < start:
        raise ValidationError("end_date", _("Sluttdatoen kan ikke være før startdatoen."))
