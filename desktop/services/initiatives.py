"""Initiatives of the leader groups and their benefit plans: one function per user action.

Edits return the previous values (for ``ChangeCommand``), creations the new id, deletions a snapshot (for
``CreateCommand``/``DeleteCommand``), as in the register. What is realised of a benefit is computed from
its measurements when it is read (``desktop.domain.benefits.progress``), never stored.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select

from desktop.domain.benefits import (
    GainType,
    check_measurement,
    check_plan,
    clean_number,
    clean_text,
    clean_title,
    clean_unit,
)
from desktop.domain.initiatives import (
    BenefitView,
    InitiativeStatus,
    InitiativeView,
    MeasurementView,
    check_dates,
)
from desktop.domain.kit import VeikartPhase
from desktop.domain.rules import format_date
from desktop.errors import ValidationError
from desktop.i18n import _
from desktop.services.common import apply_changes, clean_fields, delete_with_snapshot, get
from desktop.storage.database import Database
from desktop.storage.models import Benefit, BenefitMeasurement, Idea, Initiative, LeaderGroup, Prototype
from desktop.storage.snapshot import Snapshot


@dataclass(frozen=True)
class Origin:
    """An idea or prototype an initiative can come from."""

    kind: str  # "idea" | "prototype"
    id: uuid.UUID
    text: str


# --- reading ----------------------------------------------------------------------------------------------


def initiatives_of_group(db: Database, group_id: uuid.UUID) -> tuple[InitiativeView, ...]:
    with db.transaction() as s:
        get(s, LeaderGroup, group_id)
        return read_group(s, group_id)


def read_group(s, group_id: uuid.UUID) -> tuple[InitiativeView, ...]:
    """A group's initiatives with their benefit plans, oldest first (inside a transaction)."""
    return read_groups(s, [group_id])


def read_groups(s, group_ids) -> tuple[InitiativeView, ...]:
    """The initiatives of the groups ``group_ids`` with their benefit plans, oldest first (inside a
    transaction): a cohort's, without reading the whole register's."""
    rows = s.scalars(
        select(Initiative)
        .where(Initiative.leader_group_id.in_(list(group_ids)))
        .order_by(Initiative.created_at, Initiative.id)
    ).all()
    return _views(s, rows)


def initiative(db: Database, initiative_id: uuid.UUID) -> InitiativeView:
    with db.transaction() as s:
        return _views(s, [get(s, Initiative, initiative_id)])[0]


def all_initiatives(db: Database) -> tuple[InitiativeView, ...]:
    with db.transaction() as s:
        return _views(s, s.scalars(select(Initiative).order_by(Initiative.created_at, Initiative.id)).all())


def _views(s, rows) -> tuple[InitiativeView, ...]:
    ids = [r.id for r in rows]
    benefits: dict[uuid.UUID, list[Benefit]] = {i: [] for i in ids}
    for b in s.scalars(
        select(Benefit)
        .where(Benefit.initiative_id.in_(ids))
        .order_by(Benefit.position, Benefit.created_at, Benefit.id)
    ):
        benefits[b.initiative_id].append(b)
    benefit_ids = [b.id for bs in benefits.values() for b in bs]
    measured: dict[uuid.UUID, list[MeasurementView]] = {i: [] for i in benefit_ids}
    for m in s.scalars(
        select(BenefitMeasurement)
        .where(BenefitMeasurement.benefit_id.in_(benefit_ids))
        .order_by(BenefitMeasurement.measured_on, BenefitMeasurement.created_at)
    ):
        measured[m.benefit_id].append(MeasurementView(m.id, m.measured_on, m.value, m.note))
    return tuple(
        InitiativeView(
            r.id,
            r.leader_group_id,
            r.title,
            r.need,
            r.description,
            r.owner,
            r.idea_id,
            r.prototype_id,
            r.phase,
            r.status,
            r.start_date,
            r.end_date,
            r.next_step,
            tuple(
                BenefitView(
                    b.id,
                    b.initiative_id,
                    b.gain_type,
                    b.title,
                    b.indicator,
                    b.unit,
                    b.baseline,
                    b.baseline_date,
                    b.target,
                    b.target_date,
                    b.owner,
                    b.preconditions,
                    tuple(measured[b.id]),
                )
                for b in benefits[r.id]
            ),
        )
        for r in rows
    )


