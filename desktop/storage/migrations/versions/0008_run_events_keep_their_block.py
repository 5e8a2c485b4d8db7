"""Run events keep their block's id without a foreign key

A block removed from the plan and brought back by undo is the same block again; with ``ON DELETE SET NULL``
its run events had lost it for good, and an interrupted run could no longer be taken up. Like
``idea.source_card_id``, the link is kept as a plain id: an id whose block is gone is simply not found.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23 03:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _run_event(block_foreign_key: bool) -> sa.Table:
    """The run_event table as batch mode rebuilds it (SQLite cannot drop an unnamed foreign key)."""
    block = sa.ForeignKey("agenda_block.id", ondelete="SET NULL") if block_foreign_key else None
    metadata = sa.MetaData()
    sa.Table("session", metadata, sa.Column("id", sa.Uuid(), primary_key=True))
    sa.Table("agenda_block", metadata, sa.Column("id", sa.Uuid(), primary_key=True))
    return sa.Table(
        "run_event",
        metadata,
        sa.Column("session_id", sa.Uuid(), sa.ForeignKey("session.id", ondelete="CASCADE"), nullable=False),
        sa.Column("block_id", sa.Uuid(), *([block] if block is not None else []), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Index("ix_run_event_session_id", "session_id"),
    )


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("run_event", copy_from=_run_event(False), recreate="always"):
        pass


def downgrade() -> None:
    """Downgrade schema: ids of blocks that are gone become NULL again, as the foreign key wants."""
    op.execute("UPDATE run_event SET block_id = NULL WHERE block_id NOT IN (SELECT id FROM agenda_block)")
    with op.batch_alter_table("run_event", copy_from=_run_event(True), recreate="always"):
        pass
