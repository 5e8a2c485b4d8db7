"""Photos

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 23:22:59.858938

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "photo",
        sa.Column("leader_group_id", sa.Uuid(), nullable=True),
        sa.Column("session_id", sa.Uuid(), nullable=True),
        sa.Column("journey_map_id", sa.Uuid(), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("caption", sa.Text(), nullable=False),
        sa.Column("original_name", sa.String(length=300), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "leader_group_id IS NOT NULL OR session_id IS NOT NULL OR journey_map_id IS NOT NULL",
            name="ck_photo_target",
        ),
        sa.ForeignKeyConstraint(["journey_map_id"], ["journey_map.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["leader_group_id"], ["leader_group.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["session_id"], ["session.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("photo", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_photo_journey_map_id"), ["journey_map_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_photo_leader_group_id"), ["leader_group_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_photo_session_id"), ["session_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_photo_sha256"), ["sha256"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("photo", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_photo_sha256"))
        batch_op.drop_index(batch_op.f("ix_photo_session_id"))
        batch_op.drop_index(batch_op.f("ix_photo_leader_group_id"))
        batch_op.drop_index(batch_op.f("ix_photo_journey_map_id"))

    op.drop_table("photo")
