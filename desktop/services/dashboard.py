"""The programme dashboard: "what has LUP given Bærum?" in figures that add up.

Every figure is computed from the register when asked; nothing here is stored. The counting rules are the
ones ``views.stats`` uses (a withdrawn application is not counted), so the command line and the dashboard
never disagree; a test holds them to each other.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from desktop.domain.benefits import GainSum, Measurement, progress, sum_by_gain_type
from desktop.domain.fund import RoundOverview
from desktop.domain.kit import VeikartPhase
from desktop.domain.rules import cohort_finished
from desktop.services import fund
from desktop.services.overview import by_unit
from desktop.services.views import group_figures
from desktop.storage.database import Database
from desktop.storage.models import (
    Benefit,
    BenefitMeasurement,
    Cohort,
    Initiative,
    LeaderGroup,
    ServiceLocation,
)


@dataclass(frozen=True)
class GroupRef:
    id: uuid.UUID
    location: str
    cohort: str


@dataclass(frozen=True)
class Dashboard:
    locations: int
    locations_completed: int  # service locations whose group finished a cohort
    groups_per_cohort: tuple[tuple[str, int], ...]
    initiatives: int
    initiatives_by_phase: tuple[tuple[VeikartPhase, int], ...]  # every phase, in Veikart order
    groups_without_initiative: tuple[GroupRef, ...]
    most_ideas: tuple[tuple[str, int], ...]  # service locations, most ideas first (top 10)
    rounds: tuple[tuple[str, RoundOverview], ...]
    benefits: int
    benefits_measured: int
    gains: tuple[GainSum, ...]

    @property
    def applications(self) -> int:
        return sum(o.applications for _name, o in self.rounds)

    @property
    def funded(self) -> int:
        return sum(o.funded for _name, o in self.rounds)

    @property
    def applied(self) -> int:
        return sum(o.applied for _name, o in self.rounds)

    @property
    def granted(self) -> int:
        return sum(o.granted for _name, o in self.rounds)


def dashboard(db: Database, today: date | None = None) -> Dashboard:
    today = today or date.today()
    with db.transaction() as s:
        cohorts = s.execute(select(Cohort.id, Cohort.name, Cohort.end_date).order_by(Cohort.start_date)).all()
        finished = [c.id for c in cohorts if cohort_finished(c.end_date, today)]
        locations = s.scalar(select(func.count()).select_from(ServiceLocation)) or 0
        completed = (
            s.scalar(
                select(func.count(func.distinct(LeaderGroup.service_location_id))).where(
                    LeaderGroup.cohort_id.in_(finished)
                )
            )
            or 0
        )
        per_cohort = dict(
            s.execute(select(LeaderGroup.cohort_id, func.count()).group_by(LeaderGroup.cohort_id)).all()
        )
        phases = dict(s.execute(select(Initiative.phase, func.count()).group_by(Initiative.phase)).all())
        with_initiative = set(s.scalars(select(Initiative.leader_group_id).distinct()))
        without = tuple(
            GroupRef(r.id, r.location, r.cohort)
            for r in s.execute(
                select(LeaderGroup.id, ServiceLocation.name.label("location"), Cohort.name.label("cohort"))
                .join(ServiceLocation, LeaderGroup.service_location_id == ServiceLocation.id)
                .join(Cohort, LeaderGroup.cohort_id == Cohort.id)
                .order_by(Cohort.start_date, ServiceLocation.name)
            )
            if r.id not in with_initiative
        )
        measurements: dict[uuid.UUID, list[Measurement]] = {}
        # in the order the benefit plan reads them, so a tie on date picks the same latest measurement
        for benefit_id, on, value in s.execute(
            select(
                BenefitMeasurement.benefit_id, BenefitMeasurement.measured_on, BenefitMeasurement.value
            ).order_by(BenefitMeasurement.measured_on, BenefitMeasurement.created_at)
        ):
            measurements.setdefault(benefit_id, []).append(Measurement(on, value))
        benefit_rows = s.execute(
            select(Benefit.id, Benefit.gain_type, Benefit.unit, Benefit.baseline, Benefit.target)
        ).all()
        gains = sum_by_gain_type(
            (b.gain_type, b.unit, progress(b.baseline, b.target, measurements.get(b.id, ())))
            for b in benefit_rows
        )
    round_views = [fund.round_view(db, r.id) for r in fund.rounds(db)]
    ideas = by_unit(group_figures(db), "location")
    return Dashboard(
        locations=locations,
        locations_completed=completed,
        groups_per_cohort=tuple((c.name, per_cohort.get(c.id, 0)) for c in cohorts),
        initiatives=sum(phases.values()),
        initiatives_by_phase=tuple((phase, phases.get(phase, 0)) for phase in VeikartPhase),
        groups_without_initiative=without,
        most_ideas=tuple((row.name, row.ideas) for row in ideas[:10] if row.ideas),
        rounds=tuple((r.name, r.overview) for r in round_views),
        benefits=len(benefit_rows),
        benefits_measured=sum(1 for b in benefit_rows if b.id in measurements),
        gains=tuple(gains),
    )
