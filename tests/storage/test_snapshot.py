"""Snapshots make every delete undoable exactly: the same rows, UUIDs and timestamps come back."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, select, text

from desktop.services.demo import demo_id
from desktop.storage.models import (
    Base,
    Cohort,
    CohortFacilitator,
    Facilitator,
    LeaderGroup,
    Participant,
    Session,
    SessionFacilitator,
)
from desktop.storage.snapshot import Snapshot, capture, restore


def all_rows(db) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table as stored, ordered by id."""
    with db.engine.connect() as con:
        return {
            name: [dict(r._mapping) for r in con.execute(select(table).order_by(table.c.id))]
            for name, table in Base.metadata.tables.items()
        }


def counts(db) -> dict[str, int]:
    with db.engine.connect() as con:
        return {
            name: con.scalar(select(func.count()).select_from(table))
            for name, table in Base.metadata.tables.items()
        }


def capture_and_delete(db, model, row_id) -> Snapshot:
    with db.transaction() as session:
        snapshot = capture(session, model.__tablename__, [row_id])
        session.execute(delete(model).where(model.id == row_id))
    return snapshot


def test_delete_cohort_and_restore_gives_back_identical_rows(demo_db) -> None:
    cohort_id = demo_id("cohort", "LUP 3")
    before = all_rows(demo_db)
    before_counts = counts(demo_db)

    snapshot = capture_and_delete(demo_db, Cohort, cohort_id)

    captured = {}
    for name, _row in snapshot.rows:
        captured[name] = captured.get(name, 0) + 1
    with demo_db.engine.connect() as con:
        groups = con.scalar(
            select(func.count()).select_from(LeaderGroup).where(LeaderGroup.cohort_id == cohort_id)
        )
    assert groups == 0
    assert captured["cohort"] == 1
    assert captured["leader_group"] == 20
    assert captured["session"] == 6
    assert captured["participant"] == before_counts["participant"] - counts(demo_db)["participant"]
    assert (
        captured["session_facilitator"]
        == before_counts["session_facilitator"] - counts(demo_db)["session_facilitator"]
    )
    assert captured["cohort_facilitator"] == 2  # LUP 1, 3, 5 and 7 have a team of two
    assert snapshot.nulled == ()
    after_delete = counts(demo_db)
    assert after_delete["cohort"] == 6
    assert after_delete["leader_group"] == 132
    assert after_delete["session"] == 36
    assert after_delete["facilitator"] == 5
    assert after_delete["service_location"] == 180

    with demo_db.transaction() as session:
        restore(session, snapshot)

    assert all_rows(demo_db) == before


def test_snapshot_rows_are_in_insert_order(demo_db) -> None:
    with demo_db.transaction() as session:
        snapshot = capture(session, "cohort", [demo_id("cohort", "LUP 1")])
    order = [t.name for t in Base.metadata.sorted_tables]
    positions = [order.index(name) for name, _row in snapshot.rows]
    assert positions == sorted(positions)
    assert snapshot.rows[0][0] == "cohort"


def test_capture_of_nothing_is_empty(demo_db) -> None:
    import uuid

    with demo_db.transaction() as session:
        snapshot = capture(session, "cohort", [uuid.uuid4()])
    assert snapshot == Snapshot()


def test_delete_facilitator_nulls_lead_and_restore_puts_it_back(demo_db) -> None:
    facilitator_id = demo_id("facilitator", "Ingrid Sæther")
    with demo_db.engine.connect() as con:
        led = set(
            con.scalars(select(LeaderGroup.id).where(LeaderGroup.lead_facilitator_id == facilitator_id))
        )
        links = con.scalar(
            select(func.count())
            .select_from(CohortFacilitator)
            .where(CohortFacilitator.facilitator_id == facilitator_id)
        )
        session_links = con.scalar(
            select(func.count())
            .select_from(SessionFacilitator)
            .where(SessionFacilitator.facilitator_id == facilitator_id)
        )
    assert len(led) == 37
    assert links > 0
    assert session_links == 6 * links
    before = all_rows(demo_db)

    snapshot = capture_and_delete(demo_db, Facilitator, facilitator_id)

    assert {(n[0], n[1], n[2], n[3]) for n in snapshot.nulled} == {
        ("leader_group", group_id, "lead_facilitator_id", facilitator_id) for group_id in led
    }
    with demo_db.engine.connect() as con:
        assert con.scalar(
            select(func.count())
            .select_from(LeaderGroup)
            .where(LeaderGroup.id.in_(led), LeaderGroup.lead_facilitator_id.is_(None))
        ) == len(led)
        assert (
            con.scalar(
                select(func.count())
                .select_from(CohortFacilitator)
                .where(CohortFacilitator.facilitator_id == facilitator_id)
            )
            == 0
        )
        # Leader groups and participants are kept; only the reference is cleared.
        assert con.scalar(select(func.count()).select_from(LeaderGroup)) == 152

    with demo_db.transaction() as session:
        restore(session, snapshot)

    after = all_rows(demo_db)
    for name in before:
        if name != "leader_group":
            assert after[name] == before[name], name
    strip = [{k: v for k, v in row.items() if k != "updated_at"} for row in before["leader_group"]]
    assert [{k: v for k, v in row.items() if k != "updated_at"} for row in after["leader_group"]] == strip


def test_undo_of_facilitator_delete_keeps_leader_group_timestamps(demo_db) -> None:
    facilitator_id = demo_id("facilitator", "Ingrid Sæther")
    before = all_rows(demo_db)
    snapshot = capture_and_delete(demo_db, Facilitator, facilitator_id)
    with demo_db.transaction() as session:
        restore(session, snapshot)
    assert all_rows(demo_db)["leader_group"] == before["leader_group"]


def test_delete_participant_and_restore(demo_db) -> None:
    with demo_db.engine.connect() as con:
        participant_id = con.scalar(select(Participant.id).order_by(Participant.name).limit(1))
    before = all_rows(demo_db)
    [(votes,)] = demo_db.engine.connect().execute(
        text("SELECT count(*) FROM vote WHERE participant_id = :p"), {"p": participant_id.hex}
    )
    snapshot = capture_and_delete(demo_db, Participant, participant_id)
    assert [name for name, _row in snapshot.rows] == ["participant"] + ["vote"] * votes  # their dots go too
    assert counts(demo_db)["participant"] == len(before["participant"]) - 1
    with demo_db.transaction() as session:
        restore(session, snapshot)
    assert all_rows(demo_db) == before


def test_delete_session_and_restore_brings_back_its_facilitators(demo_db) -> None:
    session_id = demo_id("session", "LUP 2:Idéutvikling")
    before = all_rows(demo_db)
    snapshot = capture_and_delete(demo_db, Session, session_id)
    names = [name for name, _row in snapshot.rows]
    assert names[0] == "session"  # parents first
    assert names.count("session") == 1
    assert names.count("session_facilitator") == 3  # LUP 2, 4 and 6 have a team of three
    assert names.count("agenda_block") > 0  # its time plan goes (and comes back) with it
    assert set(names) == {"session", "session_facilitator", "agenda_block"}
    with demo_db.transaction() as session:
        restore(session, snapshot)
    assert all_rows(demo_db) == before
