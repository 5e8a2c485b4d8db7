"""Opening the register: creation and migration, pragmas, refusals that leave the file untouched,
the one-program lock, start-up backups and transactions."""

from __future__ import annotations

import hashlib
import random
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import OperationalError

from desktop.errors import (
    CorruptDatabaseError,
    DatabaseLockedError,
    DatabaseTooNewError,
    DiskFullError,
    StorageError,
)
from desktop.storage.backup import KEEP, backup_dir, latest_backup, list_backups
from desktop.storage.database import DB_NAME, FileState, inspect_file, open_database
from desktop.storage.lock import LOCK_NAME
from desktop.storage.migrations import SCHEMA_HEAD, newer_than_known, script_heads
from desktop.storage.models import Base, Facilitator

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def all_files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def assert_no_new_files(folder: Path, before: set[str]) -> None:
    """Nothing was added but the program's lock file and what SQLite's read-only look may leave: an empty
    log and its index."""
    added = all_files(folder) - before
    assert added <= {LOCK_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm"}, added
    wal = folder / f"{DB_NAME}-wal"
    if wal.name in added:
        assert wal.stat().st_size == 0


def row_counts(path: Path) -> dict[str, int]:
    con = sqlite3.connect(path)
    try:
        tables = [
            r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()


def create_and_close(data_dir: Path) -> Path:
    open_database(data_dir).close()
    return data_dir / DB_NAME


def open_change_close(data_dir: Path, name: str) -> None:
    """One start of the program in which the facilitator stores something."""
    database = open_database(data_dir)
    try:
        with database.transaction() as session:
            session.add(Facilitator(name=name))
    finally:
        database.close()


def build_demo_in(data_dir: Path) -> Path:
    from desktop.services.demo import build_demo

    database = open_database(data_dir, backup=False)
    try:
        build_demo(database)
    finally:
        database.close()
    return data_dir / DB_NAME


# --- creation and schema ---------------------------------------------------------------------------------


def test_schema_head_is_the_only_migration_head() -> None:
    assert script_heads() == (SCHEMA_HEAD,)
    assert newer_than_known(SCHEMA_HEAD) is False
    assert newer_than_known("9999_future") is True


def test_open_on_empty_folder_creates_database_at_head(data_dir: Path) -> None:
    assert inspect_file(data_dir / DB_NAME) == FileState(False, None)
    database = open_database(data_dir)
    try:
        assert database.path == data_dir / DB_NAME
        assert database.path.is_file()
        with database.engine.connect() as con:
            assert con.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [
                SCHEMA_HEAD
            ]
    finally:
        database.close()
    assert inspect_file(data_dir / DB_NAME) == FileState(True, SCHEMA_HEAD)
    # A new register needs no backup: there was nothing to lose.
    assert list_backups(data_dir / DB_NAME) == []


def test_open_creates_a_missing_data_folder(tmp_path: Path) -> None:
    folder = tmp_path / "stick" / "LUP"
    open_database(folder).close()
    assert (folder / DB_NAME).is_file()


def test_migration_from_empty_matches_the_models(db) -> None:
    schema = inspect(db.engine)
    tables = set(schema.get_table_names()) - {"alembic_version"}
    assert tables == set(Base.metadata.tables)
    for name, table in Base.metadata.tables.items():
        columns = {c["name"]: c for c in schema.get_columns(name)}
        assert set(columns) == {c.name for c in table.columns}, name
        for column in table.columns:
            assert columns[column.name]["nullable"] == column.nullable, f"{name}.{column.name}"
        foreign = {
            (tuple(fk["constrained_columns"]), fk["referred_table"], fk["options"].get("ondelete"))
            for fk in schema.get_foreign_keys(name)
        }
        expected = {((fk.parent.name,), fk.column.table.name, fk.ondelete) for fk in table.foreign_keys}
        assert foreign == expected, name
        indexes = {tuple(ix["column_names"]) for ix in schema.get_indexes(name)}
        assert indexes == {tuple(c.name for c in ix.columns) for ix in table.indexes}, name


def test_migration_and_models_have_no_differences(db) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with db.engine.connect() as con:
        context = MigrationContext.configure(con, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_every_table_has_id_and_timestamps(db) -> None:
    schema = inspect(db.engine)
    names = set(schema.get_table_names()) - {"alembic_version"}
    assert names == set(Base.metadata.tables)
    for name in names:
        columns = {c["name"] for c in schema.get_columns(name)}
        assert {"id", "created_at", "updated_at"} <= columns, name
        assert schema.get_pk_constraint(name)["constrained_columns"] == ["id"], name


def test_pragmas_foreign_keys_and_wal(db) -> None:
    with db.engine.connect() as con:
        assert con.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert con.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert con.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_foreign_keys_are_enforced(db) -> None:
    import uuid

    from sqlalchemy.exc import IntegrityError

    from desktop.storage.models import Participant

    with pytest.raises(IntegrityError), db.transaction() as session:
        session.add(Participant(leader_group_id=uuid.uuid4(), name="Kari"))
    with db.transaction() as session:
        assert session.scalar(select(Participant)) is None


def test_rows_get_uuid_and_timestamps(db) -> None:
    with db.transaction() as session:
        row = Facilitator(name="Kari Nordmann")
        session.add(row)
        session.flush()
        row_id = row.id
    with db.transaction() as session:
        stored = session.get(Facilitator, row_id)
        assert stored.id.version == 4
        assert stored.created_at is not None
        assert stored.updated_at is not None


# --- a database from a newer program -------------------------------------------------------------------


def test_newer_schema_is_refused_and_left_untouched(data_dir: Path) -> None:
    path = create_and_close(data_dir)
    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.close()
    before = sha256(path)
    files_before = all_files(data_dir)
    backups_before = list_backups(path)

    with pytest.raises(DatabaseTooNewError) as info:
        open_database(data_dir)

    assert "nyere versjon" in info.value.message
    assert "9999_future" not in info.value.message  # a migration id means nothing to a facilitator
    assert str(path) in info.value.message
    assert info.value.revision == "9999_future"
    assert sha256(path) == before
    assert list_backups(path) == backups_before == []
    assert not backup_dir(path).exists()
    assert_no_new_files(data_dir, files_before)
    # The refusal let go of the folder: it can be tried again (and refused again) at once.
    with pytest.raises(DatabaseTooNewError):
        open_database(data_dir)
    assert sha256(path) == before


# --- corrupt databases ---------------------------------------------------------------------------------


def test_garbage_file_is_corrupt_without_backup(data_dir: Path) -> None:
    path = data_dir / DB_NAME
    path.write_bytes(random.Random(7).randbytes(16_384))
    before = sha256(path)
    files_before = all_files(data_dir)

    with pytest.raises(CorruptDatabaseError) as info:
        open_database(data_dir)

    assert str(path) in info.value.message
    assert "skadet" in info.value.message
    assert "ingen sikkerhetskopi" in info.value.message
    assert info.value.latest_backup is None
    assert sha256(path) == before
    assert list_backups(path) == []
    assert_no_new_files(data_dir, files_before)


def test_garbage_file_names_the_latest_backup(data_dir: Path) -> None:
    path = create_and_close(data_dir)
    open_change_close(data_dir, "Kari")  # the second start makes a backup
    open_change_close(data_dir, "Ola")
    backups = list_backups(path)
    assert len(backups) == 2
    path.write_bytes(b"this is not a database" * 500)
    before = sha256(path)

    with pytest.raises(CorruptDatabaseError) as info:
        open_database(data_dir)

    assert info.value.latest_backup == backups[-1] == latest_backup(path)
    assert str(backups[-1]) in info.value.message
    assert str(backups[0]) not in info.value.message
    assert str(path) in info.value.message
    assert sha256(path) == before
    assert list_backups(path) == backups


def test_truncated_database_is_corrupt_and_unchanged(data_dir: Path) -> None:
    path = build_demo_in(data_dir)
    open_database(data_dir).close()  # one backup of the whole register
    [backup] = list_backups(path)
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    size = path.stat().st_size
    assert size > 100_000  # many pages, so half of the file loses real data
    with path.open("r+b") as handle:
        handle.truncate(size // 2)
    before = sha256(path)
    files_before = all_files(data_dir)

    with pytest.raises(CorruptDatabaseError) as info:
        open_database(data_dir)

    assert str(path) in info.value.message
    assert str(backup) in info.value.message
    assert info.value.detail  # what SQLite said, for the log
    assert sha256(path) == before
    assert path.stat().st_size == size // 2
    assert list_backups(path) == [backup]
    assert_no_new_files(data_dir, files_before)
    # The backup the message names is whole.
    assert row_counts(backup)["participant"] > 1000


def test_sqlite_file_without_schema_revision_is_refused(data_dir: Path) -> None:
    path = data_dir / DB_NAME
    con = sqlite3.connect(path)
    with con:
        con.execute("CREATE TABLE notes (body TEXT)")
        con.execute("INSERT INTO notes VALUES ('private')")
    con.close()
    before = sha256(path)
    with pytest.raises(CorruptDatabaseError) as info:
        open_database(data_dir)
    assert info.value.detail == "no schema revision"
    assert sha256(path) == before


def test_an_empty_revision_table_beside_tables_is_refused_and_left(data_dir: Path) -> None:
    """A database edited by another tool (its revision row gone) was taken for a new one: the migration from
    0001 ended in «table facilitator already exists», in English."""
    open_database(data_dir).close()
    path = data_dir / DB_NAME
    con = sqlite3.connect(path)
    with con:
        con.execute("DELETE FROM alembic_version")
    con.close()
    before = sha256(path)
    with pytest.raises(CorruptDatabaseError) as info:
        open_database(data_dir)
    assert info.value.detail == "no schema revision"
    assert sha256(path) == before


# --- one program per data folder -----------------------------------------------------------------------


def test_second_open_in_same_process_is_locked(data_dir: Path) -> None:
    first = open_database(data_dir)
    try:
        path = first.path
        before = sha256(path)
        with pytest.raises(DatabaseLockedError) as info:
            open_database(data_dir)
        assert "allerede åpent" in info.value.message
        assert str(data_dir) in info.value.message
        assert sha256(path) == before
        assert list_backups(path) == []  # refused before the backup
    finally:
        first.close()
    second = open_database(data_dir)
    second.close()


def test_unlocked_open_is_allowed_beside_a_locked_one(data_dir: Path) -> None:
    first = open_database(data_dir)
    try:
        reader = open_database(data_dir, lock=False, backup=False, create=False)
        reader.close()
    finally:
        first.close()


CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from desktop.storage.database import open_database

    db = open_database(Path(sys.argv[1]))
    print("ready", flush=True)
    sys.stdin.read()
    db.close()
    print("closed", flush=True)
    """
)


def start_child(data_dir: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data_dir)],
        cwd=PROJECT_ROOT,
        text=True,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    line = child.stdout.readline()
    if line.strip() != "ready":
        child.kill()
        _out, err = child.communicate(timeout=10)
        pytest.fail(f"child did not open the database: {line!r} {err}")
    return child


def test_lock_holds_across_processes(data_dir: Path) -> None:
    child = start_child(data_dir)
    try:
        with pytest.raises(DatabaseLockedError) as info:
            open_database(data_dir)
        assert "allerede åpent" in info.value.message
        assert (data_dir / LOCK_NAME).read_text(encoding="utf-8").strip() == str(child.pid)
    finally:
        out, err = child.communicate(input="", timeout=30)
    assert child.returncode == 0, err
    assert out.strip() == "closed"
    open_database(data_dir).close()


def test_lock_is_released_when_the_holder_dies(data_dir: Path) -> None:
    child = start_child(data_dir)
    try:
        with pytest.raises(DatabaseLockedError):
            open_database(data_dir)
    finally:
        child.kill()
        child.communicate(timeout=30)
    database = open_database(data_dir)
    try:
        assert (data_dir / LOCK_NAME).is_file()
    finally:
        database.close()


# --- start-up backups ----------------------------------------------------------------------------------


def test_opening_an_existing_database_makes_one_backup(data_dir: Path) -> None:
    path = create_and_close(data_dir)
    database = open_database(data_dir)
    database.close()
    backups = list_backups(path)
    assert len(backups) == 1
    assert backups[0].parent == data_dir / "backups"
    assert backups[0].name.startswith("lup-verksted-")
    assert backups[0].suffix == ".sqlite"
    assert not list((data_dir / "backups").glob("*.partial"))


def test_each_backup_holds_the_register_as_it_was_at_start(data_dir: Path) -> None:
    path = create_and_close(data_dir)
    for number in range(3):
        open_change_close(data_dir, f"Fasilitator {number}")
    backups = list_backups(path)
    # The first start found an empty register; each later one found one facilitator more.
    assert [row_counts(b)["facilitator"] for b in backups] == [0, 1, 2]
    assert row_counts(path)["facilitator"] == 3


def test_unchanged_register_is_not_backed_up_twice(data_dir: Path) -> None:
    import os
    import time

    path = create_and_close(data_dir)
    # The file was last written well before the first backup is made.
    old = time.time() - 3600
    os.utime(path, (old, old))
    open_database(data_dir).close()
    [first] = list_backups(path)
    open_database(data_dir).close()
    assert list_backups(path) == [first]


def test_changed_register_is_backed_up_even_when_its_file_time_says_otherwise(data_dir: Path) -> None:
    """Skipping is decided by content, not file times: a clock that was ahead, or a file copied in with an
    old time, must not cost a backup."""
    import os

    path = create_and_close(data_dir)
    open_database(data_dir).close()
    [first] = list_backups(path)
    open_change_close(data_dir, "Fasilitator etter")  # content at this start equals the first backup: skipped
    assert list_backups(path) == [first]
    ancient = first.stat().st_mtime - 7 * 24 * 3600
    os.utime(path, (ancient, ancient))  # the changed file now looks older than the backup
    open_database(data_dir).close()
    backups = list_backups(path)
    assert len(backups) == 2
    assert row_counts(backups[-1])["facilitator"] == 1


def test_no_backup_when_asked_for_none(data_dir: Path) -> None:
    path = create_and_close(data_dir)
    open_database(data_dir, backup=False).close()
    assert list_backups(path) == []


def test_only_the_newest_ten_backups_are_kept(data_dir: Path) -> None:
    path = create_and_close(data_dir)
    made: list[Path] = []
    for number in range(12):
        known = set(list_backups(path))
        open_change_close(data_dir, f"Fasilitator {number}")
        [new] = set(list_backups(path)) - known
        made.append(new)
    assert KEEP == 10
    assert list_backups(path) == made[-10:]
    assert sorted(p.name for p in (data_dir / "backups").glob("*.sqlite")) == [p.name for p in made[-10:]]
    assert not made[0].exists()
    assert not made[1].exists()


def test_backup_is_a_whole_copy_of_the_register(data_dir: Path, demo_template: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        source = demo_template / f"{DB_NAME}{suffix}"
        if source.exists():
            shutil.copy2(source, data_dir / source.name)
    database = open_database(data_dir)
    database.close()
    [backup] = list_backups(data_dir / DB_NAME)
    con = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (SCHEMA_HEAD,)
    finally:
        con.close()
    original = row_counts(data_dir / DB_NAME)
    assert row_counts(backup) == original
    assert original["leader_group"] == 152
    assert original["cohort"] == 7


# --- transactions and other refusals --------------------------------------------------------------------


def test_exception_in_transaction_stores_nothing(db) -> None:
    class Boom(Exception):
        pass

    with pytest.raises(Boom), db.transaction() as session:
        session.add(Facilitator(name="Kari Nordmann"))
        session.flush()
        assert session.scalar(select(Facilitator.name)) == "Kari Nordmann"
        raise Boom
    with db.transaction() as session:
        assert session.scalars(select(Facilitator)).all() == []


def test_committed_transaction_is_stored(db) -> None:
    with db.transaction() as session:
        session.add(Facilitator(name="Kari Nordmann"))
    with db.transaction() as session:
        assert session.scalars(select(Facilitator.name)).all() == ["Kari Nordmann"]


def test_sqlite_errors_become_storage_errors(db) -> None:
    with pytest.raises(StorageError) as info, db.transaction() as session:
        session.execute(text("SELECT * FROM no_such_table"))
    assert "kunne ikke lagre" in info.value.message


def test_full_disk_becomes_disk_full_error(db) -> None:
    with pytest.raises(DiskFullError) as info, db.transaction() as session:
        session.add(Facilitator(name="Kari Nordmann"))
        session.flush()
        raise OperationalError("INSERT", {}, sqlite3.OperationalError("database or disk is full"))
    assert "Disken er full" in info.value.message
    with db.transaction() as session:
        assert session.scalars(select(Facilitator)).all() == []


def test_create_false_on_missing_database_creates_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "missing"
    with pytest.raises(StorageError) as info:
        open_database(folder, create=False)
    assert str(folder) in info.value.message
    assert not folder.exists()

    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(StorageError):
        open_database(empty, create=False)
    assert list(empty.iterdir()) == []


def test_every_table_remembers_its_deletions_and_forgets_them_on_undo(db) -> None:
    """A trigger on every table (a later migration that rebuilds a table must make them again): a delete,
    also one by ON DELETE CASCADE, leaves the row's id in ``deletion``; putting the row back takes it out."""
    from datetime import date

    from sqlalchemy import delete

    from desktop.services.common import delete_with_snapshot, restore_deleted
    from desktop.storage.models import Deletion, LeaderGroup, Participant

    with db.engine.connect() as con:
        triggers = set(con.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'").scalars())
    tables = set(Base.metadata.tables) - {"deletion"}
    assert triggers == {f"{t}_deleted" for t in tables} | {f"{t}_inserted" for t in tables}

    from desktop.services import cohorts, groups, register

    programme = cohorts.ensure_programme(db)
    location = register.create_service_location(db, "Bryn skole", register.ensure_sector(db, "Skole"))
    cohort = cohorts.create_cohort(db, programme, "LUP 1", date(2018, 3, 1), date(2018, 8, 31))
    group = groups.add_leader_group(db, cohort, location)
    person = groups.add_participant(db, group, "Kari")
    with db.transaction() as s:
        snapshot = delete_with_snapshot(s, s.get(LeaderGroup, group))
    with db.transaction() as s:
        found = dict(s.execute(select(Deletion.id, Deletion.table_name)).all())
    assert found == {group: "leader_group", person: "participant"}
    restore_deleted(db, snapshot)
    with db.transaction() as s:
        assert s.scalars(select(Deletion.id)).all() == []
        s.execute(delete(Participant).where(Participant.id == person))
        assert s.scalars(select(Deletion.table_name)).all() == ["participant"]
