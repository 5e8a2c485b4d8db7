"""Programmes, cohorts and sessions: happy paths, refusals by field, undo values, nothing stored half."""

from __future__ import annotations

import uuid
from datetime import date, time

import pytest
from sqlalchemy import select

from desktop.domain.enums import SessionKind
from desktop.errors import NotFoundError, ValidationError
from desktop.services import cohorts, groups, register
from desktop.services.common import restore_deleted
from desktop.services.views import cohort_detail, session_detail
from desktop.storage.models import Cohort, Programme, Session

# --- programmes ------------------------------------------------------------------------------------------


def test_ensure_programme_creates_the_default_once(db) -> None:
    first = cohorts.ensure_programme(db)
    assert cohorts.ensure_programme(db) == first
    with db.transaction() as s:
        programmes = s.scalars(select(Programme)).all()
        assert [(p.id, p.name, p.description) for p in programmes] == [(first, cohorts.DEFAULT_PROGRAMME, "")]


def test_update_programme_and_undo(db) -> None:
    programme = cohorts.ensure_programme(db)
    previous = cohorts.update_programme(db, programme, name="  LUP  2.0 ", description="  Nytt opplegg \n")
    assert previous == {"name": cohorts.DEFAULT_PROGRAMME, "description": ""}
    with db.transaction() as s:
        row = s.get(Programme, programme)
        assert (row.name, row.description) == ("LUP 2.0", "Nytt opplegg")
    cohorts.update_programme(db, programme, **previous)
    with db.transaction() as s:
        assert s.get(Programme, programme).name == cohorts.DEFAULT_PROGRAMME


def test_update_programme_refuses_empty_name(db, rows) -> None:
    programme = cohorts.ensure_programme(db)
    before = rows(db)
    with pytest.raises(ValidationError) as info:
        cohorts.update_programme(db, programme, name=" ")
    assert info.value.field == "name"
    assert rows(db) == before
    with pytest.raises(NotFoundError):
        cohorts.update_programme(db, uuid.uuid4(), name="LUP")


# --- cohorts ---------------------------------------------------------------------------------------------


def test_create_cohort(db) -> None:
    programme = cohorts.ensure_programme(db)
    cohort = cohorts.create_cohort(db, programme, "  LUP   8 ", date(2019, 3, 5), date(2019, 8, 20))
    with db.transaction() as s:
        row = s.get(Cohort, cohort)
        assert (row.programme_id, row.name, row.start_date, row.end_date) == (
            programme,
            "LUP 8",
            date(2019, 3, 5),
            date(2019, 8, 20),
        )


def test_create_one_day_cohort(db) -> None:
    programme = cohorts.ensure_programme(db)
    cohort = cohorts.create_cohort(db, programme, "Dagskurs", date(2019, 3, 5), date(2019, 3, 5))
    assert cohort_detail(db, cohort).end_date == date(2019, 3, 5)


@pytest.mark.parametrize(
    ("name", "start", "end", "field"),
    [
        ("", date(2019, 1, 1), date(2019, 6, 1), "name"),
        ("   ", date(2019, 1, 1), date(2019, 6, 1), "name"),
        ("LUP 1", date(2019, 1, 1), date(2019, 6, 1), "name"),  # taken in the programme
        (" LUP  1 ", date(2019, 1, 1), date(2019, 6, 1), "name"),
        ("LUP 9", date(2019, 6, 1), date(2019, 5, 31), "end_date"),
    ],
)
def test_create_cohort_refusals_store_nothing(small, db, rows, name, start, end, field) -> None:
    before = rows(db)
    with pytest.raises(ValidationError) as info:
        cohorts.create_cohort(db, small.programme, name, start, end)
    assert info.value.field == field
    assert rows(db) == before


def test_same_cohort_name_in_another_programme_is_allowed(small, db) -> None:
    with db.transaction() as s:
        other = Programme(name="Et annet program", description="")
        s.add(other)
        s.flush()
        other_id = other.id
    cohort = cohorts.create_cohort(db, other_id, "LUP 1", date(2019, 1, 1), date(2019, 6, 1))
    assert cohort != small.cohort


