"""Dots counted off the wall: a vote without a participant

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 01:20:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("vote", schema=None) as batch_op:
        batch_op.alter_column("participant_id", existing_type=sa.Uuid(), nullable=True)


def downgrade() -> None:
    """Downgrade schema: the counted dots have no participant to keep them, so they go."""
    op.execute("DELETE FROM vote WHERE participant_id IS NULL")
    with op.batch_alter_table("vote", schema=None) as batch_op:
        batch_op.alter_column("participant_id", existing_type=sa.Uuid(), nullable=False)
