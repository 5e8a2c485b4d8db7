"""Storage facing hostile conditions: read-only folders, old schemas, interrupted migrations."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from desktop.errors import DataFolderError, StorageError
from desktop.storage import lock as lock_module
from desktop.storage.database import DB_NAME, make_engine, open_database
from desktop.storage.migrations import SCHEMA_HEAD, upgrade


def test_data_folder_that_cannot_be_written_is_a_clear_message(data_dir: Path, monkeypatch) -> None:
    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(lock_module, "open", refuse, raising=False)
    with pytest.raises(DataFolderError) as info:
        open_database(data_dir)
    assert "skrivebeskyttet" in info.value.message


def test_a_database_file_that_cannot_be_read_is_a_clear_message(data_dir: Path, monkeypatch) -> None:
    open_database(data_dir).close()
    path = data_dir / DB_NAME
    before = path.read_bytes()
    opened = Path.open

    def refuse(self, *args, **kwargs):  # as a file held by another program, or without read permission
        if self == path:
            raise PermissionError(13, "Permission denied")
        return opened(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(StorageError) as info:
        open_database(data_dir)
    assert "kan ikke åpnes (Permission denied)" in info.value.message
    monkeypatch.undo()
    assert path.read_bytes() == before


def test_data_dir_that_is_a_file_is_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "not-a-folder"
    path.write_text("x")
    with pytest.raises(DataFolderError) as info:
        open_database(path)
    assert "fil med det navnet" in info.value.message


def _old_database(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / DB_NAME
    engine = make_engine(path)
    upgrade(engine, "0001")
    with engine.begin() as con:
        con.execute(
            text(
                "INSERT INTO facilitator (id, name, email, created_at, updated_at) "
                "VALUES ('00000000000000000000000000000001', 'Ingrid', NULL, '2020-01-01', '2020-01-01')"
            )
        )
    engine.dispose()
    return path


def test_readers_refuse_an_old_schema_without_writing(tmp_path: Path) -> None:
    path = _old_database(tmp_path / "old")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(StorageError) as info:
        open_database(path.parent, lock=False, backup=False, create=False, upgrade_schema=False)
    assert "eldre versjon" in info.value.message
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_upgrade_from_the_previous_schema_keeps_the_data_and_backs_up_first(tmp_path: Path) -> None:
    path = _old_database(tmp_path / "old")
    db = open_database(path.parent)
    try:
        with db.engine.connect() as con:
            assert con.execute(text("SELECT version_num FROM alembic_version")).scalar() == SCHEMA_HEAD
            assert con.execute(text("SELECT name FROM facilitator")).scalar() == "Ingrid"
        assert "agenda_block" in inspect(db.engine).get_table_names()
    finally:
        db.close()
    [backup] = sorted((path.parent / "backups").glob("*.sqlite"))
    con = sqlite3.connect(backup)
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    finally:
        con.close()


def test_schema_changes_roll_back_with_their_transaction(tmp_path: Path) -> None:
    """Migrations run in one transaction; with pysqlite's default handling DDL would commit on its own."""
    engine = make_engine(tmp_path / "x.sqlite")
    with pytest.raises(RuntimeError), engine.begin() as con:
        con.execute(text("CREATE TABLE half_done (id INTEGER)"))
        raise RuntimeError("the migration fails half way")
    assert "half_done" not in inspect(engine).get_table_names()
    engine.dispose()


def test_plain_engine_would_have_kept_the_table(tmp_path: Path) -> None:
    """The control for the test above: without the recipe, SQLite keeps the half-done table."""
    engine = create_engine(f"sqlite:///{tmp_path / 'y.sqlite'}")
    with pytest.raises(RuntimeError), engine.begin() as con:
        con.execute(text("CREATE TABLE half_done (id INTEGER)"))
        raise RuntimeError("the migration fails half way")
    assert "half_done" in inspect(engine).get_table_names()
    engine.dispose()


def test_upgrade_to_ideas_keeps_every_row_of_a_full_programme(demo_template: Path, tmp_path: Path) -> None:
    """0004 alters ``leader_group`` and ``journey_card`` (batch mode copies tables on SQLite): a full
    programme taken back to 0003 and upgraded again keeps every group, participant and journey card."""
    import shutil

    from desktop.storage.migrations import downgrade

    folder = tmp_path / "demo"
    shutil.copytree(demo_template, folder)
    engine = make_engine(folder / DB_NAME)
    tables = ("leader_group", "participant", "journey_card", "journey_map", "agenda_block")

    def counts() -> dict[str, int]:
        with engine.connect() as con:
            return {t: con.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in tables}

    before = counts()
    assert all(before.values())
    downgrade(engine, "0003")
    assert counts() == before
    upgrade(engine)
    assert counts() == before
    with engine.connect() as con:
        assert con.execute(text("SELECT min(idea_dots) FROM leader_group")).scalar() == 3
        assert con.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1  # back on for the program
    engine.dispose()


