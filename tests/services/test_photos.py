"""Photos of a leader group, session or journey map: stored once by content, listed by target, undoable."""

from __future__ import annotations

import errno
import os
import uuid
from datetime import datetime
from pathlib import Path

import pytest
from PIL import ExifTags, Image
from sqlalchemy import select

from desktop.domain import journey as jr
from desktop.errors import DiskFullError, NotFoundError
from desktop.reports.images import NotAnImageError
from desktop.services import groups, journeys, photos
from desktop.services.common import restore_deleted
from desktop.storage.models import Photo


def make_photo(path: Path, width: int = 640, height: int = 480, seed: int = 0) -> Path:
    gradient = Image.linear_gradient("L").resize((width, height))
    noise = Image.effect_noise((width, height), 30 + seed)
    exif = Image.Exif()
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (59.0, 54.0, 12.5)
    Image.merge("RGB", (gradient, noise, gradient.rotate(90 * seed))).save(path, "JPEG", exif=exif)
    return path


def stored_files(db) -> list[Path]:
    return sorted(p for p in (db.data_dir / "photos").rglob("*") if p.is_file())


def a_map(db, small) -> uuid.UUID:
    journey = jr.from_template(
        "Brukerreise", ("Før", "Under"), (("actions", "Handlinger"),), jr.MapKind.CURRENT
    )
    return journeys.create_map(db, small.group, journey, small.session)


def test_add_stores_the_prepared_photo_by_content_hash(db, small, tmp_path: Path) -> None:
    source = make_photo(tmp_path / "IMG_0042.jpg", 3000, 2000)
    photo_id = photos.add_photo(db, source, group_id=small.group, caption="  Tavla etter idémyldring ")

    (view,) = photos.photos_of(db, group_id=small.group)
    assert view.id == photo_id
    assert view.kind == "group"
    assert view.caption == "Tavla etter idémyldring"
    assert (view.width, view.height) == (2560, 1707)
    assert view.original_name == "IMG_0042.jpg"
    assert isinstance(view.added, datetime) and view.added.tzinfo is not None
    assert view.path.is_absolute() and view.path.is_file()
    digest = view.path.stem
    assert view.path == db.data_dir / "photos" / digest[:2] / f"{digest}.jpg"
    with Image.open(view.path) as image:
        assert image.size == (2560, 1707)
        assert not image.getexif()
    with db.transaction() as session:
        row = session.get(Photo, photo_id)
        assert row.file_name == f"photos/{digest[:2]}/{digest}.jpg" and row.sha256 == digest
    assert stored_files(db) == [view.path]  # no temporary file left behind


def test_same_content_is_stored_once(db, small, tmp_path: Path) -> None:
    first = make_photo(tmp_path / "a.jpg")
    copy = tmp_path / "kopi.jpg"
    copy.write_bytes(first.read_bytes())
    one = photos.add_photo(db, first, group_id=small.group)
    two = photos.add_photo(db, copy, session_id=small.session)
    assert one != two
    assert (
        photos.photos_of(db, group_id=small.group)[0].path
        == photos.photos_of(db, session_id=small.session)[0].path
    )
    assert len(stored_files(db)) == 1
    make_photo(tmp_path / "b.jpg", seed=1)
    photos.add_photo(db, tmp_path / "b.jpg", group_id=small.group)
    assert len(stored_files(db)) == 2


def test_photos_of_each_target(db, small, tmp_path: Path) -> None:
    map_id = a_map(db, small)
    other_group = groups.add_leader_group(db, small.cohort, small.evje)
    group_photo = photos.add_photo(db, make_photo(tmp_path / "1.jpg", seed=1), group_id=small.group)
    session_photo = photos.add_photo(db, make_photo(tmp_path / "2.jpg", seed=2), session_id=small.session)
    map_photo = photos.add_photo(db, make_photo(tmp_path / "3.jpg", seed=3), map_id=map_id)
    both = photos.add_photo(
        db, make_photo(tmp_path / "4.jpg", seed=4), group_id=small.group, session_id=small.session
    )
    other = photos.add_photo(db, make_photo(tmp_path / "5.jpg", seed=5), group_id=other_group)

    def ids(**target) -> list[uuid.UUID]:
        return [v.id for v in photos.photos_of(db, **target)]

    # A group's photos include those of its journey maps; a session's those of maps made in it.
    assert ids(group_id=small.group) == [group_photo, map_photo, both]
    assert ids(session_id=small.session) == [session_photo, map_photo, both]
    assert ids(map_id=map_id) == [map_photo]
    assert ids(group_id=other_group) == [other]
    assert ids(group_id=small.group, session_id=small.session) == [map_photo, both]
    kinds = {v.id: v.kind for v in photos.photos_of(db, session_id=small.session)}
    assert kinds == {session_photo: "session", map_photo: "map", both: "session"}
    with pytest.raises(TypeError):
        photos.photos_of(db)


