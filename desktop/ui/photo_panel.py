"""The "Bilder" tab of a leader group and of a session: the photos of flip-charts and walls taken in the room.

Photos come in by the "Legg til bilder …" button or by dropping files from the file manager anywhere on
the panel; ``desktop.services.photos.add_photos`` orients, strips and stores them on a background job
(desktop.ui.background, with progress and Cancel: a phone's photo takes a good part of a second), and
refuses what is not a usable image (each refused file is named, with the reason, in the panel's message
line, not in a dialog). The photos stored are then one undoable step, as is deleting several photos, and
each caption edit (in place, F2) is one more.

Thumbnails are made off the UI thread (``desktop.reports.images.thumbnail``, cached in the data folder's
``photos/thumbs``) and kept in memory while the app runs; a photo whose file is missing shows a
placeholder naming it. Double-click (or Enter) opens a simple viewer with previous/next; "Vis på veggen"
puts the selected photo on the projector, and the wall follows the selection while it shows a photo.

On a leader group's page a target choice appears once the group has journey maps: the whole group (with
the photos of its maps) or one map, whose photos are then shown and added to.
"""

from __future__ import annotations

import contextlib
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QRectF,
    QSize,
    QStandardPaths,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QIcon, QImage, QKeySequence, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.rules import format_date
from desktop.errors import LupError
from desktop.i18n import _
from desktop.reports import images
from desktop.services import journeys, photos
from desktop.services.common import restore_deleted
from desktop.ui.background import Job, run_with_progress
from desktop.ui.commands import ChangeCommand, ServiceCommand
from desktop.ui.context import AppContext, ask
from desktop.ui.widgets import index_of, local_shortcut

THUMB_SIZE = 320  # pixels on the long side of the cached copy (sharp at the grid's size, also on HiDPI)
ICON = QSize(208, 156)
GRID = QSize(232, 212)
ERROR_STYLE = "color: #a4262c;"
NOTE_STYLE = "color: #1d5f8a;"
PHOTO_ID_ROLE = Qt.ItemDataRole.UserRole
PHOTO_ROLE = Qt.ItemDataRole.UserRole + 1
IMAGE_SUFFIXES = ("jpg", "jpeg", "png", "heic", "heif")


def file_filter() -> str:
    patterns = " ".join(f"*.{s} *.{s.upper()}" for s in IMAGE_SUFFIXES)
    return ";;".join(
        (_("Bilder (JPEG, PNG, HEIC) ({patterns})").format(patterns=patterns), _("Alle filer (*)"))
    )


def refusal_text(path: Path, message: str) -> str:
    """One refused file for the message line: the reason, with the file's name if it doesn't say it."""
    return message if path.name in message else f"{path.name}: {message}"


# --- undo commands --------------------------------------------------------------------------------------


class AddPhotosCommand(ServiceCommand):
    """Photos already stored (by a background job) as one undoable step: undo removes their rows (keeping
    the snapshots, the files stay), redo brings the same rows back."""

    def __init__(self, added: list[uuid.UUID] | tuple[uuid.UUID, ...]) -> None:
        count = len(added)
        super().__init__(_("Legg til ett bilde") if count == 1 else _("Legg til {n} bilder").format(n=count))
        self.added: tuple[uuid.UUID, ...] = tuple(added)
        self._snapshots: list | None = None

    def do(self) -> None:
        if self._snapshots is None:
            return  # the first run: the rows are in the register already
        for snapshot in self._snapshots:
            restore_deleted(self.db, snapshot)
        self._snapshots = None

    def revert(self) -> None:
        self._snapshots = [photos.delete_photo(self.db, photo_id) for photo_id in reversed(self.added)]
        self._snapshots.reverse()

    def is_noop(self) -> bool:
        return not self.added


@dataclass
class AddResult:
    """What a background add of photos came to: the ids stored, the files refused with why, and whether
    Cancel stopped it (the files not reached are then neither added nor refused)."""

    added: tuple[uuid.UUID, ...] = ()
    refused: list[tuple[Path, str]] = field(default_factory=list)
    cancelled: bool = False
    left: int = 0  # files not reached because of Cancel


