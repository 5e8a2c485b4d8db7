"""The Bilder tab of a leader group and a session: adding by the file dialog and by a drop, refused files
named in the panel, captions and deletes with undo, thumbnails cached, a missing file's placeholder, the
viewer, a journey map as target, and the wall."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QProgressDialog, QPushButton

from desktop.services import journeys, photos
from desktop.services.demo import demo_id
from desktop.ui import photo_panel as photo_panel_module
from desktop.ui.navigator import node_key
from desktop.ui.photo_panel import PHOTO_ROLE, PhotoPanel

GROUP = demo_id("group", "LUP 4:Capralhaugen BBS")


def make_image(path: Path, colour=(200, 60, 40), size=(640, 480)) -> Path:
    Image.new("RGB", size, colour).save(path, "JPEG")
    return path


@pytest.fixture
def page(window):
    window.navigator.select(node_key("group", GROUP))
    page = window.workspace.current_page()
    page.tabs.setCurrentWidget(page.photos)
    return page


@pytest.fixture
def panel(page) -> PhotoPanel:
    return page.photos


def stored(window, **target):
    return photos.photos_of(window.context.db, **(target or {"group_id": GROUP}))


def wait_for_thumbnails(qtbot, panel: PhotoPanel) -> None:
    qtbot.waitUntil(lambda: not panel.model.pending(), timeout=10_000)


def added_when_done(qtbot, panel: PhotoPanel) -> list:
    """Wait for the panel's background add to end (its step on the undo stack); the ids it added."""
    qtbot.waitUntil(lambda: not panel.adding(), timeout=15_000)
    return panel.last_added


def add(qtbot, panel: PhotoPanel, files) -> list:
    assert panel.add_files(list(files)) is not None
    return added_when_done(qtbot, panel)


def choose_files(monkeypatch, paths) -> list:
    seen = []

    def fake(parent, title, folder, filters):
        seen.append(filters)
        return [str(p) for p in paths], filters.split(";;")[0]

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(fake))
    return seen


