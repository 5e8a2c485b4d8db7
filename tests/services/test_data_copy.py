"""A copy of the whole register in a new folder: the database (consistent while open) and the photo files;
a cancelled or failed copy leaves nothing behind and the register untouched."""

from __future__ import annotations

import errno
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image

from desktop.errors import DiskFullError, LupError, StorageError
from desktop.services import data_copy, photos
from desktop.services.views import stats
from desktop.storage.backup import fingerprint
from desktop.storage.database import DB_NAME, open_database

WHEN = datetime(2026, 11, 23, 14, 5)


def a_photo(db, small, tmp_path: Path, colour) -> Path:
    source = tmp_path / f"{colour[0]}.jpg"
    Image.new("RGB", (300, 200), colour).save(source, "JPEG")
    photos.add_photo(db, source, group_id=small.group)
    return source


def test_the_copy_opens_as_a_register_with_the_same_data_and_photos(db, small, tmp_path: Path) -> None:
    for colour in ((200, 30, 30), (30, 200, 30)):
        a_photo(db, small, tmp_path, colour)
    # Thumbnails are not part of the copy (made again when needed).
    (db.data_dir / "photos" / "thumbs").mkdir(parents=True, exist_ok=True)
    (db.data_dir / "photos" / "thumbs" / "x-320.jpg").write_bytes(b"thumb")
    before = fingerprint(db.path)
    steps = []
    result = data_copy.copy_data(db, tmp_path / "minnepinne", report=lambda *a: steps.append(a), now=WHEN)
    assert result.folder == tmp_path / "minnepinne" / "LUP Verksted-kopi 2026-11-23 14.05"
    assert result.photos == 2 and not result.cancelled
    assert steps[0][:2] == (0, 1) and steps[-1][:2] == (3, 3)  # the files are counted after the database
    assert fingerprint(db.path) == before  # the register itself is untouched
    copy = open_database(result.folder, lock=False, backup=False, create=False, upgrade_schema=False)
    try:
        assert stats(copy) == stats(db)
        copied = photos.photos_of(copy, group_id=small.group)
        assert len(copied) == 2 and all(p.path.is_file() and result.folder in p.path.parents for p in copied)
    finally:
        copy.close()
    assert not (result.folder / "photos" / "thumbs").exists()
    assert sorted(p.name for p in result.folder.iterdir()) == [DB_NAME, "photos"]


def test_a_cancelled_copy_is_removed(db, small, tmp_path: Path) -> None:
    a_photo(db, small, tmp_path, (10, 10, 200))
    result = data_copy.copy_data(db, tmp_path, cancelled=lambda: True, now=WHEN)
    assert result.cancelled and not result.folder.exists()


def test_a_copy_of_the_same_minute_is_refused_and_the_first_kept(db, small, tmp_path: Path) -> None:
    first = data_copy.copy_data(db, tmp_path, now=WHEN)
    with pytest.raises(LupError, match="finnes allerede en kopi"):
        data_copy.copy_data(db, tmp_path, now=WHEN)
    assert (first.folder / DB_NAME).is_file()


def test_a_folder_that_cannot_be_written_or_a_full_disk_is_a_message_and_nothing_is_left(
    db, small, tmp_path: Path, monkeypatch
) -> None:
    a_photo(db, small, tmp_path, (100, 100, 100))
    a_file = tmp_path / "notat.txt"  # chosen as the folder, but a file (tests run as root: no chmod)
    a_file.write_text("x", encoding="utf-8")
    with pytest.raises(StorageError, match="Kopien kunne ikke lagres") as info:
        data_copy.copy_data(db, a_file, now=WHEN)
    assert "Ingenting i registeret er endret" in info.value.message and "fil" in info.value.message

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(data_copy, "_write", full)
    with pytest.raises(DiskFullError):
        data_copy.copy_data(db, tmp_path / "liten", now=WHEN)
    assert not list((tmp_path / "liten").iterdir())  # neither the copy nor its unfinished folder


