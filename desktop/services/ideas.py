"""A leader group's ideas: read the board, store every edit, delete an idea with what hangs on it.

Every edit is a pure operation from ``desktop.domain.ideas`` applied to the stored board; ``edit_board``
returns the board as it was, so one undo (``set_board`` with the old board) serves every kind of edit: a new
idea, a theme, a dot, a place on the matrix. Deleting an idea that has prototypes goes through
``delete_idea`` instead, whose snapshot brings the prototypes back on undo; merging ideas goes through
``merge_ideas``, which moves the prototypes and initiatives of the ideas merged away onto the one kept.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, insert, select, update

from desktop.domain import ideas as board_ops
from desktop.domain.ideas import Board, Idea, Theme, Vote, fitted_text
from desktop.domain.journey import LaneKind
from desktop.domain.rules import norwegian_key
from desktop.errors import ValidationError
from desktop.i18n import _
from desktop.services.common import delete_with_snapshot, get, sync_rows
from desktop.storage.database import Database
from desktop.storage.models import (
    Idea as IdeaRow,
)
from desktop.storage.models import (
    IdeaTheme,
    Initiative,
    JourneyCard,
    JourneyLane,
    JourneyMap,
    LeaderGroup,
    Participant,
    Prototype,
    utcnow,
)
from desktop.storage.models import (
    Vote as VoteRow,
)
from desktop.storage.snapshot import Snapshot, restore


@dataclass(frozen=True)
class Voter:
    id: uuid.UUID
    name: str


@dataclass(frozen=True)
class Source:
    """Where an idea came from: a card of one of the group's journey maps."""

    card_id: uuid.UUID
    map_title: str
    lane_title: str
    text: str

    @property
    def label(self) -> str:
        return f"{self.map_title} · {self.lane_title}"


@dataclass(frozen=True)
class BoardView:
    """The board with what the screens show next to it."""

    group_id: uuid.UUID
    board: Board
    voters: tuple[Voter, ...]  # the group's participants, in name order
    sources: dict[uuid.UUID, Source]  # by card id; a card that is gone is missing here
    prototypes: dict[uuid.UUID, int]  # prototypes per idea id


def load_board(db: Database, group_id: uuid.UUID) -> Board:
    with db.transaction() as s:
        return _read(s, group_id)


def board_view(db: Database, group_id: uuid.UUID) -> BoardView:
    with db.transaction() as s:
        return read_view(s, group_id)


def read_view(s, group_id: uuid.UUID) -> BoardView:
    """The board with its voters, the journey cards its ideas answer and prototypes per idea (inside a
    transaction)."""
    board = _read(s, group_id)
    voters = tuple(
        Voter(r.id, r.name)
        for r in s.execute(
            select(Participant.id, Participant.name).where(Participant.leader_group_id == group_id)
        )
    )
    card_ids = [i.source_card_id for i in board.ideas if i.source_card_id is not None]
    sources = {source.card_id: source for source in _sources(s, JourneyCard.id.in_(card_ids))}
    prototypes = dict(
        s.execute(
            select(Prototype.idea_id, func.count())
            .where(Prototype.leader_group_id == group_id)
            .group_by(Prototype.idea_id)
        ).all()
    )
    return BoardView(
        group_id, board, tuple(sorted(voters, key=lambda v: norwegian_key(v.name))), sources, prototypes
    )


def source_choices(db: Database, group_id: uuid.UUID) -> tuple[Source, ...]:
    """The pain points and opportunities of the group's journey maps: what an idea can answer."""
    with db.transaction() as s:
        return _sources(
            s,
            JourneyMap.leader_group_id == group_id,
            JourneyLane.kind.in_([LaneKind.PAIN_POINTS, LaneKind.OPPORTUNITIES]),
        )


def _sources(s, *where) -> tuple[Source, ...]:
    return tuple(
        Source(r.id, r.map_title, r.lane_title, r.text)
        for r in s.execute(
            select(
                JourneyCard.id,
                JourneyCard.text,
                JourneyMap.title.label("map_title"),
                JourneyLane.title.label("lane_title"),
            )
            .join(JourneyMap, JourneyCard.map_id == JourneyMap.id)
            .join(JourneyLane, JourneyCard.lane_id == JourneyLane.id)
            .where(*where)
            .order_by(JourneyMap.created_at, JourneyLane.position, JourneyCard.position)
        )
    )


def edit_board(db: Database, group_id: uuid.UUID, operation: Callable[[Board], Board]) -> Board:
    """Apply a domain operation to the stored board in one transaction; returns the board as it was."""
    with db.transaction() as s:
        before = _read(s, group_id)
        _write(s, group_id, operation(before), before)
        return before


def set_board(db: Database, group_id: uuid.UUID, board: Board) -> Board:
    """Make the stored board exactly ``board``; returns the board as it was (for undo)."""
    return edit_board(db, group_id, lambda _old: board)


