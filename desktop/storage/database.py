"""Opening the register: data folder, lock, checks, backup, migrations, engine and transactions.

Order matters, so that a database we must not touch is never touched: the lock is taken, the file is
inspected through a read-only connection (integrity and schema revision), a backup is made, and only then
is the database opened for writing and migrated. Alembic is imported only when the schema is behind.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.rules import norwegian_compare
from desktop.errors import CorruptDatabaseError, DataFolderError, DiskFullError, StorageError
from desktop.file_errors import storage_reason
from desktop.i18n import _
from desktop.storage.backup import latest_backup, make_backup
from desktop.storage.lock import DataDirLock
from desktop.storage.migrations import SCHEMA_HEAD, newer_than_known, upgrade
from desktop.storage.read_only import connect_read_only

log = logging.getLogger(__name__)
DB_NAME = "lup-verksted.sqlite"
SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class FileState:
    exists: bool
    revision: str | None


def inspect_file(path: Path) -> FileState:
    """Read the integrity and schema revision of ``path`` without writing a byte to it."""
    if not path.exists():
        return FileState(False, None)
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:  # not damage: a file that cannot be read (permissions, held by another program)
        raise _unreadable(path, exc.strerror or exc) from exc
    if header != SQLITE_HEADER:
        raise CorruptDatabaseError(path, latest_backup(path), "not an SQLite file")
    try:
        con = connect_read_only(path)
        try:
            check = con.execute("PRAGMA quick_check").fetchall()
            if check != [("ok",)]:
                raise CorruptDatabaseError(path, latest_backup(path), str(check[:3]))
            tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            revision = None
            if "alembic_version" in tables:
                row = con.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
                if revision is None and tables - {"alembic_version"}:  # tables, but no revision: not ours
                    raise CorruptDatabaseError(path, latest_backup(path), "no schema revision")
            elif tables:
                raise CorruptDatabaseError(path, latest_backup(path), "no schema revision")
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        if _damaged(exc):
            raise CorruptDatabaseError(path, latest_backup(path), str(exc)) from exc
        # Not damage: a file or folder that cannot be read or locked (permissions, a read-only stick, a
        # full disk where the read needs its shared-memory file).
        if _disk_full(path.parent):
            raise DiskFullError(
                _(
                    "Disken er full, så databasen kan ikke åpnes. Frigjør plass og start igjen; "
                    "filen er ikke endret."
                )
            ) from exc
        raise _unreadable(path, storage_reason(exc)) from exc
    return FileState(True, revision)


def _damaged(exc: BaseException | None) -> bool:
    return getattr(exc, "sqlite_errorcode", None) in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def _disk_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < 64 * 1024
    except OSError:
        return False


def _unreadable(path: Path, detail: object) -> StorageError:
    return StorageError(
        _(
            "Registeret i {path} kan ikke åpnes ({detail}). Filen er ikke endret; sjekk at mappen kan "
            "leses og skrives."
        ).format(path=path, detail=detail)
    )


def _sqlite_connect(dbapi_connection, _record) -> None:
    # SQLAlchemy's documented pysqlite recipe: the driver's own transaction handling is turned off and every
    # transaction is begun explicitly (below), so DDL in migrations is rolled back like any other statement.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")  # there is no Save: a commit must survive a power cut
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()
    dbapi_connection.create_collation("nb", norwegian_compare)  # ORDER BY name COLLATE nb: … z æ ø å


def _sqlite_begin(connection) -> None:
    connection.exec_driver_sql("BEGIN")


def make_engine(path: Path) -> Engine:
    """The engine for the SQLite file at ``path``. Its URL is built, not written as text: a folder named with
    «?» or «#» made the rest of the path a query, and the register was created beside its folder."""
    engine = create_engine(URL.create("sqlite", database=str(path)))
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