def test_missing_file_on_disk_still_listed(db, small, tmp_path: Path) -> None:
    photos.add_photo(db, make_photo(tmp_path / "1.jpg"), group_id=small.group)
    (view,) = photos.photos_of(db, group_id=small.group)
    view.path.unlink()
    (again,) = photos.photos_of(db, group_id=small.group)
    assert again.path == view.path and not again.path.exists()


def test_caption_change_returns_the_previous_for_undo(db, small, tmp_path: Path) -> None:
    photo_id = photos.add_photo(db, make_photo(tmp_path / "1.jpg"), group_id=small.group, caption="Før")
    assert photos.set_caption(db, photo_id, "Etter") == "Før"
    assert photos.photo(db, photo_id).caption == "Etter"
    assert photos.set_caption(db, photo_id, "Før") == "Etter"  # the undo
    assert photos.photo(db, photo_id).caption == "Før"


def test_delete_and_restore(db, small, tmp_path: Path, rows) -> None:
    photo_id = photos.add_photo(db, make_photo(tmp_path / "1.jpg"), group_id=small.group, caption="Vegg")
    before = rows(db)
    (view,) = photos.photos_of(db, group_id=small.group)

    snapshot = photos.delete_photo(db, photo_id)
    assert photos.photos_of(db, group_id=small.group) == ()
    assert view.path.is_file()  # kept for the undo
    restore_deleted(db, snapshot)
    assert rows(db) == before
    assert photos.photos_of(db, group_id=small.group) == (view,)
    with pytest.raises(NotFoundError):
        photos.delete_photo(db, uuid.uuid4())


def test_removing_a_group_takes_its_photos_and_undo_brings_them_back(db, small, tmp_path: Path, rows) -> None:
    photos.add_photo(db, make_photo(tmp_path / "1.jpg"), group_id=small.group)
    photos.add_photo(db, make_photo(tmp_path / "2.jpg", seed=2), map_id=a_map(db, small))
    before = rows(db)
    snapshot = groups.remove_leader_group(db, small.group)
    assert rows(db)["photo"] == []
    restore_deleted(db, snapshot)
    assert rows(db) == before


def test_prune_removes_only_files_no_row_uses(db, small, tmp_path: Path) -> None:
    source = make_photo(tmp_path / "1.jpg")
    keep = photos.add_photo(db, source, group_id=small.group)
    twin = photos.add_photo(db, source, session_id=small.session)
    gone = photos.add_photo(db, make_photo(tmp_path / "2.jpg", seed=2), group_id=small.group)
    gone_path = photos.photo(db, gone).path
    photos.delete_photo(db, twin)
    photos.delete_photo(db, gone)
    assert photos.prune_files(db) == 1
    assert not gone_path.exists()
    assert photos.photo(db, keep).path.is_file()


def test_refused_files_are_reported_while_the_others_are_added(db, small, tmp_path: Path) -> None:
    text = tmp_path / "notater.jpg"
    text.write_text("ikke et bilde", encoding="utf-8")
    good = [make_photo(tmp_path / "1.jpg", seed=1), make_photo(tmp_path / "2.jpg", seed=2)]
    added, refused = photos.add_photos(
        db, [good[0], text, tmp_path / "borte.png", good[1]], group_id=small.group
    )
    assert len(added) == 2
    assert [v.id for v in photos.photos_of(db, group_id=small.group)] == list(added)
    assert [path for path, _message in refused] == [text, tmp_path / "borte.png"]
    assert "notater.jpg" in refused[0][1] and "borte.png" in refused[1][1]


def test_refused_file_leaves_nothing(db, small, tmp_path: Path, rows) -> None:
    text = tmp_path / "notater.jpg"
    text.write_text("ikke et bilde", encoding="utf-8")
    before = rows(db)
    with pytest.raises(NotAnImageError, match="notater.jpg"):
        photos.add_photo(db, text, group_id=small.group)
    assert rows(db) == before
    assert not (db.data_dir / "photos").exists()


def test_target_is_required_and_must_exist(db, small, tmp_path: Path) -> None:
    source = make_photo(tmp_path / "1.jpg")
    with pytest.raises(TypeError):
        photos.add_photo(db, source)
    with pytest.raises(NotFoundError):
        photos.add_photo(db, source, group_id=uuid.uuid4())
    with pytest.raises(NotFoundError):
        photos.add_photos(db, [source], session_id=uuid.uuid4())
    assert not (db.data_dir / "photos").exists()


