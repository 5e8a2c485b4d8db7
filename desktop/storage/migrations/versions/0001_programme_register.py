"""Programme register

Revision ID: 0001
Revises:
Create Date: 2026-11-22 20:25:18.793418

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "facilitator",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "programme",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "sector",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "cohort",
        sa.Column("programme_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["programme_id"], ["programme.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("cohort", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cohort_programme_id"), ["programme_id"], unique=False)

    op.create_table(
        "service_location",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("sector_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["sector_id"], ["sector.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    with op.batch_alter_table("service_location", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_service_location_sector_id"), ["sector_id"], unique=False)

    op.create_table(
        "cohort_facilitator",
        sa.Column("cohort_id", sa.Uuid(), nullable=False),
        sa.Column("facilitator_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["cohort_id"], ["cohort.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["facilitator_id"], ["facilitator.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("cohort_id", "facilitator_id"),
    )
    with op.batch_alter_table("cohort_facilitator", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cohort_facilitator_cohort_id"), ["cohort_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_cohort_facilitator_facilitator_id"), ["facilitator_id"], unique=False
        )

    op.create_table(
        "leader_group",
        sa.Column("cohort_id", sa.Uuid(), nullable=False),
        sa.Column("service_location_id", sa.Uuid(), nullable=False),
        sa.Column("lead_facilitator_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["cohort_id"], ["cohort.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["lead_facilitator_id"], ["facilitator.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["service_location_id"], ["service_location.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("cohort_id", "service_location_id"),
    )
    with op.batch_alter_table("leader_group", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_leader_group_cohort_id"), ["cohort_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_leader_group_lead_facilitator_id"), ["lead_facilitator_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_leader_group_service_location_id"), ["service_location_id"], unique=False
        )

    op.create_table(
        "session",
        sa.Column("cohort_id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("opening", "working", "closing", name="sessionkind", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=False),
        sa.Column("end_time", sa.Time(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["cohort_id"], ["cohort.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("session", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_session_cohort_id"), ["cohort_id"], unique=False)

    op.create_table(
        "participant",
        sa.Column("leader_group_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column(
            "role",
            sa.Enum("leader", "enthusiast", "other", name="participantrole", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["leader_group_id"], ["leader_group.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_participant_leader_group_id"), ["leader_group_id"], unique=False)

    op.create_table(
        "session_facilitator",
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("facilitator_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["facilitator_id"], ["facilitator.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["session_id"], ["session.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_id", "facilitator_id"),
    )
    with op.batch_alter_table("session_facilitator", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_session_facilitator_facilitator_id"), ["facilitator_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_session_facilitator_session_id"), ["session_id"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("session_facilitator", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_facilitator_session_id"))
        batch_op.drop_index(batch_op.f("ix_session_facilitator_facilitator_id"))

    op.drop_table("session_facilitator")
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participant_leader_group_id"))

    op.drop_table("participant")
    with op.batch_alter_table("session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_cohort_id"))

    op.drop_table("session")
    with op.batch_alter_table("leader_group", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_leader_group_service_location_id"))
        batch_op.drop_index(batch_op.f("ix_leader_group_lead_facilitator_id"))
        batch_op.drop_index(batch_op.f("ix_leader_group_cohort_id"))

    op.drop_table("leader_group")
    with op.batch_alter_table("cohort_facilitator", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cohort_facilitator_facilitator_id"))
        batch_op.drop_index(batch_op.f("ix_cohort_facilitator_cohort_id"))

    op.drop_table("cohort_facilitator")
    with op.batch_alter_table("service_location", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_location_sector_id"))

    op.drop_table("service_location")
    with op.batch_alter_table("cohort", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cohort_programme_id"))

    op.drop_table("cohort")
    op.drop_table("sector")
    op.drop_table("programme")
    op.drop_table("facilitator")
