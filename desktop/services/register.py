"""The people and places of the programme: facilitators, sectors and service locations."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select

from desktop.domain.rules import clean_email, clean_name
from desktop.errors import ValidationError
from desktop.i18n import _
from desktop.services.common import apply_changes, clean_fields, delete_with_snapshot, get, same_name_exists
from desktop.storage.database import Database
from desktop.storage.models import Facilitator, LeaderGroup, Sector, ServiceLocation
from desktop.storage.snapshot import Snapshot


def create_facilitator(db: Database, name: str, email: str | None = None) -> uuid.UUID:
    with db.transaction() as session:
        row = Facilitator(name=clean_name(name), email=clean_email(email))
        session.add(row)
        session.flush()
        return row.id


def update_facilitator(db: Database, facilitator_id: uuid.UUID, **values: Any) -> dict[str, Any]:
    """Change a facilitator's ``name`` and/or ``email``; returns the previous values."""
    clean = clean_fields(values, name=clean_name, email=clean_email)
    with db.transaction() as session:
        return apply_changes(get(session, Facilitator, facilitator_id), clean)


def delete_facilitator(db: Database, facilitator_id: uuid.UUID) -> Snapshot:
    with db.transaction() as session:
        return delete_with_snapshot(session, get(session, Facilitator, facilitator_id))


def ensure_sector(db: Database, name: str) -> uuid.UUID:
    """The sector called ``name`` (any case), created if it does not exist yet."""
    with db.transaction() as session:
        return _sector_named(session, name)


def _sector_named(session, name: str) -> uuid.UUID:
    """The sector called ``name``, compared the Norwegian way (Æ = æ), made when there is none."""
    name = clean_name(name, "sector", _("Velg eller skriv et kommunalområde."))
    wanted = name.casefold()
    found = next(
        (sid for sid, sname in session.execute(select(Sector.id, Sector.name)) if sname.casefold() == wanted),
        None,
    )
    if found is None:
        sector = Sector(name=name)
        session.add(sector)
        session.flush()
        found = sector.id
    return found


def create_service_location(
    db: Database, name: str, sector_id: uuid.UUID | None = None, new_sector: str = ""
) -> uuid.UUID:
    """A new service location in sector ``sector_id``, or in the sector named ``new_sector`` (created in
    the same transaction when it does not exist: a refused location leaves no sector behind)."""
    name = clean_name(name)
    with db.transaction() as session:
        _check_unique_location(session, name)
        if sector_id is None:
            sector_id = _sector_named(session, new_sector)
        get(session, Sector, sector_id)
        row = ServiceLocation(name=name, sector_id=sector_id)
        session.add(row)
        session.flush()
        return row.id


def update_service_location(db: Database, location_id: uuid.UUID, **values: Any) -> dict[str, Any]:
    """Change a service location's ``name`` and/or ``sector_id``; returns the previous values."""
    clean = clean_fields(values, name=clean_name, sector_id=lambda v: v)
    with db.transaction() as session:
        row = get(session, ServiceLocation, location_id)
        if "name" in clean:
            _check_unique_location(session, clean["name"], location_id)
        if "sector_id" in clean:
            get(session, Sector, clean["sector_id"])
        return apply_changes(row, clean)


def delete_service_location(db: Database, location_id: uuid.UUID) -> Snapshot:
    with db.transaction() as session:
        row = get(session, ServiceLocation, location_id)
        groups = session.scalar(
            select(func.count())
            .select_from(LeaderGroup)
            .where(LeaderGroup.service_location_id == location_id)
        )
        if groups:
            raise ValidationError(
                "name",
                (
                    _("{name} har deltatt med {n} ledergrupper. Fjern ledergruppene først.").format(
                        name=row.name, n=groups
                    )
                    if groups != 1
                    else _("{name} har deltatt med 1 ledergruppe. Fjern ledergruppen først.").format(
                        name=row.name
                    )
                ),
            )
        sector = row.sector
        snapshot = delete_with_snapshot(session, row)
        session.flush()
        others = session.scalar(
            select(func.count()).select_from(ServiceLocation).where(ServiceLocation.sector_id == sector.id)
        )
        if others:
            return snapshot
        # The last location of a sector takes the empty sector with it (undo brings both back).
        sector_rows = delete_with_snapshot(session, sector)
        return Snapshot(sector_rows.rows + snapshot.rows, sector_rows.nulled + snapshot.nulled)


def _check_unique_location(session, name: str, own_id: uuid.UUID | None = None) -> None:
    if same_name_exists(session, ServiceLocation.id, ServiceLocation.name, name, own_id):
        raise ValidationError(
            "name", _("Det finnes allerede et tjenestested som heter «{name}».").format(name=name)
        )