def test_create_cohort_in_unknown_programme(db, rows) -> None:
    before = rows(db)
    with pytest.raises(NotFoundError):
        cohorts.create_cohort(db, uuid.uuid4(), "LUP 1", date(2019, 1, 1), date(2019, 6, 1))
    assert rows(db) == before


def test_update_cohort_returns_previous_values_and_undo_restores(small, db) -> None:
    previous = cohorts.update_cohort(
        db, small.cohort, name="LUP 1 (vår)", start_date=date(2018, 2, 1), end_date=date(2018, 9, 30)
    )
    assert previous == {"name": "LUP 1", "start_date": date(2018, 3, 1), "end_date": date(2018, 8, 31)}
    detail = cohort_detail(db, small.cohort)
    assert (detail.name, detail.start_date, detail.end_date) == (
        "LUP 1 (vår)",
        date(2018, 2, 1),
        date(2018, 9, 30),
    )
    assert cohorts.update_cohort(db, small.cohort, **previous) == {
        "name": "LUP 1 (vår)",
        "start_date": date(2018, 2, 1),
        "end_date": date(2018, 9, 30),
    }
    detail = cohort_detail(db, small.cohort)
    assert (detail.name, detail.start_date, detail.end_date) == ("LUP 1", date(2018, 3, 1), date(2018, 8, 31))


def test_rename_cohort(small, db) -> None:
    assert cohorts.update_cohort(db, small.cohort, name="  LUP  Én ") == {"name": "LUP 1"}
    assert cohort_detail(db, small.cohort).name == "LUP Én"
    assert cohorts.update_cohort(db, small.cohort, name="LUP Én") == {}


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"name": ""}, "name"),
        ({"start_date": date(2018, 3, 7)}, "start_date"),  # the session on 6 March would fall outside
        ({"end_date": date(2018, 3, 5)}, "end_date"),
        ({"start_date": date(2018, 9, 1), "end_date": date(2018, 12, 1)}, "start_date"),
        ({"start_date": date(2018, 1, 1), "end_date": date(2018, 3, 5)}, "end_date"),
        ({"end_date": date(2018, 2, 1)}, "end_date"),  # ends before it starts
        ({"start_date": date(2019, 2, 1)}, "start_date"),  # starts after it ends: said at the start
    ],
)
def test_update_cohort_refusals_store_nothing(small, db, rows, values, field) -> None:
    before = rows(db)
    with pytest.raises(ValidationError) as info:
        cohorts.update_cohort(db, small.cohort, **values)
    assert info.value.field == field
    assert rows(db) == before


def test_update_cohort_leaving_a_session_outside_names_it(small, db) -> None:
    with pytest.raises(ValidationError) as info:
        cohorts.update_cohort(db, small.cohort, start_date=date(2018, 4, 1))
    assert "Oppstartsamling" in info.value.message
    assert "06.03.2018" in info.value.message


def test_update_cohort_refuses_a_name_taken_in_the_programme(small, db, rows) -> None:
    cohorts.create_cohort(db, small.programme, "LUP 2", date(2018, 9, 1), date(2019, 2, 28))
    before = rows(db)
    with pytest.raises(ValidationError) as info:
        cohorts.update_cohort(db, small.cohort, name="LUP 2")
    assert info.value.field == "name"
    assert rows(db) == before


def test_update_unknown_cohort(db) -> None:
    with pytest.raises(NotFoundError):
        cohorts.update_cohort(db, uuid.uuid4(), name="LUP 1")
    with pytest.raises(NotFoundError):
        cohorts.delete_cohort(db, uuid.uuid4())


def test_delete_cohort_takes_everything_and_restore_brings_it_back(small, db, rows) -> None:
    cohorts.assign_cohort_facilitators(db, small.cohort, [small.kari, small.ola])
    cohorts.assign_session_facilitators(db, small.session, [small.kari])
    before = rows(db)

    snapshot = cohorts.delete_cohort(db, small.cohort)

    after = rows(db)
    for table in (
        "cohort",
        "session",
        "leader_group",
        "participant",
        "cohort_facilitator",
        "session_facilitator",
    ):
        assert after[table] == [], table
    assert len(after["facilitator"]) == 2
    assert len(after["service_location"]) == 2
    restore_deleted(db, snapshot)
    assert rows(db) == before


