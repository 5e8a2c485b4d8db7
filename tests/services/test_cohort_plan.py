"""A cohort's sessions from the kit's programme, at once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop.errors import ValidationError
from desktop.kits import load_kit
from desktop.services import cohort_plan, cohorts, timeplan, views
from desktop.services.common import restore_deleted

LUP = load_kit(Path(__file__).resolve().parents[2] / "workshop_kits" / "lup")


def test_dates_are_spread_over_the_period_on_the_first_days_weekday() -> None:
    days = cohort_plan.programme_dates(date(2027, 1, 5), date(2027, 6, 22), 6)  # a Tuesday to a Tuesday
    assert days[0] == date(2027, 1, 5) and days[-1] == date(2027, 6, 22)
    assert all(d.weekday() == 1 for d in days) and days == sorted(set(days))
    gaps = [(b - a).days for a, b in zip(days, days[1:], strict=False)]
    assert max(gaps) - min(gaps) <= 7
    short = cohort_plan.programme_dates(date(2027, 1, 4), date(2027, 1, 9), 6)  # six days, six sessions
    assert short == sorted(set(short)) and short[-1] <= date(2027, 1, 9)
    with pytest.raises(ValidationError):
        cohort_plan.programme_dates(date(2027, 1, 4), date(2027, 1, 6), 6)


def test_a_new_cohort_gets_the_programme_with_plans_and_undo_takes_it_away(db) -> None:
    programme = cohorts.ensure_programme(db)
    cohort = cohorts.create_cohort(db, programme, "LUP 9", date(2027, 1, 5), date(2027, 6, 22))
    made = cohort_plan.plan_programme(db, cohort, LUP, place="Bærum rådhus")
    assert len(made) == len(LUP.sequence)
    plans = [timeplan.load_plan(db, s) for s in made]
    assert [p.template_id for p in plans] == list(LUP.sequence)
    assert all(p.blocks and p.schedule().on_time for p in plans)  # each in its template's hours
    assert views.cohort_detail(db, cohort).sessions == len(made)
    with pytest.raises(ValidationError):
        cohort_plan.plan_programme(db, cohort, LUP)  # not twice
    snapshot = cohort_plan.remove_sessions(db, made)
    assert views.cohort_detail(db, cohort).sessions == 0
    restore_deleted(db, snapshot)
    assert [timeplan.load_plan(db, s).template_id for s in made] == list(LUP.sequence)


def test_dates_always_fit_the_period_and_keep_to_the_weekday_where_they_can() -> None:
    """A 6.–20. January cohort got its last session on the 21st; Monday to Friday put the last one on a
    Friday though the Monday before was free."""
    from datetime import timedelta

    assert cohort_plan.programme_dates(date(2025, 1, 6), date(2025, 6, 20), 6)[-1] == date(2025, 6, 16)
    for days_long in range(5, 200):
        start = date(2025, 1, 6)
        days = cohort_plan.programme_dates(start, start + timedelta(days=days_long), 6)
        assert (
            days == sorted(set(days)) and start <= days[0] and days[-1] <= start + timedelta(days=days_long)
        )
        if days_long >= 35:  # a week or more between sessions: all on the first day's weekday
            assert {d.weekday() for d in days} == {start.weekday()}


def test_a_short_cohort_meets_on_workdays_where_it_can() -> None:
    days = cohort_plan.programme_dates(date(2027, 12, 20), date(2028, 1, 5), 6)
    assert all(d.weekday() < 5 for d in days) and days == sorted(set(days))


def test_a_cohort_with_a_session_planned_by_hand_gets_the_rest_of_the_programme(db) -> None:
    """The bulk action refused a cohort with any session, so one made by hand meant planning the other
    five one at a time; now the programme's missing sessions are made, on free days."""
    from datetime import time

    from desktop.domain.enums import SessionKind

    programme = cohorts.ensure_programme(db)
    cohort = cohorts.create_cohort(db, programme, "LUP 9", date(2027, 1, 5), date(2027, 6, 22))
    by_hand = cohorts.plan_session(
        db, cohort, SessionKind.OPENING, "Oppstartsamling", date(2027, 1, 5), time(9), time(15)
    )
    planned = cohort_plan.planned_programme(db, cohort, LUP)
    assert [t.id for _d, t in planned] == list(LUP.sequence[1:])  # not a second opening
    assert date(2027, 1, 5) not in [d for d, _t in planned]
    made = cohort_plan.plan_programme(db, cohort, LUP)
    assert len(made) == len(LUP.sequence) - 1 and by_hand not in made
    with pytest.raises(ValidationError):
        cohort_plan.plan_programme(db, cohort, LUP)  # all there now


def test_a_cohort_starting_on_a_weekend_meets_on_the_monday_after() -> None:
    days = cohort_plan.programme_dates(date(2026, 8, 1), date(2027, 1, 31), 6)  # a Saturday
    assert {d.weekday() for d in days} == {0}
