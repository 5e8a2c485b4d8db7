"""The programme dashboard: "what has LUP given Bærum?" in figures that add up.

Every figure is computed from the register when asked; nothing here is stored. The counting rules are the
ones ``views.stats`` uses (a withdrawn application is not counted), so the command line and the dashboard
never disagree; a test holds them to each other. Given a programme, every figure is that programme's
(its cohorts, their groups, initiatives, benefits and ideas), except the fund rounds, which are the
register's: a round is not tied to a programme. The coverage's "all" is every service location in the
register either way.

One difference from ``views.stats``: the headline of groups "missing an initiative" counts groups in
finished cohorts only (a group in a running cohort has time yet); the list has them all, marked.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select, true

from desktop.domain.benefits import FollowUp, GainSum, Measurement, follow_up, progress, sum_by_gain_type
from desktop.domain.fund import RoundOverview
from desktop.domain.initiatives import InitiativeStatus
from desktop.domain.kit import VeikartPhase
from desktop.domain.rules import cohort_finished
from desktop.services import fund
from desktop.services.common import in_norwegian
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

MOST_IDEAS = 10  # units in the "most ideas" chart


@dataclass(frozen=True)
class GroupRef:
    id: uuid.UUID
    location: str
    cohort: str
    finished: bool = True  # the cohort has ended
    started: bool = True  # the cohort has begun


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
    benefits_late: int = 0  # target date passed, target not reached
    benefits_due: int = 0  # not measured for half a year
    most_ideas_tied: int = 0  # locations left out of ``most_ideas`` with as many ideas as the last shown
    programme_id: uuid.UUID | None = None  # None: the whole register

    @property
    def groups_missing(self) -> tuple[GroupRef, ...]:
        """Groups without an initiative in cohorts that have ended: the headline's "mangler tiltak"."""
        return tuple(g for g in self.groups_without_initiative if g.finished)

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


def dashboard(db: Database, today: date | None = None, programme_id: uuid.UUID | None = None) -> Dashboard:
    """The figures of one programme, or of the whole register without ``programme_id``."""
    today = today or date.today()
    with db.transaction() as s:
        cohorts = s.execute(
            select(Cohort.id, Cohort.name, Cohort.start_date, Cohort.end_date)
            .where(Cohort.programme_id == programme_id if programme_id is not None else true())
            .order_by(Cohort.start_date)
        ).all()
        finished = [c.id for c in cohorts if cohort_finished(c.end_date, today)]
        # the groups counted: those of the programme's cohorts, or all
        scope = LeaderGroup.cohort_id.in_([c.id for c in cohorts]) if programme_id is not None else true()
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
            s.execute(
                select(LeaderGroup.cohort_id, func.count()).where(scope).group_by(LeaderGroup.cohort_id)
            ).all()
        )
        phases = dict(
            s.execute(
                select(Initiative.phase, func.count())
                .join(LeaderGroup, Initiative.leader_group_id == LeaderGroup.id)
                .where(scope)
                .group_by(Initiative.phase)
            ).all()
        )
        with_initiative = set(s.scalars(select(Initiative.leader_group_id).distinct()))
        without = tuple(
            GroupRef(r.id, r.location, r.cohort, cohort_finished(r.end_date, today), r.start_date <= today)
            for r in s.execute(
                select(
                    LeaderGroup.id,
                    ServiceLocation.name.label("location"),
                    Cohort.name.label("cohort"),
                    Cohort.start_date,
                    Cohort.end_date,
                )
                .join(ServiceLocation, LeaderGroup.service_location_id == ServiceLocation.id)
                .join(Cohort, LeaderGroup.cohort_id == Cohort.id)
                .where(scope)
                .order_by(Cohort.start_date, in_norwegian(ServiceLocation.name))
            )
            if r.id not in with_initiative
        )
        # Only each benefit's latest measurement counts: picked by the database (the last of a day, as
        # the benefit plan reads them), not every measurement of ten years read into Python.
        ranked = (
            select(
                BenefitMeasurement.benefit_id,
                BenefitMeasurement.measured_on,
                BenefitMeasurement.value,
                func.row_number()
                .over(
                    partition_by=BenefitMeasurement.benefit_id,
                    order_by=(BenefitMeasurement.measured_on.desc(), BenefitMeasurement.created_at.desc()),
                )
                .label("n"),
            )
            .join(Benefit, BenefitMeasurement.benefit_id == Benefit.id)
            .join(Initiative, Benefit.initiative_id == Initiative.id)
            .join(LeaderGroup, Initiative.leader_group_id == LeaderGroup.id)
            .where(scope)
            .subquery()
        )
        measurements: dict[uuid.UUID, list[Measurement]] = {
            benefit_id: [Measurement(on, value)]
            for benefit_id, on, value in s.execute(
                select(ranked.c.benefit_id, ranked.c.measured_on, ranked.c.value).where(ranked.c.n == 1)
            )
        }
        benefit_rows = s.execute(
            select(
                Benefit.id,
                Benefit.gain_type,
                Benefit.unit,
                Benefit.baseline,
                Benefit.target,
                Benefit.baseline_date,
                Benefit.target_date,
                Initiative.status,
            )
            .join(Initiative, Benefit.initiative_id == Initiative.id)
            .join(LeaderGroup, Initiative.leader_group_id == LeaderGroup.id)
            .where(scope)
        ).all()
        progresses = {b.id: progress(b.baseline, b.target, measurements.get(b.id, ())) for b in benefit_rows}
        gains = sum_by_gain_type((b.gain_type, b.unit, progresses[b.id]) for b in benefit_rows)
        statuses = Counter(
            follow_up(
                progresses[b.id],
                b.target_date,
                measurements[b.id][0].on if b.id in measurements else b.baseline_date,
                today,
                stopped=b.status is InitiativeStatus.STOPPED,
            )
            for b in benefit_rows
        )
    round_views = [fund.round_view(db, r.id) for r in fund.rounds(db)]
    ideas = [row for row in by_unit(group_figures(db, programme_id), "location") if row.ideas]
    shown = ideas[:MOST_IDEAS]
    tied = sum(1 for row in ideas[MOST_IDEAS:] if row.ideas == shown[-1].ideas) if shown else 0
    return Dashboard(
        locations=locations,
        locations_completed=completed,
        groups_per_cohort=tuple((c.name, per_cohort.get(c.id, 0)) for c in cohorts),
        initiatives=sum(phases.values()),
        initiatives_by_phase=tuple((phase, phases.get(phase, 0)) for phase in VeikartPhase),
        groups_without_initiative=without,
        most_ideas=tuple((row.name, row.ideas) for row in shown),
        rounds=tuple((r.name, r.overview) for r in round_views),
        benefits=len(benefit_rows),
        benefits_measured=sum(1 for b in benefit_rows if b.id in measurements),
        gains=tuple(gains),
        benefits_late=statuses[FollowUp.LATE],
        benefits_due=statuses[FollowUp.DUE],
        most_ideas_tied=tied,
        programme_id=programme_id,
    )
