"""A session's time plan (tidsplan): one function per editing action, each returning the plan as it was
before, so that one undo mechanism (``set_plan`` with the previous plan) serves every action.

Start times are computed (``desktop.domain.timeplan.schedule``), never stored, except for pinned blocks.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time

from sqlalchemy import delete, select

from desktop.domain import timeplan
from desktop.domain.kit import BlockCategory, Kit
from desktop.domain.rules import clean_name, clean_optional_text
from desktop.errors import NotFoundError, ValidationError
from desktop.i18n import _
from desktop.services.common import get
from desktop.storage.database import Database
from desktop.storage.models import AgendaBlock, Session


@dataclass(frozen=True)
class Block:
    """One block of a plan as plain values (what the editor shows and what undo puts back)."""

    id: uuid.UUID
    title: str
    minutes: int
    category: BlockCategory = BlockCategory.EXERCISE
    method_id: str | None = None
    materials: tuple[str, ...] = ()
    notes: str = ""
    projector_text: str = ""
    pinned_start: time | None = None
    actual_start: datetime | None = None
    actual_end: datetime | None = None
    added_minutes: int = 0
    actual_seconds: int | None = None  # running time of the recorded run, pauses excluded


RECORD_FIELDS = ("actual_start", "actual_end", "added_minutes", "actual_seconds")


@dataclass(frozen=True)
class Plan:
    session_id: uuid.UUID
    title: str
    date: date
    start: time
    end: time
    kit_id: str | None
    template_id: str | None
    blocks: tuple[Block, ...] = field(default=())

    def schedule(self) -> timeplan.Schedule:
        return timeplan.schedule(plan_blocks(self.blocks), minutes_of(self.start), minutes_of(self.end))

    def segments_from(self, from_index: int) -> tuple[timeplan.Segment, ...]:
        """The stretches rebalancing from ``from_index`` works in (``desktop.domain.timeplan.segments``)."""
        return timeplan.segments(
            plan_blocks(self.blocks), minutes_of(self.start), minutes_of(self.end), from_index
        )


def minutes_of(value: time) -> int:
    return value.hour * 60 + value.minute


KEEP_WHOLE = (BlockCategory.BREAK, BlockCategory.LUNCH)  # rebalancing neither shortens nor stretches a break


def plan_blocks(blocks: tuple[Block, ...]) -> list[timeplan.PlanBlock]:
    return [
        timeplan.PlanBlock(
            b.minutes, minutes_of(b.pinned_start) if b.pinned_start else None, keep=b.category in KEEP_WHOLE
        )
        for b in blocks
    ]


# --- reading and writing the whole plan ------------------------------------------------------------------


def load_plan(db: Database, session_id: uuid.UUID) -> Plan:
    with db.transaction() as s:
        return _plan(get(s, Session, session_id))


def _plan(row: Session) -> Plan:
    return Plan(
        row.id,
        row.title,
        row.date,
        row.start_time,
        row.end_time,
        row.kit_id,
        row.template_id,
        tuple(
            Block(
                b.id,
                b.title,
                b.minutes,
                b.category,
                b.method_id,
                tuple(b.materials or ()),
                b.notes,
                b.projector_text,
                b.pinned_start,
                b.actual_start,
                b.actual_end,
                b.added_minutes,
                b.actual_seconds,
            )
            for b in row.blocks
        ),
    )


def set_plan(
    db: Database,
    session_id: uuid.UUID,
    blocks: tuple[Block, ...],
    source: tuple | None = None,
    hours: tuple[time, time] | None = None,
) -> Plan:
    """Make the session's plan exactly ``blocks`` (ids kept, positions from the order); returns the old plan.

    ``source`` (kit id, template id) records where a plan came from; None leaves it as it is. ``hours``
    (start, end) sets the session's day as well; None leaves it. A run's record
    (actual times) of a block that exists is never written here, only by ``services.run``: an undo of a plan
    edit made before a run must not wipe the run. A block that comes back (undo of a removal) brings its own.
    """
    _check(blocks)
    with db.transaction() as s:
        row = get(s, Session, session_id)
        before = _plan(row)
        start, end = hours or (before.start, before.end)
        _check_schedule(replace(before, blocks=blocks, start=start, end=end))
        if hours is not None:
            row.start_time, row.end_time = hours
        keep = {b.id for b in blocks}
        s.execute(
            delete(AgendaBlock).where(AgendaBlock.session_id == session_id, AgendaBlock.id.not_in(keep))
        )
        existing = {
            b.id: b for b in s.scalars(select(AgendaBlock).where(AgendaBlock.session_id == session_id))
        }
        for position, block in enumerate(blocks):
            known = block.id in existing
            target = existing.get(block.id) or AgendaBlock(id=block.id, session_id=session_id)
            values = {
                "position": position,
                "title": block.title,
                "minutes": block.minutes,
                "category": block.category,
                "method_id": block.method_id,
                "materials": list(block.materials),
                "notes": block.notes,
                "projector_text": block.projector_text,
                "pinned_start": block.pinned_start,
                "actual_start": block.actual_start,
                "actual_end": block.actual_end,
                "added_minutes": block.added_minutes,
                "actual_seconds": block.actual_seconds,
            }
            if known:  # a run's record is written by services.run only (undo must not wipe a later run)
                for key in RECORD_FIELDS:
                    del values[key]
            for key, value in values.items():
                if getattr(target, key) != value:
                    setattr(target, key, value)
            s.add(target)
        if source is not None:
            row.kit_id, row.template_id = source
        return before


def restore_plan(db: Database, plan: Plan) -> Plan:
    """Undo for every plan action: put ``plan`` back (blocks, where it came from, the session's hours)."""
    return set_plan(db, plan.session_id, plan.blocks, (plan.kit_id, plan.template_id), (plan.start, plan.end))


def _check(blocks: tuple[Block, ...]) -> None:
    for index, block in enumerate(blocks):
        where = _("Blokk {n} («{title}»)").format(n=index + 1, title=block.title)
        if not block.title.strip():
            raise ValidationError("title", _("{where}: tittelen kan ikke være tom.").format(where=where))
        if block.minutes <= 0:
            raise ValidationError(
                "minutes", _("{where}: minutter må være et helt tall større enn null.").format(where=where)
            )


def _check_schedule(plan: Plan) -> None:
    sched = plan.schedule()
    late = next((b for b in sched.blocks if b.end > 24 * 60), None)
    if late is not None:
        block = plan.blocks[late.index]
        raise ValidationError(
            "minutes",
            _("Tidsplanen går over midnatt: «{title}» ville sluttet {end}. Endringen er ikke lagret.").format(
                title=block.title, end=timeplan.format_clock(late.end)
            ),
        )


# --- the actions -----------------------------------------------------------------------------------------


def _edit(db: Database, session_id: uuid.UUID, change) -> Plan:
    plan = load_plan(db, session_id)
    return set_plan(db, session_id, tuple(change(list(plan.blocks))))


def new_block(title: str = "", minutes: int = 15, **values) -> Block:
    return Block(uuid.uuid4(), title or _("Ny blokk"), minutes, **values)


def add_block(db: Database, session_id: uuid.UUID, block: Block, position: int | None = None) -> Plan:
    def change(blocks: list[Block]) -> list[Block]:
        blocks.insert(len(blocks) if position is None else position, block)
        return blocks

    return _edit(db, session_id, change)


def remove_blocks(db: Database, session_id: uuid.UUID, block_ids: set[uuid.UUID]) -> Plan:
    return _edit(db, session_id, lambda blocks: [b for b in blocks if b.id not in block_ids])


def duplicate_blocks(db: Database, session_id: uuid.UUID, block_ids: Iterable[uuid.UUID]) -> Plan:
    """Copies of the blocks ``block_ids``, in their order, together just after the last of them: not
    pinned and without a recorded run."""
    wanted = set(block_ids)

    def change(blocks: list[Block]) -> list[Block]:
        chosen = [i for i, b in enumerate(blocks) if b.id in wanted]
        if not chosen:
            raise NotFoundError(_("Blokken finnes ikke lenger; den kan være fjernet."))
        fresh = {"pinned_start": None, "actual_start": None, "actual_end": None, "actual_seconds": None}
        copies = [replace(blocks[i], id=uuid.uuid4(), added_minutes=0, **fresh) for i in chosen]
        return blocks[: chosen[-1] + 1] + copies + blocks[chosen[-1] + 1 :]

    return _edit(db, session_id, change)


def move_blocks(db: Database, session_id: uuid.UUID, block_ids: Iterable[uuid.UUID], before: int) -> Plan:
    """Move the blocks ``block_ids`` (kept in their order) together just before the block now at index
    ``before`` (the number of blocks: to the end); see ``desktop.domain.timeplan.move_before``."""
    wanted = set(block_ids)

    def change(blocks: list[Block]) -> list[Block]:
        sources = [i for i, b in enumerate(blocks) if b.id in wanted]
        return timeplan.move_before(blocks, sources, max(0, min(before, len(blocks))))

    return _edit(db, session_id, change)


def update_block(db: Database, session_id: uuid.UUID, block_id: uuid.UUID, **values) -> Plan:
    """Change fields of one block (title, minutes, category, method_id, materials, notes, projector_text,
    pinned_start); values are checked before anything is stored."""
    if "title" in values:
        values["title"] = clean_name(values["title"], "title")
    if "minutes" in values:
        timeplan.check_minutes(values["minutes"])
    for key in ("notes", "projector_text"):
        if key in values:
            values[key] = clean_optional_text(values[key])
    return _edit(
        db, session_id, lambda blocks: [replace(b, **values) if b.id == block_id else b for b in blocks]
    )


def rebalance(db: Database, session_id: uuid.UUID, from_index: int = 0) -> Plan:
    """Resize the blocks from ``from_index`` on so that the plan ends when the session ends."""
    plan = load_plan(db, session_id)
    sized = timeplan.rebalance(
        plan_blocks(plan.blocks), minutes_of(plan.start), minutes_of(plan.end), from_index
    )
    blocks = tuple(replace(b, minutes=p.minutes) for b, p in zip(plan.blocks, sized, strict=True))
    return set_plan(db, session_id, blocks)


def rebalance_from(db: Database, session_id: uuid.UUID, from_index: int, start_minute: int) -> Plan:
    """During a run: resize the blocks from ``from_index`` on so that, starting at ``start_minute`` (when
    the next block will really start), the day still ends when the session ends. Pinned blocks and breaks
    keep their time; blocks before ``from_index`` are left as they are."""
    plan = load_plan(db, session_id)
    tail = plan_blocks(plan.blocks[from_index:])
    end = minutes_of(plan.end)
    sized = timeplan.rebalance(tail, min(start_minute, end), end, 0)
    blocks = plan.blocks[:from_index] + tuple(
        replace(b, minutes=p.minutes) for b, p in zip(plan.blocks[from_index:], sized, strict=True)
    )
    return set_plan(db, session_id, blocks)


def template_hours(template) -> tuple[time, time]:
    """The day a kit's session template is made for: its start, and its start plus its length."""
    start = time.fromisoformat(template.start)
    end = minutes_of(start) + template.minutes
    return start, time(min(end, 24 * 60 - 1) // 60, min(end, 24 * 60 - 1) % 60)


def suggested_template(db: Database, session_id: uuid.UUID, kit: Kit) -> str | None:
    """The template of ``kit`` a session most likely wants: the one its plan came from; else, in the
    programme's order, the first of the session's kind (opening, working, closing) that no other session
    of its cohort has used, one with the session's title first."""
    with db.transaction() as s:
        row = get(s, Session, session_id)
        if row.kit_id == kit.id and row.template_id:
            return row.template_id
        used = set(
            s.scalars(
                select(Session.template_id).where(
                    Session.cohort_id == row.cohort_id, Session.id != session_id, Session.kit_id == kit.id
                )
            )
        )
        kind, title = row.kind, row.title.casefold().strip()
    ordered = [t for t in ordered_templates(kit) if t.kind == kind]
    fresh = [t for t in ordered if t.id not in used] or ordered
    best = [t for t in fresh if t.title.casefold() == title] or fresh
    return best[0].id if best else None


def ordered_templates(kit: Kit) -> list:
    """The kit's session templates in the programme's order; those outside it after, by title."""
    order = {template_id: n for n, template_id in enumerate(kit.sequence)}
    return sorted(kit.sessions, key=lambda t: (order.get(t.id, len(order)), t.title.casefold()))


def plan_from_template(
    db: Database, session_id: uuid.UUID, kit: Kit, template_id: str, hours: bool = False
) -> Plan:
    """Replace the plan with the kit template's blocks, and with ``hours`` the session's start and end with
    the template's (the old plan and hours come back with undo)."""
    template = kit.session(template_id)
    blocks = tuple(
        Block(
            uuid.uuid4(),
            b.title,
            b.minutes,
            b.category,
            b.method,
            b.materials,
            b.notes,
            b.projector_text,
            time.fromisoformat(b.pinned) if b.pinned else None,
        )
        for b in template.blocks
    )
    return set_plan(
        db, session_id, blocks, (kit.id, template_id), template_hours(template) if hours else None
    )


def copy_plan(db: Database, session_id: uuid.UUID, from_session_id: uuid.UUID) -> Plan:
    """Replace the plan with a copy of another session's plan (without its recorded times)."""
    other = load_plan(db, from_session_id)
    blocks = tuple(
        replace(b, id=uuid.uuid4(), actual_start=None, actual_end=None, added_minutes=0) for b in other.blocks
    )
    return set_plan(db, session_id, blocks, (other.kit_id, other.template_id))


def sessions_with_plans(db: Database):
    """Sessions that have a plan to copy, newest first, as «LUP 3 · 06.09.2016 Oppstartsamling»."""
    from sqlalchemy import func

    from desktop.domain.rules import format_date
    from desktop.services.views import Choice
    from desktop.storage.models import Cohort

    with db.transaction() as s:
        planned = select(AgendaBlock.session_id).group_by(AgendaBlock.session_id).having(func.count() > 0)
        rows = s.execute(
            select(Session.id, Session.title, Session.date, Cohort.name)
            .join(Cohort)
            .where(Session.id.in_(planned))
            .order_by(Session.date.desc())
        )
        return tuple(Choice(r.id, f"{r.name} · {format_date(r.date)} {r.title}") for r in rows)


def recorded_actuals(plan: Plan):
    """The stored actual times of a plan's blocks as the run domain's ``BlockActual`` (by position); the
    running time is the stored one (pauses excluded), or end minus start for older records."""
    from desktop.domain.run import BlockActual

    return {
        index: BlockActual(
            index,
            b.actual_start,
            b.actual_end,
            b.added_minutes,
            b.actual_seconds
            if b.actual_seconds is not None
            else (b.actual_end - b.actual_start).total_seconds(),
        )
        for index, b in enumerate(plan.blocks)
        if b.actual_start and b.actual_end
    }