def test_assign_cohort_facilitators_returns_the_previous_list(small, db) -> None:
    assert cohorts.assign_cohort_facilitators(db, small.cohort, [small.kari, small.ola, small.kari]) == []
    assert cohort_detail(db, small.cohort).facilitator_ids == {small.kari, small.ola}
    previous = cohorts.assign_cohort_facilitators(db, small.cohort, [small.ola])
    assert sorted(previous) == sorted([small.kari, small.ola])
    assert cohort_detail(db, small.cohort).facilitator_ids == {small.ola}
    assert cohorts.assign_cohort_facilitators(db, small.cohort, previous) == [small.ola]
    assert cohort_detail(db, small.cohort).facilitator_ids == {small.kari, small.ola}
    assert sorted(cohorts.assign_cohort_facilitators(db, small.cohort, [])) == sorted([small.kari, small.ola])
    assert cohort_detail(db, small.cohort).facilitator_ids == frozenset()


def test_assign_cohort_facilitators_with_the_same_set_changes_nothing(small, db, rows) -> None:
    cohorts.assign_cohort_facilitators(db, small.cohort, [small.kari, small.ola])
    before = rows(db)
    cohorts.assign_cohort_facilitators(db, small.cohort, [small.ola, small.kari])
    assert rows(db) == before


def test_assign_unknown_facilitator_stores_nothing(small, db, rows) -> None:
    cohorts.assign_cohort_facilitators(db, small.cohort, [small.kari])
    before = rows(db)
    with pytest.raises(NotFoundError):
        cohorts.assign_cohort_facilitators(db, small.cohort, [small.ola, uuid.uuid4()])
    with pytest.raises(NotFoundError):
        cohorts.assign_cohort_facilitators(db, uuid.uuid4(), [small.ola])
    assert rows(db) == before


# --- sessions --------------------------------------------------------------------------------------------


def test_plan_session(small, db) -> None:
    session_id = cohorts.plan_session(
        db,
        small.cohort,
        "working",
        "  Innsikt og  brukerreiser ",
        date(2018, 4, 3),
        time(9),
        time(15),
        " Sandvika ",
    )
    detail = session_detail(db, session_id)
    assert (detail.cohort_id, detail.cohort_name, detail.kind, detail.title, detail.date) == (
        small.cohort,
        "LUP 1",
        SessionKind.WORKING,
        "Innsikt og brukerreiser",
        date(2018, 4, 3),
    )
    assert (detail.start_time, detail.end_time, detail.place) == (time(9), time(15), "Sandvika")
    assert detail.facilitator_ids == frozenset()


def test_sessions_on_the_first_and_last_day_are_inside(small, db) -> None:
    cohorts.plan_session(
        db, small.cohort, SessionKind.WORKING, "Første dag", date(2018, 3, 1), time(9), time(10)
    )
    cohorts.plan_session(
        db, small.cohort, SessionKind.CLOSING, "Siste dag", date(2018, 8, 31), time(9), time(10)
    )
    assert cohort_detail(db, small.cohort).sessions == 3


@pytest.mark.parametrize(
    ("title", "day", "start", "end", "field"),
    [
        ("", date(2018, 4, 3), time(9), time(15), "title"),
        ("  ", date(2018, 4, 3), time(9), time(15), "title"),
        ("Innsikt", date(2018, 4, 3), time(15), time(9), "end_time"),  # ends before it starts
        ("Innsikt", date(2018, 4, 3), time(9), time(9), "end_time"),
        ("Innsikt", date(2018, 2, 28), time(9), time(15), "date"),  # before the cohort
        ("Innsikt", date(2018, 9, 1), time(9), time(15), "date"),  # after the cohort
    ],
)
def test_plan_session_refusals_store_nothing(small, db, rows, title, day, start, end, field) -> None:
    before = rows(db)
    with pytest.raises(ValidationError) as info:
        cohorts.plan_session(db, small.cohort, SessionKind.WORKING, title, day, start, end)
    assert info.value.field == field
    assert rows(db) == before


def test_plan_session_in_unknown_cohort(db, rows) -> None:
    before = rows(db)
    with pytest.raises(NotFoundError):
        cohorts.plan_session(
            db, uuid.uuid4(), SessionKind.WORKING, "Innsikt", date(2018, 4, 3), time(9), time(15)
        )
    assert rows(db) == before


