"""Deletions remembered, so that work from another laptop's copy can be merged

A row deleted here leaves its id in ``deletion`` (with the time), written by a trigger on every table, so
that rows removed by ON DELETE CASCADE are remembered too; a row put back (undo) takes its id out again.
Merging a copy then knows what was deleted here after it was last changed there (it does not come back),
and what the copy deleted (it goes here too).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23 12:10:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The moment as SQLAlchemy writes DateTime values on SQLite (UTC, microseconds).
NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now') || '000'"


def trigger_sql(table: str) -> tuple[str, str]:
    """The two triggers that keep ``deletion`` for ``table`` (kept here as written: a migration is frozen)."""
    return (
        f"CREATE TRIGGER IF NOT EXISTS {table}_deleted AFTER DELETE ON {table} BEGIN "
        f"INSERT OR REPLACE INTO deletion (id, table_name, created_at, updated_at) "
        f"VALUES (OLD.id, '{table}', {NOW}, {NOW}); END",
        f"CREATE TRIGGER IF NOT EXISTS {table}_inserted AFTER INSERT ON {table} BEGIN "
        f"DELETE FROM deletion WHERE id = NEW.id; END",
    )


def _tables() -> list[str]:
    names = sa.inspect(op.get_bind()).get_table_names()
    return sorted(set(names) - {"alembic_version", "deletion"})


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "deletion",
        sa.Column("table_name", sa.String(length=100), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    for table in _tables():
        for statement in trigger_sql(table):
            op.execute(statement)


def downgrade() -> None:
    """Downgrade schema."""
    for table in _tables():
        op.execute(f"DROP TRIGGER IF EXISTS {table}_deleted")
        op.execute(f"DROP TRIGGER IF EXISTS {table}_inserted")
    op.drop_table("deletion")
