"""Facilitators, sectors and service locations: happy paths, refusals by field, nothing stored half."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from desktop.errors import NotFoundError, ValidationError
from desktop.services import register
from desktop.services.common import restore_deleted
from desktop.storage.models import Facilitator, LeaderGroup, Sector, ServiceLocation

# --- facilitators ----------------------------------------------------------------------------------------


def test_create_facilitator_cleans_name_and_email(db) -> None:
    facilitator_id = register.create_facilitator(
        db, "  Kari   Nordmann ", " Kari.Nordmann@Baerum.Kommune.NO "
    )
    with db.transaction() as s:
        row = s.get(Facilitator, facilitator_id)
        assert (row.name, row.email) == ("Kari Nordmann", "kari.nordmann@baerum.kommune.no")


def test_create_facilitator_without_email(db) -> None:
    facilitator_id = register.create_facilitator(db, "Ola Hansen", "  ")
    with db.transaction() as s:
        assert s.get(Facilitator, facilitator_id).email is None


@pytest.mark.parametrize(
    ("name", "email", "field"),
    [
        ("", None, "name"),
        ("   ", "kari@baerum.no", "name"),
        ("Kari", "kari@", "email"),
        ("Kari", "kari baerum.no", "email"),
        ("Kari", "a@b", "email"),
    ],
)
def test_create_facilitator_refusals_store_nothing(db, rows, name, email, field) -> None:
    before = rows(db)
    with pytest.raises(ValidationError) as info:
        register.create_facilitator(db, name, email)
    assert info.value.field == field
    assert rows(db) == before


def test_update_facilitator_returns_previous_values_for_undo(db) -> None:
    facilitator_id = register.create_facilitator(db, "Kari Nordmann", "kari@baerum.kommune.no")
    previous = register.update_facilitator(
        db, facilitator_id, name=" Kari  Berg ", email="KARI.BERG@baerum.kommune.no"
    )
    assert previous == {"name": "Kari Nordmann", "email": "kari@baerum.kommune.no"}
    with db.transaction() as s:
        row = s.get(Facilitator, facilitator_id)
        assert (row.name, row.email) == ("Kari Berg", "kari.berg@baerum.kommune.no")
    assert register.update_facilitator(db, facilitator_id, **previous) == {
        "name": "Kari Berg",
        "email": "kari.berg@baerum.kommune.no",
    }
    with db.transaction() as s:
        row = s.get(Facilitator, facilitator_id)
        assert (row.name, row.email) == ("Kari Nordmann", "kari@baerum.kommune.no")


def test_update_facilitator_reports_only_changed_fields(db) -> None:
    facilitator_id = register.create_facilitator(db, "Kari Nordmann", "kari@baerum.kommune.no")
    assert register.update_facilitator(db, facilitator_id, name="Kari Nordmann", email="") == {
        "email": "kari@baerum.kommune.no"
    }
    with db.transaction() as s:
        assert s.get(Facilitator, facilitator_id).email is None


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"name": " "}, "name"),
        ({"email": "kari@"}, "email"),
        ({"name": "Ny", "email": "@baerum.no"}, "email"),
    ],
)
def test_update_facilitator_refusals_store_nothing(db, rows, values, field) -> None:
    facilitator_id = register.create_facilitator(db, "Kari Nordmann")
    before = rows(db)
    with pytest.raises(ValidationError) as info:
        register.update_facilitator(db, facilitator_id, **values)
    assert info.value.field == field
    assert rows(db) == before


def test_update_facilitator_unknown_field_is_a_programming_error(db) -> None:
    facilitator_id = register.create_facilitator(db, "Kari Nordmann")
    with pytest.raises(TypeError, match="phone"):
        register.update_facilitator(db, facilitator_id, phone="12345678")


def test_unknown_facilitator_is_not_found(db) -> None:
    with pytest.raises(NotFoundError):
        register.update_facilitator(db, uuid.uuid4(), name="Kari")
    with pytest.raises(NotFoundError):
        register.delete_facilitator(db, uuid.uuid4())


def test_delete_facilitator_and_restore(small, db, rows) -> None:
    before = rows(db)
    snapshot = register.delete_facilitator(db, small.kari)
    with db.transaction() as s:
        assert s.get(Facilitator, small.kari) is None
        assert s.get(LeaderGroup, small.group).lead_facilitator_id is None
    restore_deleted(db, snapshot)
    with db.transaction() as s:
        assert s.get(Facilitator, small.kari).name == "Kari Nordmann"
        assert s.get(LeaderGroup, small.group).lead_facilitator_id == small.kari
    after = rows(db)
    assert after["facilitator"] == before["facilitator"]


# --- sectors ---------------------------------------------------------------------------------------------


def test_ensure_sector_creates_once(db) -> None:
    first = register.ensure_sector(db, "Barnehage")
    assert register.ensure_sector(db, "  Barnehage ") == first
    other = register.ensure_sector(db, "Skole")
    assert other != first
    with db.transaction() as s:
        assert sorted(s.scalars(select(Sector.name))) == ["Barnehage", "Skole"]


def test_ensure_sector_refuses_empty_name(db, rows) -> None:
    before = rows(db)
    with pytest.raises(ValidationError) as info:
        register.ensure_sector(db, "  ")
    assert info.value.field == "sector"
    assert rows(db) == before


# --- service locations ----------------------------------------------------------------------------------


def test_create_service_location(db) -> None:
    sector = register.ensure_sector(db, "Skole")
    location = register.create_service_location(db, " Bekkestua   skole ", sector)
    with db.transaction() as s:
        row = s.get(ServiceLocation, location)
        assert (row.name, row.sector_id) == ("Bekkestua skole", sector)


@pytest.mark.parametrize("name", ["", "   ", "Bryn skole", "BRYN SKOLE", " bryn  skole "])
def test_create_service_location_refusals_store_nothing(small, db, rows, name) -> None:
    before = rows(db)
    with pytest.raises(ValidationError) as info:
        register.create_service_location(db, name, small.sector)
    assert info.value.field == "name"
    assert rows(db) == before


def test_duplicate_location_name_with_norwegian_capital_is_refused(db, rows) -> None:
    sector = register.ensure_sector(db, "Skole")
    register.create_service_location(db, "Østerås skole", sector)
    before = rows(db)
    with pytest.raises(ValidationError) as info:
        register.create_service_location(db, "Østerås skole", sector)
    assert info.value.field == "name"
    assert rows(db) == before


def test_location_names_differing_in_norwegian_case_are_refused(db) -> None:
    sector = register.ensure_sector(db, "Skole")
    register.create_service_location(db, "Østerås skole", sector)
    with pytest.raises(ValidationError):
        register.create_service_location(db, "østerås skole", sector)


def test_create_service_location_in_unknown_sector(db, rows) -> None:
    before = rows(db)
    with pytest.raises(NotFoundError):
        register.create_service_location(db, "Bryn skole", uuid.uuid4())
    assert rows(db) == before


def test_update_service_location_and_undo(small, db) -> None:
    health = register.ensure_sector(db, "Helse og omsorg")
    previous = register.update_service_location(db, small.bryn, name="Bryn  barneskole", sector_id=health)
    assert previous == {"name": "Bryn skole", "sector_id": small.sector}
    with db.transaction() as s:
        row = s.get(ServiceLocation, small.bryn)
        assert (row.name, row.sector_id) == ("Bryn barneskole", health)
    register.update_service_location(db, small.bryn, **previous)
    with db.transaction() as s:
        row = s.get(ServiceLocation, small.bryn)
        assert (row.name, row.sector_id) == ("Bryn skole", small.sector)


def test_update_service_location_may_change_case_of_its_own_name(small, db) -> None:
    assert register.update_service_location(db, small.bryn, name="BRYN SKOLE") == {"name": "Bryn skole"}


@pytest.mark.parametrize("name", ["Evje skole", "evje SKOLE", "  "])
def test_update_service_location_refusals_store_nothing(small, db, rows, name) -> None:
    before = rows(db)
    with pytest.raises(ValidationError) as info:
        register.update_service_location(db, small.bryn, name=name)
    assert info.value.field == "name"
    assert rows(db) == before


def test_update_service_location_to_unknown_sector(small, db, rows) -> None:
    before = rows(db)
    with pytest.raises(NotFoundError):
        register.update_service_location(db, small.bryn, sector_id=uuid.uuid4())
    with pytest.raises(NotFoundError):
        register.update_service_location(db, uuid.uuid4(), name="Ny")
    assert rows(db) == before


def test_delete_service_location_refused_while_it_has_groups(small, db, rows) -> None:
    before = rows(db)
    with pytest.raises(ValidationError) as info:
        register.delete_service_location(db, small.bryn)
    assert info.value.field == "name"
    assert "Bryn skole" in info.value.message
    assert "1 ledergruppe" in info.value.message
    assert rows(db) == before


def test_delete_free_service_location_and_restore(small, db, rows) -> None:
    before = rows(db)
    snapshot = register.delete_service_location(db, small.evje)
    with db.transaction() as s:
        assert s.get(ServiceLocation, small.evje) is None
    restore_deleted(db, snapshot)
    assert rows(db) == before


def test_delete_unknown_service_location(db) -> None:
    with pytest.raises(NotFoundError):
        register.delete_service_location(db, uuid.uuid4())


def test_refused_location_in_a_new_sector_leaves_no_sector(db, rows) -> None:
    before = rows(db)
    with pytest.raises(ValidationError) as info:
        register.create_service_location(db, "   ", None, new_sector="Frivillighet")
    assert info.value.field == "name"
    assert rows(db) == before


def test_location_in_a_new_sector_and_undo_removes_both(db, rows) -> None:
    before = rows(db)
    location = register.create_service_location(db, "Frivilligsentralen", None, new_sector="Frivillighet")
    after = rows(db)
    snapshot = register.delete_service_location(db, location)
    assert rows(db) == before  # the empty sector went with its last location
    from desktop.services.common import restore_deleted

    restore_deleted(db, snapshot)
    assert rows(db) == after


def test_location_joins_an_existing_sector_regardless_of_case(db) -> None:
    sector = register.ensure_sector(db, "Skole")
    register.create_service_location(db, "Jar skole", None, new_sector="skole")
    from desktop.services import views

    tree = views.load_tree(db)
    assert [s.id for s in tree.sectors] == [sector]


def test_ensure_sector_finds_a_sector_whatever_its_case(db) -> None:
    """«Skole» and «skole» are one sector, as for a new service location's sector (there were two)."""
    first = register.ensure_sector(db, "Oppvekst skole")
    assert register.ensure_sector(db, "oppvekst  SKOLE") == first


def test_a_location_without_a_sector_says_the_sector_is_missing(db) -> None:
    """Not «Navnet kan ikke være tomt.» under the sector field when the name is there."""
    with pytest.raises(ValidationError) as info:
        register.create_service_location(db, "Eikeli skole", new_sector="  ")
    assert info.value.field == "sector" and "kommunalområde" in info.value.message
