"""Initiatives, benefits and fund rounds

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 22:56:25.300938

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "fund_round",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("budget", sa.Integer(), nullable=False),
        sa.Column("info_workshop", sa.Date(), nullable=True),
        sa.Column("applicant_workshop", sa.Date(), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("decision_date", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "initiative",
        sa.Column("leader_group_id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("need", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("idea_id", sa.Uuid(), nullable=True),
        sa.Column("prototype_id", sa.Uuid(), nullable=True),
        sa.Column(
            "phase",
            sa.Enum(
                "forankring",
                "innsikt",
                "tjenesteutvikling",
                "pilotering",
                "overgang_til_drift",
                "ny_praksis",
                name="veikartphase",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "planned",
                "active",
                "paused",
                "done",
                "stopped",
                name="initiativestatus",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("next_step", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["idea_id"], ["idea.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["leader_group_id"], ["leader_group.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["prototype_id"], ["prototype.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("initiative", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_initiative_leader_group_id"), ["leader_group_id"], unique=False)

    op.create_table(
        "application",
        sa.Column("round_id", sa.Uuid(), nullable=False),
        sa.Column("initiative_id", sa.Uuid(), nullable=False),
        sa.Column("amount_applied", sa.Integer(), nullable=False),
        sa.Column("score_innovative", sa.Integer(), nullable=True),
        sa.Column("score_anchored", sa.Integer(), nullable=True),
        sa.Column("score_scalable", sa.Integer(), nullable=True),
        sa.Column("score_gain", sa.Integer(), nullable=True),
        sa.Column("score_outside_operations", sa.Integer(), nullable=True),
        sa.Column(
            "decision",
            sa.Enum(
                "pending",
                "granted",
                "rejected",
                "withdrawn",
                name="funddecision",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("amount_granted", sa.Integer(), nullable=True),
        sa.Column("follow_up", sa.Text(), nullable=False),
        sa.Column("guidance_offered", sa.Boolean(), nullable=False),
        sa.Column("guidance_notes", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["initiative_id"], ["initiative.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["round_id"], ["fund_round.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("round_id", "initiative_id"),
    )
    with op.batch_alter_table("application", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_application_initiative_id"), ["initiative_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_application_round_id"), ["round_id"], unique=False)

    op.create_table(
        "benefit",
        sa.Column("initiative_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "gain_type",
            sa.Enum("avoided_costs", "time_saved", "quality", name="gaintype", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("indicator", sa.String(length=300), nullable=False),
        sa.Column("unit", sa.String(length=40), nullable=False),
        sa.Column("baseline", sa.Float(), nullable=False),
        sa.Column("baseline_date", sa.Date(), nullable=False),
        sa.Column("target", sa.Float(), nullable=False),
        sa.Column("target_date", sa.Date(), nullable=True),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("preconditions", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["initiative_id"], ["initiative.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("benefit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_benefit_initiative_id"), ["initiative_id"], unique=False)

    op.create_table(
        "benefit_measurement",
        sa.Column("benefit_id", sa.Uuid(), nullable=False),
        sa.Column("measured_on", sa.Date(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["benefit_id"], ["benefit.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("benefit_measurement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_benefit_measurement_benefit_id"), ["benefit_id"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("benefit_measurement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_benefit_measurement_benefit_id"))

    op.drop_table("benefit_measurement")
    with op.batch_alter_table("benefit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_benefit_initiative_id"))

    op.drop_table("benefit")
    with op.batch_alter_table("application", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_application_round_id"))
        batch_op.drop_index(batch_op.f("ix_application_initiative_id"))

    op.drop_table("application")
    with op.batch_alter_table("initiative", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_initiative_leader_group_id"))

    op.drop_table("initiative")
    op.drop_table("fund_round")