def origins(db: Database, group_id: uuid.UUID) -> tuple[Origin, ...]:
    """The group's chosen ideas (and any idea an initiative already comes from) and its prototypes: what
    an initiative can come from."""
    with db.transaction() as s:
        linked = select(Initiative.idea_id).where(Initiative.leader_group_id == group_id)
        ideas = s.execute(
            select(Idea.id, Idea.text)
            .where(Idea.leader_group_id == group_id, Idea.chosen.is_(True) | Idea.id.in_(linked))
            .order_by(Idea.position, Idea.created_at, Idea.id)
        )
        result = [Origin("idea", r.id, r.text) for r in ideas]
        result += [
            Origin("prototype", r.id, r.title)
            for r in s.execute(
                select(Prototype.id, Prototype.title)
                .where(Prototype.leader_group_id == group_id)
                .order_by(Prototype.created_at)
            )
        ]
        return tuple(result)


# --- initiatives ------------------------------------------------------------------------------------------


def _text(field: str, label: str):
    return lambda value: clean_text(value, field, label)


_INITIATIVE_FIELDS = {
    "title": clean_title,
    "need": _text("need", _("Behov")),
    "description": _text("description", _("Beskrivelse")),
    "owner": lambda v: clean_text(v, "owner", _("Eier"), 200),
    "idea_id": lambda v: v,
    "prototype_id": lambda v: v,
    "phase": VeikartPhase,
    "status": InitiativeStatus,
    "start_date": lambda v: v,
    "end_date": lambda v: v,
    "next_step": _text("next_step", _("Neste steg")),
}


def create_initiative(db: Database, group_id: uuid.UUID, title: str, **values: Any) -> uuid.UUID:
    clean = clean_fields({"title": title, **values}, **_INITIATIVE_FIELDS)
    check_dates(clean.get("start_date"), clean.get("end_date"))
    with db.transaction() as s:
        get(s, LeaderGroup, group_id)
        _check_origin(s, group_id, clean)
        row = Initiative(leader_group_id=group_id, **clean)
        s.add(row)
        s.flush()
        return row.id


def update_initiative(db: Database, initiative_id: uuid.UUID, **values: Any) -> dict[str, Any]:
    """Change fields of an initiative; returns the previous values."""
    clean = clean_fields(values, **_INITIATIVE_FIELDS)
    with db.transaction() as s:
        row = get(s, Initiative, initiative_id)
        check_dates(clean.get("start_date", row.start_date), clean.get("end_date", row.end_date))
        _check_origin(s, row.leader_group_id, clean)
        return apply_changes(row, clean)


def delete_initiative(db: Database, initiative_id: uuid.UUID) -> Snapshot:
    """Delete an initiative with its benefit plan and fund applications (the snapshot brings all back)."""
    with db.transaction() as s:
        return delete_with_snapshot(s, get(s, Initiative, initiative_id))


def _check_origin(s, group_id: uuid.UUID, clean: dict[str, Any]) -> None:
    for field, model in (("idea_id", Idea), ("prototype_id", Prototype)):
        if clean.get(field) is not None and get(s, model, clean[field]).leader_group_id != group_id:
            raise ValidationError(field, _("Opphavet hører til en annen ledergruppe."))


# --- benefits ---------------------------------------------------------------------------------------------


_BENEFIT_FIELDS = {
    "gain_type": GainType,
    "title": clean_title,
    "indicator": lambda v: clean_text(v, "indicator", _("Indikator"), 300),
    "unit": clean_unit,
    "baseline": lambda v: clean_number(v, "baseline", _("Nullpunkt")),
    "baseline_date": lambda v: v,
    "target": lambda v: clean_number(v, "target", _("Mål")),
    "target_date": lambda v: v,
    "owner": lambda v: clean_text(v, "owner", _("Eier"), 200),
    "preconditions": _text("preconditions", _("Forutsetninger")),
}


def create_benefit(
    db: Database,
    initiative_id: uuid.UUID,
    gain_type: GainType | str,
    title: str,
    unit: str,
    baseline: float | str,
    baseline_date: date,
    target: float | str,
    target_date: date | None = None,
    **values: Any,
) -> uuid.UUID:
    clean = clean_fields(
        {
            "gain_type": gain_type,
            "title": title,
            "unit": unit,
            "baseline": baseline,
            "baseline_date": baseline_date,
            "target": target,
            "target_date": target_date,
            **values,
        },
        **_BENEFIT_FIELDS,
    )
    if clean["baseline_date"] is None:
        raise ValidationError("baseline_date", _("Skriv datoen for nullpunktsmålingen."))
    from desktop.domain.benefits import check_value

    check_value(clean["unit"], clean["baseline"], "baseline", _("Nullpunkt"))
    check_value(clean["unit"], clean["target"], "target", _("Mål"))
    check_plan(clean["baseline"], clean["baseline_date"], clean["target"], clean["target_date"])
    with db.transaction() as s:
        get(s, Initiative, initiative_id)
        position = s.scalar(
            select(func.coalesce(func.max(Benefit.position), -1)).where(
                Benefit.initiative_id == initiative_id
            )
        )
        row = Benefit(initiative_id=initiative_id, position=position + 1, **clean)
        s.add(row)
        s.flush()
        return row.id