def test_counted_dots_survive_the_upgrade_of_a_full_programme_and_go_on_a_downgrade(
    demo_template: Path, tmp_path: Path
) -> None:
    """0007 lets a vote be without a participant (dots counted off a paper wall). The demo's votes are all
    kept through a downgrade and upgrade; a counted vote can't exist before 0007, so a downgrade drops it."""
    import shutil
    import uuid

    from desktop.storage.migrations import downgrade

    folder = tmp_path / "demo"
    shutil.copytree(demo_template, folder)
    engine = make_engine(folder / DB_NAME)

    def votes() -> int:
        with engine.connect() as con:
            return con.execute(text("SELECT count(*) FROM vote")).scalar()

    before = votes()
    assert before
    downgrade(engine, "0006")
    upgrade(engine)
    assert votes() == before
    with engine.begin() as con:
        idea = con.execute(text("SELECT id FROM idea LIMIT 1")).scalar()
        con.execute(
            text(
                "INSERT INTO vote (id, created_at, updated_at, idea_id, participant_id, dots) "
                "VALUES (:id, '2026-11-23 01:00:00', '2026-11-23 01:00:00', :idea, NULL, 7)"
            ),
            {"id": uuid.uuid4().hex, "idea": idea},
        )
    assert votes() == before + 1
    downgrade(engine, "0006")
    assert votes() == before
    upgrade(engine)
    engine.dispose()


def test_run_events_keep_the_id_of_a_removed_block_from_0008_on(demo_template: Path, tmp_path: Path) -> None:
    """0008 drops the foreign key of ``run_event.block_id`` (a block brought back by undo is found again).
    A full programme's run events keep their blocks through a downgrade and upgrade; an id whose block is
    gone becomes NULL on a downgrade, as the foreign key there wants."""
    import shutil
    import uuid

    from desktop.storage.migrations import downgrade

    folder = tmp_path / "demo"
    shutil.copytree(demo_template, folder)
    engine = make_engine(folder / DB_NAME)

    def linked() -> tuple[int, int]:
        with engine.connect() as con:
            return (
                con.execute(text("SELECT count(*) FROM run_event")).scalar(),
                con.execute(text("SELECT count(block_id) FROM run_event")).scalar(),
            )

    with engine.begin() as con:  # the demo's sessions were run before events were kept: two events
        session, block = con.execute(text("SELECT session_id, id FROM agenda_block LIMIT 1")).one()
        for kind in ("start", "next"):
            con.execute(
                text(
                    "INSERT INTO run_event (id, created_at, updated_at, session_id, block_id, kind, at, "
                    "minutes) VALUES (:id, '2026-11-23 01:00:00', '2026-11-23 01:00:00', :session, :block, "
                    ":kind, '2026-11-23 08:30:00', 0)"
                ),
                {"id": uuid.uuid4().hex, "session": session, "block": block, "kind": kind},
            )
    before = linked()
    assert before == (2, 2)
    downgrade(engine, "0007")
    upgrade(engine)
    assert linked() == before
    with engine.begin() as con:  # a block removed: its events keep its id now
        block = con.execute(
            text("SELECT block_id FROM run_event WHERE block_id IS NOT NULL LIMIT 1")
        ).scalar()
        con.execute(text("DELETE FROM agenda_block WHERE id = :id"), {"id": block})
        assert con.execute(
            text("SELECT count(*) FROM run_event WHERE block_id = :id"), {"id": block}
        ).scalar()
    downgrade(engine, "0007")
    with engine.connect() as con:
        assert (
            con.execute(text("SELECT count(*) FROM run_event WHERE block_id = :id"), {"id": block}).scalar()
            == 0
        )
        assert con.execute(text("SELECT count(*) FROM run_event")).scalar() == before[0]
    upgrade(engine)
    engine.dispose()