def test_full_disk_is_a_clear_error_and_stores_nothing(db, small, tmp_path: Path, rows, monkeypatch) -> None:
    def full(target: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(photos, "write_atomically", full)
    before = rows(db)
    with pytest.raises(DiskFullError):
        photos.add_photo(db, make_photo(tmp_path / "1.jpg"), group_id=small.group)
    assert rows(db) == before
    sources = [make_photo(tmp_path / f"{n}.jpg", seed=n) for n in range(3)]
    added, refused = photos.add_photos(db, sources, group_id=small.group)
    assert added == () and [path for path, _ in refused] == sources
    assert "Disken er full" in refused[0][1]


def test_a_failed_row_removes_the_file_it_wrote(db, small, tmp_path: Path, monkeypatch) -> None:
    calls = []
    real = photos._check_targets

    def vanish_on_second_check(session, *targets) -> None:
        calls.append(targets)
        if len(calls) == 2:
            raise NotFoundError("borte")
        real(session, *targets)

    monkeypatch.setattr(photos, "_check_targets", vanish_on_second_check)
    with pytest.raises(NotFoundError):
        photos.add_photo(db, make_photo(tmp_path / "1.jpg"), group_id=small.group)
    assert stored_files(db) == []
    with db.transaction() as session:
        assert session.scalars(select(Photo)).all() == []


def test_the_next_start_removes_the_files_of_deleted_photos(db, small, tmp_path: Path) -> None:
    from desktop.app import open_register_for_the_window
    from desktop.reports.images import thumbnail

    keep = photos.add_photo(db, make_photo(tmp_path / "1.jpg"), group_id=small.group)
    gone = photos.add_photo(db, make_photo(tmp_path / "2.jpg", seed=2), group_id=small.group)
    gone_path = photos.photo(db, gone).path
    gone_thumb = thumbnail(gone_path, 100, photos.thumbnails_dir(db))
    keep_thumb = thumbnail(photos.photo(db, keep).path, 100, photos.thumbnails_dir(db))
    stale = gone_path.parent / f".{gone_path.name}.abc123.tmp"  # a write cut short by a crash
    stale.write_bytes(b"half")
    os.utime(stale, (1, 1))
    photos.delete_photo(db, gone)
    assert gone_path.is_file()  # kept while the undo may need it
    data_dir = db.data_dir
    db.close()  # the app ends

    again = open_register_for_the_window(data_dir)  # what the app does at start-up
    try:
        assert not gone_path.exists() and not gone_thumb.exists() and not stale.exists()
        assert photos.photo(again, keep).path.is_file() and keep_thumb.is_file()
    finally:
        again.close()


def test_a_persona_picture_is_stored_cleaned_and_found_by_its_hash(db, small, tmp_path: Path) -> None:
    from dataclasses import replace

    digest = photos.store_picture(db, make_photo(tmp_path / "astrid.jpg", 3000, 2000))
    path = photos.picture_path(db, digest)
    assert path is not None and path.stem == digest
    with Image.open(path) as image:
        assert max(image.size) == 2560 and not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert db.data_dir in path.parents
    assert photos.picture_path(db, None) is None
    assert photos.picture_path(db, "0" * 64) is None
    assert photos.picture_path(db, "../../etc/passwd") is None
    notes = tmp_path / "notes.txt"
    notes.write_text("ikke et bilde", encoding="utf-8")
    with pytest.raises(NotAnImageError):
        photos.store_picture(db, notes)

    # Kept by pruning while a map's persona names it, removed once none does.
    map_id = a_map(db, small)
    journeys.edit_map(db, map_id, lambda j: replace(j, persona=replace(j.persona, photo=digest)))
    assert photos.prune_files(db) == 0 and path.is_file()
    from desktop.services.reports import group_report

    (drawn,) = group_report(db, small.group).journeys  # the summary finds the picture
    assert drawn.persona_picture == path
    journeys.edit_map(db, map_id, lambda j: replace(j, persona=replace(j.persona, photo=None)))
    assert photos.prune_files(db) == 1 and not path.exists()


def test_a_file_no_row_names_goes_to_the_bin_and_comes_back_when_named_again(
    db, small, tmp_path: Path
) -> None:
    """A register restored from a morning backup does not know the day's photos: they go to the bin, not
    away, and come back when the rescued register names them again; the bin is emptied after BIN_DAYS."""
    import os
    import time

    added = photos.add_photo(db, make_photo(tmp_path / "1.jpg"), group_id=small.group)
    path = photos.photo(db, added).path
    snapshot = photos.delete_photo(db, added)  # as a register that never had it
    assert photos.prune_files(db) == 1 and not path.exists()
    binned = db.data_dir / photos.PHOTOS_DIR / photos.BIN_DIR / path.name
    assert binned.is_file()
    restore_deleted(db, snapshot)  # the rescued register names it again
    assert photos.prune_files(db) == 0
    assert path.is_file() and not binned.exists()

    photos.delete_photo(db, added)
    photos.prune_files(db)
    assert binned.is_file()
    os.utime(binned, (time.time() - 29 * 86400,) * 2)
    photos.prune_files(db)
    assert binned.is_file()  # 29 days: still there
    os.utime(binned, (time.time() - 31 * 86400,) * 2)
    photos.prune_files(db)
    assert not binned.exists()