def test_the_facilitators_own_kits_go_along_and_a_copy_inside_the_data_folder_is_refused(
    db, small, tmp_path: Path
) -> None:
    own = db.data_dir / "kits" / "var-kit"
    own.mkdir(parents=True)
    (own / "kit.toml").write_text('id = "var-kit"\n', encoding="utf-8")
    result = data_copy.copy_data(db, tmp_path / "ut", now=WHEN)
    assert (result.folder / "kits" / "var-kit" / "kit.toml").read_text(encoding="utf-8") == 'id = "var-kit"\n'
    assert result.photos == 0
    for inside in (db.data_dir, db.data_dir / "photos"):
        with pytest.raises(LupError, match="utenfor dataområdet"):
            data_copy.copy_data(db, inside, now=WHEN)
    assert not list(db.data_dir.glob("**/LUP Verksted-kopi*"))


def test_cancel_after_the_database_removes_the_copy_too(db, small, tmp_path: Path) -> None:
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return True

    result = data_copy.copy_data(db, tmp_path, cancelled=cancelled, now=WHEN)  # no photos at all
    assert asked and result.cancelled and not result.folder.exists()


def test_a_photo_removed_while_copying_is_left_out_and_the_rest_is_copied(
    db, small, tmp_path: Path, monkeypatch
) -> None:
    a_photo(db, small, tmp_path, (1, 2, 3))
    a_photo(db, small, tmp_path, (4, 5, 6))
    original = data_copy._read
    calls = []

    def flaky(source):
        calls.append(source)
        if len(calls) == 1:
            raise FileNotFoundError(2, "No such file", str(source))
        return original(source)

    monkeypatch.setattr(data_copy, "_read", flaky)
    result = data_copy.copy_data(db, tmp_path / "ut", now=WHEN)
    assert result.photos == 1 and not result.cancelled and (result.folder / DB_NAME).is_file()


def test_a_copy_is_named_whole_only_when_it_is_whole(db, small, tmp_path: Path, monkeypatch) -> None:
    """A copy cut short (the laptop died while writing the photos) looked whole and opened without a word."""
    a_photo(db, small, tmp_path, (7, 8, 9))
    seen: list[list[str]] = []
    original = data_copy._write

    def watching(destination: Path, data: bytes) -> None:
        seen.append(sorted(p.name for p in (tmp_path / "ut").iterdir()))
        original(destination, data)

    monkeypatch.setattr(data_copy, "_write", watching)
    result = data_copy.copy_data(db, tmp_path / "ut", now=WHEN)
    assert seen and all(names == ["LUP Verksted-kopi 2026-11-23 14.05 (ikke ferdig)"] for names in seen)
    assert (
        [p.name for p in (tmp_path / "ut").iterdir()]
        == [result.folder.name]
        == ["LUP Verksted-kopi 2026-11-23 14.05"]
    )


def test_a_photo_this_laptop_cannot_read_is_named_and_the_rest_is_copied(
    db, small, tmp_path: Path, monkeypatch
) -> None:
    """A read error on the laptop's own disk was blamed on the stick («ingen tilgang til å skrive der»), and
    no copy could be made at all."""
    a_photo(db, small, tmp_path, (10, 20, 30))
    a_photo(db, small, tmp_path, (40, 50, 60))
    original = Path.read_bytes
    first: list[Path] = []

    def failing(path: Path) -> bytes:
        if not first and path.is_relative_to(db.data_dir / photos.PHOTOS_DIR):
            first.append(path)
            raise OSError(errno.EIO, "Input/output error", str(path))
        return original(path)

    monkeypatch.setattr(Path, "read_bytes", failing)
    result = data_copy.copy_data(db, tmp_path / "ut", now=WHEN)
    assert result.photos == 1 and len(result.unreadable) == 1 and first[0].name in result.unreadable[0]
    assert (result.folder / DB_NAME).is_file()


def test_a_kit_folder_linked_in_goes_along_as_the_app_uses_it(db, small, tmp_path: Path) -> None:
    """A shared kit folder linked into <data>/kits is used by the app but was left out of the copy."""
    shared = tmp_path / "felles" / "delt-kit"
    shared.mkdir(parents=True)
    (shared / "kit.toml").write_text('id = "delt-kit"\n', encoding="utf-8")
    (shared / "loop").symlink_to(shared)  # a link back into itself ends, not loops
    kits = db.data_dir / "kits"
    kits.mkdir()
    (kits / "delt-kit").symlink_to(shared)
    result = data_copy.copy_data(db, tmp_path / "ut", now=WHEN)
    copied = result.folder / "kits" / "delt-kit" / "kit.toml"
    assert copied.read_text(encoding="utf-8") == 'id = "delt-kit"\n' and not copied.is_symlink()
