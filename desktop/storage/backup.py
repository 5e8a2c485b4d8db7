"""Start-up backups of the database with SQLite's online backup API; the newest ten are kept."""

from __future__ import annotations

import hashlib
import logging
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from desktop.storage.read_only import connect_read_only

log = logging.getLogger(__name__)
KEEP = 10
BACKUP_DIR = "backups"


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / BACKUP_DIR


def list_backups(db_path: Path) -> list[Path]:
    """Backups of ``db_path``, oldest first (names sort by time)."""
    folder = backup_dir(db_path)
    return sorted(folder.glob(f"{db_path.stem}-*.sqlite")) if folder.is_dir() else []


def latest_backup(db_path: Path) -> Path | None:
    backups = list_backups(db_path)
    return backups[-1] if backups else None


def fingerprint(db_path: Path) -> str:
    """A hash of the database's content on disk (the file and a non-empty write-ahead log)."""
    digest = hashlib.sha256()
    for path in (db_path, db_path.with_name(db_path.name + "-wal")):
        if path.exists():
            with path.open("rb") as handle:
                while chunk := handle.read(1 << 20):
                    digest.update(chunk)
    return digest.hexdigest()


def _fingerprint_file(db_path: Path) -> Path:
    return backup_dir(db_path) / f"{db_path.stem}.last-backup.sha256"


def backed_up_fingerprint(db_path: Path) -> str | None:
    """The content hash of the database when its newest backup was made, if known."""
    record = _fingerprint_file(db_path)
    if latest_backup(db_path) is None or not record.is_file():
        return None
    return record.read_text(encoding="ascii").strip()


def make_backup(
    db_path: Path, keep: int = KEEP, force: bool = False, failed: list[str] | None = None
) -> Path | None:
    """Copy ``db_path`` into the backup folder and prune old copies. Returns the copy, or None when the
    newest backup already holds the same data (unless ``force``) or the copy failed.

    Skipping unchanged content (compared by hash, not by file times, which clocks and copies can fool) keeps
    ten different states rather than ten copies of one. A failed backup (full disk, read-only stick) is
    logged, and its reason added to ``failed``; start-up goes on: nothing stored is at risk.
    """
    try:
        content = fingerprint(db_path)
        if not force and backed_up_fingerprint(db_path) == content:
            return None
    except OSError as exc:
        log.warning("Cannot read %s for a backup: %s", db_path, exc)
        return None
    folder = backup_dir(db_path)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{db_path.stem}-{stamp}.sqlite"
    try:
        folder.mkdir(exist_ok=True)
        copy_database(db_path, target)
        _fingerprint_file(db_path).write_text(content + "\n", encoding="ascii")
    except (OSError, sqlite3.Error) as exc:
        log.warning("Backup of %s failed: %s", db_path, exc)
        target.unlink(missing_ok=True)  # no half copy among the backups
        if failed is not None:
            from desktop.file_errors import storage_reason
            from desktop.i18n import _

            reason = storage_reason(exc)
            failed.append(
                _(
                    "Sikkerhetskopien ved oppstart kunne ikke lages ({reason}). Alt annet virker som før."
                ).format(reason=reason)
            )
        return None
    for old in list_backups(db_path)[:-keep]:
        old.unlink(missing_ok=True)
    return target


def copy_database(db_path: Path, target: Path) -> None:
    """A consistent copy of the database ``db_path`` (open or not) at ``target``, made with SQLite's online
    backup API through a temporary file beside it: ``target`` is whole or not there. Raises ``OSError`` or
    ``sqlite3.Error``."""
    partial = target.with_suffix(".partial")
    try:
        source = connect_read_only(db_path)
        try:
            dest = sqlite3.connect(partial)
            try:
                source.backup(dest)
            finally:
                dest.close()
        finally:
            source.close()
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def made_text(backup: Path) -> str:
    """When ``backup`` was made («05.03.2018 kl. 08:12»), or "" when that cannot be read."""
    from desktop.domain.rules import format_date, format_time
    from desktop.i18n import _

    try:
        made = datetime.fromtimestamp(backup.stat().st_mtime)
    except OSError:
        return ""
    return _("{date} kl.\u00a0{time}").format(date=format_date(made.date()), time=format_time(made.time()))


def sound_backup(db_path: Path) -> Path | None:
    """The newest backup of ``db_path`` that SQLite finds whole (a damaged one is passed over)."""
    for backup in reversed(list_backups(db_path)):
        try:
            con = connect_read_only(backup)
            try:
                if con.execute("PRAGMA quick_check").fetchall() == [("ok",)]:
                    return backup
            finally:
                con.close()
        except sqlite3.Error:
            continue
    return None


def restore_backup(db_path: Path, backup: Path) -> Path:
    """Put ``backup`` in the damaged register's place: the damaged file and its write-ahead log and
    shared-memory files (which SQLite would otherwise replay onto the backup) are moved, not deleted, into
    a new folder ``skadet-<time>`` beside it; returns that folder. The backup is copied beside the register
    first, so a copy that fails moves nothing; a move that fails puts back what was moved. The caller holds
    the data folder."""
    from desktop.errors import StorageError
    from desktop.file_errors import storage_reason
    from desktop.i18n import _

    incoming = db_path.with_name(db_path.name + ".gjenoppretter")
    try:
        shutil.copy2(backup, incoming)
    except OSError as exc:
        incoming.unlink(missing_ok=True)
        raise StorageError(
            _("Sikkerhetskopien kunne ikke tas i bruk: {reason}. Ingenting er endret.").format(
                reason=storage_reason(exc)
            )
        ) from exc
    kept = db_path.parent / f"skadet-{datetime.now():%Y%m%d-%H%M%S}"
    moved: list[Path] = []
    try:
        kept.mkdir()
        for suffix in ("-wal", "-shm", ""):
            part = db_path.with_name(db_path.name + suffix)
            if part.exists():
                part.replace(kept / part.name)
                moved.append(part)
        incoming.replace(db_path)
    except OSError as exc:
        for part in reversed(moved):  # as it was
            (kept / part.name).replace(part)
        incoming.unlink(missing_ok=True)
        if kept.is_dir() and not any(kept.iterdir()):
            kept.rmdir()
        raise StorageError(
            _("Sikkerhetskopien kunne ikke tas i bruk: {reason}. Ingenting er endret.").format(
                reason=storage_reason(exc)
            )
        ) from exc
    log.warning("Restored %s from %s; the damaged files are in %s", db_path, backup, kept)
    return kept
