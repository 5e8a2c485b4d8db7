"""The programme dashboard against a register counted by hand, and the command line's figures held to it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

import pytest

from desktop.domain import ideas as ib
from desktop.domain.benefits import FollowUp, GainSum, GainType, sum_by_gain_type
from desktop.domain.fund import FundDecision, RoundOverview
from desktop.domain.ideas import Board, Idea
from desktop.domain.kit import VeikartPhase
from desktop.services import cohorts, fund, groups, ideas, initiatives, register, views
from desktop.services.common import restore_deleted
from desktop.services.dashboard import GroupRef, dashboard
from desktop.storage.models import Programme

G, R, W = FundDecision.GRANTED, FundDecision.REJECTED, FundDecision.WITHDRAWN
TODAY = date(2024, 9, 1)  # LUP 1 is over, LUP 2 is running


@dataclass(frozen=True)
class Register:
    groups: dict[str, uuid.UUID]
    initiatives: dict[str, uuid.UUID]
    benefits: dict[str, uuid.UUID]
    rounds: dict[str, uuid.UUID]


def _ideas(db, group: uuid.UUID, n: int) -> None:
    board = Board()
    for i in range(n):
        board = ib.add_idea(board, Idea(uuid.uuid4(), f"Idé {i + 1}"))
    ideas.set_board(db, group, board)


@pytest.fixture
def reg(db) -> Register:
    """Six locations (Tanum without a group), two cohorts, six groups of which two have no initiative,
    five initiatives, seven benefits in four units, two rounds.

    ===========  =========  ======  ===========================================
    group        cohort     ideas   initiatives (phase)
    ===========  =========  ======  ===========================================
    Bryn skole   LUP 1      3       Kontaktkort (Pilotering), Kalender (Innsikt)
    Evje skole   LUP 1      4       Leksehjelp (Ny praksis)
    Solvik       LUP 1      0       –
    Lindelia bo  LUP 1      1       Måltid (Pilotering)
    Bryn skole   LUP 2      2       –
    Hosle skole  LUP 2      4       Uteskole (Forankring)
    ===========  =========  ======  ===========================================
    """
    programme = cohorts.ensure_programme(db)
    skole = register.ensure_sector(db, "Skole")
    helse = register.ensure_sector(db, "Helse")
    loc = {
        name: register.create_service_location(db, name, sector)
        for name, sector in (
            ("Bryn skole", skole),
            ("Evje skole", skole),
            ("Hosle skole", skole),
            ("Solvik sykehjem", helse),
            ("Lindelia bo", helse),
            ("Tanum barnehage", skole),
        )
    }
    # created out of order: the dashboard lists cohorts by start date
    lup2 = cohorts.create_cohort(db, programme, "LUP 2", date(2024, 8, 15), date(2024, 12, 15))
    lup1 = cohorts.create_cohort(db, programme, "LUP 1", date(2024, 1, 10), date(2024, 6, 30))
    g = {
        "bryn1": groups.add_leader_group(db, lup1, loc["Bryn skole"]),
        "evje1": groups.add_leader_group(db, lup1, loc["Evje skole"]),
        "solvik1": groups.add_leader_group(db, lup1, loc["Solvik sykehjem"]),
        "lindelia1": groups.add_leader_group(db, lup1, loc["Lindelia bo"]),
        "bryn2": groups.add_leader_group(db, lup2, loc["Bryn skole"]),
        "hosle2": groups.add_leader_group(db, lup2, loc["Hosle skole"]),
    }
    for name, n in (("bryn1", 3), ("evje1", 4), ("lindelia1", 1), ("bryn2", 2), ("hosle2", 4)):
        _ideas(db, g[name], n)

    i = {
        "kontaktkort": initiatives.create_initiative(
            db, g["bryn1"], "Kontaktkort", phase=VeikartPhase.PILOTERING
        ),
        "kalender": initiatives.create_initiative(db, g["bryn1"], "Kalender", phase=VeikartPhase.INNSIKT),
        "leksehjelp": initiatives.create_initiative(
            db, g["evje1"], "Leksehjelp", phase=VeikartPhase.NY_PRAKSIS
        ),
        "måltid": initiatives.create_initiative(db, g["lindelia1"], "Måltid", phase="pilotering"),
        "uteskole": initiatives.create_initiative(db, g["hosle2"], "Uteskole"),  # Forankring by default
    }

    def benefit(key, initiative, gain_type, unit, baseline, target, *measured):
        made = initiatives.create_benefit(
            db, i[initiative], gain_type, key, unit, baseline, date(2024, 1, 15), target, date(2025, 6, 30)
        )
        for on, value in measured:
            initiatives.add_measurement(db, made, on, value)
        return made

    b = {
        # 20 → 10 hours a week; 14 now: 6 saved (60 %)
        "b1": benefit(
            "b1",
            "kontaktkort",
            GainType.TIME_SAVED,
            "timer per uke",
            20,
            10,
            (date(2024, 9, 1), 14),
            (date(2024, 3, 1), 18),
        ),
        # 500 000 → 250 000 kr a year; 350 000 now: 150 000 avoided
        "b2": benefit(
            "b2",
            "kontaktkort",
            GainType.AVOIDED_COSTS,
            "kr per år",
            500_000,
            250_000,
            (date(2024, 6, 1), 350_000),
        ),
        # 8 → 4, same unit written differently; 5 now: 3 saved
        "b3": benefit(
            "b3",
            "leksehjelp",
            GainType.TIME_SAVED,
            " Timer  per UKE",
            8,
            4,
            (date(2024, 6, 1), 7),
            (date(2024, 11, 1), 5),
        ),
        # another unit of the same gain type: 100 → 50 hours; 90 now: 10 saved
        "b4": benefit("b4", "leksehjelp", GainType.TIME_SAVED, "timer", 100, 50, (date(2024, 5, 1), 90)),
        # a score that should rise: 3 → 4.5; 3.6 now: 0.6
        "b5": benefit("b5", "måltid", GainType.QUALITY, "poeng", 3, 4.5, (date(2024, 8, 1), 3.6)),
        # planned, not measured yet
        "b6": benefit("b6", "måltid", GainType.QUALITY, "poeng", 3, 5),
        # went the wrong way: 100 000 → 60 000 wanted, 110 000 now: −10 000
        "b7": benefit(
            "b7",
            "uteskole",
            GainType.AVOIDED_COSTS,
            "kr per år",
            100_000,
            60_000,
            (date(2024, 10, 1), 110_000),
        ),
    }

    # the later round created first: rounds are listed by deadline
    spring = fund.create_round(db, "Våren 2025", 500_000, deadline=date(2025, 3, 1))
    autumn = fund.create_round(db, "Høsten 2024", 1_000_000, deadline=date(2024, 10, 1))
    fund.create_application(db, autumn, i["kontaktkort"], 300_000, decision=G, amount_granted=250_000)
    fund.create_application(db, autumn, i["leksehjelp"], 200_000, decision=G, amount_granted=200_000)
    fund.create_application(db, autumn, i["måltid"], 150_000, decision=R, guidance_offered=True)
    fund.create_application(db, autumn, i["uteskole"], 100_000, decision=W)
    fund.create_application(db, spring, i["kontaktkort"], 100_000)
    fund.create_application(db, spring, i["kalender"], 80_000, decision=G, amount_granted=80_000)
    fund.create_application(db, spring, i["uteskole"], 120_000, decision=G, amount_granted=100_000)
    fund.create_application(db, spring, i["leksehjelp"], 50_000, decision=R)
    return Register(g, i, b, {"spring": spring, "autumn": autumn})


AUTUMN = RoundOverview(
    budget=1_000_000, applications=3, applied=650_000, granted=450_000, funded=2, rejected=1, pending=0
)
SPRING = RoundOverview(
    budget=500_000, applications=4, applied=350_000, granted=180_000, funded=2, rejected=1, pending=1
)


def counted(o: RoundOverview) -> tuple[int, ...]:
    """What the dashboard adds up from a round (withdrawn applications are in none of it)."""
    return (o.budget, o.applications, o.applied, o.granted, o.funded, o.rejected, o.pending)


def test_every_figure_by_hand(db, reg):
    d = dashboard(db, TODAY)
    assert d.locations == 6
    assert d.locations_completed == 4  # Bryn, Evje, Solvik, Lindelia finished LUP 1
    assert d.groups_per_cohort == (("LUP 1", 4), ("LUP 2", 2))
    assert d.initiatives == 5
    assert d.initiatives_by_phase == (
        (VeikartPhase.FORANKRING, 1),
        (VeikartPhase.INNSIKT, 1),
        (VeikartPhase.TJENESTEUTVIKLING, 0),
        (VeikartPhase.PILOTERING, 2),
        (VeikartPhase.OVERGANG_TIL_DRIFT, 0),
        (VeikartPhase.NY_PRAKSIS, 1),
    )
    assert d.groups_without_initiative == (
        GroupRef(reg.groups["solvik1"], "Solvik sykehjem", "LUP 1", finished=True, started=True),
        GroupRef(reg.groups["bryn2"], "Bryn skole", "LUP 2", finished=False, started=True),
    )
    assert d.groups_missing == d.groups_without_initiative[:1]  # LUP 2 is still running
    # Bryn's two groups together; Evje and Hosle tie and stand in Norwegian order; Solvik has none
    assert d.most_ideas == (("Bryn skole", 5), ("Evje skole", 4), ("Hosle skole", 4), ("Lindelia bo", 1))
    assert d.most_ideas_tied == 0
    assert [(name, counted(o)) for name, o in d.rounds] == [
        ("Høsten 2024", counted(AUTUMN)),
        ("Våren 2025", counted(SPRING)),
    ]
    assert (d.rounds[0][1].left, d.rounds[1][1].left) == (550_000, 320_000)
    assert d.applications == 7  # the withdrawn one left out
    assert d.funded == 4
    assert d.applied == 1_000_000
    assert d.granted == 630_000
    assert d.benefits == 7
    assert d.benefits_measured == 6
    assert [(s.gain_type, s.unit, s.benefits, s.measured) for s in d.gains] == [
        (GainType.AVOIDED_COSTS, "kr per år", 2, 2),
        (GainType.TIME_SAVED, "timer", 1, 1),
        (GainType.TIME_SAVED, "timer per uke", 2, 2),
        (GainType.QUALITY, "poeng", 2, 1),
    ]
    assert [s.gained for s in d.gains] == [
        pytest.approx(140_000),  # 150 000 avoided, 10 000 lost
        pytest.approx(10),
        pytest.approx(9),  # 6 + 3 hours a week, never added to the 10 hours
        pytest.approx(0.6),
    ]
    # the realised share of the planned change: 140 000 of (250 000 + 40 000); 10 of 50; 9 of (10 + 4)
    assert [s.share_pct for s in d.gains] == [
        pytest.approx(100 * 140_000 / 290_000),
        pytest.approx(20.0),
        pytest.approx(100 * 9 / 14),
        pytest.approx(40.0),
    ]
    assert [(s.summable, s.reached) for s in d.gains] == [(True, 0), (True, 0), (True, 0), (False, 0)]
    assert d.gains[-1].mean_pct == pytest.approx(40.0)  # b5 only: b6 is not measured


def test_stats_agrees_with_the_dashboard(db, reg):
    d = dashboard(db, TODAY)
    s = views.stats(db, TODAY)
    assert s["initiatives"] == d.initiatives == 5
    assert s["groups_without_initiative"] == len(d.groups_without_initiative) == 2
    assert s["benefits"] == d.benefits == 7
    assert s["applications"] == d.applications == 7
    assert s["applications_funded"] == d.funded == 4
    assert s["granted_nok"] == d.granted == 630_000
    assert s["service_locations"] == d.locations == 6
    assert s["service_locations_completed"] == d.locations_completed == 4
    assert s["leader_groups"] == sum(n for _c, n in d.groups_per_cohort) == 6
    assert s["cohorts"] == len(d.groups_per_cohort) == 2
    assert s["ideas"] == sum(n for _u, n in d.most_ideas) == 14


def test_gains_agree_with_the_benefit_views(db, reg):
    rows = [(b.gain_type, b.unit, b.progress) for v in initiatives.all_initiatives(db) for b in v.benefits]
    assert tuple(sum_by_gain_type(rows)) == dashboard(db, TODAY).gains


@pytest.mark.parametrize("today", [date(2024, 3, 1), date(2024, 9, 1), date(2025, 7, 1)])
def test_benefits_to_follow_up_agree_with_the_benefit_views(db, reg, today):
    """Late (target date passed unreached) and due (not measured for half a year), counted by the
    dashboard from each benefit's latest measurement, as each benefit's own status says."""
    from collections import Counter

    from desktop.domain.benefits import FollowUp

    seen = Counter(b.follow_up(today, v.status) for v in initiatives.all_initiatives(db) for b in v.benefits)
    d = dashboard(db, today)
    assert (d.benefits_late, d.benefits_due) == (seen[FollowUp.LATE], seen[FollowUp.DUE])
    if today.year == 2025:
        assert d.benefits_late > 0  # every target date (30 June 2025) has passed by then


def test_a_stopped_initiatives_benefits_need_no_follow_up(db, reg):
    """Stopping an initiative takes its late benefits out of «gevinster trenger oppfølging»; a finished
    initiative's benefits are still followed up (they are often realised after the work is done)."""
    from desktop.domain.initiatives import InitiativeStatus

    today = date(2025, 7, 1)  # every target date (30 June 2025) has passed
    before = dashboard(db, today)
    late = [b for b in initiatives.initiative(db, reg.initiatives["måltid"]).benefits]
    assert late and all(b.follow_up(today, InitiativeStatus.ACTIVE) is FollowUp.LATE for b in late)
    initiatives.update_initiative(db, reg.initiatives["måltid"], status=InitiativeStatus.DONE)
    assert dashboard(db, today).benefits_late == before.benefits_late
    initiatives.update_initiative(db, reg.initiatives["måltid"], status=InitiativeStatus.STOPPED)
    assert dashboard(db, today).benefits_late == before.benefits_late - len(late)
    stopped = initiatives.initiative(db, reg.initiatives["måltid"])
    assert {b.follow_up(today, stopped.status) for b in stopped.benefits} == {FollowUp.STOPPED}