def test_damage_noticed_while_open_is_a_corrupt_database_error(data_dir: Path) -> None:
    """A file damaged while the program has it open (a stick glitch) is our own error, naming the backup:
    not a raw SQLAlchemy error that ended in the crash box's «Alt du har gjort er lagret»."""
    import sqlite3

    from sqlalchemy import select

    from desktop.errors import CorruptDatabaseError
    from desktop.storage.models import Facilitator

    db = open_database(data_dir)
    with db.transaction() as s:
        s.add_all(Facilitator(name=f"Veileder {n}") for n in range(400))
    db.close()
    db = open_database(data_dir)  # with a backup made at the start
    db.engine.dispose()  # the page cache goes, as after a while
    path = data_dir / DB_NAME
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    with path.open("r+b") as handle:
        handle.seek(4096 * 3)
        handle.write(b"\xa5" * 4096 * 20)
    with pytest.raises(CorruptDatabaseError) as info, db.transaction() as s:
        s.scalars(select(Facilitator)).all()
    assert "ble skadet mens programmet brukte det" in info.value.message
    assert (
        "start det igjen" in info.value.message and "-wal" not in info.value.message
    )  # the button, not steps
    assert "kan ikke åpnes" not in info.value.message  # it was open, and in use
    db.close()


def test_a_full_disk_when_the_lock_is_taken_still_opens_the_register(data_dir: Path, monkeypatch) -> None:
    """The process id in the lock file is for people; on a full disk it is left out, and the app starts
    (it ended in «Uventet feil» and a window stuck at «Åpner dataområdet …»)."""
    real_open = open

    class FullDisk:
        """The lock file on a full disk: it opens and locks, but what is written cannot be stored."""

        def __init__(self, handle) -> None:
            self._handle = handle

        def __getattr__(self, name):
            return getattr(self._handle, name)

        def write(self, _text: str) -> int:
            raise OSError(28, "No space left on device")

        def flush(self) -> None:
            raise OSError(28, "No space left on device")

    def full_open(path, mode="r", *args, **kwargs):
        handle = real_open(path, mode, *args, **kwargs)
        return FullDisk(handle) if str(path).endswith(lock_module.LOCK_NAME) else handle

    monkeypatch.setattr(lock_module, "open", full_open, raising=False)
    db = open_database(data_dir)
    db.close()


def test_a_full_disk_at_start_says_so_in_norwegian(data_dir: Path, monkeypatch) -> None:
    """A register that cannot even be read because the disk is full (WAL needs its shared-memory file): the
    message says the disk is full, not «disk I/O error … sjekk at mappen kan leses og skrives»."""
    import shutil
    import sqlite3

    from desktop.errors import DiskFullError
    from desktop.storage import database

    open_database(data_dir).close()
    real_connect = sqlite3.connect

    def failing(*args, **kwargs):
        error = sqlite3.OperationalError("disk I/O error")
        error.sqlite_errorcode = sqlite3.SQLITE_IOERR
        raise error

    monkeypatch.setattr(database.sqlite3, "connect", failing)
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: shutil._ntuple_diskusage(100, 100, 0))
    with pytest.raises(DiskFullError) as info:
        open_database(data_dir)
    assert "Disken er full" in info.value.message and "I/O" not in info.value.message
    monkeypatch.setattr(database.sqlite3, "connect", real_connect)


def test_a_register_sqlite_cannot_open_is_told_in_norwegian(data_dir: Path, monkeypatch) -> None:
    """«… kan ikke åpnes (unable to open database file)» on a write-protected stick: English inside."""
    from desktop.storage import database

    open_database(data_dir).close()

    def refuse(*_args, **_kwargs):
        error = sqlite3.OperationalError("unable to open database file")
        error.sqlite_errorcode = sqlite3.SQLITE_CANTOPEN
        raise error

    monkeypatch.setattr(database.sqlite3, "connect", refuse)
    with pytest.raises(StorageError) as info:
        open_database(data_dir)
    assert "unable to open" not in info.value.message and "skrivebeskyttet minnepinne" in info.value.message


