"""Photos of flip-charts and walls, attached to a leader group, a session or a journey map.

Storage: ``prepare_photo`` (desktop.reports.images) orients, strips and downscales the picture; the result
is written to ``<data dir>/photos/<first two hex digits>/<sha256>.jpg|png`` through a temporary file that
is moved into place when complete, so a file there is always whole, and the same content is stored once
however often it is added. The database row holds the file name relative to the data folder, so a data
folder on a USB stick works on any laptop.

Deleting a photo removes its row and leaves the file: the delete's snapshot can be undone, and other rows
(the same picture on another group, say) may share the file. Files no row refers to any longer are put in
the bin (``photos/papirkurv``) by ``prune_files``, to be run when no undo can need them (at start-up, before
the undo stack exists), and removed from there after BIN_DAYS days.

A persona's picture (``Persona.photo`` of a journey map) is stored the same way by ``store_picture`` but
has no photo row: the map holds its content hash, ``picture_path`` finds the file, and ``prune_files``
keeps every file a map still names.

A target given to ``photos_of`` finds the photos attached to it directly, and for a leader group also the
photos of its journey maps, and for a session those of the journey maps made in it, so a group's summary
shows every photo of the group. Several targets given together must all match.
"""

from __future__ import annotations

import contextlib
import os
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import Session as DbSession

from desktop.errors import LupError, StorageError, ValidationError
from desktop.i18n import _
from desktop.reports.images import prepare_photo, write_atomically, write_error
from desktop.services.common import apply_changes, delete_with_snapshot, get
from desktop.storage.database import Database
from desktop.storage.models import JourneyMap, LeaderGroup, Photo, Session
from desktop.storage.snapshot import Snapshot

PHOTOS_DIR = "photos"
THUMBS_DIR = "thumbs"
BIN_DIR = "papirkurv"  # photo files no row names any longer, kept BIN_DAYS before they are removed
BIN_DAYS = 30
MAX_CAPTION = 2000

PhotoKind = Literal["group", "session", "map"]


@dataclass(frozen=True)
class PhotoView:
    """A stored photo as the app and the PDFs show it. ``path`` is absolute and may be missing on disk
    (a data folder copied without its photos): the reader names it instead of failing."""

    id: uuid.UUID
    path: Path
    caption: str
    added: datetime
    kind: PhotoKind  # what it is attached to most narrowly: a journey map, else a session, else a group
    width: int
    height: int
    original_name: str = ""


def add_photo(
    db: Database,
    source: Path,
    *,
    group_id: uuid.UUID | None = None,
    session_id: uuid.UUID | None = None,
    map_id: uuid.UUID | None = None,
    caption: str = "",
) -> uuid.UUID:
    """Take in the photo file ``source`` for a leader group, session and/or journey map; returns its id.

    Raises a ``PhotoError`` (naming the file) when it is not a usable image, ``NotFoundError`` when a
    target is gone, ``DiskFullError``/``StorageError`` when the file can't be written. Nothing is left
    half-done: the file is written whole before the row, and a file written for a row that then fails is
    removed again.
    """
    _require_target(group_id, session_id, map_id)
    caption = _clean_caption(caption)
    source = Path(source)
    with db.transaction() as session:
        _check_targets(session, group_id, session_id, map_id)
    prepared = prepare_photo(source)
    relative = _relative(prepared.sha256, prepared.extension)
    target = db.data_dir / relative
    created = _store(target, prepared.data)
    try:
        with db.transaction() as session:
            _check_targets(session, group_id, session_id, map_id)
            row = Photo(
                leader_group_id=group_id,
                session_id=session_id,
                journey_map_id=map_id,
                sha256=prepared.sha256,
                file_name=relative,
                width=prepared.width,
                height=prepared.height,
                caption=caption,
                original_name=source.name[:300],
            )
            session.add(row)
            session.flush()
            return row.id
    except BaseException:
        if created:
            _remove_if_unused(db, relative)
        raise


def store_picture(db: Database, source: Path) -> str:
    """Take in ``source`` as a picture without a photo row (a persona's portrait): oriented, stripped and
    downscaled like any photo and stored by content; returns its hash for ``Persona.photo``. Raises a
    ``PhotoError`` naming the file when it is not a usable image, ``DiskFullError``/``StorageError``
    when it can't be written."""
    prepared = prepare_photo(Path(source))
    _store(db.data_dir / _relative(prepared.sha256, prepared.extension), prepared.data)
    return prepared.sha256


def picture_path(db: Database, sha256: str | None) -> Path | None:
    """The stored file of the picture with hash ``sha256`` (from ``store_picture``), None when there is
    none (no picture, or a data folder copied without its photos)."""
    if not sha256 or not sha256.isalnum():
        return None
    for extension in (".jpg", ".png"):
        path = db.data_dir / _relative(sha256, extension)
        if path.is_file():
            return path
    return None