def test_the_views_show_the_realised_share(db, reg):
    found = {b.title: b.progress for v in initiatives.all_initiatives(db) for b in v.benefits}
    assert found["b1"].realised_pct == pytest.approx(60.0)
    assert found["b2"].realised_pct == pytest.approx(60.0)
    assert found["b3"].realised_pct == pytest.approx(75.0)
    assert found["b4"].realised_pct == pytest.approx(20.0)
    assert found["b5"].realised_pct == pytest.approx(40.0)
    assert found["b6"].realised_pct is None
    assert found["b7"].realised_pct == pytest.approx(-25.0)


def test_a_cohort_counts_as_finished_the_day_after_its_last(db, reg):
    assert dashboard(db, date(2024, 6, 30)).locations_completed == 0
    assert views.stats(db, date(2024, 6, 30))["service_locations_completed"] == 0
    assert dashboard(db, date(2024, 7, 1)).locations_completed == 4
    # after LUP 2: Hosle joins; Bryn, in both cohorts, still counts once
    assert dashboard(db, date(2024, 12, 16)).locations_completed == 5
    assert views.stats(db, date(2024, 12, 16))["service_locations_completed"] == 5


def test_figures_follow_edits_and_undo(db, reg):
    # a grant withdrawn frees its money and is no longer counted
    (kontaktkort,) = [
        a
        for a in fund.round_view(db, reg.rounds["autumn"]).applications
        if a.initiative_title == "Kontaktkort"
    ]
    old = fund.update_application(db, kontaktkort.id, decision=W)
    d = dashboard(db, TODAY)
    assert (d.applications, d.funded, d.granted, d.applied) == (6, 3, 380_000, 700_000)
    s = views.stats(db, TODAY)
    assert (s["applications"], s["applications_funded"], s["granted_nok"]) == (6, 3, 380_000)
    fund.update_application(db, kontaktkort.id, **old)
    assert dashboard(db, TODAY).granted == 630_000

    # an initiative deleted: its group shows as missing one, its benefits and applications go, undo restores
    snapshot = initiatives.delete_initiative(db, reg.initiatives["uteskole"])
    d = dashboard(db, TODAY)
    assert d.initiatives == 4
    assert [g.location for g in d.groups_without_initiative] == [
        "Solvik sykehjem",
        "Bryn skole",
        "Hosle skole",
    ]
    assert (d.benefits, d.benefits_measured) == (6, 5)
    assert d.gains[0] == GainSum(
        GainType.AVOIDED_COSTS, "kr per år", pytest.approx(150_000), 1, 1, 250_000, 0, pytest.approx(60.0)
    )
    assert (d.applications, d.funded, d.granted) == (6, 3, 530_000)
    assert views.stats(db, TODAY)["groups_without_initiative"] == 3
    restore_deleted(db, snapshot)
    assert dashboard(db, TODAY) == dashboard(db, TODAY)  # stable
    d = dashboard(db, TODAY)
    assert (d.initiatives, d.benefits, d.applications, d.granted) == (5, 7, 7, 630_000)
    assert d.gains[0].gained == pytest.approx(140_000)


