"""Leader groups (one service location in one cohort) and their participants."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from desktop.domain.enums import ParticipantRole
from desktop.domain.rules import clean_email, clean_name
from desktop.errors import LupError, NotFoundError, ValidationError
from desktop.i18n import _
from desktop.services.common import apply_changes, clean_fields, delete_with_snapshot, get
from desktop.storage.database import Database
from desktop.storage.models import Cohort, Facilitator, LeaderGroup, Participant, ServiceLocation
from desktop.storage.snapshot import Snapshot


def add_leader_group(
    db: Database, cohort_id: uuid.UUID, location_id: uuid.UUID, lead_facilitator_id: uuid.UUID | None = None
) -> uuid.UUID:
    """Enrol a service location's leader group in a cohort (once per cohort)."""
    with db.transaction() as session:
        cohort = get(session, Cohort, cohort_id)
        location = get(session, ServiceLocation, location_id)
        if lead_facilitator_id is not None:
            get(session, Facilitator, lead_facilitator_id)
        taken = session.scalar(
            select(LeaderGroup.id).where(
                LeaderGroup.cohort_id == cohort_id, LeaderGroup.service_location_id == location_id
            )
        )
        if taken is not None:
            raise ValidationError(
                "service_location",
                _("{location} har allerede en ledergruppe i {cohort}.").format(
                    location=location.name, cohort=cohort.name
                ),
            )
        row = LeaderGroup(
            cohort_id=cohort_id, service_location_id=location_id, lead_facilitator_id=lead_facilitator_id
        )
        session.add(row)
        session.flush()
        return row.id


def set_lead_facilitator(
    db: Database, group_id: uuid.UUID, facilitator_id: uuid.UUID | None
) -> uuid.UUID | None:
    """Make ``facilitator_id`` (None: nobody) the group's lead facilitator; returns the one before, which
    undoes it."""
    with db.transaction() as session:
        if facilitator_id is not None:
            get(session, Facilitator, facilitator_id)
        group = get(session, LeaderGroup, group_id)
        previous = group.lead_facilitator_id
        group.lead_facilitator_id = facilitator_id
        return previous


def remove_leader_group(db: Database, group_id: uuid.UUID) -> Snapshot:
    """Remove a leader group with its participants; the snapshot undoes it."""
    with db.transaction() as session:
        return delete_with_snapshot(session, get(session, LeaderGroup, group_id))


def add_participant(
    db: Database,
    group_id: uuid.UUID,
    name: str,
    email: str | None = None,
    role: ParticipantRole = ParticipantRole.LEADER,
) -> uuid.UUID:
    name, email, role = clean_name(name), clean_email(email), ParticipantRole(role)
    with db.transaction() as session:
        get(session, LeaderGroup, group_id)
        row = Participant(leader_group_id=group_id, name=name, email=email, role=role)
        session.add(row)
        session.flush()
        return row.id


def update_participant(db: Database, participant_id: uuid.UUID, **values: Any) -> dict[str, Any]:
    """Change a participant's ``name``, ``email`` and/or ``role``; returns the previous values."""
    clean = clean_fields(values, name=clean_name, email=clean_email, role=ParticipantRole)
    with db.transaction() as session:
        return apply_changes(get(session, Participant, participant_id), clean)


def move_participant(db: Database, participant_id: uuid.UUID, group_id: uuid.UUID) -> dict[str, Any]:
    """Move a participant to another leader group; returns the previous group (for undo)."""
    with db.transaction() as session:
        get(session, LeaderGroup, group_id)
        return apply_changes(get(session, Participant, participant_id), {"leader_group_id": group_id})


def remove_participant(db: Database, participant_id: uuid.UUID) -> Snapshot:
    with db.transaction() as session:
        return delete_with_snapshot(session, get(session, Participant, participant_id))


def find_group(db: Database, name_or_id: str, cohort: str | None = None) -> uuid.UUID:
    """The leader group a user named (on the command line) by its id or its service location's name, any
    case; ``cohort`` (a cohort's name) picks one where the location took part in several cohorts, else the
    message names the cohorts and their groups' ids."""
    text = " ".join(name_or_id.split())
    with db.transaction() as s:
        try:
            wanted = uuid.UUID(text)
        except ValueError:
            wanted = None
        if wanted is not None:
            if s.get(LeaderGroup, wanted) is None:
                raise NotFoundError(_("Finner ingen ledergruppe med id {id}.").format(id=wanted))
            return wanted
        rows = s.execute(
            select(LeaderGroup.id, ServiceLocation.name, Cohort.name.label("cohort"))
            .join(ServiceLocation, LeaderGroup.service_location_id == ServiceLocation.id)
            .join(Cohort, LeaderGroup.cohort_id == Cohort.id)
            .order_by(Cohort.start_date)
        ).all()
    found = [r for r in rows if r.name.casefold() == text.casefold()]
    if cohort is not None:
        found = [r for r in found if r.cohort.casefold() == " ".join(cohort.split()).casefold()]
    if not found:
        where = _(" i kullet «{cohort}»").format(cohort=cohort.strip()) if cohort else ""
        raise NotFoundError(
            _("Finner ingen ledergruppe for tjenestestedet «{name}»{where}.").format(name=text, where=where)
        )
    if len(found) > 1:
        choices = "; ".join(f"{r.cohort}: {r.id}" for r in found)
        raise LupError(
            _(
                "«{name}» har ledergrupper i flere kull ({choices}). Velg kull med --cohort, eller oppgi "
                "gruppens id."
            ).format(name=found[0].name, choices=choices)
        )
    return found[0].id