def delete_idea(db: Database, idea_id: uuid.UUID) -> Snapshot:
    """Delete an idea with its votes and prototypes; the snapshot puts all of it back."""
    with db.transaction() as s:
        return delete_with_snapshot(s, get(s, IdeaRow, idea_id))


def restore_idea(db: Database, snapshot: Snapshot) -> None:
    """Undo ``delete_idea``: the idea and all it took come back, the idea at its place among the group's
    ideas (an edit of the board since has closed the gap it left: the ideas from there on move one down)."""
    idea = next(values for table, values in snapshot.rows if table == IdeaRow.__tablename__)
    with db.transaction() as s:
        s.execute(
            update(IdeaRow)
            .where(IdeaRow.leader_group_id == idea["leader_group_id"], IdeaRow.position >= idea["position"])
            .values(position=IdeaRow.position + 1)
        )
        restore(s, snapshot)


@dataclass(frozen=True)
class Merged:
    """What ``merge_ideas`` changed, for ``unmerge``: the board as it was, and the prototypes and
    initiatives it moved to the kept idea (table, row id, idea id before, the row's ``updated_at``)."""

    group_id: uuid.UUID
    board: Board
    moved: tuple[tuple[str, uuid.UUID, uuid.UUID, datetime], ...]


def merge_ideas(
    db: Database, group_id: uuid.UUID, keep_id: uuid.UUID, other_ids: Iterable[uuid.UUID], text: str | None
) -> Merged:
    """Merge ``other_ids`` into ``keep_id`` (``board_ops.merge_ideas``) in one transaction: their prototypes
    and the initiatives that came from them are moved to the kept idea first, so nothing goes with them."""
    other_ids = [i for i in dict.fromkeys(other_ids) if i != keep_id]
    with db.transaction() as s:
        before = _read(s, group_id)
        after = board_ops.merge_ideas(before, keep_id, other_ids, text)
        moved = []
        for model in (Prototype, Initiative):
            rows = s.execute(
                select(model.id, model.idea_id, model.updated_at).where(model.idea_id.in_(other_ids))
            ).all()
            moved += [(model.__tablename__, r.id, r.idea_id, r.updated_at) for r in rows]
            if rows:
                s.execute(update(model).where(model.idea_id.in_(other_ids)).values(idea_id=keep_id))
        _write(s, group_id, after, before)
        return Merged(group_id, before, tuple(moved))


def unmerge(db: Database, merged: Merged) -> None:
    """Undo ``merge_ideas``: the ideas come back as they were, with their dots, prototypes and initiatives."""
    tables = {m.__tablename__: m for m in (Prototype, Initiative)}
    with db.transaction() as s:
        _write(s, merged.group_id, merged.board, _read(s, merged.group_id))
        for table, row_id, idea_id, updated_at in merged.moved:
            model = tables[table]
            s.execute(update(model).where(model.id == row_id).values(idea_id=idea_id, updated_at=updated_at))


def prototype_count(db: Database, idea_id: uuid.UUID) -> int:
    with db.transaction() as s:
        return s.scalar(select(func.count()).select_from(Prototype).where(Prototype.idea_id == idea_id)) or 0


def idea_from_card(db: Database, group_id: uuid.UUID, card_id: uuid.UUID) -> Idea:
    """A new idea (not stored yet) from a journey card of the group: its text (shortened to what an idea
    holds), linked to the card."""
    with db.transaction() as s:
        card = get(s, JourneyCard, card_id)
        journey = get(s, JourneyMap, card.map_id)
        if journey.leader_group_id != group_id:
            raise ValidationError("card", _("Kortet hører til en annen ledergruppe."))
        return Idea(uuid.uuid4(), fitted_text(card.text), source_card_id=card.id)


# --- reading and writing ----------------------------------------------------------------------------------


def _read(s, group_id: uuid.UUID) -> Board:
    group = get(s, LeaderGroup, group_id)
    themes = tuple(
        Theme(r.id, r.title)
        for r in s.execute(
            select(IdeaTheme.id, IdeaTheme.title)
            .where(IdeaTheme.leader_group_id == group_id)
            .order_by(IdeaTheme.position, IdeaTheme.created_at, IdeaTheme.id)
        )
    )
    ideas = tuple(
        Idea(r.id, r.text, r.theme_id, r.source_card_id, r.impact, r.effort, r.chosen)
        for r in s.execute(
            select(
                IdeaRow.id,
                IdeaRow.text,
                IdeaRow.theme_id,
                IdeaRow.source_card_id,
                IdeaRow.impact,
                IdeaRow.effort,
                IdeaRow.chosen,
            )
            .where(IdeaRow.leader_group_id == group_id)
            .order_by(IdeaRow.position, IdeaRow.created_at, IdeaRow.id)  # a tie (after an undone delete) too
        )
    )
    votes = tuple(
        Vote(r.idea_id, r.participant_id, r.dots)
        for r in s.execute(
            select(VoteRow.idea_id, VoteRow.participant_id, VoteRow.dots)
            .join(IdeaRow, VoteRow.idea_id == IdeaRow.id)
            .where(IdeaRow.leader_group_id == group_id)
            # in an order given by the board itself, so an undo that puts votes back reads the same board
            .order_by(IdeaRow.position, IdeaRow.created_at, IdeaRow.id, VoteRow.participant_id)
        )
    )
    return Board(group.idea_dots, themes, ideas, votes)