def test_the_latest_backup_is_taken_in_use_and_the_damaged_files_kept_aside(data_dir: Path) -> None:
    """«Ta sikkerhetskopien i bruk»: following the message by hand left the -wal file, which SQLite
    replayed onto the backup, so the restored register was «skadet» too."""
    from sqlalchemy import select

    from desktop.errors import CorruptDatabaseError
    from desktop.storage.backup import latest_backup, restore_backup
    from desktop.storage.models import Facilitator

    db = open_database(data_dir)
    with db.transaction() as s:
        s.add(Facilitator(name="Kari Nordmann"))
    db.close()
    open_database(data_dir).close()  # the start-up backup holds Kari
    path = data_dir / DB_NAME
    path.with_name(path.name + "-wal").write_bytes(b"\x00" * 4096)  # a stale log beside a damaged file
    with path.open("r+b") as handle:
        handle.seek(4096 * 2)
        handle.write(b"\xa5" * 4096 * 3)
    with pytest.raises(CorruptDatabaseError) as info:
        open_database(data_dir)
    backup = info.value.latest_backup
    assert backup == latest_backup(path)
    kept = restore_backup(path, backup)
    assert (kept / DB_NAME).is_file() and (kept / (DB_NAME + "-wal")).is_file()
    db = open_database(data_dir)
    with db.transaction() as s:
        assert s.scalars(select(Facilitator.name)).all() == ["Kari Nordmann"]
    db.close()


def test_the_app_offers_the_backup_and_opens_it(data_dir: Path, qapp, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from desktop.app import restore_and_tell
    from desktop.errors import CorruptDatabaseError

    open_database(data_dir).close()
    open_database(data_dir).close()
    path = data_dir / DB_NAME
    path.write_bytes(b"not a database " * 500)
    with pytest.raises(CorruptDatabaseError) as info:
        open_database(data_dir)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    assert restore_and_tell(None, data_dir, info.value)
    assert "skadde filen er lagt i" in told[0]
    open_database(data_dir).close()  # opens again


def test_the_start_message_offers_the_button_not_the_steps_by_hand(data_dir: Path, qapp, monkeypatch) -> None:
    """Beside «Ta sikkerhetskopien i bruk» the message told how to move files and copy the backup by hand."""
    from PySide6.QtWidgets import QMessageBox

    from desktop.errors import CorruptDatabaseError
    from desktop.ui.main_window import report_start_error

    open_database(data_dir).close()
    open_database(data_dir).close()
    (data_dir / DB_NAME).write_bytes(b"not a database " * 500)
    with pytest.raises(CorruptDatabaseError) as info:
        open_database(data_dir)
    shown: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: shown.append((box.text(), [b.text() for b in box.buttons()])) or 0
    )
    assert not report_start_error(None, info.value)
    text, buttons = shown[0]
    assert "Ta sikkerhetskopien i bruk" in buttons
    assert "Ta sikkerhetskopien i bruk" in text and "kopier" not in text and "-wal" not in text
    assert "Den er fra " in text and " kl.\u00a0" in text  # which backup it will be
    assert "-wal" in info.value.message  # the steps by hand stay where there is no button (the command line)


def test_a_start_up_backup_that_cannot_be_made_is_told_and_start_up_goes_on(
    data_dir: Path, monkeypatch
) -> None:
    """On a full disk the backup failed silently (only the log had it)."""
    import errno

    from desktop.storage import backup

    open_database(data_dir).close()

    def full(_source, _target):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup, "copy_database", full)
    db = open_database(data_dir)
    assert db.start_notes and "disken er full" in db.start_notes[0]
    assert not list(backup.backup_dir(data_dir / DB_NAME).glob("*.sqlite"))  # no half copy
    db.close()


def test_a_read_only_register_is_told_at_start(data_dir: Path, monkeypatch) -> None:
    """It opened without a word; each edit was then refused."""
    import os

    open_database(data_dir).close()
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if str(p).endswith(DB_NAME) else real(p, mode))
    db = open_database(data_dir, backup=False)
    assert any("skrivebeskyttet" in note for note in db.start_notes)
    db.close()


def test_a_restore_that_cannot_copy_the_backup_moves_nothing(data_dir: Path) -> None:
    """The damaged files were moved aside before the copy; a copy that failed left no register at all,
    and the next start made an empty one."""
    from desktop.storage.backup import restore_backup

    open_database(data_dir).close()
    path = data_dir / DB_NAME
    path.write_bytes(b"not a database " * 500)
    before = path.read_bytes()
    with pytest.raises(StorageError) as info:
        restore_backup(path, data_dir / "backups" / "finnes-ikke.sqlite")
    assert "Ingenting er endret" in info.value.message and "No such file" not in info.value.message
    assert path.read_bytes() == before and not list(data_dir.glob("skadet-*"))