def _relative(sha256: str, extension: str) -> str:
    return f"{PHOTOS_DIR}/{sha256[:2]}/{sha256}{extension}"


def add_photos(
    db: Database,
    sources: Iterable[Path],
    *,
    group_id: uuid.UUID | None = None,
    session_id: uuid.UUID | None = None,
    map_id: uuid.UUID | None = None,
    report: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[tuple[uuid.UUID, ...], list[tuple[Path, str]]]:
    """Add several files (a drop, a file dialog, the command line); returns the new ids and, for every
    file refused, ``(file, message)``. A refused file doesn't stop the others; a full disk or a data
    folder that can't be written stops the rest, which are reported with the same message.

    On a background job (desktop.ui.background): ``report(done, total, what)`` is told before each file,
    and when ``cancelled()`` says so the rest are left (not refused); what was added is kept and returned.
    Each file is its own short transaction, so the window's reads are never kept waiting long."""
    _require_target(group_id, session_id, map_id)
    with db.transaction() as session:
        _check_targets(session, group_id, session_id, map_id)
    added: list[uuid.UUID] = []
    refused: list[tuple[Path, str]] = []
    pending = [Path(s) for s in sources]
    for index, source in enumerate(pending):
        if cancelled is not None and cancelled():
            break
        if report is not None:
            report(
                index,
                len(pending),
                _("Bilde {n} av {total}: {name} …").format(n=index + 1, total=len(pending), name=source.name),
            )
        try:
            added.append(add_photo(db, source, group_id=group_id, session_id=session_id, map_id=map_id))
        except StorageError as exc:
            refused.extend((rest, exc.message) for rest in pending[index:])
            break
        except LupError as exc:
            refused.append((source, exc.message))
    return tuple(added), refused


def photos_of(
    db: Database,
    *,
    group_id: uuid.UUID | None = None,
    session_id: uuid.UUID | None = None,
    map_id: uuid.UUID | None = None,
) -> tuple[PhotoView, ...]:
    """The photos of a leader group (with those of its journey maps), a session (with those of the journey
    maps made in it) or a journey map, oldest first. Several targets: photos matching all of them."""
    _require_target(group_id, session_id, map_id)
    conditions = []
    if group_id is not None:
        conditions.append(
            or_(
                Photo.leader_group_id == group_id,
                exists().where(JourneyMap.id == Photo.journey_map_id, JourneyMap.leader_group_id == group_id),
            )
        )
    if session_id is not None:
        conditions.append(
            or_(
                Photo.session_id == session_id,
                exists().where(JourneyMap.id == Photo.journey_map_id, JourneyMap.session_id == session_id),
            )
        )
    if map_id is not None:
        conditions.append(Photo.journey_map_id == map_id)
    with db.transaction() as session:
        rows = session.scalars(select(Photo).where(and_(*conditions)).order_by(Photo.created_at, Photo.id))
        return tuple(_view(db, row) for row in rows)


def photo(db: Database, photo_id: uuid.UUID) -> PhotoView:
    with db.transaction() as session:
        return _view(db, get(session, Photo, photo_id))


def set_caption(db: Database, photo_id: uuid.UUID, caption: str) -> str:
    """Change a photo's caption; returns the previous one (for undo)."""
    caption = _clean_caption(caption)
    with db.transaction() as session:
        row = get(session, Photo, photo_id)
        previous = row.caption
        apply_changes(row, {"caption": caption})
        return previous


def delete_photo(db: Database, photo_id: uuid.UUID) -> Snapshot:
    """Remove a photo's row; the file stays for the undo (``restore_deleted``) and for rows sharing it."""
    with db.transaction() as session:
        return delete_with_snapshot(session, get(session, Photo, photo_id))


def prune_files(db: Database) -> int:
    """Put stored photo files (and their thumbnails) that no row refers to (no photo, no persona of a
    journey map) in the photo folder's bin, and empty the bin of files put there over BIN_DAYS ago; returns
    how many were put there. A file in the bin that a row names again (a register restored from a backup
    and then rescued, a copy of the register from another laptop) is put back: a file is never removed
    only because the register open now does not know it. Only when nothing can bring a deleted row back
    (no undo history): the app runs it at start-up, right after opening the register and before the window
    takes edits.

    Cheap enough for every start: one query for the hashes in use, and one pass over the photo folders
    (``os.scandir``, no file is opened). A file that can't be moved (in use, read-only) is left for the
    next time."""
    root = db.data_dir / PHOTOS_DIR
    if not root.is_dir():
        return 0
    with db.transaction() as session:
        used = set(session.scalars(select(Photo.sha256).distinct()))
        used |= set(
            session.scalars(select(JourneyMap.persona_photo).where(JourneyMap.persona_photo.is_not(None)))
        )
    binned = 0
    stale = time.time() - 3600
    bin_dir = root / BIN_DIR
    for entry in stored_entries(db.data_dir):
        name = entry.name
        if name.startswith("."):  # a temporary file of a write that never finished (a crash)
            with contextlib.suppress(OSError):
                if name.endswith(".tmp") and entry.stat().st_mtime < stale:
                    _unlink(entry.path)
            continue
        if name.split(".", 1)[0] in used or not entry.is_file(follow_symlinks=False):
            continue
        with contextlib.suppress(OSError):
            bin_dir.mkdir(exist_ok=True)
            os.replace(entry.path, bin_dir / name)
            os.utime(bin_dir / name)  # its days in the bin count from now
            binned += 1
    emptied = time.time() - BIN_DAYS * 86400
    with contextlib.suppress(OSError), os.scandir(bin_dir) as entries:
        for entry in entries:
            if not entry.is_file(follow_symlinks=False):
                continue
            if entry.name.split(".", 1)[0] in used:  # named again: back in its place
                with contextlib.suppress(OSError):
                    os.replace(entry.path, root / entry.name[:2] / entry.name)
            elif entry.stat().st_mtime < emptied:
                _unlink(entry.path)
    with contextlib.suppress(OSError), os.scandir(root / THUMBS_DIR) as entries:
        for entry in entries:  # "<sha256>-<size>.jpg", made again when needed
            if entry.name.rsplit("-", 1)[0] not in used and entry.is_file(follow_symlinks=False):
                _unlink(entry.path)
    return binned


def stored_entries(data_dir: Path) -> Iterator[os.DirEntry]:
    """Every entry in the photo folders of ``data_dir`` (``photos/<two hex digits>/``: the photos and
    persona pictures, and temporary ``.``-files of writes in progress; not the thumbnails). One pass with
    ``os.scandir``, no file opened; a folder that can't be read is passed over."""
    try:
        folders = [
            e
            for e in os.scandir(data_dir / PHOTOS_DIR)
            if len(e.name) == 2 and e.is_dir(follow_symlinks=False)
        ]
    except OSError:
        return
    for folder in folders:
        with contextlib.suppress(OSError), os.scandir(folder.path) as entries:
            yield from entries


def _unlink(path: str) -> bool:
    try:
        os.unlink(path)
    except OSError:
        return False
    return True


def thumbnails_dir(db: Database) -> Path:
    """Where ``desktop.reports.images.thumbnail`` caches the small copies of this data folder's photos."""
    return db.data_dir / PHOTOS_DIR / THUMBS_DIR


def _view(db: Database, row: Photo) -> PhotoView:
    kind: PhotoKind = "map" if row.journey_map_id else "session" if row.session_id else "group"
    added = row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=UTC)
    return PhotoView(
        row.id,
        db.data_dir / row.file_name,
        row.caption,
        added,
        kind,
        row.width,
        row.height,
        row.original_name,
    )


