"""Recording a session as it is run: every run action is stored at once (a laptop that dies mid-session
keeps what happened), as events and as each block's actual start, end and added minutes."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select

from desktop.domain.run import BlockActual, EventKind
from desktop.domain.run import RunEvent as DomainEvent
from desktop.services.common import get
from desktop.storage.database import Database
from desktop.storage.models import AgendaBlock, RunEvent, Session


def record_run(
    db: Database,
    session_id: uuid.UUID,
    block_ids: Sequence[uuid.UUID],
    new_events: Sequence[DomainEvent],
    actuals: dict[int, BlockActual],
) -> None:
    """Store ``new_events`` and the blocks' actual times (blocks by plan position in ``block_ids``, the plan
    the run follows). A block removed from the plan meanwhile gets no times; its events keep its id."""
    with db.transaction() as s:
        get(s, Session, session_id)
        rows = {b.id: b for b in s.scalars(select(AgendaBlock).where(AgendaBlock.session_id == session_id))}
        for event in new_events:
            block_id = block_ids[event.index] if 0 <= event.index < len(block_ids) else None
            s.add(
                RunEvent(
                    session_id=session_id,
                    block_id=block_id,
                    kind=str(event.kind),
                    at=event.at,
                    minutes=event.minutes,
                )
            )
        for index, actual in actuals.items():
            row = rows.get(block_ids[index]) if index < len(block_ids) else None
            if row is not None:
                row.actual_start = actual.start
                row.actual_end = actual.end
                row.added_minutes = actual.added_minutes
                row.actual_seconds = round(actual.seconds) if actual.seconds is not None else None


def clear_run(db: Database, session_id: uuid.UUID) -> None:
    """Forget a run's record (to run the session again from the start)."""
    with db.transaction() as s:
        s.execute(delete(RunEvent).where(RunEvent.session_id == session_id))
        for row in s.scalars(select(AgendaBlock).where(AgendaBlock.session_id == session_id)):
            row.actual_start = row.actual_end = None
            row.added_minutes = 0
            row.actual_seconds = None


def stored_events(db: Database, session_id: uuid.UUID) -> list[DomainEvent]:
    """The session's recorded run events in order, as the run domain's events: each with the position its
    block has in the plan now (-1: the block is gone), so a replay can tell that the plan has changed since;
    times back in UTC (SQLite keeps no time zone, and every stored time is UTC)."""
    with db.transaction() as s:
        positions = {
            block_id: n
            for n, block_id in enumerate(
                s.scalars(
                    select(AgendaBlock.id)
                    .where(AgendaBlock.session_id == session_id)
                    .order_by(AgendaBlock.position, AgendaBlock.created_at, AgendaBlock.id)
                )
            )
        }
        rows = s.scalars(
            select(RunEvent)
            .where(RunEvent.session_id == session_id)
            .order_by(RunEvent.at, RunEvent.created_at)
        )
        return [
            DomainEvent(
                EventKind(r.kind),
                positions.get(r.block_id, -1),
                r.at if r.at.tzinfo else r.at.replace(tzinfo=UTC),
                r.minutes,
            )
            for r in rows
        ]


def has_record(db: Database, session_id: uuid.UUID) -> bool:
    """Whether the session has been run (or started): events or actual times stored."""
    with db.transaction() as s:
        if s.scalar(select(RunEvent.id).where(RunEvent.session_id == session_id).limit(1)) is not None:
            return True
        started = select(AgendaBlock.id).where(
            AgendaBlock.session_id == session_id, AgendaBlock.actual_start.is_not(None)
        )
        return s.scalar(started.limit(1)) is not None


def interrupted_run(
    db: Database, now: datetime, within: timedelta = timedelta(hours=12)
) -> tuple[uuid.UUID, datetime] | None:
    """The session whose run was left unfinished in the last ``within`` (the program was closed or the
    laptop died mid-run), and when its last event was: the newest event is not the finish. None when
    there is none."""
    with db.transaction() as s:
        last = s.execute(
            select(RunEvent.session_id, RunEvent.kind, RunEvent.at)
            .order_by(RunEvent.at.desc(), RunEvent.created_at.desc())
            .limit(1)
        ).first()
    if last is None or last.kind == "finish":
        return None
    at = last.at if last.at.tzinfo else last.at.replace(tzinfo=UTC)
    return (last.session_id, at) if now - at <= within else None