def board_rows(group_id: uuid.UUID, board: Board) -> tuple[dict, dict]:
    """The theme and idea rows of a board, ``{id: column values}`` (the demo writes the same rows)."""
    themes = {
        t.id: {"leader_group_id": group_id, "position": n, "title": t.title}
        for n, t in enumerate(board.themes)
    }
    ideas = {
        i.id: {
            "leader_group_id": group_id,
            "theme_id": i.theme_id,
            "position": n,
            "text": i.text,
            "source_card_id": i.source_card_id,
            "impact": i.impact,
            "effort": i.effort,
            "chosen": i.chosen,
        }
        for n, i in enumerate(board.ideas)
    }
    return themes, ideas


def _write(s, group_id: uuid.UUID, new: Board, old: Board) -> None:
    """Store ``new`` over ``old``, statement by statement, only what changed."""
    now = utcnow()
    voters = set(s.scalars(select(Participant.id).where(Participant.leader_group_id == group_id)))
    # Someone who has left the group (moved to another) keeps the dots given before, but gives no more
    # (merging ideas adds her dots on them up on one: the same dots).
    gone = {v.participant_id for v in new.votes} - voters - {None}
    if any(new.used(p) > old.used(p) for p in gone):
        raise ValidationError("votes", _("Bare deltakere i ledergruppen kan stemme."))
    kept = {i.id for i in new.ideas}
    gone_ideas = [i.id for i in old.ideas if i.id not in kept]
    if gone_ideas and s.scalar(
        select(func.count()).select_from(Prototype).where(Prototype.idea_id.in_(gone_ideas))
    ):
        # Only delete_idea (with its snapshot) may take prototypes with it.
        raise ValidationError("idea", _("Idéen har prototyper og kan bare slettes med «Slett idé»."))
    used: dict[uuid.UUID, int] = {}
    for v in new.votes:
        if v.participant_id is not None:  # dots counted off the wall are nobody's
            used[v.participant_id] = used.get(v.participant_id, 0) + v.dots
    if any(
        n > new.dots and n > sum(v.dots for v in old.votes if v.participant_id == p) for p, n in used.items()
    ):
        raise ValidationError("votes", _("Deltakeren har brukt alle sine {n} prikker.").format(n=new.dots))
    if new.dots != old.dots:
        s.execute(
            update(LeaderGroup).where(LeaderGroup.id == group_id).values(idea_dots=new.dots, updated_at=now)
        )

    fresh, stale = board_rows(group_id, new), board_rows(group_id, old)
    # Compare with the positions actually stored: a delete undone by a snapshot can leave a gap or a tie,
    # which the next edit closes.
    for model, rows in zip((IdeaTheme, IdeaRow), stale, strict=True):
        stored = dict(
            s.execute(select(model.id, model.position).where(model.leader_group_id == group_id)).all()
        )
        for row_id, values in rows.items():
            values["position"] = stored.get(row_id, values["position"])
    old_votes = {(v.idea_id, v.participant_id): v.dots for v in old.votes}
    new_votes = {(v.idea_id, v.participant_id): v.dots for v in new.votes}
    for idea_id, participant_id in old_votes.keys() - new_votes.keys():
        s.execute(delete(VoteRow).where(VoteRow.idea_id == idea_id, VoteRow.participant_id == participant_id))
    sync_rows(s, list(zip((IdeaTheme, IdeaRow), fresh, stale, strict=True)))
    added_votes = [
        {
            "id": uuid.uuid4(),
            "created_at": now,
            "updated_at": now,
            "idea_id": idea_id,
            "participant_id": participant_id,
            "dots": dots,
        }
        for (idea_id, participant_id), dots in new_votes.items()
        if (idea_id, participant_id) not in old_votes
    ]
    if added_votes:
        s.execute(insert(VoteRow), added_votes)
    for (idea_id, participant_id), dots in new_votes.items():
        if (idea_id, participant_id) in old_votes and old_votes[idea_id, participant_id] != dots:
            s.execute(
                update(VoteRow)
                .where(VoteRow.idea_id == idea_id, VoteRow.participant_id == participant_id)
                .values(dots=dots, updated_at=now)
            )
