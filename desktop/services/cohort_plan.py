"""A cohort's sessions made at once from a kit's programme: the kit's sequence of session templates
(oppstart, innsikt, idé, prototyping, gevinst, avslutning), spread over the cohort's period, each with its
template's title, kind, hours and plan; those the cohort has already are left out. One undo step takes
them all away again."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlalchemy import select

from desktop.domain.kit import Kit
from desktop.domain.rules import format_date
from desktop.errors import ValidationError
from desktop.i18n import _
from desktop.services import cohorts, timeplan
from desktop.services.common import get
from desktop.storage.database import Database
from desktop.storage.models import Cohort, Session
from desktop.storage.snapshot import Snapshot, capture


def programme_dates(start: date, end: date, count: int) -> list[date]:
    """``count`` days from ``start`` to ``end``, as evenly apart as the period allows: on ``start``'s
    weekday (facilitators meet a cohort on the same weekday) when the period has that many such days, else
    on workdays, else on any days."""
    if count <= 0:
        return []
    span = (end - start).days
    if span < count - 1:
        raise ValidationError(
            "date",
            _("Kullets periode er for kort for {n} samlinger (fra {start} til {end}).").format(
                n=count, start=format_date(start), end=format_date(end)
            ),
        )
    anchor = start + timedelta(days=(7 - start.weekday()) % 7 if start.weekday() >= 5 else 0)  # a workday
    if anchor > end:
        anchor = start
    weeks = [anchor + timedelta(days=7 * k) for k in range((end - anchor).days // 7 + 1)]  # its weekday
    every = [start + timedelta(days=k) for k in range(span + 1)]
    workdays = [d for d in every if d.weekday() < 5]
    days = weeks if len(weeks) >= count else workdays if len(workdays) >= count else every
    return [days[round(n * (len(days) - 1) / max(1, count - 1))] for n in range(count)]


def planned_programme(db: Database, cohort_id: uuid.UUID, kit: Kit) -> list[tuple[date, object]]:
    """The sessions ``plan_programme`` would make: (day, template) in the programme's order, for the
    programme's sessions the cohort does not have yet. A session has a template's place when its plan
    came from it, or when it is of its kind and bears its title (an «Oppstartsamling» planned by hand)."""
    templates = [kit.session(template_id) for template_id in kit.sequence]
    with db.transaction() as s:
        cohort = get(s, Cohort, cohort_id)
        start, end = cohort.start_date, cohort.end_date
        existing = s.execute(
            select(Session.template_id, Session.kind, Session.title, Session.date).where(
                Session.cohort_id == cohort_id
            )
        ).all()
    unmatched = list(existing)
    missing: list[tuple[int, object]] = []
    for n, template in enumerate(templates):
        same = next((e for e in unmatched if e.template_id == template.id), None) or next(
            (
                e
                for e in unmatched
                if e.kind == template.kind and e.title.casefold() == template.title.casefold()
            ),
            None,
        )
        if same is None:
            missing.append((n, template))
        else:
            unmatched.remove(same)
    taken = {e.date for e in existing}
    days = programme_dates(start, end, len(templates))
    planned: list[tuple[date, object]] = []
    for n, template in missing:
        day = _free_day(days[n], start, end, taken)
        taken.add(day)
        planned.append((day, template))
    return planned


def _free_day(wanted: date, start: date, end: date, taken: set[date]) -> date:
    """``wanted``, or the nearest workday after it (else before it) in the period that has no session."""
    for step in range(1, (end - start).days + 2):
        for day in (wanted + timedelta(days=step - 1), wanted - timedelta(days=step - 1)):
            if start <= day <= end and day not in taken and (day.weekday() < 5 or wanted.weekday() >= 5):
                return day
    return wanted  # every day of the period is taken: the session is planned on it all the same


def plan_programme(db: Database, cohort_id: uuid.UUID, kit: Kit, place: str = "") -> list[uuid.UUID]:
    """Make the programme's sessions the cohort does not have yet (``planned_programme``), each with its
    template's hours and plan; refused when it has them all. Returns the new sessions' ids; if one cannot
    be made, none is kept."""
    planned = planned_programme(db, cohort_id, kit)
    if not planned:
        raise ValidationError("sessions", _("Kullet har allerede alle samlingene i programmet."))
    made: list[uuid.UUID] = []
    try:
        for day, template in planned:
            start, end = timeplan.template_hours(template)
            session_id = cohorts.plan_session(
                db, cohort_id, template.kind, template.title, day, start, end, place
            )
            made.append(session_id)
            timeplan.plan_from_template(db, session_id, kit, template.id)
    except BaseException:
        if made:
            remove_sessions(db, made)
        raise
    return made


def remove_sessions(db: Database, session_ids: list[uuid.UUID]) -> Snapshot:
    """Remove sessions with their plans (the undo of ``plan_programme``); the snapshot brings them back."""
    with db.transaction() as s:
        snapshot = capture(s, Session.__tablename__, list(session_ids))
        for session_id in session_ids:
            s.delete(get(s, Session, session_id))
        return snapshot
