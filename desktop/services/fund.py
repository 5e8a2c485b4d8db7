"""Oppdrift fund rounds and their applications: one function per user action.

A grant is checked against what was applied for and what is left of the round's budget in the same
transaction that stores it, so two edits can never together grant more than the budget.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select

from desktop.domain.benefits import clean_text, clean_title
from desktop.domain.fund import (
    ApplicationFigures,
    Criterion,
    FundDecision,
    RoundOverview,
    check_grant,
    check_round_dates,
    clean_amount,
    clean_score,
    kroner,
    round_overview,
)
from desktop.errors import ValidationError
from desktop.i18n import _
from desktop.services.common import apply_changes, clean_fields, delete_with_snapshot, get, in_norwegian
from desktop.storage.database import Database
from desktop.storage.models import Application, Cohort, FundRound, Initiative, LeaderGroup, ServiceLocation
from desktop.storage.snapshot import Snapshot

SCORE_COLUMNS = {criterion: f"score_{criterion.value}" for criterion in Criterion}


@dataclass(frozen=True)
class RoundChoice:
    id: uuid.UUID
    name: str


@dataclass(frozen=True)
class ApplicationView:
    id: uuid.UUID
    round_id: uuid.UUID
    initiative_id: uuid.UUID
    initiative_title: str
    group_id: uuid.UUID
    location: str
    cohort: str
    amount_applied: int
    scores: dict[Criterion, int | None]
    decision: FundDecision
    amount_granted: int | None
    follow_up: str
    guidance_offered: bool
    guidance_notes: str

    @property
    def figures(self) -> ApplicationFigures:
        return ApplicationFigures(
            self.amount_applied, self.decision, self.amount_granted, tuple(self.scores.values())
        )

    @property
    def score(self) -> int | None:
        return self.figures.score


@dataclass(frozen=True)
class RoundView:
    id: uuid.UUID
    name: str
    budget: int
    info_workshop: date | None
    applicant_workshop: date | None
    deadline: date | None
    decision_date: date | None
    notes: str
    applications: tuple[ApplicationView, ...]

    @property
    def overview(self) -> RoundOverview:
        return round_overview(self.budget, (a.figures for a in self.applications))


@dataclass(frozen=True)
class InitiativeChoice:
    id: uuid.UUID
    title: str
    location: str
    cohort: str

    @property
    def name(self) -> str:
        return f"{self.title} ({self.location}, {self.cohort})"


# --- reading ----------------------------------------------------------------------------------------------


def round_order() -> tuple:
    """By deadline, rounds without one last (said outright: SQLite sorts NULL first, PostgreSQL last)."""
    return (FundRound.deadline.is_(None), FundRound.deadline, FundRound.created_at)


def rounds(db: Database) -> tuple[RoundChoice, ...]:
    with db.transaction() as s:
        return tuple(
            RoundChoice(r.id, r.name)
            for r in s.execute(select(FundRound.id, FundRound.name).order_by(*round_order()))
        )


def round_view(db: Database, round_id: uuid.UUID) -> RoundView:
    with db.transaction() as s:
        r = get(s, FundRound, round_id)
        return RoundView(
            r.id,
            r.name,
            r.budget,
            r.info_workshop,
            r.applicant_workshop,
            r.deadline,
            r.decision_date,
            r.notes,
            _applications(s, Application.round_id == round_id),
        )


def applications_of_initiative(db: Database, initiative_id: uuid.UUID) -> tuple[ApplicationView, ...]:
    with db.transaction() as s:
        return _applications(s, Application.initiative_id == initiative_id)


def _applications(s, where) -> tuple[ApplicationView, ...]:
    rows = s.execute(
        select(Application, Initiative.title, LeaderGroup.id, ServiceLocation.name, Cohort.name)
        .join(Initiative, Application.initiative_id == Initiative.id)
        .join(LeaderGroup, Initiative.leader_group_id == LeaderGroup.id)
        .join(ServiceLocation, LeaderGroup.service_location_id == ServiceLocation.id)
        .join(Cohort, LeaderGroup.cohort_id == Cohort.id)
        .where(where)
        .order_by(ServiceLocation.name, in_norwegian(Initiative.title))
    )
    return tuple(
        ApplicationView(
            a.id,
            a.round_id,
            a.initiative_id,
            title,
            group_id,
            location,
            cohort,
            a.amount_applied,
            {c: getattr(a, column) for c, column in SCORE_COLUMNS.items()},
            a.decision,
            a.amount_granted,
            a.follow_up,
            a.guidance_offered,
            a.guidance_notes,
        )
        for a, title, group_id, location, cohort in rows
    )


def initiative_choices(db: Database) -> tuple[InitiativeChoice, ...]:
    """Every initiative, named with its unit and cohort, for choosing what an application is for."""
    with db.transaction() as s:
        return tuple(
            InitiativeChoice(r.id, r.title, r.location, r.cohort)
            for r in s.execute(
                select(
                    Initiative.id,
                    Initiative.title,
                    ServiceLocation.name.label("location"),
                    Cohort.name.label("cohort"),
                )
                .join(LeaderGroup, Initiative.leader_group_id == LeaderGroup.id)
                .join(ServiceLocation, LeaderGroup.service_location_id == ServiceLocation.id)
                .join(Cohort, LeaderGroup.cohort_id == Cohort.id)
                .order_by(ServiceLocation.name, in_norwegian(Initiative.title))
            )
        )


# --- rounds -----------------------------------------------------------------------------------------------

_DATES = ("info_workshop", "applicant_workshop", "deadline", "decision_date")
_ROUND_FIELDS = {
    "name": clean_title,
    "budget": lambda v: clean_amount(v, "budget", _("Ramme")),
    "notes": lambda v: clean_text(v, "notes", _("Notater")),
    **{name: (lambda v: v) for name in _DATES},
}


def create_round(db: Database, name: str, budget: int | str, **values: Any) -> uuid.UUID:
    clean = clean_fields({"name": name, "budget": budget, **values}, **_ROUND_FIELDS)
    check_round_dates(*(clean.get(d) for d in _DATES))
    with db.transaction() as s:
        row = FundRound(**clean)
        s.add(row)
        s.flush()
        return row.id


def update_round(db: Database, round_id: uuid.UUID, **values: Any) -> dict[str, Any]:
    """Change a round; its budget never below what is already granted. Returns the previous values."""
    clean = clean_fields(values, **_ROUND_FIELDS)
    with db.transaction() as s:
        row = get(s, FundRound, round_id)
        check_round_dates(*(clean.get(d, getattr(row, d)) for d in _DATES), edited=clean.keys())
        if "budget" in clean:
            granted = _granted(s, round_id)
            if clean["budget"] < granted:
                raise ValidationError(
                    "budget",
                    _(
                        "Det er allerede tildelt {granted} i denne runden; rammen kan ikke være mindre."
                    ).format(granted=kroner(granted)),
                )
        return apply_changes(row, clean)


def delete_round(db: Database, round_id: uuid.UUID) -> Snapshot:
    with db.transaction() as s:
        return delete_with_snapshot(s, get(s, FundRound, round_id))


def _granted(s, round_id: uuid.UUID, except_id: uuid.UUID | None = None) -> int:
    query = select(func.coalesce(func.sum(Application.amount_granted), 0)).where(
        Application.round_id == round_id, Application.decision == FundDecision.GRANTED
    )
    if except_id is not None:
        query = query.where(Application.id != except_id)
    return s.scalar(query) or 0


# --- applications -----------------------------------------------------------------------------------------

_APPLICATION_FIELDS = {
    "amount_applied": lambda v: clean_amount(v, "amount_applied", _("Søkt beløp")),
    "decision": FundDecision,
    "amount_granted": lambda v: clean_amount(v, "amount_granted", _("Innvilget beløp"), required=False),
    "follow_up": lambda v: clean_text(v, "follow_up", _("Oppfølging")),
    "guidance_offered": bool,
    "guidance_notes": lambda v: clean_text(v, "guidance_notes", _("Veiledning")),
    **{column: (lambda v, c=criterion: clean_score(v, c)) for criterion, column in SCORE_COLUMNS.items()},
}


def create_application(
    db: Database, round_id: uuid.UUID, initiative_id: uuid.UUID, amount_applied: int | str, **values: Any
) -> uuid.UUID:
    clean = clean_fields({"amount_applied": amount_applied, **values}, **_APPLICATION_FIELDS)
    with db.transaction() as s:
        fund_round = get(s, FundRound, round_id)
        get(s, Initiative, initiative_id)
        taken = s.scalar(
            select(func.count())
            .select_from(Application)
            .where(Application.round_id == round_id, Application.initiative_id == initiative_id)
        )
        if taken:
            raise ValidationError("initiative", _("Tiltaket har allerede en søknad i denne runden."))
        _check(s, fund_round, None, clean)
        row = Application(round_id=round_id, initiative_id=initiative_id, **clean)
        s.add(row)
        s.flush()
        return row.id


def update_application(db: Database, application_id: uuid.UUID, **values: Any) -> dict[str, Any]:
    """Change an application; a grant is checked against the amount applied for and the round's budget
    left. Setting a decision other than "granted" clears the grant. Returns the previous values."""
    clean = clean_fields(values, **_APPLICATION_FIELDS)
    with db.transaction() as s:
        row = get(s, Application, application_id)
        if clean.get("decision", row.decision) is not FundDecision.GRANTED and "amount_granted" not in clean:
            clean["amount_granted"] = None
        _check(s, get(s, FundRound, row.round_id), row, clean)
        return apply_changes(row, clean)


def _check(s, fund_round: FundRound, row: Application | None, clean: dict[str, Any]) -> None:
    def value(name: str, default=None):
        return clean[name] if name in clean else getattr(row, name, default) if row is not None else default

    if value("amount_applied") == 0:
        raise ValidationError("amount_applied", _("Søknadsbeløpet må være større enn null."))
    check_grant(
        value("decision", FundDecision.PENDING) or FundDecision.PENDING,
        value("amount_applied"),
        value("amount_granted"),
        fund_round.budget,
        _granted(s, fund_round.id, row.id if row is not None else None),
    )


def delete_application(db: Database, application_id: uuid.UUID) -> Snapshot:
    with db.transaction() as s:
        return delete_with_snapshot(s, get(s, Application, application_id))
