"""A copy of the whole register to take along or keep: the database, the photo files and the facilitators'
own workshop kits, in a new folder.

The database is copied with SQLite's online backup API (consistent while the program runs and stores), then
the photos it can refer to (each file is written before its row, so listing them after the snapshot finds
every one) and the kits; thumbnails, start-up backups and the lock are left out. LUP Verksted opens the copy
like any data folder (``lup-verksted --data-dir FOLDER``), on this laptop or another. Nothing in the
register is touched. The copy is written into a folder named «… (ikke ferdig)» and given its own name only
when it is whole; one that fails or is cancelled is removed again, so no half copy is left to be mistaken
for a whole one (a copy cut short by a power cut keeps the telling name). A file of the laptop's own that
cannot be read is left out and named; the copy goes on. A copy is never made inside the data folder.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import shutil
import sqlite3
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.errors import DiskFullError, LupError, StorageError
from desktop.file_errors import os_reason
from desktop.i18n import _
from desktop.kits.loader import OWN_KITS_DIR
from desktop.services.photos import PHOTOS_DIR, stored_entries
from desktop.storage.backup import copy_database
from desktop.storage.database import DB_NAME, Database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CopyResult:
    folder: Path
    photos: int  # photo files copied (persona pictures included)
    cancelled: bool = False  # then nothing was kept
    unreadable: tuple[str, ...] = ()  # files of the register that could not be read, so are not in the copy


def _copy_disk_full() -> str:
    return _("Det er ikke plass til kopien der. Frigjør plass eller velg et annet sted; ingenting er endret.")


def copy_name(moment: datetime) -> str:
    return _("LUP Verksted-kopi {when}").format(when=moment.strftime("%Y-%m-%d %H.%M"))


def unfinished_name(name: str) -> str:
    """The name a copy has until it is whole: «LUP Verksted-kopi … (ikke ferdig)»."""
    return _("{name} (ikke ferdig)").format(name=name)


def is_unfinished(folder: Path) -> bool:
    """Whether ``folder`` is a copy that was never finished (cut short by a power cut or a crash)."""
    return folder.name.endswith(unfinished_name("").strip())


def data_files(db: Database) -> list[Path]:
    """The files beside the database that belong to the register: stored photos and persona pictures (not
    their thumbnails, not unfinished writes) and the facilitators' own kits."""
    found = sorted(
        Path(entry.path)
        for entry in stored_entries(db.data_dir)
        if not entry.name.startswith(".") and entry.is_file(follow_symlinks=False)
    )
    kits = db.data_dir / OWN_KITS_DIR
    if kits.is_dir():
        found += _kit_files(kits)
    return found


def _kit_files(kits: Path) -> list[Path]:
    """Every file of the own kits as the kit loader finds them: a kit folder linked in (a shared one) is
    followed, once, like the folders in it (a link loop ends there)."""
    seen: set[str] = set()
    files: list[Path] = []
    for root, folders, names in os.walk(kits, followlinks=True):
        real = os.path.realpath(root)
        if real in seen:
            folders[:] = []
            continue
        seen.add(real)
        files += [Path(root) / name for name in names if (Path(root) / name).is_file()]
    return sorted(files)


def _read(source: Path) -> bytes | None:
    """The file's bytes; None when the laptop's own disk cannot give them (FileNotFoundError goes on)."""
    try:
        return source.read_bytes()
    except FileNotFoundError:
        raise
    except OSError as exc:
        log.warning("Left out of the copy, unreadable: %s (%s)", source, exc)
        return None


def _write(destination: Path, data: bytes) -> None:
    destination.write_bytes(data)


def _give_name(partial: Path, target: Path, tries: int = 15, pause: float = 0.2) -> None:
    """Name the whole copy. On Windows the rename is refused while a virus scan or OneDrive still holds one
    of its new files: tried again for a few seconds, and then the whole copy is kept under its unfinished
    name, with a message, rather than thrown away."""
    for attempt in range(tries):
        try:
            partial.rename(target)
            return
        except PermissionError:
            if attempt == tries - 1:
                break
            time.sleep(pause)
    raise StorageError(
        _(
            "Kopien er hel, men mappen «{partial}» kunne ikke få navnet «{name}», fordi et annet program "
            "(for eksempel virussjekken eller OneDrive) holder en fil i den. Vent litt, og gi så mappen det "
            "navnet selv."
        ).format(partial=partial, name=target.name)
    )


def _remove(folder: Path) -> None:
    """Remove an unfinished copy, also files carried over read-only (Windows will not delete those)."""
    for place, _folders, files in os.walk(folder):
        for name in files:
            with contextlib.suppress(OSError):
                os.chmod(os.path.join(place, name), stat.S_IREAD | stat.S_IWRITE)
    shutil.rmtree(folder, ignore_errors=True)


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

    parent = Path(parent).expanduser()
    with contextlib.suppress(OSError):
        if parent.resolve().is_relative_to(db.data_dir.resolve()):
            raise LupError(
                _(
                    "Velg en mappe utenfor dataområdet ({folder}); en kopi inni den ville ikke vært en kopi."
                ).format(folder=db.data_dir)
            )
    target = parent / copy_name(now or datetime.now())
    if target.exists():
        raise LupError(
            _(
                "Det finnes allerede en kopi med navnet «{name}» i {folder}. Vent et minutt, eller velg en "
                "annen mappe."
            ).format(name=target.name, folder=target.parent)
        )
    say = report or (lambda done, total, what: None)
    stop = cancelled or (lambda: False)
    partial = target.with_name(unfinished_name(target.name))
    made = False
    unreadable: list[str] = []
    try:
        partial.mkdir(parents=True)
        made = True
        say(0, 1, _("Registeret …"))
        copy_database(db.path, partial / DB_NAME)
        files = data_files(db)  # after the snapshot: every photo its rows name is on disk by now
        photos = 0
        for n, source in enumerate(files, start=1):
            if stop():
                break
            say(n, len(files) + 1, _("Fil {n} av {total} …").format(n=n, total=len(files)))
            destination = partial / source.relative_to(db.data_dir)
            destination.parent.mkdir(parents=True, exist_ok=True)
            try:
                data = _read(source)
            except FileNotFoundError:
                continue  # removed meanwhile (an add that failed and tidied up): its row is not in the copy
            if data is None:
                unreadable.append(str(source.relative_to(db.data_dir)))
                continue
            _write(destination, data)
            with contextlib.suppress(OSError):
                shutil.copystat(source, destination)
            photos += source.is_relative_to(db.data_dir / PHOTOS_DIR)
        if stop():
            _remove(partial)
            return CopyResult(target, photos, cancelled=True)
        _give_name(partial, target)
    except OSError as exc:
        if made:
            _remove(partial)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise DiskFullError(_copy_disk_full()) from exc
        raise StorageError(
            _("Kopien kunne ikke lagres i {folder}: {reason}. Ingenting i registeret er endret.").format(
                folder=target.parent, reason=os_reason(exc)
            )
        ) from exc
    except sqlite3.Error as exc:
        if made:
            _remove(partial)
        log.warning("Copy of %s failed: %s", db.path, exc)
        if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
            raise DiskFullError(_copy_disk_full()) from exc
        raise StorageError(_("Registeret kunne ikke kopieres. Ingenting er endret.")) from exc
    say(len(files) + 1, len(files) + 1, _("Ferdig"))
    return CopyResult(target, photos, unreadable=tuple(unreadable))