class DeletePhotosCommand(ServiceCommand):
    """Delete one or several photos as one step; undo puts every row back (the files stay on disk)."""

    def __init__(self, photo_ids: list[uuid.UUID]) -> None:
        count = len(photo_ids)
        super().__init__(_("Slett bilde") if count == 1 else _("Slett {n} bilder").format(n=count))
        self._ids = list(photo_ids)
        self._snapshots: list = []

    def do(self) -> None:
        self._snapshots = [photos.delete_photo(self.db, photo_id) for photo_id in self._ids]

    def revert(self) -> None:
        for snapshot in reversed(self._snapshots):
            restore_deleted(self.db, snapshot)


# --- thumbnails -----------------------------------------------------------------------------------------


class ThumbnailLoader(QObject):
    """Makes thumbnails on a small thread pool; ``ready(path, image, message)`` reports each (on the UI
    thread), with a null image and the reason when the photo can't be read."""

    ready = Signal(str, object, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # The pool is this object's child, and its destructor waits for running jobs, so a job never
        # reports to a deleted object.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)

    def request(self, path: Path, cache_dir: Path) -> None:
        self._pool.start(lambda: self._make(path, cache_dir))

    def _make(self, path: Path, cache_dir: Path) -> None:
        image, message = QImage(), ""
        try:
            made = images.thumbnail(path, THUMB_SIZE, cache_dir)
            image = QImage(str(made))
            if image.isNull():
                raise images.DamagedImageError(path)
        except LupError as exc:
            image, message = QImage(), exc.message
        except Exception as exc:  # a worker must report, never die silently
            image, message = QImage(), str(exc)
        with contextlib.suppress(RuntimeError):  # the panel was closed meanwhile: nobody is waiting
            self.ready.emit(str(path), image, message)

    def wait(self, ms: int = 30_000) -> bool:
        return self._pool.waitForDone(ms)


def placeholder(size: QSize, lines: list[str], colour: str = "#5b6670") -> QPixmap:
    """A grey card with ``lines`` of text, where a thumbnail is loading or its photo is missing."""
    pixmap = QPixmap(size)
    pixmap.fill(QColor("#eceff1"))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#b0bec5"), 2, Qt.PenStyle.DashLine))
    painter.drawRect(QRectF(1, 1, size.width() - 2, size.height() - 2))
    painter.setPen(QColor(colour))
    font = QFont(painter.font())
    font.setPointSizeF(max(8.0, font.pointSizeF()))
    painter.setFont(font)
    painter.drawText(
        QRectF(10, 10, size.width() - 20, size.height() - 20),
        int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWrapAnywhere),
        "\n".join(lines),
    )
    painter.end()
    return pixmap


# --- the model ------------------------------------------------------------------------------------------


