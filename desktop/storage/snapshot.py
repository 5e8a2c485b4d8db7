"""Capture rows before a delete so that the delete can be undone exactly, UUIDs and timestamps included.

One mechanism for every entity: starting from the rows to delete, the tables are walked in dependency
order and every row that the database would remove (ON DELETE CASCADE) or change (ON DELETE SET NULL)
is recorded. Restoring inserts the rows again, parents first, and puts the nulled references back.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session as DbSession

from desktop.storage.models import Base


@dataclass(frozen=True)
class Snapshot:
    """Rows removed by a delete, in insert order, and references the delete set to NULL."""

    rows: tuple[tuple[str, dict[str, Any]], ...] = ()
    # (table, row id, column, value, the row's updated_at): the reference to put back, and the time to keep
    nulled: tuple[tuple[str, uuid.UUID, str, uuid.UUID, Any], ...] = field(default=())


def capture(session: DbSession, table_name: str, ids: Iterable[uuid.UUID]) -> Snapshot:
    doomed: dict[str, set[uuid.UUID]] = {table_name: set(ids)}
    rows: list[tuple[str, dict[str, Any]]] = []
    nulled: list[tuple[str, uuid.UUID, str, uuid.UUID, Any]] = []
    for table in Base.metadata.sorted_tables:
        if table.name == table_name:
            rows.extend((table.name, r) for r in _rows(session, table, table.c.id.in_(doomed[table_name])))
            continue
        for fk in table.foreign_keys:
            parent_ids = doomed.get(fk.column.table.name)
            if not parent_ids:
                continue
            found = _rows(session, table, fk.parent.in_(parent_ids))
            if fk.ondelete == "CASCADE":
                seen = doomed.setdefault(table.name, set())
                new = [r for r in found if r["id"] not in seen]
                seen.update(r["id"] for r in new)
                rows.extend((table.name, r) for r in new)
            elif fk.ondelete == "SET NULL":
                nulled.extend(
                    (table.name, r["id"], fk.parent.name, r[fk.parent.name], r["updated_at"]) for r in found
                )
    # A row can be reached before one of its parents only across tables; sorted_tables prevents that.
    order = {t.name: i for i, t in enumerate(Base.metadata.sorted_tables)}
    rows.sort(key=lambda item: order[item[0]])
    return Snapshot(tuple(rows), tuple(n for n in nulled if n[0] not in doomed or n[1] not in doomed[n[0]]))


def restore(session: DbSession, snapshot: Snapshot) -> None:
    tables = Base.metadata.tables
    for name, values in snapshot.rows:
        session.execute(insert(tables[name]), [values])
    for name, row_id, column, value, updated_at in snapshot.nulled:
        table = tables[name]
        # updated_at given explicitly, or its onupdate would stamp the row as changed now
        session.execute(
            update(table).where(table.c.id == row_id).values({column: value, "updated_at": updated_at})
        )
    session.expire_all()


def _rows(session: DbSession, table: Table, condition) -> list[dict[str, Any]]:
    return [dict(r._mapping) for r in session.execute(select(table).where(condition))]