def test_a_tie_on_date_reads_the_same_on_the_dashboard_as_in_the_plan(db, reg):
    """Two measurements on one day: the plan and the dashboard must take the same one as the latest, also
    after one of them was deleted and put back (undo gives it a new place in the table, not a new time)."""
    b5 = reg.benefits["b5"]
    first = initiatives.add_measurement(db, b5, date(2024, 10, 1), 3.9)
    initiatives.add_measurement(db, b5, date(2024, 10, 1), 4.2)
    restore_deleted(db, initiatives.delete_measurement(db, first))
    (plan,) = [b for b in initiatives.initiative(db, reg.initiatives["måltid"]).benefits if b.id == b5]
    assert plan.progress.latest == 4.2
    quality = dashboard(db, TODAY).gains[-1]
    assert quality.gain_type is GainType.QUALITY
    assert quality.gained == pytest.approx(plan.progress.gained) == pytest.approx(1.2)


def test_an_empty_register(db):
    d = dashboard(db, TODAY)
    assert (d.locations, d.locations_completed, d.initiatives, d.benefits, d.benefits_measured) == (
        0,
        0,
        0,
        0,
        0,
    )
    assert d.groups_per_cohort == ()
    assert d.initiatives_by_phase == tuple((phase, 0) for phase in VeikartPhase)
    assert (d.groups_without_initiative, d.most_ideas, d.rounds, d.gains) == ((), (), (), ())
    assert (d.applications, d.funded, d.applied, d.granted) == (0, 0, 0, 0)
    s = views.stats(db, TODAY)
    assert (s["initiatives"], s["groups_without_initiative"], s["benefits"]) == (0, 0, 0)
    assert (s["applications"], s["applications_funded"], s["granted_nok"]) == (0, 0, 0)


