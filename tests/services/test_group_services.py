"""Leader groups and participants: happy paths, refusals by field, undo values, nothing stored half."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from sqlalchemy import select

from desktop.domain.enums import ParticipantRole
from desktop.errors import NotFoundError, ValidationError
from desktop.services import cohorts, groups
from desktop.services.common import restore_deleted
from desktop.services.views import group_detail
from desktop.storage.models import LeaderGroup, Participant

# --- leader groups ---------------------------------------------------------------------------------------


def test_add_leader_group(small, db) -> None:
    group = groups.add_leader_group(db, small.cohort, small.evje, small.ola)
    detail = group_detail(db, group)
    assert (
        detail.cohort_id,
        detail.cohort_name,
        detail.location_id,
        detail.location_name,
        detail.sector_name,
    ) == (small.cohort, "LUP 1", small.evje, "Evje skole", "Skole")
    assert detail.lead_facilitator_id == small.ola
    assert detail.participants == ()


def test_add_leader_group_without_lead(small, db) -> None:
    group = groups.add_leader_group(db, small.cohort, small.evje)
    assert group_detail(db, group).lead_facilitator_id is None


def test_second_group_for_a_location_in_a_cohort_is_refused(small, db, rows) -> None:
    before = rows(db)
    with pytest.raises(ValidationError) as info:
        groups.add_leader_group(db, small.cohort, small.bryn, small.ola)
    assert info.value.field == "service_location"
    assert "Bryn skole" in info.value.message
    assert "LUP 1" in info.value.message
    assert rows(db) == before


def test_same_location_in_another_cohort_is_allowed(small, db) -> None:
    other = cohorts.create_cohort(db, small.programme, "LUP 2", date(2018, 9, 1), date(2019, 2, 28))
    group = groups.add_leader_group(db, other, small.bryn)
    assert group != small.group
    with db.transaction() as s:
        assert s.scalar(select(LeaderGroup.cohort_id).where(LeaderGroup.id == group)) == other


@pytest.mark.parametrize("unknown", ["cohort", "location", "facilitator"])
def test_add_leader_group_with_unknown_parts_stores_nothing(small, db, rows, unknown) -> None:
    args = {"cohort": small.cohort, "location": small.evje, "facilitator": small.ola}
    args[unknown] = uuid.uuid4()
    before = rows(db)
    with pytest.raises(NotFoundError):
        groups.add_leader_group(db, args["cohort"], args["location"], args["facilitator"])
    assert rows(db) == before


def test_set_lead_facilitator_returns_the_previous_one(small, db) -> None:
    # The previous one is what undoes the change (the page's ChangeCommand passes it back in).
    assert groups.set_lead_facilitator(db, small.group, small.ola) == small.kari
    assert group_detail(db, small.group).lead_facilitator_id == small.ola
    assert groups.set_lead_facilitator(db, small.group, None) == small.ola
    assert group_detail(db, small.group).lead_facilitator_id is None
    assert groups.set_lead_facilitator(db, small.group, None) is None
    assert groups.set_lead_facilitator(db, small.group, small.kari) is None
    assert group_detail(db, small.group).lead_facilitator_id == small.kari


def test_set_unknown_lead_facilitator_stores_nothing(small, db, rows) -> None:
    before = rows(db)
    with pytest.raises(NotFoundError):
        groups.set_lead_facilitator(db, small.group, uuid.uuid4())
    with pytest.raises(NotFoundError):
        groups.set_lead_facilitator(db, uuid.uuid4(), small.ola)
    assert rows(db) == before


def test_remove_leader_group_with_participants_and_restore(small, db, rows) -> None:
    before = rows(db)
    snapshot = groups.remove_leader_group(db, small.group)
    after = rows(db)
    assert after["leader_group"] == []
    assert after["participant"] == []
    assert len(after["service_location"]) == 2
    restore_deleted(db, snapshot)
    assert rows(db) == before


def test_remove_unknown_leader_group(db) -> None:
    with pytest.raises(NotFoundError):
        groups.remove_leader_group(db, uuid.uuid4())


# --- participants ----------------------------------------------------------------------------------------


def test_add_participant(small, db) -> None:
    person = groups.add_participant(db, small.group, "  Lise  Dahl ", " Lise.Dahl@Baerum.Kommune.no", "other")
    with db.transaction() as s:
        row = s.get(Participant, person)
        assert (row.leader_group_id, row.name, row.email, row.role) == (
            small.group,
            "Lise Dahl",
            "lise.dahl@baerum.kommune.no",
            ParticipantRole.OTHER,
        )


def test_group_detail_lists_leaders_first(small, db) -> None:
    groups.add_participant(db, small.group, "Åse Vik", None, ParticipantRole.OTHER)
    groups.add_participant(db, small.group, "Bjørn Lie", None, ParticipantRole.LEADER)
    groups.add_participant(db, small.group, "Arne Lie", None, ParticipantRole.ENTHUSIAST)
    people = group_detail(db, small.group).participants
    assert [(p.name, p.role) for p in people] == [
        ("Bjørn Lie", ParticipantRole.LEADER),
        ("Per Olsen", ParticipantRole.LEADER),
        ("Anne Berg", ParticipantRole.ENTHUSIAST),
        ("Arne Lie", ParticipantRole.ENTHUSIAST),
        ("Åse Vik", ParticipantRole.OTHER),
    ]


@pytest.mark.parametrize(
    ("name", "email", "field"),
    [
        ("", None, "name"),
        (" \t ", "lise@baerum.no", "name"),
        ("Lise", "lise@", "email"),
        ("Lise", "lise baerum.no", "email"),
        ("Lise", "a@b", "email"),
    ],
)
def test_add_participant_refusals_store_nothing(small, db, rows, name, email, field) -> None:
    before = rows(db)
    with pytest.raises(ValidationError) as info:
        groups.add_participant(db, small.group, name, email)
    assert info.value.field == field
    assert rows(db) == before


def test_add_participant_to_unknown_group(db, rows) -> None:
    before = rows(db)
    with pytest.raises(NotFoundError):
        groups.add_participant(db, uuid.uuid4(), "Lise Dahl")
    assert rows(db) == before


def test_update_participant_and_undo(small, db) -> None:
    previous = groups.update_participant(
        db, small.leader, name="Per  Olsen-Dahl", email="", role=ParticipantRole.ENTHUSIAST
    )
    assert previous == {
        "name": "Per Olsen",
        "email": "per.olsen@baerum.kommune.no",
        "role": ParticipantRole.LEADER,
    }
    with db.transaction() as s:
        row = s.get(Participant, small.leader)
        assert (row.name, row.email, row.role) == ("Per Olsen-Dahl", None, ParticipantRole.ENTHUSIAST)
    groups.update_participant(db, small.leader, **previous)
    with db.transaction() as s:
        row = s.get(Participant, small.leader)
        assert (row.name, row.email, row.role) == (
            "Per Olsen",
            "per.olsen@baerum.kommune.no",
            ParticipantRole.LEADER,
        )


@pytest.mark.parametrize(
    ("values", "field"),
    [({"name": ""}, "name"), ({"email": "per@olsen"}, "email"), ({"name": "Per", "email": "per@"}, "email")],
)
def test_update_participant_refusals_store_nothing(small, db, rows, values, field) -> None:
    before = rows(db)
    with pytest.raises(ValidationError) as info:
        groups.update_participant(db, small.leader, **values)
    assert info.value.field == field
    assert rows(db) == before


def test_update_unknown_participant(db) -> None:
    with pytest.raises(NotFoundError):
        groups.update_participant(db, uuid.uuid4(), name="Per")
    with pytest.raises(NotFoundError):
        groups.remove_participant(db, uuid.uuid4())


def test_move_participant_to_another_group_and_back(small, db) -> None:
    other = groups.add_leader_group(db, small.cohort, small.evje)
    previous = groups.move_participant(db, small.leader, other)
    assert previous == {"leader_group_id": small.group}
    assert [p.name for p in group_detail(db, other).participants] == ["Per Olsen"]
    assert [p.name for p in group_detail(db, small.group).participants] == ["Anne Berg"]
    assert groups.move_participant(db, small.leader, previous["leader_group_id"]) == {
        "leader_group_id": other
    }
    assert group_detail(db, other).participants == ()
    assert [p.name for p in group_detail(db, small.group).participants] == ["Per Olsen", "Anne Berg"]


def test_move_participant_to_its_own_group_changes_nothing(small, db) -> None:
    assert groups.move_participant(db, small.leader, small.group) == {}


def test_move_participant_to_unknown_group_stores_nothing(small, db, rows) -> None:
    before = rows(db)
    with pytest.raises(NotFoundError):
        groups.move_participant(db, small.leader, uuid.uuid4())
    with pytest.raises(NotFoundError):
        groups.move_participant(db, uuid.uuid4(), small.group)
    assert rows(db) == before


def test_remove_participant_and_restore(small, db, rows) -> None:
    before = rows(db)
    snapshot = groups.remove_participant(db, small.enthusiast)
    assert [p.name for p in group_detail(db, small.group).participants] == ["Per Olsen"]
    restore_deleted(db, snapshot)
    assert rows(db) == before