def test_the_offer_is_checked_again_and_takes_the_newest_whole_backup(
    data_dir: Path, qapp, monkeypatch
) -> None:
    """A second window's stale offer set a register restored meanwhile aside; and a damaged newest backup
    was offered after every restore, while older whole ones never were."""
    from PySide6.QtWidgets import QMessageBox
    from sqlalchemy import select

    from desktop.app import restore_and_tell
    from desktop.errors import CorruptDatabaseError
    from desktop.storage.backup import list_backups
    from desktop.storage.models import Facilitator

    db = open_database(data_dir)
    with db.transaction() as s:
        s.add(Facilitator(name="Kari Nordmann"))
    db.close()
    open_database(data_dir).close()  # backup 1: Kari
    db = open_database(data_dir)
    with db.transaction() as s:
        s.add(Facilitator(name="Per Hansen"))
    db.close()
    open_database(data_dir).close()  # backup 2: Kari and Per
    path = data_dir / DB_NAME
    newest = list_backups(path)[-1]
    newest.write_bytes(b"damaged too " * 500)
    path.write_bytes(b"not a database " * 500)
    with pytest.raises(CorruptDatabaseError) as info:
        open_database(data_dir)
    monkeypatch.setattr(QMessageBox, "information", lambda *_a: None)
    assert restore_and_tell(None, data_dir, info.value)
    db = open_database(data_dir, backup=False)
    with db.transaction() as s:
        assert s.scalars(select(Facilitator.name)).all() == ["Kari Nordmann"]  # the older, whole backup
    db.close()
    folders = list(data_dir.glob("skadet-*"))
    assert restore_and_tell(None, data_dir, info.value)  # the stale offer: the register is whole now
    assert list(data_dir.glob("skadet-*")) == folders  # nothing set aside again


def test_a_new_register_beside_a_copy_says_where_the_copy_is(tmp_path: Path) -> None:
    """--data-dir one folder too high (the stick holding «LUP Verksted-kopi …») quietly made an empty
    register there, and the day could be recorded in the wrong one."""
    copy = tmp_path / "pinne" / "LUP Verksted-kopi 2026-11-23 14.05"
    open_database(copy, backup=False).close()
    db = open_database(tmp_path / "pinne", backup=False)
    assert any(
        "LUP Verksted-kopi 2026-11-23 14.05" in note and "nytt, tomt" in note for note in db.start_notes
    )
    db.close()
    again = open_database(tmp_path / "pinne", backup=False)  # the register made there is its own now
    assert not any("nytt, tomt" in note for note in again.start_notes)
    again.close()


def test_a_register_upgraded_at_start_says_older_versions_can_no_longer_open_it(tmp_path: Path) -> None:
    """A colleague's copy from an older version was upgraded in place without a word, and her laptop's
    older LUP Verksted then refused it."""
    path = _old_database(tmp_path / "kollegaens")
    db = open_database(path.parent)
    assert any("oppgradert fra en eldre versjon" in note for note in db.start_notes)
    db.close()
    again = open_database(path.parent)
    assert not any("oppgradert" in note for note in again.start_notes)  # said once
    again.close()
    new = open_database(tmp_path / "ny")
    assert not any("oppgradert" in note for note in new.start_notes)  # a new register is no upgrade
    new.close()


def test_the_start_message_dates_the_backup_the_button_takes_in_use(
    data_dir: Path, qapp, monkeypatch
) -> None:
    """The offer gave the newest backup's date; the button takes the newest whole one, older when the
    newest is damaged too."""
    import os

    from PySide6.QtWidgets import QMessageBox

    from desktop.errors import CorruptDatabaseError
    from desktop.storage.backup import list_backups
    from desktop.ui.main_window import report_start_error

    for _n in range(3):
        db = open_database(data_dir)
        with db.transaction() as s:  # a change, so the next start makes a backup of its own
            from desktop.storage.models import Facilitator

            s.add(Facilitator(name=f"Veileder {_n}"))
        db.close()
    open_database(data_dir).close()
    backups = list_backups(data_dir / DB_NAME)
    assert len(backups) >= 2
    whole, newest = backups[-2], backups[-1]
    os.utime(whole, (1_520_237_520, 1_520_237_520))  # 05.03.2018 08:12 (UTC)
    newest.write_bytes(b"not a database " * 500)
    (data_dir / DB_NAME).write_bytes(b"not a database " * 500)
    with pytest.raises(CorruptDatabaseError) as info:
        open_database(data_dir)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    report_start_error(None, info.value)
    assert "05.03.2018" in shown[0]