class PhotoModel(QAbstractListModel):
    """The photos shown, with their thumbnails; a caption typed in the view is reported by
    ``caption_edited`` (the panel stores it through the undo stack, and the model is filled again)."""

    caption_edited = Signal(object, str)  # photo id, new caption

    def __init__(self, loader: ThumbnailLoader, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[photos.PhotoView] = []
        self.cache_dir: Path | None = None
        self._loader = loader
        self._icons: dict[str, QIcon] = {}  # photo path -> thumbnail (or the placeholder of a missing file)
        self._problems: dict[str, str] = {}  # photo path -> why it can't be shown
        self._pending: set[str] = set()
        self._loading: QIcon | None = None
        loader.ready.connect(self._thumbnail_ready)

    def set_photos(self, rows: tuple[photos.PhotoView, ...], cache_dir: Path) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.cache_dir = cache_dir
        self.endResetModel()
        for view in self.rows:
            key = str(view.path)
            if key in self._problems and view.path.is_file():
                self._forget(key)  # the file is back (a stick plugged in again): try once more
            if key not in self._icons and key not in self._pending:
                self._pending.add(key)
                self._loader.request(view.path, cache_dir)

    def _forget(self, key: str) -> None:
        self._icons.pop(key, None)
        self._problems.pop(key, None)

    def pending(self) -> bool:
        return bool(self._pending)

    def problem(self, view: photos.PhotoView) -> str:
        return self._problems.get(str(view.path), "")

    def _thumbnail_ready(self, key: str, image: QImage, message: str) -> None:
        self._pending.discard(key)
        view = next((v for v in self.rows if str(v.path) == key), None)
        name = (view.original_name or Path(key).name) if view is not None else Path(key).name
        if image.isNull():
            missing = not Path(key).is_file()
            heading = _("Bildet mangler") if missing else _("Bildet kan ikke vises")
            # The reader's message names the stored file (a hash); the facilitator knows the photo's name.
            self._problems[key] = _("{heading}: {name} ({reason})").format(
                heading=heading, name=name, reason=message
            )
            self._icons[key] = QIcon(placeholder(ICON, [heading, name], "#a4262c"))
        else:
            self._problems.pop(key, None)
            self._icons[key] = QIcon(QPixmap.fromImage(image))
        for row, v in enumerate(self.rows):
            if str(v.path) == key:
                index = self.index(row)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        view = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return view.caption or _("(uten bildetekst)")
        if role == Qt.ItemDataRole.EditRole:
            return view.caption
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icons.get(str(view.path)) or self._loading_icon()
        if role == Qt.ItemDataRole.ForegroundRole and not view.caption:
            return QColor("#6b7780")
        if role == Qt.ItemDataRole.FontRole and not view.caption:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [view.caption] if view.caption else []
            lines.append(
                _("{name} · {width} × {height} · lagt til {date}").format(
                    name=view.original_name or view.path.name,
                    width=view.width,
                    height=view.height,
                    date=format_date(view.added.astimezone().date()),
                )
            )
            if view.kind == "map":
                lines.append(_("Bilde av en brukerreise"))
            problem = self.problem(view)
            if problem:
                lines.append(problem)
            return "\n".join(lines)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return view.caption or view.original_name or view.path.name
        if role == PHOTO_ID_ROLE:
            return view.id
        if role == PHOTO_ROLE:
            return view
        return None

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        view = self.rows[index.row()]
        text = str(value).strip()
        if text != view.caption:
            photo_id = view.id
            # After the editor has closed: storing it fills the model again.
            QTimer.singleShot(0, lambda: self.caption_edited.emit(photo_id, text))
        return True

    def _loading_icon(self) -> QIcon:
        if self._loading is None:
            self._loading = QIcon(placeholder(ICON, [_("Henter bildet …")]))
        return self._loading


# --- the view and the viewer ----------------------------------------------------------------------------


class PhotoGrid(QListView):
    """The thumbnails in rows that fill the width; Enter opens the selected photo."""

    open_requested = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setUniformItemSizes(True)
        self.setIconSize(ICON)
        self.setGridSize(GRID)
        self.setSpacing(6)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)  # drops go to the panel
        self.setAcceptDrops(False)
        self.viewport().setAcceptDrops(False)
        self.setAccessibleName(_("Bilder"))
        self.doubleClicked.connect(self.open_requested.emit)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.state() != QAbstractItemView.State.EditingState
        ):
            index = self.currentIndex()
            if index.isValid():
                self.open_requested.emit(index)
                return
        super().keyPressEvent(event)


