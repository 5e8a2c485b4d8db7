"""A copy of the whole register to take along or keep: the database and the photo files, in a new folder.

The database is copied with SQLite's online backup API (consistent while the program runs and stores), the
photos file by file; thumbnails, start-up backups and the lock are left out. LUP Verksted opens the copy like
any data folder (``lup-verksted --data-dir FOLDER``), on this laptop or another. Nothing in the register is
touched. A copy that fails or is cancelled is removed again, so no half copy is left to be mistaken for a
whole one.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.errors import DiskFullError, LupError, StorageError
from desktop.i18n import _
from desktop.reports.layout import os_reason
from desktop.services.photos import PHOTOS_DIR, THUMBS_DIR
from desktop.storage.backup import copy_database
from desktop.storage.database import DB_NAME, Database


@dataclass(frozen=True)
class CopyResult:
    folder: Path
    photos: int  # photo files copied
    cancelled: bool = False  # then nothing was kept


def copy_name(moment: datetime) -> str:
    return _("LUP Verksted-kopi {when}").format(when=moment.strftime("%Y-%m-%d %H.%M"))


def photo_files(db: Database) -> list[Path]:
    """The stored photo (and persona picture) files of the data folder, not their thumbnails."""
    root = db.data_dir / PHOTOS_DIR
    if not root.is_dir():
        return []
    return sorted(
        path
        for folder in root.iterdir()
        if folder.is_dir() and folder.name != THUMBS_DIR
        for path in folder.iterdir()
        if path.is_file() and not path.name.startswith(".")
    )


def copy_data(
    db: Database,
    parent: Path,
    report: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    now: datetime | None = None,
) -> CopyResult:
    """Copy the register into a new folder in ``parent``, named by the time; returns what was copied.

    ``report(done, total, what)`` is told before each step; when ``cancelled()`` says so, the copy stops
    and is removed. Raises ``LupError`` (Norwegian) when the folder can't be made or written: a full disk, a
    folder without write access, a copy of that minute already there."""

    target = Path(parent).expanduser() / copy_name(now or datetime.now())
    if target.exists():
        raise LupError(
            _(
                "Det finnes allerede en kopi med navnet «{name}» i {folder}. Vent et minutt, eller velg en "
                "annen mappe."
            ).format(name=target.name, folder=target.parent)
        )
    files = photo_files(db)
    total = len(files) + 1
    say = report or (lambda done, total, what: None)
    stop = cancelled or (lambda: False)
    try:
        target.mkdir(parents=True)
        say(0, total, _("Registeret …"))
        copy_database(db.path, target / DB_NAME)
        for n, source in enumerate(files, start=1):
            if stop():
                shutil.rmtree(target, ignore_errors=True)
                return CopyResult(target, n - 1, cancelled=True)
            say(n, total, _("Bilde {n} av {total} …").format(n=n, total=len(files)))
            destination = target / source.relative_to(db.data_dir)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination)
    except OSError as exc:
        shutil.rmtree(target, ignore_errors=True)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise DiskFullError() from exc
        raise StorageError(
            _("Kopien kunne ikke lagres i {folder}: {reason}. Ingenting i registeret er endret.").format(
                folder=target.parent, reason=os_reason(exc)
            )
        ) from exc
    except sqlite3.Error as exc:
        shutil.rmtree(target, ignore_errors=True)
        raise StorageError(
            _("Registeret kunne ikke kopieres ({detail}). Ingenting er endret.").format(detail=exc)
        ) from exc
    say(total, total, _("Ferdig"))
    return CopyResult(target, len(files))