def drop_files(panel: PhotoPanel, urls: list[QUrl]) -> tuple[bool, bool]:
    """Drag ``urls`` onto the panel; returns whether the enter and the drop were accepted."""
    mime = QMimeData()
    mime.setUrls(urls)
    enter = QDragEnterEvent(
        QPoint(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(panel, enter)
    drop = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(panel, drop)
    return enter.isAccepted(), drop.isAccepted()


def test_the_file_dialog_adds_photos_as_one_undoable_step(panel, window, monkeypatch, tmp_path, qtbot):
    before = len(stored(window))
    files = [make_image(tmp_path / f"tavle-{n}.jpg", (40 * n, 90, 120)) for n in range(3)]
    filters = choose_files(monkeypatch, files)
    index = window.context.undo_stack.index()
    panel.add_button.click()
    assert "*.heic" in filters[0] and "*.jpg" in filters[0]
    assert len(added_when_done(qtbot, panel)) == 3
    assert window.context.undo_stack.index() == index + 1  # one step
    assert len(stored(window)) == before + 3
    assert len(panel.model.rows) == before + 3
    assert "3 bilder" in panel.message.text()
    assert len(panel.selected_ids()) == 3  # the new ones are selected
    window.undo_action.trigger()
    assert len(stored(window)) == before
    window.redo_action.trigger()
    again = stored(window)
    assert len(again) == before + 3
    assert {v.original_name for v in again} >= {"tavle-0.jpg", "tavle-1.jpg", "tavle-2.jpg"}
    qtbot.waitUntil(lambda: len(panel.model.rows) == before + 3)


def test_a_drop_of_local_files_adds_them_and_names_the_refused(panel, window, tmp_path, qtbot):
    before = len(stored(window))
    good = make_image(tmp_path / "vegg.jpg")
    fake = tmp_path / "notater.jpg"
    fake.write_text("dette er ikke et bilde", encoding="utf-8")
    accepted = drop_files(panel, [QUrl.fromLocalFile(str(good)), QUrl.fromLocalFile(str(fake))])
    assert accepted == (True, True)
    qtbot.waitUntil(lambda: len(stored(window)) == before + 1)
    added_when_done(qtbot, panel)
    assert "notater.jpg" in panel.message.text()
    assert "ikke et bilde" in panel.message.text()
    assert "vegg.jpg" not in panel.message.text()
    assert panel.message.isVisible()
    assert not QApplication.activeModalWidget()  # told in the panel, not in a dialog
    window.undo_action.trigger()
    assert len(stored(window)) == before


def test_links_that_are_not_local_files_are_not_taken(panel, window):
    before = len(stored(window))
    assert drop_files(panel, [QUrl("https://example.org/bilde.jpg")]) == (False, False)
    assert len(stored(window)) == before


def test_only_refused_files_leave_nothing_on_the_undo_stack(panel, window, tmp_path, monkeypatch, qtbot):
    fake = tmp_path / "liste.png"
    fake.write_bytes(b"PK\x03\x04 a zip, not a picture")
    index = window.context.undo_stack.index()
    choose_files(monkeypatch, [fake])
    assert panel.add_from_dialog() is not None
    assert added_when_done(qtbot, panel) == []
    assert window.context.undo_stack.index() == index
    assert "liste.png" in panel.message.text() and "Ingen bilder" in panel.message.text()


def test_caption_edit_in_place_and_undo(panel, window, tmp_path, qtbot):
    (photo_id,) = add(qtbot, panel, [make_image(tmp_path / "flipover.jpg")])
    panel.select_photo(photo_id)
    index = panel.grid.currentIndex()
    panel.grid.setFocus()
    qtbot.keyClick(panel.grid, Qt.Key.Key_F2)
    editor = panel.grid.indexWidget(index) or panel.grid.findChild(QLineEdit)
    assert isinstance(editor, QLineEdit)
    editor.setText("Gruppe 2 sin reise")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: photos.photo(window.context.db, photo_id).caption == "Gruppe 2 sin reise")
    qtbot.waitUntil(lambda: any(v.caption == "Gruppe 2 sin reise" for v in panel.model.rows))
    window.undo_action.trigger()
    assert photos.photo(window.context.db, photo_id).caption == ""
    window.redo_action.trigger()
    assert photos.photo(window.context.db, photo_id).caption == "Gruppe 2 sin reise"


def test_delete_one_with_the_key_and_undo(panel, window, tmp_path, qtbot):
    added = add(qtbot, panel, [make_image(tmp_path / f"b{n}.jpg", (n * 60, 30, 30)) for n in range(2)])
    panel.select_photo(added[0])
    panel.grid.setFocus()
    qtbot.waitUntil(panel.grid.hasFocus)
    qtbot.keyClick(panel.grid, Qt.Key.Key_Delete)  # one photo: no question
    ids = {v.id for v in stored(window)}
    assert added[0] not in ids and added[1] in ids
    window.undo_action.trigger()
    assert added[0] in {v.id for v in stored(window)}


def test_deleting_several_asks_first(panel, window, tmp_path, monkeypatch, qtbot):
    added = add(qtbot, panel, [make_image(tmp_path / f"c{n}.jpg", (30, n * 60, 30)) for n in range(3)])
    panel.select_ids(added, added[0])
    questions = []
    monkeypatch.setattr(
        photo_panel_module, "ask", lambda parent, title, text: questions.append(text) or False
    )
    assert not panel.delete_selected()
    assert set(added) <= {v.id for v in stored(window)}
    monkeypatch.setattr(photo_panel_module, "ask", lambda parent, title, text: questions.append(text) or True)
    panel.select_ids(added, added[0])
    assert panel.delete_selected()
    assert not set(added) & {v.id for v in stored(window)}
    assert len(questions) == 2 and "3 bilder" in questions[0]
    window.undo_action.trigger()
    assert set(added) <= {v.id for v in stored(window)}


def test_thumbnails_are_made_off_the_ui_thread_and_cached(panel, window, tmp_path, qtbot):
    (photo_id,) = add(qtbot, panel, [make_image(tmp_path / "stor.jpg", size=(2000, 1500))])
    wait_for_thumbnails(qtbot, panel)
    view = photos.photo(window.context.db, photo_id)
    thumbs = photos.thumbnails_dir(window.context.db)
    (cached,) = thumbs.glob(f"{view.path.stem}-{photo_panel_module.THUMB_SIZE}.*")
    made = cached.stat().st_mtime_ns
    with Image.open(cached) as small:
        assert max(small.size) == photo_panel_module.THUMB_SIZE
    # Shown again (another page, a restart): the cached copy is used, not made anew.
    panel.model._forget(str(view.path))
    panel.refresh()
    wait_for_thumbnails(qtbot, panel)
    assert cached.stat().st_mtime_ns == made
    row = next(r for r, v in enumerate(panel.model.rows) if v.id == photo_id)
    icon = panel.model.index(row).data(Qt.ItemDataRole.DecorationRole)
    pixmap = icon.pixmap(photo_panel_module.ICON)
    assert pixmap.width() == photo_panel_module.ICON.width()  # 4:3 fills the icon's width
    assert panel.model.problem(view) == ""


def test_a_missing_file_shows_a_placeholder_naming_it(panel, window, tmp_path, qtbot):
    (photo_id,) = add(qtbot, panel, [make_image(tmp_path / "forsvunnet.jpg", (10, 200, 10))])
    wait_for_thumbnails(qtbot, panel)
    view = photos.photo(window.context.db, photo_id)
    view.path.unlink()
    for thumb in photos.thumbnails_dir(window.context.db).glob(f"{view.path.stem}-*"):
        thumb.unlink()
    panel.model._forget(str(view.path))  # as after a restart: nothing in memory
    panel.refresh()
    wait_for_thumbnails(qtbot, panel)
    row = next(r for r, v in enumerate(panel.model.rows) if v.id == photo_id)
    index = panel.model.index(row)
    assert "forsvunnet.jpg" in panel.model.problem(view)
    assert "forsvunnet.jpg" in index.data(Qt.ItemDataRole.ToolTipRole)
    image = index.data(Qt.ItemDataRole.DecorationRole).pixmap(photo_panel_module.ICON).toImage()
    assert image.pixelColor(image.width() // 2, 3).name() != "#000000"  # a drawn card, not nothing
    viewer = panel.open_viewer(index)
    assert "forsvunnet.jpg" in viewer.picture.text()
    viewer.close()


def test_the_viewer_steps_through_the_photos_and_esc_closes(panel, window, tmp_path, qtbot):
    added = add(qtbot, panel, [make_image(tmp_path / f"v{n}.jpg", (n * 80, 80, 80)) for n in range(3)])
    panel.select_photo(added[0])
    panel.grid.doubleClicked.emit(panel.grid.currentIndex())
    viewer = panel.viewer
    assert viewer is not None and viewer.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is viewer)
    assert viewer.current().id == added[0]
    qtbot.keyClick(viewer, Qt.Key.Key_Right)
    assert viewer.current().id == added[1]
    assert panel.current_id() == added[1]  # the grid follows
    qtbot.keyClick(viewer, Qt.Key.Key_Left)
    assert viewer.current().id == added[0]
    qtbot.keyClick(viewer, Qt.Key.Key_Escape)
    assert not viewer.isVisible()


def test_photos_of_a_journey_map(panel, window, tmp_path, qtbot):
    maps = journeys.maps_of_group(window.context.db, GROUP)
    assert maps, "the demo group has journey maps"
    panel.refresh()
    assert panel.target.isVisibleTo(panel)
    assert panel.target.count() == len(maps) + 1
    panel.target.setCurrentIndex(1)
    panel.target.activated.emit(1)
    assert panel.map_id == maps[0].id
    (photo_id,) = add(qtbot, panel, [make_image(tmp_path / "kartet.jpg")])
    assert [v.id for v in stored(window, map_id=maps[0].id)][-1] == photo_id
    assert all(v.kind == "map" for v in panel.model.rows)
    panel.choose_map(None)
    assert photo_id in {v.id for v in panel.model.rows}  # the whole group shows its maps' photos too


def test_a_session_has_its_own_photos(window, tmp_path, monkeypatch, qtbot):
    from desktop.services.demo_content import SESSION_PLAN

    session_id = demo_id("session", f"LUP 3:{SESSION_PLAN[0][1]}")
    window.navigator.select(node_key("session", session_id))
    page = window.workspace.current_page()
    page.tabs.setCurrentWidget(page.photos)
    panel = page.photos
    assert not panel.target.isVisibleTo(panel)
    choose_files(monkeypatch, [make_image(tmp_path / "samling.jpg")])
    panel.add_from_dialog()
    (photo_id,) = added_when_done(qtbot, panel)
    assert photo_id in {v.id for v in photos.photos_of(window.context.db, session_id=session_id)}


def test_the_selected_photo_goes_on_the_wall_and_the_wall_follows(panel, window, tmp_path, qtbot):
    added = add(qtbot, panel, [make_image(tmp_path / f"w{n}.jpg", (n * 120, 20, 200)) for n in range(2)])
    panel.select_photo(added[0])
    panel.wall_button.click()
    wall = window.context.runner.projection
    assert wall is not None and wall.isVisible()
    first = wall.current_image
    assert first is not None and not first.isNull()
    panel.select_photo(added[1])
    assert wall.current_image is not first
    wall.close()


def test_panel_roles(panel, tmp_path, qtbot):
    (photo_id,) = add(qtbot, panel, [make_image(tmp_path / "rolle.jpg")])
    row = next(r for r, v in enumerate(panel.model.rows) if v.id == photo_id)
    assert panel.model.index(row).data(PHOTO_ROLE).id == photo_id
    assert panel.model.index(row).data(Qt.ItemDataRole.DisplayRole) == "(uten bildetekst)"


def progress_dialogs(panel: PhotoPanel) -> list:
    return [d for d in panel.findChildren(QProgressDialog) if d.isVisible()]


def test_adding_runs_off_the_ui_thread_with_progress(panel, window, tmp_path, qtbot, monkeypatch):
    before = len(stored(window))
    files = [make_image(tmp_path / f"p{n}.jpg", (n * 50, 100, 20)) for n in range(5)]
    threads = set()
    real = photos.prepare_photo

    def prepare(source):
        threads.add(threading.current_thread())
        return real(source)

    monkeypatch.setattr(photos, "prepare_photo", prepare)
    job = panel.add_files(files)
    assert job is not None and panel.adding()
    (dialog,) = progress_dialogs(panel)  # progress, with Cancel, while the window stays live
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    assert not panel.add_button.isEnabled()
    added = added_when_done(qtbot, panel)
    assert len(added) == 5 and len(stored(window)) == before + 5
    assert threading.main_thread() not in threads  # prepared and stored on the job's thread
    assert job.last_progress is not None and job.last_progress[:2] == (5, 5)
    assert not progress_dialogs(panel)
    assert "5 bilder" in panel.message.text()
    assert panel.add_button.isEnabled()
    window.undo_action.trigger()
    assert len(stored(window)) == before
    window.redo_action.trigger()
    assert {v.id for v in stored(window)} >= set(added)


def test_cancel_keeps_the_photos_added_so_far(panel, window, tmp_path, qtbot, monkeypatch):
    before = len(stored(window))
    files = [make_image(tmp_path / f"k{n}.jpg", (n * 50, 20, 100)) for n in range(5)]
    started, go_on = threading.Event(), threading.Event()
    real = photos.prepare_photo

    def slow_first(source):
        if source.name == "k0.jpg":
            started.set()
            go_on.wait(10)
        return real(source)

    monkeypatch.setattr(photos, "prepare_photo", slow_first)
    panel.add_files(files)
    assert started.wait(10)
    (dialog,) = progress_dialogs(panel)
    dialog.findChild(QPushButton).click()  # Cancel
    go_on.set()
    added = added_when_done(qtbot, panel)
    assert len(added) == 1
    assert [v.original_name for v in stored(window) if v.id in added] == ["k0.jpg"]
    assert len(stored(window)) == before + 1
    assert "Avbrutt" in panel.message.text() and "4 bilder" in panel.message.text()
    window.undo_action.trigger()  # what was kept is one undoable step like any add
    assert len(stored(window)) == before


def test_refused_files_are_named_after_a_background_add(panel, window, tmp_path, qtbot):
    good = [make_image(tmp_path / f"ok{n}.jpg") for n in range(2)]
    fake = tmp_path / "handleliste.png"
    fake.write_text("melk, brød", encoding="utf-8")
    added = add(qtbot, panel, [good[0], fake, good[1]])
    assert len(added) == 2
    text = panel.message.text()
    assert "handleliste.png" in text and "ikke et bilde" in text and "ok0.jpg" not in text
    assert not QApplication.activeModalWidget()


def test_an_unexpected_error_while_adding_is_told_in_the_panel(panel, window, tmp_path, qtbot, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("en feil i programmet")

    monkeypatch.setattr(photos, "add_photos", broken)
    index = window.context.undo_stack.index()
    panel.add_files([make_image(tmp_path / "x.jpg")])
    assert added_when_done(qtbot, panel) == []
    assert "loggen" in panel.message.text()
    assert not progress_dialogs(panel) and panel.add_button.isEnabled()
    assert window.context.undo_stack.index() == index
