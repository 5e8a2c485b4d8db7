"""Prototypes of a leader group's chosen ideas, with their behov – løsning – test rounds.

The same shape as the boards and the journey maps: every edit is a pure operation from
``desktop.domain.prototypes`` on the stored prototype; ``edit_prototype`` returns it as it was for undo.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, fields

from sqlalchemy import insert, select, update

from desktop.domain.prototypes import Iteration, Prototype, Status
from desktop.errors import ValidationError
from desktop.i18n import _
from desktop.services.common import delete_with_snapshot, get, sync_rows
from desktop.storage.database import Database
from desktop.storage.models import Idea as IdeaRow
from desktop.storage.models import Prototype as PrototypeRow
from desktop.storage.models import PrototypeIteration, utcnow
from desktop.storage.snapshot import Snapshot

_ROUND_FIELDS = tuple(f.name for f in fields(Iteration) if f.name != "id")  # the columns of a round


@dataclass(frozen=True)
class PrototypeSummary:
    id: uuid.UUID
    idea_id: uuid.UUID
    idea_text: str
    title: str
    kit_id: str | None
    card_id: str | None
    status: Status
    rounds: int
    missing: tuple[str, ...]  # what a draft lacks


def prototypes_of_group(db: Database, group_id: uuid.UUID) -> tuple[PrototypeSummary, ...]:
    with db.transaction() as s:
        texts = dict(
            s.execute(select(IdeaRow.id, IdeaRow.text).where(IdeaRow.leader_group_id == group_id)).all()
        )
        return tuple(
            PrototypeSummary(
                p.id,
                p.idea_id,
                texts.get(p.idea_id, ""),
                p.title,
                p.kit_id,
                p.card_id,
                p.status,
                len(p.iterations),
                p.current.missing,
            )
            for p in read_group(s, group_id)
        )


def load_prototype(db: Database, prototype_id: uuid.UUID) -> Prototype:
    with db.transaction() as s:
        return _read(s, prototype_id)


def create_prototype(db: Database, group_id: uuid.UUID, prototype: Prototype) -> bool:
    """Store a new prototype of one of the group's ideas and mark the idea chosen (it is taken further).
    Returns whether the idea was chosen before, for undo (``undo_create``)."""
    with db.transaction() as s:
        idea = get(s, IdeaRow, prototype.idea_id)
        if idea.leader_group_id != group_id:
            raise ValidationError("idea", _("Idéen hører til en annen ledergruppe."))
        was_chosen = idea.chosen
        idea.chosen = True
        now = utcnow()
        s.execute(
            insert(PrototypeRow),
            [
                {
                    "id": prototype.id,
                    "created_at": now,
                    "updated_at": now,
                    "leader_group_id": group_id,
                    **_prototype_values(prototype),
                }
            ],
        )
        _write_rounds(s, prototype, None)
        return was_chosen


def undo_create(db: Database, prototype_id: uuid.UUID, idea_was_chosen: bool) -> None:
    with db.transaction() as s:
        row = get(s, PrototypeRow, prototype_id)
        get(s, IdeaRow, row.idea_id).chosen = idea_was_chosen
        s.delete(row)


def edit_prototype(
    db: Database, prototype_id: uuid.UUID, operation: Callable[[Prototype], Prototype]
) -> Prototype:
    """Apply a domain operation to the stored prototype in one transaction; returns it as it was."""
    with db.transaction() as s:
        before = _read(s, prototype_id)
        after = operation(before)
        if after.id != before.id or after.idea_id != before.idea_id:
            raise TypeError("a prototype keeps its id and its idea")
        if _prototype_values(after) != _prototype_values(before):
            s.execute(
                update(PrototypeRow)
                .where(PrototypeRow.id == prototype_id)
                .values(**_prototype_values(after), updated_at=utcnow())
            )
        _write_rounds(s, after, before)
        return before


def set_prototype(db: Database, prototype_id: uuid.UUID, prototype: Prototype) -> Prototype:
    return edit_prototype(db, prototype_id, lambda _old: prototype)


def delete_prototype(db: Database, prototype_id: uuid.UUID) -> Snapshot:
    with db.transaction() as s:
        return delete_with_snapshot(s, get(s, PrototypeRow, prototype_id))


# --- reading and writing ----------------------------------------------------------------------------------


def _prototype_values(p: Prototype) -> dict:
    return {"idea_id": p.idea_id, "title": p.title, "kit_id": p.kit_id, "card_id": p.card_id}


def _read(s, prototype_id: uuid.UUID) -> Prototype:
    get(s, PrototypeRow, prototype_id)
    return _prototypes(s, PrototypeRow.id == prototype_id)[0]


def read_group(s, group_id: uuid.UUID) -> tuple[Prototype, ...]:
    """A group's prototypes with their rounds, oldest first, in two queries (inside a transaction)."""
    return _prototypes(s, PrototypeRow.leader_group_id == group_id)


def _prototypes(s, where) -> tuple[Prototype, ...]:
    rows = s.execute(
        select(
            PrototypeRow.id,
            PrototypeRow.idea_id,
            PrototypeRow.title,
            PrototypeRow.kit_id,
            PrototypeRow.card_id,
        )
        .where(where)
        .order_by(PrototypeRow.created_at, PrototypeRow.id)
    ).all()
    rounds: dict[uuid.UUID, list[Iteration]] = {r.id: [] for r in rows}
    columns = [getattr(PrototypeIteration, name) for name in _ROUND_FIELDS]
    for r in s.execute(
        select(PrototypeIteration.prototype_id, PrototypeIteration.id, *columns)
        .where(PrototypeIteration.prototype_id.in_(list(rounds)))
        .order_by(PrototypeIteration.position, PrototypeIteration.created_at, PrototypeIteration.id)
    ):
        rounds[r[0]].append(Iteration(r[1], *r[2:]))
    return tuple(Prototype(r.id, r.idea_id, r.title, r.kit_id, r.card_id, tuple(rounds[r.id])) for r in rows)


def _write_rounds(s, new: Prototype, old: Prototype | None) -> None:
    def rows(p: Prototype | None) -> dict:
        if p is None:
            return {}
        return {
            it.id: {
                "prototype_id": p.id,
                "position": n,
                **{name: getattr(it, name) for name in _ROUND_FIELDS},
            }
            for n, it in enumerate(p.iterations)
        }

    sync_rows(s, [(PrototypeIteration, rows(new), rows(old))])
