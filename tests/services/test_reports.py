"""Gathering what the PDFs show: a leader group's work, a cohort in figures, and finding what a user named."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.errors import LupError, NotFoundError
from desktop.services import reports
from desktop.services.demo import demo_id

CAPRALHAUGEN = demo_id("group", "LUP 4:Capralhaugen BBS")


def test_group_report_of_a_demo_group(demo_db) -> None:
    data = reports.group_report(demo_db, CAPRALHAUGEN, today=date(2018, 1, 1))
    assert (data.location, data.cohort, data.sector) == ("Capralhaugen BBS", "LUP 4", "Helse og omsorg")
    assert len(data.facilitators) >= 2 and data.lead_facilitator in data.facilitators
    assert [p.role for p in data.participants][0] == "Leder"
    assert len(data.sessions) == 6 and all(s.was_run for s in data.sessions)
    ide = next(s for s in data.sessions if s.title == "Idéutvikling")
    assert "ideas" in ide.tools
    assert ide.blocks[0].start == ide.start  # planned clock times from the session's start
    assert ide.actual_start == "09:00"  # stored in UTC, shown in Norwegian time
    assert len(data.journeys) == 2 and all(m.session_id is not None for m in data.journeys)
    assert data.board.ideas[0].votes >= data.board.ideas[-1].votes
    assert [i.number for i in data.board.ideas] == list(range(1, len(data.board.ideas) + 1))
    assert data.prototypes and all(p.rounds for p in data.prototypes)
    assert data.prototypes[0].kind  # the prototyping card's title from the kit
    assert data.initiatives and data.initiatives[0].benefits
    assert data.made_on == date(2018, 1, 1)
    assert not data.empty


def test_group_report_reads_one_moment_of_the_register(demo_db, monkeypatch) -> None:
    """One transaction: a summary made while another window writes shows the register as it was at one
    moment, never an idea board from before an edit beside prototypes from after it."""
    opened = []
    transaction = demo_db.transaction

    def counted():
        opened.append(1)
        return transaction()

    monkeypatch.setattr(demo_db, "transaction", counted)
    data = reports.group_report(demo_db, CAPRALHAUGEN)
    assert data.board.ideas and data.prototypes and data.initiatives
    assert len(opened) == 1


def test_group_report_of_a_new_group_is_empty(db, small) -> None:
    data = reports.group_report(db, small.group)
    assert data.empty
    assert {p.name for p in data.participants} == {"Per Olsen", "Anne Berg"}
    assert len(data.sessions) == 1 and not data.sessions[0].was_run
    assert data.photos == ()


def test_cohort_report_of_a_demo_cohort(demo_db) -> None:
    data = reports.cohort_report(demo_db, demo_id("cohort", "LUP 4"), today=date(2019, 6, 1))
    assert data.name == "LUP 4" and data.finished
    assert len(data.groups) == 21
    assert "Capralhaugen BBS" in {g.location for g in data.groups}
    assert data.participants == sum(g.participants for g in data.groups) > 21
    assert len(data.initiatives) == sum(len(g.initiatives) for g in data.groups)
    assert sum(g.benefits for g in data.gains) == data.benefits
    assert data.locations == 180
    assert sum(c.in_cohort for c in data.coverage) == 21
    assert sum(c.locations for c in data.coverage) == data.locations  # every sector, reached or not
    assert sum(n for _label, n in data.phases) == len(data.initiatives)


def test_find_group_by_name_id_cohort_and_ambiguity(db, small) -> None:
    from desktop.services import cohorts, groups

    assert groups.find_group(db, " bryn SKOLE ") == small.group
    assert groups.find_group(db, str(small.group)) == small.group
    with pytest.raises(NotFoundError, match="Evje skole"):
        groups.find_group(db, "Evje skole")
    other = cohorts.create_cohort(db, small.programme, "LUP 2", date(2018, 9, 1), date(2019, 2, 28))
    second = groups.add_leader_group(db, other, small.bryn)
    with pytest.raises(LupError) as raised:
        groups.find_group(db, "Bryn skole")
    assert "LUP 1" in raised.value.message and "LUP 2" in raised.value.message
    assert str(second) in raised.value.message and "--cohort" in raised.value.message
    assert groups.find_group(db, "Bryn skole", cohort="lup 2") == second
    with pytest.raises(NotFoundError, match="LUP 9"):
        groups.find_group(db, "Bryn skole", cohort="LUP 9")


def test_find_session_and_cohort(db, small) -> None:
    assert reports.find_session(db, small.group, "oppstartsamling") == small.session
    assert reports.find_session(db, small.group, "Oppstart") == small.session
    with pytest.raises(NotFoundError, match="Oppstartsamling"):
        reports.find_session(db, small.group, "Finnes ikke")
    assert reports.find_cohort(db, "lup 1") == small.cohort
    with pytest.raises(NotFoundError, match="LUP 1"):
        reports.find_cohort(db, "LUP 9")


def test_a_cohort_report_reads_the_same_few_queries_whatever_the_programme_holds(demo_db) -> None:
    """After ten years the report took 2.5 s: it asked for the cohort's groups once per group of the whole
    programme, and read every initiative, benefit and measurement of the register."""
    from sqlalchemy import event

    statements: list[str] = []
    event.listen(demo_db.engine, "before_cursor_execute", lambda _c, _cur, sql, *_a: statements.append(sql))

    def queries(cohort: str) -> int:
        statements.clear()
        reports.cohort_report(demo_db, demo_id("cohort", cohort), today=date(2019, 6, 1))
        return len(statements)

    small, large = queries("LUP 1"), queries("LUP 4")
    assert small == large < 60
    assert not any("FROM benefit_measurement" in s and "IN (" not in s for s in statements)