def _require_target(group_id, session_id, map_id) -> None:
    if group_id is None and session_id is None and map_id is None:
        raise TypeError("a photo belongs to a leader group, a session or a journey map: give one")


def _check_targets(session: DbSession, group_id, session_id, map_id) -> None:
    if group_id is not None:
        get(session, LeaderGroup, group_id)
    if session_id is not None:
        get(session, Session, session_id)
    if map_id is not None:
        get(session, JourneyMap, map_id)


def _clean_caption(caption: str) -> str:
    caption = (caption or "").strip()
    if len(caption) > MAX_CAPTION:
        raise ValidationError(
            "caption", _("Bildeteksten kan ha høyst {limit} tegn.").format(limit=MAX_CAPTION)
        )
    return caption


def _store(target: Path, data: bytes) -> bool:
    """Write ``data`` to ``target`` unless a whole copy is already there; True when written now."""
    try:
        if target.is_file() and target.stat().st_size == len(data):
            return False
        write_atomically(target, data)
    except OSError as exc:
        raise write_error(exc, target.parent) from exc  # DiskFullError when the disk is full
    return True


def _remove_if_unused(db: Database, relative: str) -> None:
    try:
        with db.transaction() as session:
            if session.scalar(select(Photo.id).where(Photo.file_name == relative).limit(1)) is not None:
                return
    except LupError:
        return  # can't tell: keep the file (prune_files removes it later if unused)
    (db.data_dir / relative).unlink(missing_ok=True)
