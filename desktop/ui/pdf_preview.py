"""See a PDF before it is handed out or printed: pages on screen (QtPdf), print with the system's dialog,
keep a copy where the facilitator chooses.

Printing renders each page at the printer's resolution into the page rectangle the printer reports, so the
document's own margins (15 mm, see desktop.reports.layout) are what reaches paper, on A4 and A3 alike.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QKeySequence, QPageLayout, QPageSize, QPainter
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
from desktop.ui.widgets import local_shortcut


class PdfPreview(QDialog):
    """A PDF on screen with page navigation and zoom, "Skriv ut …" and "Lagre som …"."""

    def __init__(self, path: Path, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        layout.addWidget(self.view, 1)
        local_shortcut(QKeySequence.StandardKey.Print, self, self.print_document).setContext(
            Qt.ShortcutContext.WindowShortcut
        )
        local_shortcut("Ctrl+S", self, self.save_as).setContext(Qt.ShortcutContext.WindowShortcut)

        self.load()
        self.resize(QSize(900, 1000))

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
            self, _("Lagre PDF"), str(Path.home() / self.path.name), _("PDF-filer (*.pdf)")
        )
        if not target:
            return None
        try:
            shutil.copyfile(self.path, target)
        except OSError as exc:
            from desktop.ui.context import show_error

            show_error(
                self, _("Kan ikke lagre {path}: {reason}.").format(path=target, reason=exc.strerror or exc)
            )
            return None
        return Path(target)

    def print_document(self) -> bool:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        first = self.document.pagePointSize(0)
        if first.width() > 0:
            printer.setPageSize(QPageSize(first, QPageSize.Unit.Point))
            printer.setPageOrientation(
                QPageLayout.Orientation.Landscape
                if first.width() > first.height()
                else QPageLayout.Orientation.Portrait
            )
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Skriv ut {title}").format(title=self.windowTitle()))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return print_pdf(self.document, printer)


def print_pdf(document: QPdfDocument, printer: QPrinter) -> bool:
    """Every page (or the range chosen in the dialog) onto ``printer``, each scaled to the printable page
    and centred; a landscape page turns the paper."""
    count = document.pageCount()
    first, last = 1, count
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = printer.fromPage(), min(count, printer.toPage() or count)
    painter = QPainter()
    for index in range(first - 1, last):
        size = document.pagePointSize(index)
        orientation = (
            QPageLayout.Orientation.Landscape
            if size.width() > size.height()
            else QPageLayout.Orientation.Portrait
        )
        if index == first - 1:
            printer.setPageOrientation(orientation)
            if not painter.begin(printer):
                return False
        else:
            printer.setPageOrientation(orientation)
            printer.newPage()
        area = printer.pageLayout().paintRectPixels(printer.resolution())
        scale = min(area.width() / size.width(), area.height() / size.height())
        target = QSize(round(size.width() * scale), round(size.height() * scale))
        image = document.render(index, target)
        x = (area.width() - target.width()) // 2
        y = (area.height() - target.height()) // 2
        painter.drawImage(x, y, image)
    if painter.isActive():
        painter.end()
    return True