def test_update_session_returns_previous_values_and_undo_restores(small, db, rows) -> None:
    before = rows(db)
    previous = cohorts.update_session(
        db,
        small.session,
        kind="working",
        title="Innsikt",
        date=date(2018, 4, 3),
        start_time=time(9),
        end_time=time(14),
        place="  Sandvika ",
    )
    assert previous == {
        "kind": SessionKind.OPENING,
        "title": "Oppstartsamling",
        "date": date(2018, 3, 6),
        "start_time": time(8, 30),
        "end_time": time(15, 30),
        "place": "Dønski",
    }
    detail = session_detail(db, small.session)
    assert (detail.kind, detail.title, detail.date, detail.end_time, detail.place) == (
        SessionKind.WORKING,
        "Innsikt",
        date(2018, 4, 3),
        time(14),
        "Sandvika",
    )
    cohorts.update_session(db, small.session, **previous)
    restored = rows(db)
    strip = lambda table: [{k: v for k, v in r.items() if k != "updated_at"} for r in table]  # noqa: E731
    assert strip(restored["session"]) == strip(before["session"])


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"title": " "}, "title"),
        ({"end_time": time(8)}, "end_time"),  # before the stored start 08:30
        ({"start_time": time(16)}, "end_time"),  # after the stored end 15:30
        ({"date": date(2018, 9, 1)}, "date"),
        ({"date": date(2017, 3, 6), "title": "Ny"}, "date"),
    ],
)
def test_update_session_refusals_store_nothing(small, db, rows, values, field) -> None:
    before = rows(db)
    with pytest.raises(ValidationError) as info:
        cohorts.update_session(db, small.session, **values)
    assert info.value.field == field
    assert rows(db) == before


def test_delete_session_and_restore(small, db, rows) -> None:
    cohorts.assign_session_facilitators(db, small.session, [small.kari, small.ola])
    before = rows(db)
    snapshot = cohorts.delete_session(db, small.session)
    after = rows(db)
    assert after["session"] == []
    assert after["session_facilitator"] == []
    assert len(after["cohort"]) == 1
    restore_deleted(db, snapshot)
    assert rows(db) == before


def test_unknown_session(db) -> None:
    with pytest.raises(NotFoundError):
        cohorts.update_session(db, uuid.uuid4(), title="Ny")
    with pytest.raises(NotFoundError):
        cohorts.delete_session(db, uuid.uuid4())
    with pytest.raises(NotFoundError):
        cohorts.assign_session_facilitators(db, uuid.uuid4(), [])


def test_assign_session_facilitators_returns_the_previous_list(small, db) -> None:
    assert cohorts.assign_session_facilitators(db, small.session, [small.kari]) == []
    assert session_detail(db, small.session).facilitator_ids == {small.kari}
    assert cohorts.assign_session_facilitators(db, small.session, [small.ola]) == [small.kari]
    assert session_detail(db, small.session).facilitator_ids == {small.ola}
    assert cohorts.assign_session_facilitators(db, small.session, [small.kari]) == [small.ola]
    assert session_detail(db, small.session).facilitator_ids == {small.kari}


def test_deleting_a_facilitator_removes_their_assignments(small, db) -> None:
    cohorts.assign_cohort_facilitators(db, small.cohort, [small.kari, small.ola])
    cohorts.assign_session_facilitators(db, small.session, [small.kari, small.ola])
    snapshot = register.delete_facilitator(db, small.ola)
    assert cohort_detail(db, small.cohort).facilitator_ids == {small.kari}
    assert session_detail(db, small.session).facilitator_ids == {small.kari}
    restore_deleted(db, snapshot)
    assert cohort_detail(db, small.cohort).facilitator_ids == {small.kari, small.ola}
    assert session_detail(db, small.session).facilitator_ids == {small.kari, small.ola}


def test_cohort_detail_counts(small, db) -> None:
    groups.add_leader_group(db, small.cohort, small.evje)
    detail = cohort_detail(db, small.cohort)
    assert (detail.programme_id, detail.sessions, detail.groups, detail.participants) == (
        small.programme,
        1,
        2,
        2,
    )
    with db.transaction() as s:
        assert s.scalar(select(Session.title).where(Session.cohort_id == small.cohort)) == "Oppstartsamling"