def update_benefit(db: Database, benefit_id: uuid.UUID, **values: Any) -> dict[str, Any]:
    """Change a benefit; the plan must still hold (a target apart from the baseline, no measurement dated
    before the baseline). Returns the previous values."""
    clean = clean_fields(values, **_BENEFIT_FIELDS)
    with db.transaction() as s:
        row = get(s, Benefit, benefit_id)
        baseline_date = clean.get("baseline_date", row.baseline_date)
        if baseline_date is None:
            raise ValidationError("baseline_date", _("Skriv datoen for nullpunktsmålingen."))
        from desktop.domain.benefits import check_value

        unit = clean.get("unit", row.unit)
        check_value(unit, clean.get("baseline", row.baseline), "baseline", _("Nullpunkt"))
        check_value(unit, clean.get("target", row.target), "target", _("Mål"))
        if "unit" in clean:  # the measurements already stored must hold in the new unit too
            lowest = s.scalar(
                select(func.min(BenefitMeasurement.value)).where(BenefitMeasurement.benefit_id == benefit_id)
            )
            if lowest is not None:
                check_value(unit, lowest, "unit", _("En måling"))
        check_plan(
            clean.get("baseline", row.baseline),
            baseline_date,
            clean.get("target", row.target),
            clean.get("target_date", row.target_date),
        )
        earliest = s.scalar(
            select(func.min(BenefitMeasurement.measured_on)).where(
                BenefitMeasurement.benefit_id == benefit_id
            )
        )
        if earliest is not None and earliest < baseline_date:
            raise ValidationError(
                "baseline_date",
                _(
                    "Det finnes en måling fra {day}, før denne datoen. "
                    "Nullpunktet må være den første målingen."
                ).format(day=format_date(earliest)),
            )
        return apply_changes(row, clean)


def delete_benefit(db: Database, benefit_id: uuid.UUID) -> Snapshot:
    with db.transaction() as s:
        return delete_with_snapshot(s, get(s, Benefit, benefit_id))


# --- measurements -----------------------------------------------------------------------------------------


def add_measurement(
    db: Database, benefit_id: uuid.UUID, on: date, value: float | str, note: str = ""
) -> uuid.UUID:
    value = clean_number(value, "value", _("Verdi"))
    note = clean_text(note, "note", _("Merknad"), 500)
    with db.transaction() as s:
        benefit = get(s, Benefit, benefit_id)
        if on is None:
            raise ValidationError("measured_on", _("Skriv datoen for målingen."))
        check_measurement(on, benefit.baseline_date)
        from desktop.domain.benefits import check_value

        check_value(benefit.unit, value, "value", _("Verdi"))
        row = BenefitMeasurement(benefit_id=benefit_id, measured_on=on, value=value, note=note)
        s.add(row)
        s.flush()
        return row.id


def update_measurement(db: Database, measurement_id: uuid.UUID, **values: Any) -> dict[str, Any]:
    clean = clean_fields(
        values,
        measured_on=lambda v: v,
        value=lambda v: clean_number(v, "value", _("Verdi")),
        note=lambda v: clean_text(v, "note", _("Merknad"), 500),
    )
    with db.transaction() as s:
        row = get(s, BenefitMeasurement, measurement_id)
        if "measured_on" in clean:
            if clean["measured_on"] is None:
                raise ValidationError("measured_on", _("Skriv datoen for målingen."))
            check_measurement(clean["measured_on"], get(s, Benefit, row.benefit_id).baseline_date)
        if "value" in clean:
            from desktop.domain.benefits import check_value

            check_value(get(s, Benefit, row.benefit_id).unit, clean["value"], "value", _("Verdi"))
        return apply_changes(row, clean)


def delete_measurement(db: Database, measurement_id: uuid.UUID) -> Snapshot:
    with db.transaction() as s:
        return delete_with_snapshot(s, get(s, BenefitMeasurement, measurement_id))