class PhotoViewer(QDialog):
    """One photo large, with its caption; ← and → (or the buttons) step through the panel's photos, Esc
    closes. ``moved(photo id)`` says which photo it shows now (the panel selects it, the wall follows)."""

    moved = Signal(object)

    def __init__(self, parent: QWidget, rows: list[photos.PhotoView], index: int, wall_slot) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Bilde"))
        self.rows = rows
        self.index = max(0, min(index, len(rows) - 1))
        self._pixmap = QPixmap()
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setMinimumSize(320, 240)
        self.picture.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.picture.setStyleSheet("background: #202124; color: #f1f3f4;")
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        font = self.caption.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.caption.setFont(font)
        self.position = QLabel()
        self.previous_button = QPushButton(_("‹ Forrige"))
        self.previous_button.setToolTip(_("Venstre piltast"))
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button = QPushButton(_("Neste ›"))
        self.next_button.setToolTip(_("Høyre piltast"))
        self.next_button.clicked.connect(lambda: self.step(1))
        wall = QPushButton(_("Vis på veggen"))
        wall.clicked.connect(lambda: wall_slot(self.current()))
        close = QPushButton(_("Lukk"))
        close.setToolTip(_("Esc"))
        close.clicked.connect(self.reject)
        for button in (self.previous_button, self.next_button, wall, close):
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # ← and → belong to the viewer
        buttons = QHBoxLayout()
        buttons.addWidget(self.previous_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.position)
        buttons.addStretch(1)
        buttons.addWidget(wall)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picture, 1)
        layout.addWidget(self.caption)
        layout.addLayout(buttons)
        self.resize(1000, 760)
        self._show()

    def current(self) -> photos.PhotoView:
        return self.rows[self.index]

    def step(self, delta: int) -> None:
        target = self.index + delta
        if 0 <= target < len(self.rows):
            self.index = target
            self._show()
            self.moved.emit(self.current().id)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        key = event.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space):
            self.step(1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace):
            self.step(-1)
        else:
            super().keyPressEvent(event)  # Esc closes

    def _show(self) -> None:
        view = self.current()
        image = QImage(str(view.path)) if view.path.is_file() else QImage()
        self._pixmap = QPixmap.fromImage(image) if not image.isNull() else QPixmap()
        if self._pixmap.isNull():
            self.picture.setPixmap(QPixmap())
            self.picture.setText(
                _("Bildet mangler: {name}").format(name=view.original_name or view.path.name)
                if not view.path.is_file()
                else _("Bildet kan ikke vises: {name}").format(name=view.original_name or view.path.name)
            )
        else:
            self._fit()
        self.caption.setText(view.caption or _("(uten bildetekst)"))
        self.position.setText(_("{n} av {total}").format(n=self.index + 1, total=len(self.rows)))
        self.previous_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < len(self.rows) - 1)

    def _fit(self) -> None:
        if not self._pixmap.isNull():
            self.picture.setPixmap(
                self._pixmap.scaled(
                    self.picture.size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit()


def render_photo(view: photos.PhotoView, width: int, height: int) -> QImage:
    """The photo for the wall: fitted on a dark background, its caption (if any) under it."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#111111"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    margin = max(8, height // 40)
    caption_height = height // 9 if view.caption else 0
    area = QRectF(margin, margin, width - 2 * margin, height - 2 * margin - caption_height)
    photo = QImage(str(view.path)) if view.path.is_file() else QImage()
    font = QFont(painter.font())
    font.setPixelSize(max(12, height // 28))
    painter.setFont(font)
    painter.setPen(QColor("#f1f3f4"))
    if photo.isNull():
        painter.drawText(
            area,
            int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
            _("Bildet mangler: {name}").format(name=view.original_name or view.path.name),
        )
    else:
        scale = min(area.width() / photo.width(), area.height() / photo.height())
        w, h = photo.width() * scale, photo.height() * scale
        target = QRectF(area.x() + (area.width() - w) / 2, area.y() + (area.height() - h) / 2, w, h)
        painter.drawImage(target, photo)
    if view.caption:
        painter.drawText(
            QRectF(margin, height - margin - caption_height, width - 2 * margin, caption_height),
            int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
            view.caption,
        )
    painter.end()
    return image


# --- the panel ------------------------------------------------------------------------------------------


class PhotoPanel(QWidget):
    def __init__(self, context: AppContext, actions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.actions = actions
        self.group_id: uuid.UUID | None = None
        self.session_id: uuid.UUID | None = None
        self.map_id: uuid.UUID | None = None  # a journey map chosen as the target (a group's page only)
        self.viewer: PhotoViewer | None = None
        self._wall_picture: QImage | None = None
        self._last_folder = ""
        self._adding: Job | None = None
        self.last_added: list[uuid.UUID] = []  # the photos of the last add, once it has ended
        self._refresh_soon = QTimer(self)
        self._refresh_soon.setSingleShot(True)
        self._refresh_soon.setInterval(0)
        self._refresh_soon.timeout.connect(self.refresh)
        self.loader = ThumbnailLoader(self)
        self.model = PhotoModel(self.loader, self)
        self.model.caption_edited.connect(self.set_caption)
        self._build()
        self.setAcceptDrops(True)
        context.changed.connect(self._changed)

    def _build(self) -> None:
        self.target_label = QLabel(_("Bilder av:"))
        self.target = QComboBox()
        self.target.setAccessibleName(_("Bilder av"))
        self.target.setToolTip(_("Hele ledergruppen, eller ett av brukerreisekartene"))
        self.target.setMinimumContentsLength(24)
        self.target.activated.connect(lambda _i: self._target_chosen())
        self.add_button = QPushButton(_("Legg til bilder …"))
        self.add_button.setToolTip(_("Velg bilder (JPEG, PNG, HEIC), eller dra dem hit fra filutforskeren"))
        self.add_button.clicked.connect(lambda: self.add_from_dialog())
        self.open_button = QPushButton(_("Vis større"))
        self.open_button.setToolTip(_("Dobbeltklikk eller Enter"))
        self.open_button.clicked.connect(lambda: self.open_viewer(self.grid.currentIndex()))
        self.caption_button = QPushButton(_("Bildetekst"))
        self.caption_button.setToolTip(_("F2"))
        self.caption_button.clicked.connect(self.edit_caption)
        self.wall_button = QPushButton(_("Vis på veggen"))
        self.wall_button.setToolTip(
            _("Viser det valgte bildet på veggen; veggen følger når du velger et annet")
        )
        self.wall_button.clicked.connect(lambda: self.show_on_wall())
        self.delete_button = QPushButton(_("Slett"))
        self.delete_button.setToolTip(_("Delete"))
        self.delete_button.clicked.connect(self.delete_selected)
        top = QHBoxLayout()
        top.addWidget(self.target_label)
        top.addWidget(self.target)
        top.addWidget(self.add_button)
        top.addStretch(1)
        for button in (self.open_button, self.caption_button, self.wall_button, self.delete_button):
            top.addWidget(button)

        self.grid = PhotoGrid()
        self.grid.setModel(self.model)
        self.grid.open_requested.connect(self.open_viewer)
        self.grid.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        local_shortcut(QKeySequence.StandardKey.Delete, self.grid, self.delete_selected)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #4a4a4a; border: 2px dashed #b0bec5; padding: 24px;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.grid)
        self.stack.addWidget(self.empty)

        hint = QLabel(
            _(
                "Dra bilder hit fra filutforskeren. Dobbeltklikk viser et bilde større, F2 endrer "
                "bildeteksten, Delete sletter. Alt kan angres med Ctrl+Z."
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #4a4a4a;")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.message)
        layout.addWidget(hint)
        self._show_target_choice(False)
        self._sync_buttons()

    # --- showing --------------------------------------------------------------------------------------

    def set_target(self, group_id: uuid.UUID | None = None, session_id: uuid.UUID | None = None) -> None:
        """Show the photos of a leader group (and its journey maps) or of a session."""
        changed = (group_id, session_id) != (self.group_id, self.session_id)
        self.group_id = group_id
        self.session_id = session_id
        if changed:
            self.map_id = None
            self.say("")
            if self.viewer is not None:
                self.viewer.close()
        if changed and self.isVisible():
            self.refresh()  # the same target again (the page reloading) refreshes through ``changed``

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.refresh()

    def _changed(self) -> None:
        if self.has_target() and self.isVisible():
            self._refresh_soon.start()

    def has_target(self) -> bool:
        return self.group_id is not None or self.session_id is not None

    def target_ids(self) -> dict[str, uuid.UUID]:
        """What the panel shows and adds to: a journey map, else the group, else the session."""
        if self.map_id is not None:
            return {"map_id": self.map_id}
        if self.group_id is not None:
            return {"group_id": self.group_id}
        return {"session_id": self.session_id}

    def refresh(self) -> None:
        self._refresh_soon.stop()
        if not self.has_target():
            return
        db = self.context.db
        try:
            self._fill_targets()
            rows = photos.photos_of(db, **self.target_ids())
        except LupError as exc:  # the group or session was deleted under us
            self.model.set_photos((), photos.thumbnails_dir(db))
            self.say(exc.message, error=True)
            return
        selected = set(self.selected_ids())
        current = self.current_id()
        self.model.set_photos(rows, photos.thumbnails_dir(db))
        self.select_ids(selected, current)
        whole = _("Ingen bilder ennå.") if self.map_id is None else _("Ingen bilder av denne reisen ennå.")
        self.empty.setText(
            whole + "\n" + _("Dra bilder hit fra filutforskeren, eller trykk «Legg til bilder …».")
        )
        self.stack.setCurrentWidget(self.grid if rows else self.empty)
        self._sync_buttons()
        self._follow_wall()

    def _fill_targets(self) -> None:
        """A group's journey maps as targets of their own (a session's page has none)."""
        maps = journeys.maps_of_group(self.context.db, self.group_id) if self.group_id is not None else ()
        if self.map_id is not None and all(m.id != self.map_id for m in maps):
            self.map_id = None  # the map is gone (deleted, or undone)
        self.target.blockSignals(True)
        self.target.clear()
        self.target.addItem(_("Hele ledergruppen"), None)
        for m in maps:
            self.target.addItem(_("Kart: {title}").format(title=m.title), m.id)
        self.target.setCurrentIndex(max(0, index_of(self.target, self.map_id)))
        self.target.blockSignals(False)
        self._show_target_choice(bool(maps))

    def _show_target_choice(self, visible: bool) -> None:
        self.target_label.setVisible(visible)
        self.target.setVisible(visible)

    def _target_chosen(self) -> None:
        self.map_id = self.target.currentData()
        self.say("")
        self.refresh()

    def choose_map(self, map_id: uuid.UUID | None) -> None:
        """Show (and add to) the photos of one of the group's journey maps; None: the whole group."""
        self.map_id = map_id
        self.refresh()

    # --- selection ------------------------------------------------------------------------------------

    def selected_rows(self) -> list[int]:
        return sorted(index.row() for index in self.grid.selectionModel().selectedIndexes())

    def selected_ids(self) -> list[uuid.UUID]:
        return [self.model.rows[row].id for row in self.selected_rows() if row < len(self.model.rows)]

    def current_id(self) -> uuid.UUID | None:
        index = self.grid.currentIndex()
        return index.data(PHOTO_ID_ROLE) if index.isValid() else None

    def current_photo(self) -> photos.PhotoView | None:
        index = self.grid.currentIndex()
        if not index.isValid() or not self.grid.selectionModel().isSelected(index):
            rows = self.selected_rows()
            return self.model.rows[rows[0]] if rows else None
        return self.model.rows[index.row()]

    def select_ids(self, ids, current: uuid.UUID | None = None) -> None:
        selection = self.grid.selectionModel()
        selection.clearSelection()
        wanted = set(ids)
        for row, view in enumerate(self.model.rows):
            index = self.model.index(row)
            if view.id == current:
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
            if view.id in wanted:
                selection.select(index, QItemSelectionModel.SelectionFlag.Select)

    def select_photo(self, photo_id: uuid.UUID) -> None:
        self.select_ids([photo_id], photo_id)
        index = self.grid.currentIndex()
        if index.isValid():
            self.grid.scrollTo(index)

    def _selection_changed(self) -> None:
        self._sync_buttons()
        self._follow_wall()

    def _sync_buttons(self) -> None:
        count = len(self.selected_rows())
        self.open_button.setEnabled(bool(self.model.rows))
        self.caption_button.setEnabled(count == 1)
        self.wall_button.setEnabled(count >= 1)
        self.delete_button.setEnabled(count >= 1)
        self.add_button.setEnabled(self.has_target() and not self.adding())

    # --- messages -------------------------------------------------------------------------------------

    def say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else NOTE_STYLE)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # --- adding ---------------------------------------------------------------------------------------

    def add_from_dialog(self) -> Job | None:
        folder = self._last_folder or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.PicturesLocation
        )
        names, _chosen = QFileDialog.getOpenFileNames(self, _("Legg til bilder"), folder, file_filter())
        if not names:
            return None
        return self.add_files([Path(name) for name in names])

    def add_files(self, paths: list[Path]) -> Job | None:
        """Add ``paths`` to the current target: prepared and stored on a background job (a 12-megapixel
        photo takes a third of a second, a HEIC more) with progress and Cancel, then put on the undo stack
        as one step. Refused files are named in the message line; after a Cancel the photos added so far
        are kept. Returns the job (None when there is nothing to do); ``last_added`` holds the ids once
        it has ended, and ``adding()`` says whether it still runs."""
        if not paths or not self.has_target() or self.adding():
            return None
        paths = list(paths)
        self._last_folder = str(paths[0].parent)
        target = self.target_ids()
        db = self.context.db
        self.last_added = []

        def work(report, cancelled) -> AddResult:  # on the job's thread: the database and files only
            added, refused = photos.add_photos(db, paths, report=report, cancelled=cancelled, **target)
            left = len(paths) - len(added) - len(refused)
            report(len(paths) - left, len(paths), _("Ferdig"))
            return AddResult(added, refused, cancelled() and left > 0, left)

        title = (
            _("Legger til ett bilde") if len(paths) == 1 else _("Legger til {n} bilder").format(n=len(paths))
        )
        # Modal to the window (which still draws and answers): no edit, undo or close meets half an add.
        job = run_with_progress(self, title, work, self._added, self._add_failed, modal=True)
        self._adding = job
        self.add_button.setEnabled(False)
        return job

    def adding(self) -> bool:
        """Whether photos are being added (until their step is on the undo stack)."""
        return self._adding is not None

    def _add_ended(self) -> None:
        self._adding = None
        self._sync_buttons()
        if QApplication.activeWindow() is None and self.isVisible():
            # The progress dialog had the focus; where no other program took it since, the window gets
            # it back (not every window system gives it back by itself).
            self.window().activateWindow()

    def _add_failed(self, message: str) -> None:
        self._add_ended()
        self.say(message, error=True)

    def _added(self, result: AddResult) -> None:
        self._add_ended()
        added = list(result.added)
        if added:
            self.context.perform(AddPhotosCommand(added))  # stored already: this only puts it on the stack
        self.last_added = added
        self.refresh()
        lines = []
        if added:
            lines.append(
                _("La til ett bilde.") if len(added) == 1 else _("La til {n} bilder.").format(n=len(added))
            )
        if result.cancelled:
            lines.append(
                _("Avbrutt: ett bilde ble ikke lagt til.")
                if result.left == 1
                else _("Avbrutt: {n} bilder ble ikke lagt til.").format(n=result.left)
            )
        if result.refused:
            lines.append(
                _("Ikke lagt til:") if added else _("Ingen bilder ble lagt til:"),
            )
            lines.extend(f"• {refusal_text(path, message)}" for path, message in result.refused)
        self.say("\n".join(lines), error=bool(result.refused))
        if added:
            self.select_ids(added, added[-1])
            self.grid.scrollTo(self.grid.currentIndex())

    @staticmethod
    def dropped_files(mime) -> list[Path]:
        """The local files in a drag (links from a web page and the like are not taken)."""
        if mime is None or not mime.hasUrls():
            return []
        return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.has_target() and self.dropped_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.has_target() and self.dropped_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        files = self.dropped_files(event.mimeData())
        if not files or not self.has_target():
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        # Stored once the drop is over: the file manager is not kept waiting while the photos are read.
        QTimer.singleShot(0, lambda: self.add_files(files))

    # --- captions -------------------------------------------------------------------------------------

    def edit_caption(self) -> None:
        view = self.current_photo()
        if view is None:
            return
        row = next(r for r, v in enumerate(self.model.rows) if v.id == view.id)
        index = self.model.index(row)
        self.grid.setCurrentIndex(index)
        self.grid.edit(index)

    def set_caption(self, photo_id: uuid.UUID, caption: str) -> bool:
        stored = self.context.perform(
            ChangeCommand(
                _("Endre bildetekst"), lambda db, text: photos.set_caption(db, photo_id, text), caption
            )
        )
        if not stored:
            self.refresh()  # a refused caption: show the stored one again
        return stored

    # --- deleting -------------------------------------------------------------------------------------

    def delete_selected(self) -> bool:
        ids = self.selected_ids()
        if not ids:
            return False
        if len(ids) > 1 and not ask(
            self,
            _("Slette bildene?"),
            _("Slette {n} bilder? Du kan angre med Ctrl+Z.").format(n=len(ids)),
        ):
            return False
        rows = self.selected_rows()
        stored = self.context.perform(DeletePhotosCommand(ids))
        if stored:
            self.refresh()
            if self.model.rows:  # select the neighbour, so Delete can go on
                row = min(rows[0], len(self.model.rows) - 1)
                self.select_photo(self.model.rows[row].id)
            self.say(
                _("Bildet er slettet. Ctrl+Z angrer.")
                if len(ids) == 1
                else _("{n} bilder er slettet. Ctrl+Z angrer.").format(n=len(ids))
            )
        return stored

    # --- the viewer and the wall ----------------------------------------------------------------------

    def open_viewer(self, index: QModelIndex | None = None) -> PhotoViewer | None:
        if index is None or not index.isValid():
            index = self.grid.currentIndex()
        if not self.model.rows:
            return None
        row = index.row() if index.isValid() else 0
        if self.viewer is not None:
            self.viewer.close()
        self.viewer = PhotoViewer(self, list(self.model.rows), row, self.show_on_wall)
        self.viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.viewer.moved.connect(self.select_photo)
        self.viewer.destroyed.connect(self._viewer_gone)
        self.viewer.open()
        self.viewer.activateWindow()
        self.viewer.setFocus()  # ← → and Esc are the viewer's, not the field that had the focus
        return self.viewer

    def _viewer_gone(self, *_args) -> None:
        self.viewer = None

    def _wall(self):
        runner = self.context._runner
        return runner.projection if runner is not None else None

    def show_on_wall(self, view: photos.PhotoView | None = None) -> None:
        view = view or self.current_photo()
        runner = self.context.runner
        if runner is None or view is None:
            return
        if runner.projection is None or not runner.projection.isVisible():
            runner.show_projection()
        wall = runner.projection
        self._wall_picture = render_photo(view, *wall.picture_size().toTuple())
        wall.show_image(self._wall_picture)

    def _follow_wall(self) -> None:
        """While the wall shows this panel's photo, it shows the one selected now (or stays as it is)."""
        if self._wall_picture is None:
            return
        wall = self._wall()
        if wall is None or not wall.isVisible() or wall.current_image is not self._wall_picture:
            self._wall_picture = None  # something else took the wall, or it was closed
            return
        view = self.current_photo()
        if view is not None and self.isVisible():
            self.show_on_wall(view)  # also a caption changed meanwhile