def test_a_round_without_applications_is_shown(db, reg):
    fund.create_round(db, "Høsten 2025", 750_000, deadline=date(2025, 10, 1))
    d = dashboard(db, TODAY)
    assert [name for name, _o in d.rounds] == ["Høsten 2024", "Våren 2025", "Høsten 2025"]
    assert counted(d.rounds[-1][1]) == counted(RoundOverview(750_000, 0, 0, 0, 0, 0, 0))
    assert (d.applications, d.granted) == (7, 630_000)


def test_a_hand_count_with_two_quality_units_a_unit_written_two_ways_and_a_withdrawn_grant(db, reg):
    """On top of the register above: a quality benefit in "prosent" (a second quality unit) that reached
    its target, a time benefit in "TIMER per  uke" (the same unit as "timer per uke"), and Kontaktkort's
    grant of 250 000 withdrawn.

    ==========  =============  =================  ============  =========  ========  ===========
    gain type   unit           benefits           gained        planned    share     reached
    ==========  =============  =================  ============  =========  ========  ===========
    kostnader   kr per år      b2, b7             140 000       290 000    48,3 %    0
    tid         timer          b4                 10            50         20 %      0
    tid         timer per uke  b1, b3, b8         6 + 3 + 4     10 + 4 + 4 13/18     1 (b8)
    kvalitet    poeng          b5, b6 (unmeas.)   0,6           1,5        40 %      0
    kvalitet    prosent        b9                 30            20         150 %     1
    ==========  =============  =================  ============  =========  ========  ===========
    """
    b8 = initiatives.create_benefit(
        db, reg.initiatives["kalender"], GainType.TIME_SAVED, "b8", "TIMER per  uke", 6, date(2024, 2, 1), 2
    )
    initiatives.add_measurement(db, b8, date(2024, 8, 1), 4)  # 2 of 4: half way
    initiatives.add_measurement(db, b8, date(2024, 8, 20), 2)  # the latest: all the way
    b9 = initiatives.create_benefit(
        db, reg.initiatives["uteskole"], GainType.QUALITY, "b9", "prosent", 50, date(2024, 2, 1), 70
    )
    initiatives.add_measurement(db, b9, date(2024, 8, 1), 80)  # 30 of 20: 150 %
    (kontaktkort,) = [
        a
        for a in fund.round_view(db, reg.rounds["autumn"]).applications
        if a.initiative_title == "Kontaktkort"
    ]
    fund.update_application(db, kontaktkort.id, decision=W)

    d = dashboard(db, TODAY)
    assert (d.benefits, d.benefits_measured) == (9, 8)
    assert [(s.gain_type, s.unit, s.benefits, s.measured, s.reached) for s in d.gains] == [
        (GainType.AVOIDED_COSTS, "kr per år", 2, 2, 0),
        (GainType.TIME_SAVED, "timer", 1, 1, 0),
        (GainType.TIME_SAVED, "timer per uke", 3, 3, 1),  # as first written
        (GainType.QUALITY, "poeng", 2, 1, 0),
        (GainType.QUALITY, "prosent", 1, 1, 1),
    ]
    assert [s.gained for s in d.gains] == [
        pytest.approx(140_000),
        pytest.approx(10),
        pytest.approx(13),  # 6 + 3 + 4
        pytest.approx(0.6),
        pytest.approx(30),
    ]
    assert [s.share_pct for s in d.gains] == [
        pytest.approx(100 * 140_000 / 290_000),
        pytest.approx(20.0),
        pytest.approx(100 * 13 / 18),
        pytest.approx(40.0),
        pytest.approx(150.0),
    ]
    assert [s.summable for s in d.gains] == [True, True, True, False, False]
    assert [s.mean_pct for s in d.gains[3:]] == [pytest.approx(40.0), pytest.approx(150.0)]
    # the withdrawn applications are neither applied for nor granted: 250 000 more left in the round
    assert counted(d.rounds[0][1]) == counted(RoundOverview(1_000_000, 2, 350_000, 200_000, 1, 1, 0))
    assert d.rounds[0][1].left == 800_000
    assert (d.applications, d.funded, d.applied, d.granted) == (6, 3, 700_000, 380_000)
    s = views.stats(db, TODAY)
    assert (s["benefits"], s["applications"], s["applications_funded"], s["granted_nok"]) == (
        9,
        6,
        3,
        380_000,
    )


