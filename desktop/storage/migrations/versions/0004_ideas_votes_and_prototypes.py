"""Ideas, votes and prototypes

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 22:33:03.492638

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "idea_theme",
        sa.Column("leader_group_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["leader_group_id"], ["leader_group.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("idea_theme", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_idea_theme_leader_group_id"), ["leader_group_id"], unique=False)

    op.create_table(
        "idea",
        sa.Column("leader_group_id", sa.Uuid(), nullable=False),
        sa.Column("theme_id", sa.Uuid(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("source_card_id", sa.Uuid(), nullable=True),
        sa.Column("impact", sa.Float(), nullable=True),
        sa.Column("effort", sa.Float(), nullable=True),
        sa.Column("chosen", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["leader_group_id"], ["leader_group.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["theme_id"], ["idea_theme.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("idea", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_idea_leader_group_id"), ["leader_group_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_idea_source_card_id"), ["source_card_id"], unique=False)

    op.create_table(
        "prototype",
        sa.Column("leader_group_id", sa.Uuid(), nullable=False),
        sa.Column("idea_id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("kit_id", sa.String(length=100), nullable=True),
        sa.Column("card_id", sa.String(length=100), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["idea_id"], ["idea.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["leader_group_id"], ["leader_group.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("prototype", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_prototype_idea_id"), ["idea_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_prototype_leader_group_id"), ["leader_group_id"], unique=False)

    op.create_table(
        "vote",
        sa.Column("idea_id", sa.Uuid(), nullable=False),
        sa.Column("participant_id", sa.Uuid(), nullable=False),
        sa.Column("dots", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["idea_id"], ["idea.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["participant_id"], ["participant.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("idea_id", "participant_id"),
    )
    with op.batch_alter_table("vote", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vote_idea_id"), ["idea_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_vote_participant_id"), ["participant_id"], unique=False)

    op.create_table(
        "prototype_iteration",
        sa.Column("prototype_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("need", sa.Text(), nullable=False),
        sa.Column("solution", sa.Text(), nullable=False),
        sa.Column("assumption", sa.Text(), nullable=False),
        sa.Column("with_whom", sa.Text(), nullable=False),
        sa.Column("place", sa.Text(), nullable=False),
        sa.Column("timing", sa.Text(), nullable=False),
        sa.Column("success_criteria", sa.Text(), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("learning", sa.Text(), nullable=False),
        sa.Column(
            "decision",
            sa.Enum("continue", "adjust", "stop", name="decision", native_enum=False, length=20),
            nullable=True,
        ),
        sa.Column("tested_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["prototype_id"], ["prototype.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("prototype_iteration", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_prototype_iteration_prototype_id"), ["prototype_id"], unique=False
        )

    # The link between a card and an idea is kept on the idea (idea.source_card_id) alone.
    with op.batch_alter_table("journey_card", schema=None) as batch_op:
        batch_op.drop_column("idea_id")

    with op.batch_alter_table("leader_group", schema=None) as batch_op:
        batch_op.add_column(sa.Column("idea_dots", sa.Integer(), server_default="3", nullable=False))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("leader_group", schema=None) as batch_op:
        batch_op.drop_column("idea_dots")

    with op.batch_alter_table("journey_card", schema=None) as batch_op:
        batch_op.add_column(sa.Column("idea_id", sa.Uuid(), nullable=True))

    with op.batch_alter_table("prototype_iteration", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_prototype_iteration_prototype_id"))

    op.drop_table("prototype_iteration")
    with op.batch_alter_table("vote", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vote_participant_id"))
        batch_op.drop_index(batch_op.f("ix_vote_idea_id"))

    op.drop_table("vote")
    with op.batch_alter_table("prototype", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_prototype_leader_group_id"))
        batch_op.drop_index(batch_op.f("ix_prototype_idea_id"))

    op.drop_table("prototype")
    with op.batch_alter_table("idea", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_idea_source_card_id"))
        batch_op.drop_index(batch_op.f("ix_idea_leader_group_id"))

    op.drop_table("idea")
    with op.batch_alter_table("idea_theme", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_idea_theme_leader_group_id"))

    op.drop_table("idea_theme")
