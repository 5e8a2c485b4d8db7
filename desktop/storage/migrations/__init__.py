"""Alembic migrations of the register, run at start-up (never by hand).

``SCHEMA_HEAD`` lets start-up see that a database is current without importing Alembic (a test keeps it
equal to the script directory's head). Alembic is configured here in code; there is no alembic.ini.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

SCHEMA_HEAD = "0003"
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

    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, target)