def test_ties_for_the_tenth_place_are_counted(db):
    """Twelve locations with 3 ideas and two with 5: the top ten shows both fives and eight threes, and
    says that four more have 3."""
    programme = cohorts.ensure_programme(db)
    sector = register.ensure_sector(db, "Skole")
    lup = cohorts.create_cohort(db, programme, "LUP 1", date(2024, 1, 10), date(2024, 6, 30))
    for n, count in enumerate([5, 5] + [3] * 12 + [1]):
        place = register.create_service_location(db, f"Sted {n:02}", sector)
        _ideas(db, groups.add_leader_group(db, lup, place), count)
    d = dashboard(db, TODAY)
    assert [n for _name, n in d.most_ideas] == [5, 5] + [3] * 8
    assert d.most_ideas_tied == 4
    assert [name for name, _n in d.most_ideas][-1] == "Sted 09"


def test_a_programme_counts_its_own(db, reg):
    """A second programme with one finished cohort, one group with an initiative, a benefit and ideas: each
    programme's dashboard counts its own; the fund rounds and the locations' "all" are the register's."""
    with db.transaction() as s:
        other = Programme(name="Lederprogram 2", description="")
        s.add(other)
        s.flush()
        other_id = other.id
    first = cohorts.ensure_programme(db)
    place = register.create_service_location(db, "Tanum skole", register.ensure_sector(db, "Skole"))
    cohort = cohorts.create_cohort(db, other_id, "Kull A", date(2024, 2, 1), date(2024, 5, 1))
    group = groups.add_leader_group(db, cohort, place)
    _ideas(db, group, 7)
    made = initiatives.create_initiative(db, group, "Ny rutine", phase=VeikartPhase.TJENESTEUTVIKLING)
    benefit = initiatives.create_benefit(db, made, GainType.TIME_SAVED, "t", "timer", 10, date(2024, 2, 1), 5)
    initiatives.add_measurement(db, benefit, date(2024, 4, 1), 8)

    mine = dashboard(db, TODAY, first)
    assert mine.programme_id == first
    assert (mine.locations, mine.locations_completed) == (7, 4)  # Tanum skole is the other programme's
    assert mine.groups_per_cohort == (("LUP 1", 4), ("LUP 2", 2))
    assert (mine.initiatives, mine.benefits, mine.benefits_measured) == (5, 7, 6)
    assert len(mine.groups_without_initiative) == 2
    assert "Tanum skole" not in dict(mine.most_ideas)
    assert [(g.unit, g.gained) for g in mine.gains if g.gain_type is GainType.TIME_SAVED] == [
        ("timer", pytest.approx(10)),
        ("timer per uke", pytest.approx(9)),
    ]

    theirs = dashboard(db, TODAY, other_id)
    assert (theirs.locations, theirs.locations_completed) == (7, 1)
    assert theirs.groups_per_cohort == (("Kull A", 1),)
    assert theirs.initiatives == 1
    assert dict(theirs.initiatives_by_phase)[VeikartPhase.TJENESTEUTVIKLING] == 1
    assert theirs.groups_without_initiative == ()
    assert theirs.most_ideas == (("Tanum skole", 7),)
    assert [(g.gain_type, g.unit, g.gained, g.benefits) for g in theirs.gains] == [
        (GainType.TIME_SAVED, "timer", pytest.approx(2), 1)
    ]
    assert theirs.rounds == mine.rounds  # the fund is the register's

    everything = dashboard(db, TODAY)
    assert everything.programme_id is None
    assert (everything.initiatives, everything.benefits, everything.locations_completed) == (6, 8, 5)
    assert everything.groups_per_cohort == (("LUP 1", 4), ("Kull A", 1), ("LUP 2", 2))


def test_only_each_benefits_latest_measurement_is_read(db, reg, monkeypatch):
    """After ten years the dashboard read all 60,000 measurements into Python to find each benefit's latest
    (0.7 s to show it, 2 s after an edit)."""
    from desktop.services import dashboard as module

    b5 = reg.benefits["b5"]
    for day in range(1, 21):
        initiatives.add_measurement(db, b5, date(2024, 9, day), 3.0 + day / 100)
    made: list[object] = []
    real = module.Measurement
    monkeypatch.setattr(module, "Measurement", lambda on, value: made.append(on) or real(on, value))
    d = dashboard(db, TODAY)
    assert len(made) == d.benefits_measured  # one per measured benefit
    rows = [(b.gain_type, b.unit, b.progress) for v in initiatives.all_initiatives(db) for b in v.benefits]
    assert tuple(sum_by_gain_type(rows)) == d.gains
