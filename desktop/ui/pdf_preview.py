"""See a PDF before it is handed out or printed: pages on screen (QtPdf), print with the system's dialog,
keep a copy where the facilitator chooses.

Printing puts each page on paper of its own size and orientation at 100 % (the whole sheet is painted, so
the document's own margins, 15 mm, see desktop.reports.layout, are what reaches paper, on A4 and A3 alike),
rendered at the printer's resolution up to 300 dpi. Where the printer can't switch paper for a page, the page
is shrunk onto the paper it has, and the preview says which pages that was (and their paper, A3).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QImage, QKeySequence, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import LupError
from desktop.i18n import _
from desktop.ui.settings import documents_folder, remember_folder
from desktop.ui.widgets import first_size, local_shortcut

MAX_PRINT_DPI = 300  # pages are rendered at the printer's resolution, but never finer than this


ZOOM_STEP = 1.25
ZOOM_RANGE = (0.25, 6.0)


class PdfPreview(QDialog):
    """A PDF on screen with page navigation and zoom (Ctrl++, Ctrl+−, Ctrl+0 to fit the width), "Skriv ut …"
    (Ctrl+P) and "Lagre som …" (Ctrl+S). With ``settings`` it opens where and as large as it was last closed,
    and saves into the folder used last."""

    def __init__(self, path: Path, title: str, parent: QWidget | None = None, settings=None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.path = Path(path)
        self.setWindowTitle(title)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        self.page = QSpinBox()
        self.page.setPrefix(_("Side "))
        self.page.setAccessibleName(_("Side"))
        self.page.valueChanged.connect(self._go_to)
        self.pages = QLabel()
        self.warning = QLabel()  # after printing: pages the printer could not give their own paper
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #a4262c;")
        self.warning.hide()
        self.fit_button = QPushButton(_("Hel side"))
        self.fit_button.setCheckable(True)
        self.fit_button.setToolTip(_("Vis hele siden, eller tilpass til bredden"))
        self.fit_button.toggled.connect(self._fit)
        self.print_button = QPushButton(_("Skriv ut …"))
        self.print_button.clicked.connect(self.print_document)
        self.save_button = QPushButton(_("Lagre som …"))
        self.save_button.clicked.connect(self.save_as)
        close = QPushButton(_("Lukk"))
        close.clicked.connect(self.accept)

        bar = QHBoxLayout()
        bar.addWidget(self.page)
        bar.addWidget(self.pages)
        bar.addWidget(self.fit_button)
        bar.addStretch(1)
        bar.addWidget(self.save_button)
        bar.addWidget(self.print_button)
        bar.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.warning)
        layout.addWidget(self.view, 1)
        local_shortcut(QKeySequence.StandardKey.Print, self, self.print_document).setContext(
            Qt.ShortcutContext.WindowShortcut
        )
        local_shortcut("Ctrl+S", self, self.save_as).setContext(Qt.ShortcutContext.WindowShortcut)
        for keys, step in (
            ((QKeySequence.StandardKey.ZoomIn, "Ctrl+="), ZOOM_STEP),
            ((QKeySequence.StandardKey.ZoomOut,), 1 / ZOOM_STEP),
        ):
            for key in keys:
                local_shortcut(key, self, lambda step=step: self.zoom_by(step)).setContext(
                    Qt.ShortcutContext.WindowShortcut
                )
        local_shortcut(
            "Ctrl+0", self, lambda: self.fit_button.setChecked(False) or self._fit(False)
        ).setContext(Qt.ShortcutContext.WindowShortcut)

        self.load()
        if not self._restore_geometry():
            first_size(self, 900, 1000)

    def _restore_geometry(self) -> bool:
        from desktop.ui.settings import PREVIEW_GEOMETRY

        saved = self.settings.get(PREVIEW_GEOMETRY) if self.settings is not None else None
        return bool(saved) and self.restoreGeometry(saved)

    def done(self, result: int) -> None:  # noqa: D401 - Qt's name: every way of closing ends here
        from desktop.ui.settings import PREVIEW_GEOMETRY

        if self.settings is not None:
            self.settings.set(PREVIEW_GEOMETRY, self.saveGeometry())
        super().done(result)

    def zoom_by(self, factor: float) -> None:
        """Zoom in (> 1) or out from what is shown now, within 25 %–600 %."""
        low, high = ZOOM_RANGE
        current = (
            self.view.zoomFactor() if self.view.zoomMode() == QPdfView.ZoomMode.Custom else self._shown_zoom()
        )
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(low, min(high, current * factor)))
        self.fit_button.blockSignals(True)
        self.fit_button.setChecked(False)  # neither fitted mode now: the button offers the whole page
        self.fit_button.blockSignals(False)

    def _shown_zoom(self) -> float:
        """The zoom a fitted view shows now (the page's width in points against the viewport's)."""
        page = self.document.pagePointSize(max(0, self.view.pageNavigator().currentPage()))
        if page.width() <= 0:
            return 1.0
        dpi = self.logicalDpiX() / 72.0
        room = self.view.viewport().width() - 2 * self.view.documentMargins().left()
        if self.view.zoomMode() == QPdfView.ZoomMode.FitInView:
            room_h = self.view.viewport().height() - 2 * self.view.documentMargins().top()
            return min(room / (page.width() * dpi), room_h / (page.height() * dpi))
        return room / (page.width() * dpi)

    def load(self) -> None:
        error = self.document.load(str(self.path))
        if error != QPdfDocument.Error.None_:
            raise LupError(_("Kan ikke vise {path}: filen er ikke en lesbar PDF.").format(path=self.path))
        count = self.document.pageCount()
        self.page.setRange(1, max(1, count))
        self.pages.setText(_("av {n}").format(n=count))

    def page_count(self) -> int:
        return self.document.pageCount()

    def _go_to(self, number: int) -> None:
        self.view.pageNavigator().jump(number - 1, QPointF(), self.view.pageNavigator().currentZoom())

    def _fit(self, whole_page: bool) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView if whole_page else QPdfView.ZoomMode.FitToWidth)

    def save_as(self) -> Path | None:
        target, _filter = QFileDialog.getSaveFileName(
            self,
            _("Lagre PDF"),
            str(documents_folder(self.settings) / self.path.name),
            _("PDF-filer (*.pdf)"),
        )
        if not target:
            return None
        remember_folder(self.settings, Path(target).parent)
        from desktop.errors import LupError
        from desktop.reports.layout import write_pdf

        try:  # as every PDF is written: whole or not at all, and a file open in a reader named as such
            return write_pdf(target, lambda out: out.write(self.path.read_bytes()))
        except LupError as exc:
            from desktop.ui.context import show_error

            show_error(self, exc.message)
            return None

    def print_document(self) -> bool:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        first = self.document.pagePointSize(0)
        if first.width() > 0:
            printer.setPageLayout(page_layout(first))
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Skriv ut {title}").format(title=self.windowTitle()))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.print_to(printer)

    def print_to(self, printer: QPrinter) -> bool:
        """Print on ``printer`` (chosen in the dialog); pages it could not give their own paper (an A3
        journey map on an A4-only printer) are named in the warning line."""
        unfitted: list[int] = []
        printed = print_pdf(self.document, printer, unfitted)
        self.show_unfitted(unfitted)
        return printed

    def show_unfitted(self, pages: list[int]) -> None:
        if not pages:
            self.warning.hide()
            self.warning.clear()
            return
        papers = [paper_name(self.document.pagePointSize(n - 1)) for n in pages]
        self.warning.setText(
            _(
                "Skriveren kunne ikke bytte papir for side {pages}, så de ble forminsket for å få plass. "
                "Skriv dem ut på nytt på en skriver som har {papers}."
            ).format(
                pages=", ".join(f"{n} ({paper})" for n, paper in zip(pages, papers, strict=True)),
                papers=" / ".join(dict.fromkeys(papers)),
            )
        )
        self.warning.show()


def print_pdf(document: QPdfDocument, printer: QPrinter, unfitted: list[int] | None = None) -> bool:
    """Every page (or the range chosen in the dialog) onto ``printer`` at its own size (100 %): the paper is
    set to each page's size and orientation (an A3 landscape journey map on A3 landscape, the A4 pages on
    A4), and the whole sheet is painted, so the document's own margins are what reaches paper.

    Each page is rendered at the printer's resolution, at most ``MAX_PRINT_DPI``, so that memory stays
    bounded (an A3 page at 300 dpi is about 70 MB). A page whose paper the printer can't switch to is
    scaled to fit the paper it has and centred; its number (from 1) is added to ``unfitted``."""
    count = document.pageCount()
    first, last = 1, count
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = printer.fromPage(), min(count, printer.toPage() or count)
    printer.setFullPage(True)
    painter = QPainter()
    for index in range(first - 1, last):
        size = document.pagePointSize(index)
        if size.width() <= 0 or size.height() <= 0:
            continue
        wanted = page_layout(size)
        fits = printer.setPageLayout(wanted) and _same_size(printer, size)
        if not fits:  # at least turn the paper the printer has, as the page is turned
            printer.setPageOrientation(wanted.orientation())
        if index == first - 1:
            if not painter.begin(printer):
                return False
        elif not printer.newPage():
            painter.end()
            return False
        if not fits and unfitted is not None:
            unfitted.append(index + 1)
        resolution = printer.resolution()
        paper = printer.pageLayout().fullRectPoints()  # the sheet as the printer has it now
        scale = min(1.0, paper.width() / size.width(), paper.height() / size.height())
        width, height = size.width() * scale, size.height() * scale  # points, on paper
        dpi = min(resolution, MAX_PRINT_DPI)
        image = opaque(document.render(index, QSize(round(width * dpi / 72), round(height * dpi / 72))))
        pixels = resolution / 72  # device pixels per point
        target = QRectF(
            (paper.width() - width) / 2 * pixels,
            (paper.height() - height) / 2 * pixels,
            width * pixels,
            height * pixels,
        )
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(target, image)
    if painter.isActive():
        painter.end()
    return True


def opaque(image: QImage) -> QImage:
    """``image`` (QtPdf renders the page's unpainted paper transparent) on white, without an alpha channel:
    what a printer driver handles best. Done in place: a page at 300 dpi is large."""
    painter = QPainter(image)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationOver)
    painter.fillRect(image.rect(), Qt.GlobalColor.white)
    painter.end()
    image.convertTo(QImage.Format.Format_RGB32)
    return image


def page_layout(size: QSizeF) -> QPageLayout:
    """The paper for a page of ``size`` points: its standard size (A4, A3 …) where it is one, turned to
    the page's orientation, without margins."""
    portrait = QSizeF(min(size.width(), size.height()), max(size.width(), size.height()))
    orientation = (
        QPageLayout.Orientation.Landscape
        if size.width() > size.height()
        else QPageLayout.Orientation.Portrait
    )
    return QPageLayout(
        QPageSize(portrait, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch),
        orientation,
        QMarginsF(0, 0, 0, 0),
    )


def _same_size(printer: QPrinter, size: QSizeF) -> bool:
    paper = printer.pageLayout().fullRectPoints()
    return abs(paper.width() - size.width()) <= 2 and abs(paper.height() - size.height()) <= 2


def paper_name(size: QSizeF) -> str:
    """The standard paper name of a page size in points ("A3"), or its size in millimetres."""
    page = page_layout(size).pageSize()
    if page.id() != QPageSize.PageSizeId.Custom:
        return page.name()
    return _("{width} × {height} mm").format(
        width=round(size.width() * 25.4 / 72), height=round(size.height() * 25.4 / 72)
    )
