"""The persona's picture in the journey map's dialog: choose a file (or drop one), see it, remove it.

The picture is cleaned and stored like any photo (turned upright, location and other metadata removed,
downscaled; ``photos.store_picture``) as soon as it is chosen; the dialog's OK puts its hash on the map in
one undoable edit. A file that is not a usable image is refused with the reason under the buttons.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage, QPixmap
from PySide6.QtWidgets import QApplication, QFileDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.errors import LupError
from desktop.i18n import _
from desktop.services import photos
from desktop.storage.database import Database
from desktop.ui.widgets import button

SIZE = 96  # the preview's side, in pixels
ERROR_STYLE = "color: #a4262c;"


def picture_image(db: Database, digest: str | None, size: int) -> QImage:
    """The stored picture ``digest`` at most ``size`` pixels on its long side (a cached copy); a null image
    when there is none or it can't be read."""
    from desktop.reports import images

    path = photos.picture_path(db, digest)
    if path is None:
        return QImage()
    try:
        return QImage(str(images.thumbnail(path, size, photos.thumbnails_dir(db))))
    except LupError:
        return QImage()


class PersonaPicture(QWidget):
    """Holds the chosen picture's hash (``digest``, None for none) until the dialog is accepted."""

    def __init__(self, db: Database, digest: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.digest = digest
        self.setAcceptDrops(True)
        self.preview = QLabel()
        self.preview.setFixedSize(SIZE, SIZE)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet("border: 1px solid #c9d1d9; color: #5b6670; background: #f6f8fa;")
        self.choose_button = button(
            _("Velg bilde …"),
            self.choose_file,
            _("Et bilde av personaen (JPEG, PNG eller HEIC), eller slipp en fil her"),
        )
        self.remove_button = button(_("Fjern bildet"), self.clear)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        side = QVBoxLayout()
        side.addWidget(self.choose_button)
        side.addWidget(self.remove_button)
        side.addWidget(self.message)
        side.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.preview)
        row.addLayout(side, 1)
        self._show()

    def choose_file(self) -> bool:
        from desktop.ui.photo_panel import file_filter

        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
        name, _chosen = QFileDialog.getOpenFileName(self, _("Bilde av personaen"), folder, file_filter())
        return self.take(Path(name)) if name else False

    def take(self, path: Path) -> bool:
        """Clean and store ``path`` as the persona's picture; False (with the reason shown) when refused."""
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        try:
            digest = photos.store_picture(self.db, path)
        except LupError as exc:
            self._say(exc.message)
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self.digest = digest
        self._say("")
        self._show()
        return True

    def clear(self) -> None:
        self.digest = None
        self._say("")
        self._show()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _show(self) -> None:
        image = picture_image(self.db, self.digest, SIZE * 2) if self.digest else QImage()
        if not image.isNull():
            pixmap = QPixmap.fromImage(image).scaled(
                self.preview.size() * self.devicePixelRatioF(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            pixmap.setDevicePixelRatio(self.devicePixelRatioF())
            self.preview.setPixmap(pixmap)
        else:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(_("Bildefilen mangler") if self.digest else _("Uten bilde"))
        self.remove_button.setEnabled(self.digest is not None)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        files = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.take(files[0])
