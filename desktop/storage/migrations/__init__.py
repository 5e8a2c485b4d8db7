"""Alembic migrations of the register, run at start-up (never by hand).

``SCHEMA_HEAD`` lets start-up see that a database is current without importing Alembic (a test keeps it
equal to the script directory's head). Alembic is configured here in code; there is no alembic.ini.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

SCHEMA_HEAD = "0009"
MIGRATIONS_DIR = Path(__file__).resolve().parent


def _config():
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def script_heads() -> tuple[str, ...]:
    from alembic.script import ScriptDirectory

    return tuple(ScriptDirectory.from_config(_config()).get_heads())


def newer_than_known(revision: str) -> bool:
    """True when ``revision`` is not one of ours: the database was written by a newer program."""
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    try:
        ScriptDirectory.from_config(_config()).get_revision(revision)
    except CommandError:
        return True
    return False


def upgrade(engine: Engine, target: str = "head") -> None:
    from alembic import command

    _migrate(engine, lambda config: command.upgrade(config, target))


def downgrade(engine: Engine, target: str) -> None:
    from alembic import command

    _migrate(engine, lambda config: command.downgrade(config, target))


def _migrate(engine: Engine, run) -> None:
    """Run a migration in one transaction. On SQLite, batch mode changes a table by copying it and dropping
    the old one; with foreign keys on, that drop would cascade and delete every row that refers to it. So
    they are off while the migration runs and checked before it commits (the way SQLite's documentation
    describes changing a table)."""
    config = _config()
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        if sqlite:
            # Outside a transaction (pysqlite is in autocommit mode here), so the pragma takes effect.
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                run(config)
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"migration left broken references: {broken[:5]}")
        finally:
            if sqlite:
                connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")
