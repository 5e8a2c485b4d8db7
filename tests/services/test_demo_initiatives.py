"""The demo programme's initiatives, benefit plans and fund rounds: about every leader group has an initiative
(a handful none), plans hold the domain's rules, the Oppdrift round has 27 applications with 10 funded for
NOK 2 575 000, the figures ``stats`` prints match the rows, and the same on every build."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from desktop.domain.benefits import COMMON_UNITS, GainType
from desktop.domain.fund import check_round_dates
from desktop.domain.kit import VeikartPhase
from desktop.services import fund, initiatives, views
from desktop.services.demo import build_demo
from desktop.storage.database import DB_NAME, open_database


def sql(db, query: str, *params) -> list[tuple]:
    """Ask the database file directly, without the models or the services."""
    con = sqlite3.connect(f"{(db.data_dir / DB_NAME).resolve().as_uri()}?mode=ro", uri=True)
    try:
        return con.execute(query, params).fetchall()
    finally:
        con.close()


def test_about_every_group_has_an_initiative_but_a_handful_do_not(demo_db) -> None:
    [(groups,)] = sql(demo_db, "SELECT count(*) FROM leader_group")
    per_group = dict(
        sql(demo_db, "SELECT leader_group_id, count(*) FROM initiative GROUP BY leader_group_id")
    )
    without = groups - len(per_group)
    assert 1 <= without <= 10  # visible on the dashboard, but few
    assert sum(1 for n in per_group.values() if n == 2) >= 5  # some groups have two
    assert max(per_group.values()) <= 2
    # The groups still missing one are from the later cohorts.
    missing = sql(
        demo_db,
        "SELECT c.name FROM leader_group g JOIN cohort c ON c.id = g.cohort_id"
        " WHERE g.id NOT IN (SELECT leader_group_id FROM initiative)",
    )
    assert {name for (name,) in missing} <= {"LUP 5", "LUP 6", "LUP 7"}


def test_initiatives_grow_from_the_groups_own_ideas_and_are_owned_by_a_leader(demo_db) -> None:
    [(total, from_board)] = sql(
        demo_db, "SELECT count(*), sum(idea_id IS NOT NULL OR prototype_id IS NOT NULL) FROM initiative"
    )
    assert from_board >= 0.85 * total
    # An origin always belongs to the initiative's own group; a prototype's idea is the initiative's idea.
    assert not sql(
        demo_db,
        "SELECT n.id FROM initiative n JOIN idea i ON i.id = n.idea_id"
        " WHERE i.leader_group_id != n.leader_group_id OR i.chosen = 0",
    )
    assert not sql(
        demo_db,
        "SELECT n.id FROM initiative n JOIN prototype p ON p.id = n.prototype_id"
        " WHERE p.leader_group_id != n.leader_group_id OR p.idea_id != n.idea_id",
    )
    # The owner is a leader of the group; titles, needs and next steps are filled in.
    assert not sql(
        demo_db,
        "SELECT n.id FROM initiative n WHERE n.owner NOT IN (SELECT name FROM participant p"
        " WHERE p.leader_group_id = n.leader_group_id AND p.role = 'leader')",
    )
    assert not sql(demo_db, "SELECT id FROM initiative WHERE title = '' OR need = '' OR next_step = ''")
    assert not sql(demo_db, "SELECT id FROM initiative WHERE end_date < start_date")


def test_phases_follow_how_long_ago_the_cohort_ended(demo_db) -> None:
    def phases(cohort: str) -> list[VeikartPhase]:
        return [
            VeikartPhase(p)
            for (p,) in sql(
                demo_db,
                "SELECT n.phase FROM initiative n JOIN leader_group g ON g.id = n.leader_group_id"
                " JOIN cohort c ON c.id = g.cohort_id WHERE c.name = ?",
                cohort,
            )
        ]

    early = phases("LUP 1")
    late_phases = {VeikartPhase.NY_PRAKSIS, VeikartPhase.OVERGANG_TIL_DRIFT}
    assert sum(p in late_phases for p in early) > len(early) / 2
    latest = phases("LUP 7")
    early_phases = {VeikartPhase.FORANKRING, VeikartPhase.INNSIKT, VeikartPhase.TJENESTEUTVIKLING}
    assert sum(p in early_phases for p in latest) > len(latest) / 2
    assert VeikartPhase.NY_PRAKSIS not in latest


def test_benefit_plans_hold_the_rules_and_show_every_kind_of_progress(demo_db) -> None:
    views_ = initiatives.all_initiatives(demo_db)
    with_plan = [i for i in views_ if i.benefits]
    assert 0.5 * len(views_) <= len(with_plan) <= 0.75 * len(views_)
    benefits = [b for i in with_plan for b in i.benefits]
    assert all(1 <= len(i.benefits) <= 3 for i in with_plan)
    assert {b.gain_type for b in benefits} == set(GainType)
    assert all(b.unit in COMMON_UNITS for b in benefits)
    for b in benefits:
        assert b.target != b.baseline
        assert b.target_date is not None and b.target_date > b.baseline_date
        assert b.indicator and b.owner and b.preconditions
        assert all(m.on >= b.baseline_date for m in b.measurements)
    realised = [b.progress.realised_pct for b in benefits if b.measurements]
    assert sum(p >= 100 for p in realised) >= 10  # reached
    assert sum(0 < p < 100 for p in realised) >= 20  # on the way
    assert sum(p < 0 for p in realised) >= 3  # the wrong way
    assert sum(not b.measurements for b in benefits) >= 5  # not measured yet
    [(early,)] = sql(
        demo_db,
        "SELECT count(*) FROM benefit_measurement m JOIN benefit b ON b.id = m.benefit_id"
        " WHERE m.measured_on < b.baseline_date",
    )
    assert early == 0


def test_the_oppdrift_round_has_27_applications_and_10_funded_for_2_575_000(demo_db) -> None:
    overviews = {r.name: fund.round_view(demo_db, r.id) for r in fund.rounds(demo_db)}
    assert len(overviews) == 2
    [big] = [v for v in overviews.values() if v.overview.applications == 27]
    assert big.overview.funded == 10 and big.overview.granted == 2_575_000
    assert (big.applicant_workshop, big.deadline) == (date(2019, 1, 29), date(2019, 3, 1))
    [small] = [v for v in overviews.values() if v is not big]
    assert small.overview.applications < 27 and small.deadline < big.deadline
    assert small.overview.funded + big.overview.funded == 19  # as in the seeds
    for view in overviews.values():
        check_round_dates(view.info_workshop, view.applicant_workshop, view.deadline, view.decision_date)
        assert view.overview.granted <= view.budget
        funded = [a for a in view.applications if a.decision.value == "granted"]
        others = [a for a in view.applications if a.decision.value == "rejected"]
        assert all(0 < a.amount_granted <= a.amount_applied for a in funded)
        assert all(a.amount_granted is None for a in view.applications if a not in funded)
        assert all(a.follow_up for a in funded)
        assert min(a.score for a in funded) > max(a.score for a in others)  # the council funded the best
        guided = [a for a in others if a.guidance_offered]
        assert guided and all(a.guidance_notes for a in guided)
        assert not any(a.guidance_offered for a in funded)
    # Only groups whose cohort ended before the round's deadline apply.
    assert not sql(
        demo_db,
        "SELECT a.id FROM application a JOIN fund_round r ON r.id = a.round_id"
        " JOIN initiative n ON n.id = a.initiative_id JOIN leader_group g ON g.id = n.leader_group_id"
        " JOIN cohort c ON c.id = g.cohort_id WHERE c.end_date >= r.deadline",
    )


def test_stats_match_the_rows(demo_db) -> None:
    figures = views.stats(demo_db, today=date(2026, 1, 1))
    [(count,)] = sql(demo_db, "SELECT count(*) FROM initiative")
    [(without,)] = sql(
        demo_db,
        "SELECT count(*) FROM leader_group WHERE id NOT IN (SELECT leader_group_id FROM initiative)",
    )
    [(benefits,)] = sql(demo_db, "SELECT count(*) FROM benefit")
    [(applications,)] = sql(demo_db, "SELECT count(*) FROM application WHERE decision != 'withdrawn'")
    [(funded, granted)] = sql(
        demo_db, "SELECT count(*), sum(amount_granted) FROM application WHERE decision = 'granted'"
    )
    assert figures["initiatives"] == count > 0
    assert figures["groups_without_initiative"] == without > 0
    assert figures["benefits"] == benefits > 0
    assert figures["applications"] == applications > 27
    assert (figures["applications_funded"], figures["granted_nok"]) == (funded, granted)
    assert funded == 19 and granted > 2_575_000


def test_the_demo_initiatives_are_the_same_on_every_build(demo_db, tmp_path: Path) -> None:
    other = open_database(tmp_path / "second", backup=False)
    try:
        build_demo(other)
        for query in (
            "SELECT id, leader_group_id, title, need, description, owner, idea_id, prototype_id, phase,"
            " status, start_date, end_date, next_step FROM initiative",
            "SELECT id, initiative_id, position, gain_type, title, indicator, unit, baseline, baseline_date,"
            " target, target_date, owner, preconditions FROM benefit",
            "SELECT id, benefit_id, measured_on, value, note FROM benefit_measurement",
            "SELECT id, name, budget, info_workshop, applicant_workshop, deadline, decision_date, notes"
            " FROM fund_round",
            "SELECT id, round_id, initiative_id, amount_applied, score_innovative, score_anchored,"
            " score_scalable, score_gain, score_outside_operations, decision, amount_granted, follow_up,"
            " guidance_offered, guidance_notes FROM application",
        ):
            first = set(sql(demo_db, query))
            assert first and first == set(sql(other, query)), query
    finally:
        other.close()
