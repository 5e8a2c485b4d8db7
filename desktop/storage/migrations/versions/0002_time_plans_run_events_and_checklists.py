"""Time plans, run events and checklists

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 21:09:52.385221

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "agenda_block",
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column(
            "category",
            sa.Enum(
                "welcome",
                "talk",
                "exercise",
                "reflection",
                "break",
                "lunch",
                "plenary",
                name="blockcategory",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("method_id", sa.String(length=100), nullable=True),
        sa.Column("materials", sa.JSON(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("projector_text", sa.Text(), nullable=False),
        sa.Column("pinned_start", sa.Time(), nullable=True),
        sa.Column("actual_start", sa.DateTime(timezone=True), nullable=True),
        sa.Column("actual_end", sa.DateTime(timezone=True), nullable=True),
        sa.Column("added_minutes", sa.Integer(), nullable=False),
        sa.Column("actual_seconds", sa.Integer(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["session.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("agenda_block", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agenda_block_session_id"), ["session_id"], unique=False)

    op.create_table(
        "checklist_tick",
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("item_key", sa.String(length=300), nullable=False),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["session.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_id", "item_key"),
    )
    with op.batch_alter_table("checklist_tick", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_checklist_tick_session_id"), ["session_id"], unique=False)

    op.create_table(
        "run_event",
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("block_id", sa.Uuid(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["block_id"], ["agenda_block.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["session_id"], ["session.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("run_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_run_event_session_id"), ["session_id"], unique=False)

    with op.batch_alter_table("session", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kit_id", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("template_id", sa.String(length=100), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("session", schema=None) as batch_op:
        batch_op.drop_column("template_id")
        batch_op.drop_column("kit_id")

    with op.batch_alter_table("run_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_run_event_session_id"))

    op.drop_table("run_event")
    with op.batch_alter_table("checklist_tick", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_checklist_tick_session_id"))

    op.drop_table("checklist_tick")
    with op.batch_alter_table("agenda_block", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agenda_block_session_id"))

    op.drop_table("agenda_block")
