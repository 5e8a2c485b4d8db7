"""Helpers shared by the service modules: fetching rows, recording changes, deleting with a snapshot."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session as DbSession

from desktop.domain.rules import same_name
from desktop.errors import NotFoundError
from desktop.i18n import _
from desktop.storage.database import Database
from desktop.storage.models import Base, utcnow
from desktop.storage.snapshot import Snapshot, capture, restore

M = TypeVar("M", bound=Base)


def in_norwegian(column):
    """``column`` for ORDER BY in Norwegian alphabetical order (… z æ ø å, case ignored): SQLite's own order
    puts å before æ and ø, and capitals before small letters."""
    return column.collate("nb")


def get(session: DbSession, model: type[M], row_id: uuid.UUID) -> M:
    row = session.get(model, row_id)
    if row is None:
        raise NotFoundError(_("Finner ikke det du arbeidet med; det kan være slettet."))
    return row


def apply_changes(row: Base, values: dict[str, Any]) -> dict[str, Any]:
    """Set ``values`` on ``row`` and return the previous values of the fields that changed (for undo)."""
    previous = {}
    for name, value in values.items():
        old = getattr(row, name)
        if old != value:
            previous[name] = old
            setattr(row, name, value)
    return previous


def delete_with_snapshot(session: DbSession, row: Base) -> Snapshot:
    snapshot = capture(session, row.__tablename__, [row.id])
    session.delete(row)
    return snapshot


def restore_deleted(db: Database, snapshot: Snapshot) -> None:
    """Undo a delete: every row it removed comes back as it was."""
    with db.transaction() as session:
        restore(session, snapshot)


def clean_fields(values: dict[str, Any], **cleaners: Callable[[Any], Any]) -> dict[str, Any]:
    """Validate the fields of an edit, each with its own cleaner; unknown fields are a programming error."""
    unknown = set(values) - set(cleaners)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    return {key: cleaners[key](value) for key, value in values.items()}


def same_name_exists(session: DbSession, id_column, name_column, name: str, own_id=None, *where) -> bool:
    """Whether another row already has ``name`` (``domain.rules.same_name``: SQLite's ``lower()`` folds only
    A–Z, so the comparison is made here)."""
    rows = session.execute(select(id_column, name_column).where(*where))
    return any(same_name(other_name, name) and other_id != own_id for other_id, other_name in rows)


def sync_rows(session: DbSession, tables: list[tuple[type[Base], dict, dict]]) -> None:
    """Make stored rows match ``fresh`` where they were ``stale``: each entry is (model, fresh, stale), both
    ``{row id: column values}``, parents before children. Removes children first and adds parents first, and
    touches only rows that changed (a big map or board stays quick to edit)."""
    now = utcnow()
    for model, fresh, stale in reversed(tables):
        gone = [row_id for row_id in stale if row_id not in fresh]
        if gone:
            session.execute(delete(model).where(model.id.in_(gone)))
    for model, fresh, stale in tables:
        added = [
            {"id": row_id, "created_at": now, "updated_at": now, **values}
            for row_id, values in fresh.items()
            if row_id not in stale
        ]
        if added:
            session.execute(insert(model), added)
        for row_id, values in fresh.items():
            if row_id in stale and stale[row_id] != values:
                session.execute(update(model).where(model.id == row_id).values(**values, updated_at=now))
