"""Fixtures for the service tests: a small register built through the services, and a view of all rows."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from typing import Any

import pytest
from sqlalchemy import select

from desktop.domain.enums import ParticipantRole, SessionKind
from desktop.storage.models import Base


@pytest.fixture
def rows() -> Callable[[Any], dict[str, list[dict[str, Any]]]]:
    """Every row of every table as stored, ordered by id: equal before and after means nothing changed.
    The log of deletions (``deletion``, kept for merging copies) is left out: an undone creation is
    remembered there as deleted, on purpose (``tests/storage`` and ``test_merge_copy`` test it)."""

    def read(db) -> dict[str, list[dict[str, Any]]]:
        with db.engine.connect() as con:
            return {
                name: [dict(r._mapping) for r in con.execute(select(table).order_by(table.c.id))]
                for name, table in Base.metadata.tables.items()
                if name != "deletion"
            }

    return read


@dataclass(frozen=True)
class Small:
    """A small register: one programme, one cohort with one session, two locations, one leader group."""

    programme: uuid.UUID
    sector: uuid.UUID
    bryn: uuid.UUID
    evje: uuid.UUID
    kari: uuid.UUID
    ola: uuid.UUID
    cohort: uuid.UUID
    session: uuid.UUID
    group: uuid.UUID
    leader: uuid.UUID
    enthusiast: uuid.UUID


@pytest.fixture
def small(db) -> Small:
    from desktop.services import cohorts, groups, register

    programme = cohorts.ensure_programme(db)
    sector = register.ensure_sector(db, "Skole")
    bryn = register.create_service_location(db, "Bryn skole", sector)
    evje = register.create_service_location(db, "Evje skole", sector)
    kari = register.create_facilitator(db, "Kari Nordmann", "kari.nordmann@baerum.kommune.no")
    ola = register.create_facilitator(db, "Ola Hansen")
    cohort = cohorts.create_cohort(db, programme, "LUP 1", date(2018, 3, 1), date(2018, 8, 31))
    session = cohorts.plan_session(
        db,
        cohort,
        SessionKind.OPENING,
        "Oppstartsamling",
        date(2018, 3, 6),
        time(8, 30),
        time(15, 30),
        "Dønski",
    )
    group = groups.add_leader_group(db, cohort, bryn, kari)
    leader = groups.add_participant(db, group, "Per Olsen", "per.olsen@baerum.kommune.no")
    enthusiast = groups.add_participant(db, group, "Anne Berg", None, ParticipantRole.ENTHUSIAST)
    return Small(programme, sector, bryn, evje, kari, ola, cohort, session, group, leader, enthusiast)
