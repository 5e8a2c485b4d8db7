"""Programmes, cohorts (kull) and their sessions (samlinger)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, time
from typing import Any

from sqlalchemy import delete, select

from desktop.domain.enums import SessionKind
from desktop.domain.rules import (
    check_period,
    check_session_times,
    clean_name,
    clean_optional_text,
    format_date,
)
from desktop.errors import ValidationError
from desktop.i18n import _
from desktop.services.common import apply_changes, clean_fields, delete_with_snapshot, get, same_name_exists
from desktop.storage.database import Database
from desktop.storage.models import (
    Cohort,
    CohortFacilitator,
    Facilitator,
    Programme,
    Session,
    SessionFacilitator,
)
from desktop.storage.snapshot import Snapshot

DEFAULT_PROGRAMME = "LUP – Ledelsesutviklingsprogram for innovasjon og ledelse"


def ensure_programme(db: Database) -> uuid.UUID:
    """The first programme, created with its default name in an empty register."""
    with db.transaction() as session:
        found = session.scalar(select(Programme).order_by(Programme.created_at).limit(1))
        if found is None:
            found = Programme(name=_(DEFAULT_PROGRAMME), description="")
            session.add(found)
            session.flush()
        return found.id


def update_programme(db: Database, programme_id: uuid.UUID, **values: Any) -> dict[str, Any]:
    clean = clean_fields(values, name=clean_name, description=clean_optional_text)
    with db.transaction() as session:
        return apply_changes(get(session, Programme, programme_id), clean)


# --- cohorts -------------------------------------------------------------------------------------------


def create_cohort(
    db: Database, programme_id: uuid.UUID, name: str, start_date: date, end_date: date
) -> uuid.UUID:
    name = clean_name(name)
    check_period(start_date, end_date)
    with db.transaction() as session:
        get(session, Programme, programme_id)
        _check_unique_cohort(session, programme_id, name)
        row = Cohort(programme_id=programme_id, name=name, start_date=start_date, end_date=end_date)
        session.add(row)
        session.flush()
        return row.id


def update_cohort(db: Database, cohort_id: uuid.UUID, **values: Any) -> dict[str, Any]:
    """Change a cohort's ``name``, ``start_date`` and/or ``end_date``; returns the previous values.

    The period must still hold every session of the cohort.
    """
    clean = clean_fields(values, name=clean_name, start_date=lambda v: v, end_date=lambda v: v)
    with db.transaction() as session:
        row = get(session, Cohort, cohort_id)
        if "name" in clean:
            _check_unique_cohort(session, row.programme_id, clean["name"], cohort_id)
        start = clean.get("start_date", row.start_date)
        end = clean.get("end_date", row.end_date)
        check_period(start, end, "end_date" if "end_date" in clean else "start_date")
        outside = [s for s in row.sessions if not start <= s.date <= end]
        if outside:
            field = "start_date" if outside[0].date < start else "end_date"
            raise ValidationError(
                field,
                _("Samlingen «{title}» den {day} ville havnet utenfor kullets periode.").format(
                    title=outside[0].title, day=format_date(outside[0].date)
                ),
            )
        return apply_changes(row, clean)


def delete_cohort(db: Database, cohort_id: uuid.UUID) -> Snapshot:
    """Delete a cohort with its sessions, leader groups and participants; the snapshot undoes it."""
    with db.transaction() as session:
        return delete_with_snapshot(session, get(session, Cohort, cohort_id))


def assign_cohort_facilitators(
    db: Database, cohort_id: uuid.UUID, facilitator_ids: Iterable[uuid.UUID]
) -> list[uuid.UUID]:
    """Set the cohort's facilitators; returns the previous list (for undo)."""
    with db.transaction() as session:
        get(session, Cohort, cohort_id)
        return _replace_links(session, CohortFacilitator, "cohort_id", cohort_id, facilitator_ids)