class Database:
    """An open register: one engine, a session per user action, the data folder's lock."""

    def __init__(self, engine: Engine, data_dir: Path, lock: DataDirLock | None = None) -> None:
        self.engine = engine
        self.data_dir = data_dir
        self._lock = lock
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self.start_notes: list[str] = []  # what the facilitator should know from opening (a failed backup)

    @property
    def path(self) -> Path:
        return self.data_dir / DB_NAME

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action: everything inside is committed together, or nothing is."""
        try:
            with self._sessions() as session, session.begin():
                yield session
        except OperationalError as exc:
            raise _storage_error(exc) from exc
        except DatabaseError as exc:
            if _damaged(exc.orig):  # noticed while open (a stick glitch, another program writing in it)
                raise CorruptDatabaseError(
                    self.path, latest_backup(self.path), str(exc.orig), open_now=True
                ) from exc
            raise

    def close(self) -> None:
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def _storage_error(exc: OperationalError) -> StorageError:
    text = str(exc.orig).lower()
    if "disk is full" in text:
        return DiskFullError()
    if "disk i/o" in text:
        return StorageError(
            _(
                "Kunne ikke skrive til disken (lese-/skrivefeil). Endringen er ikke lagret; "
                "sjekk minnepinnen eller disken."
            )
        )
    if "locked" in text or "busy" in text:
        return StorageError(_("Registeret er i bruk av et annet program. Prøv igjen om et øyeblikk."))
    if "readonly" in text or "read-only" in text:
        return StorageError(_("Registeret kan ikke lagres (skrivebeskyttet fil eller minnepinne)."))
    return StorageError(_("Endringen kunne ikke lagres i registeret: {detail}").format(detail=exc.orig))


def check_register(data_dir: Path) -> None:
    """That ``data_dir`` holds a register this version can open, read without writing a byte (before the
    app is pointed at it): a StorageError (Norwegian) says why not — none there, damaged, from a newer
    version, unreadable."""
    path = data_dir / DB_NAME
    state = inspect_file(path)
    if not state.exists:
        raise StorageError(_("Fant ingen LUP Verksted-database i {path}.").format(path=data_dir))
    _refuse_newer(path, state)


def _refuse_newer(path: Path, state: FileState) -> None:
    if state.revision is not None and state.revision != SCHEMA_HEAD and newer_than_known(state.revision):
        from desktop.errors import DatabaseTooNewError

        raise DatabaseTooNewError(path, state.revision)


def registers_inside(folder: Path) -> list[Path]:
    """The folders in ``folder`` that hold a register (a copy on a stick, chosen one folder too high)."""
    try:
        return sorted(d for d in folder.iterdir() if (d / DB_NAME).is_file())
    except OSError:
        return []


SYNCED_FOLDERS = ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")  # Windows' variables for OneDrive


def synced_or_shared(data_dir: Path, environ=os.environ) -> list[str]:
    """A register in a OneDrive folder or on a network share: SQLite's files there can be synced half-written
    or be read by two laptops at once, and a damaged register is the result. Said at every start (the
    register works; it is the place that is unsafe)."""
    folder = os.path.abspath(data_dir)
    synced = [Path(environ[name]) for name in SYNCED_FOLDERS if environ.get(name)]
    if any(Path(folder).is_relative_to(os.path.abspath(place)) for place in synced):
        where = _("i OneDrive, som synkroniserer filene mens LUP Verksted skriver i dem")
    elif any(
        path.startswith(("\\\\", "//")) for path in (folder, os.path.realpath(folder))
    ):  # a mapped drive too
        where = _("på en nettverksdisk")
    else:
        return []
    return [
        _(
            "Dataområdet {folder} ligger {where}. Registeret kan da bli skadet. Bruk en mappe på denne "
            "maskinen, og ta med deg en kopi med «Fil → Lagre en kopi av dataene …»."
        ).format(folder=data_dir, where=where)
    ]


def _new_beside_a_register(data_dir: Path) -> list[str]:
    """A new, empty register is being made in ``data_dir``: say so when a folder in it holds one, so the day
    is not recorded in the wrong one."""
    return [
        _(
            "Det var ikke noe register i {folder}, så et nytt, tomt er laget der. Mappen «{name}» i den har "
            "et register: velg den med Fil → Åpne et annet dataområde … for å bruke det."
        ).format(folder=data_dir, name=found.name)
        for found in registers_inside(data_dir)[:1]
    ]


def open_database(
    data_dir: Path,
    *,
    lock: bool = True,
    backup: bool = True,
    create: bool = True,
    upgrade_schema: bool = True,
) -> Database:
    """Open (creating or upgrading as needed) the register in ``data_dir``.

    ``lock``: hold the data folder for this program (the GUI and every writer); ``backup``: copy the file
    first; ``create``: make a new register where there is none (else a StorageError says there is none);
    ``upgrade_schema``: migrate an older schema (else a StorageError asks for the app to be started once).
    """
    data_dir = Path(data_dir)
    if not create and not (data_dir / DB_NAME).is_file():
        raise StorageError(_("Fant ingen LUP Verksted-database i {path}.").format(path=data_dir))
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError:
        reason = (
            _("det finnes en fil med det navnet.")
            if data_dir.is_file()
            else _("mappen kan ikke lages der (mangler skrivetilgang?).")
        )
        raise DataFolderError(data_dir, reason) from None
    dir_lock = DataDirLock(data_dir) if lock else None
    if dir_lock is not None:
        dir_lock.acquire()
    try:
        path = data_dir / DB_NAME
        state = inspect_file(path)
        _refuse_newer(path, state)
        start_notes: list[str] = []
        if state.exists and backup:
            make_backup(path, failed=start_notes)
        if not state.exists:
            start_notes += _new_beside_a_register(data_dir)
        start_notes += synced_or_shared(data_dir)
        if state.exists and not os.access(path, os.W_OK):
            start_notes.append(
                _(
                    "Registeret i {path} er skrivebeskyttet: du kan se alt, men ingen endring kan lagres."
                ).format(path=path)
            )
        if state.exists and state.revision != SCHEMA_HEAD and not upgrade_schema:
            raise StorageError(
                _(
                    "Registeret i {path} er fra en eldre versjon. "
                    "Start LUP Verksted én gang for å oppgradere det."
                ).format(path=path)
            )
        engine = make_engine(path)
        if state.revision != SCHEMA_HEAD:
            log.info("Migrating %s from %s to %s", path, state.revision, SCHEMA_HEAD)
            try:
                upgrade(engine)
            except OperationalError as exc:
                engine.dispose()
                raise _storage_error(exc) from exc
            if state.exists and state.revision is not None:  # a colleague's copy from an older version
                note = _(
                    "Registeret er oppgradert fra en eldre versjon av LUP Verksted, som ikke lenger kan "
                    "åpne det; oppdater programmet på de andre maskinene."
                )
                if backup:
                    note += " " + _("Slik det var før, ligger det i mappen med sikkerhetskopier.")
                start_notes.append(note)
        db = Database(engine, data_dir, dir_lock)
        db.start_notes = start_notes
        return db
    except BaseException:
        if dir_lock is not None:
            dir_lock.release()
        raise
