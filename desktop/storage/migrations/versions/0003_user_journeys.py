"""User journeys

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 21:50:51.804842

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "journey_map",
        sa.Column("leader_group_id", sa.Uuid(), nullable=False),
        sa.Column("session_id", sa.Uuid(), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column(
            "kind", sa.Enum("current", "future", name="mapkind", native_enum=False, length=20), nullable=False
        ),
        sa.Column("template_id", sa.String(length=100), nullable=True),
        sa.Column("persona_name", sa.String(length=200), nullable=False),
        sa.Column("persona_role", sa.String(length=200), nullable=False),
        sa.Column("persona_needs", sa.Text(), nullable=False),
        sa.Column("persona_goals", sa.Text(), nullable=False),
        sa.Column("persona_frustrations", sa.Text(), nullable=False),
        sa.Column("persona_quote", sa.Text(), nullable=False),
        sa.Column("persona_photo", sa.String(length=100), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["leader_group_id"], ["leader_group.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["session_id"], ["session.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("journey_map", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_journey_map_leader_group_id"), ["leader_group_id"], unique=False)

    op.create_table(
        "journey_lane",
        sa.Column("map_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "actions",
                "touchpoints",
                "thoughts",
                "feelings",
                "pain_points",
                "opportunities",
                "backstage",
                "custom",
                name="lanekind",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["map_id"], ["journey_map.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("journey_lane", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_journey_lane_map_id"), ["map_id"], unique=False)

    op.create_table(
        "journey_stage",
        sa.Column("map_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["map_id"], ["journey_map.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("journey_stage", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_journey_stage_map_id"), ["map_id"], unique=False)

    op.create_table(
        "journey_step",
        sa.Column("stage_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("emotion", sa.Integer(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["stage_id"], ["journey_stage.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("journey_step", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_journey_step_stage_id"), ["stage_id"], unique=False)

    op.create_table(
        "journey_card",
        sa.Column("map_id", sa.Uuid(), nullable=False),
        sa.Column("lane_id", sa.Uuid(), nullable=False),
        sa.Column("step_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("colour", sa.String(length=20), nullable=False),
        sa.Column("idea_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["lane_id"], ["journey_lane.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["map_id"], ["journey_map.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["step_id"], ["journey_step.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("journey_card", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_journey_card_map_id"), ["map_id"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("journey_card", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_journey_card_map_id"))

    op.drop_table("journey_card")
    with op.batch_alter_table("journey_step", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_journey_step_stage_id"))

    op.drop_table("journey_step")
    with op.batch_alter_table("journey_stage", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_journey_stage_map_id"))

    op.drop_table("journey_stage")
    with op.batch_alter_table("journey_lane", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_journey_lane_map_id"))

    op.drop_table("journey_lane")
    with op.batch_alter_table("journey_map", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_journey_map_leader_group_id"))

    op.drop_table("journey_map")