def _check_unique_cohort(
    session, programme_id: uuid.UUID, name: str, own_id: uuid.UUID | None = None
) -> None:
    if same_name_exists(session, Cohort.id, Cohort.name, name, own_id, Cohort.programme_id == programme_id):
        raise ValidationError("name", _("Det finnes allerede et kull som heter «{name}».").format(name=name))


# --- sessions ------------------------------------------------------------------------------------------


def plan_session(
    db: Database,
    cohort_id: uuid.UUID,
    kind: SessionKind,
    title: str,
    day: date,
    start_time: time,
    end_time: time,
    place: str = "",
) -> uuid.UUID:
    """Plan a samling of a cohort, on a day inside the cohort's period."""
    title = clean_name(title, "title")
    with db.transaction() as session:
        cohort = get(session, Cohort, cohort_id)
        check_session_times(day, start_time, end_time, cohort.start_date, cohort.end_date)
        row = Session(
            cohort_id=cohort_id,
            kind=SessionKind(kind),
            title=title,
            date=day,
            start_time=start_time,
            end_time=end_time,
            place=clean_optional_text(place),
        )
        session.add(row)
        session.flush()
        return row.id


def update_session(db: Database, session_id: uuid.UUID, **values: Any) -> dict[str, Any]:
    """Change a session's ``kind``, ``title``, ``date``, ``start_time``, ``end_time`` and/or ``place``."""
    same = lambda v: v  # noqa: E731
    clean = clean_fields(
        values,
        kind=SessionKind,
        title=lambda v: clean_name(v, "title"),
        date=same,
        start_time=same,
        end_time=same,
        place=clean_optional_text,
    )
    with db.transaction() as session:
        row = get(session, Session, session_id)
        check_session_times(
            clean.get("date", row.date),
            clean.get("start_time", row.start_time),
            clean.get("end_time", row.end_time),
            row.cohort.start_date,
            row.cohort.end_date,
        )
        if "start_time" in clean and row.blocks:
            _check_plan_fits(row, clean["start_time"])
        return apply_changes(row, clean)


def _check_plan_fits(row: Session, start: time) -> None:
    """A new start time must not push the session's time plan past midnight."""
    from desktop.domain import timeplan as tp
    from desktop.services.timeplan import minutes_of

    begin = minutes_of(start)
    blocks = [
        tp.PlanBlock(b.minutes, minutes_of(b.pinned_start) if b.pinned_start else None) for b in row.blocks
    ]
    sched = tp.schedule(blocks, begin, begin + 1)
    if sched.past_midnight:
        raise ValidationError(
            "start_time",
            _("Med denne starttiden går tidsplanen over midnatt (den ville sluttet {end}).").format(
                end=tp.format_clock(sched.end)
            ),
        )


def delete_session(db: Database, session_id: uuid.UUID) -> Snapshot:
    with db.transaction() as session:
        return delete_with_snapshot(session, get(session, Session, session_id))


def assign_session_facilitators(
    db: Database, session_id: uuid.UUID, facilitator_ids: Iterable[uuid.UUID]
) -> list[uuid.UUID]:
    """Set the session's facilitators; returns the previous list (for undo)."""
    with db.transaction() as session:
        get(session, Session, session_id)
        return _replace_links(session, SessionFacilitator, "session_id", session_id, facilitator_ids)


def _replace_links(
    session, link_model, owner_column: str, owner_id: uuid.UUID, facilitator_ids
) -> list[uuid.UUID]:
    wanted = list(dict.fromkeys(facilitator_ids))
    for facilitator_id in wanted:
        get(session, Facilitator, facilitator_id)
    owner = getattr(link_model, owner_column)
    previous = list(session.scalars(select(link_model.facilitator_id).where(owner == owner_id)))
    # Only the links that change: a link kept keeps its row (and id), so a removal is one deletion that
    # travels to another laptop's register when the two are merged.
    gone = set(previous) - set(wanted)
    if gone:
        session.execute(delete(link_model).where(owner == owner_id, link_model.facilitator_id.in_(gone)))
    session.add_all(
        link_model(**{owner_column: owner_id, "facilitator_id": f}) for f in wanted if f not in previous
    )
    return previous
