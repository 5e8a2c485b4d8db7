"""Start-up backups of the database with SQLite's online backup API; the newest ten are kept."""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime
from pathlib import Path

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


def make_backup(db_path: Path, keep: int = KEEP) -> Path | None:
    """Copy ``db_path`` into the backup folder and prune old copies. Returns the copy, or None on failure.

    A failed backup (full disk, read-only stick) is logged and start-up goes on: nothing stored is at risk.
    """
    folder = backup_dir(db_path)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{db_path.stem}-{stamp}.sqlite"
    partial = target.with_suffix(".partial")
    try:
        folder.mkdir(exist_ok=True)
        source = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            dest = sqlite3.connect(partial)
            try:
                source.backup(dest)
            finally:
                dest.close()
        finally:
            source.close()
        partial.replace(target)
    except (OSError, sqlite3.Error) as exc:
        log.warning("Backup of %s failed: %s", db_path, exc)
        partial.unlink(missing_ok=True)
        return None
    for old in list_backups(db_path)[:-keep]:
        old.unlink(missing_ok=True)
    return target
