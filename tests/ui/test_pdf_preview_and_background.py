"""The PDF preview (QtPdf) and printing it, and long work off the UI thread with progress and cancel."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSize
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter

from desktop import crash
from desktop.errors import LupError
from desktop.reports import layout
from desktop.ui.background import Job, run_with_progress
from desktop.ui.pdf_preview import PdfPreview, print_pdf


@pytest.fixture
def two_sizes(tmp_path: Path) -> Path:
    """A PDF with an A4 portrait page and an A3 landscape page."""
    story = [
        layout.para("Første side – æøå čđŋ", "title"),
        *layout.to_landscape(),
        layout.para("Brukerreise", "h1"),
    ]
    return layout.write_pdf(
        tmp_path / "doc.pdf", lambda out: layout.build(out, story, layout.Meta("Test", "Fot"))
    )


def test_the_preview_shows_every_page(qtbot, two_sizes):
    preview = PdfPreview(two_sizes, "Sammendrag")
    qtbot.addWidget(preview)
    assert preview.page_count() == 2
    assert preview.pages.text().endswith("2")


def test_a_broken_file_is_a_clear_message(qtbot, tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf")
    with pytest.raises(LupError) as info:
        PdfPreview(broken, "x")
    assert "broken.pdf" in info.value.message


def test_printing_keeps_each_page_and_its_orientation(qtbot, two_sizes, tmp_path):
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    document.load(str(two_sizes))
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert print_pdf(document, printer)
    pages = PdfReader(out).pages
    assert len(pages) == 2
    first, second = (p.mediabox for p in pages)
    assert first.height > first.width and second.width > second.height


def test_a_job_reports_progress_and_its_result(qtbot):
    seen = []

    def work(report, cancelled):
        for n in range(3):
            report(n + 1, 3, f"steg {n + 1}")
        return "ferdig"

    job = Job(work)
    job.progress.connect(lambda *args: seen.append(args))
    with qtbot.waitSignal(job.done, timeout=5000) as signal:
        job.start()
    assert signal.args == ["ferdig"]
    qtbot.waitUntil(lambda: not job.is_running())
    assert seen[-1] == (3, 3, "steg 3")


def test_cancel_stops_after_the_current_step_and_keeps_what_was_done(qtbot):
    started = threading.Event()
    go_on = threading.Event()

    def work(report, cancelled):
        finished = []
        for n in range(100):
            if cancelled():
                break
            finished.append(n)
            started.set()
            go_on.wait(2)
        return finished

    job = Job(work)
    job.start()
    assert started.wait(5)
    job.cancel()
    go_on.set()
    qtbot.waitUntil(lambda: not job.is_running(), timeout=5000)
    assert 1 <= len(job.result) < 100


def test_a_refusal_comes_back_as_a_message_and_the_dialog_closes(qtbot):
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)

    def work(report, cancelled):
        raise LupError("Kan ikke skrive til mappen.")

    told = []
    job = run_with_progress(parent, "Eksporterer", work, told.append, told.append)
    qtbot.waitUntil(lambda: bool(told), timeout=5000)  # failing at once, it still reaches its handler
    assert told == ["Kan ikke skrive til mappen."] == [job.message]


def test_an_unexpected_error_ends_the_job_with_a_message_and_the_dialog_closes(qtbot, caplog, tmp_path):
    from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

    crash.set_folder(tmp_path)
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    failures = []

    def work(report, cancelled):
        report(1, 3, "steg 1")
        raise RuntimeError("en feil i programmet")

    try:
        job = run_with_progress(parent, "Eksporterer", work, failures.append, failures.append)
        assert job.dialog is not None and job.dialog.isVisible()
        qtbot.waitUntil(lambda: not job.is_running(), timeout=5000)
        qtbot.waitUntil(lambda: job.dialog is None, timeout=5000)  # the job ended on the UI thread
    finally:
        crash.set_folder(None)
    assert not [d for d in parent.findChildren(QProgressDialog) if d.isVisible()]
    assert job.error is not None and isinstance(job.error, RuntimeError)
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    assert failures == [job.message]
    assert not QApplication.activeModalWidget()  # nothing shown from the worker thread
    assert "en feil i programmet" in caplog.text and "Traceback" in caplog.text
    # Written down like any crash, and the message names the file.
    (written,) = tmp_path.glob("crash-*.log")
    assert "RuntimeError: en feil i programmet" in written.read_text(encoding="utf-8")
    assert str(written) in job.message and "Det du har lagret, er ikke berørt" in job.message


def test_without_a_log_folder_a_crash_message_points_to_the_log(qtbot):
    def work(report, cancelled):
        raise ValueError("uventet")

    job = Job(work)
    seen = []
    job.failed.connect(lambda message: seen.append((message, threading.current_thread())))
    with qtbot.waitSignal(job.failed, timeout=5000):
        job.start()
    qtbot.waitUntil(lambda: not job.is_running())
    ((message, thread),) = seen
    assert thread is threading.main_thread() and "loggen" in message


def print_to_pdf(document, tmp_path: Path, mode=QPrinter.PrinterMode.HighResolution) -> Path:
    printer = QPrinter(mode)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert print_pdf(document, printer)
    return out


@pytest.mark.parametrize("mode", [QPrinter.PrinterMode.ScreenResolution, QPrinter.PrinterMode.HighResolution])
def test_each_page_prints_at_full_size_on_its_own_paper(qtbot, two_sizes, tmp_path, mode):
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    document.load(str(two_sizes))
    out = print_to_pdf(document, tmp_path, mode)
    first, second = (p.mediabox for p in PdfReader(out).pages)
    assert abs(float(first.width) - 595.3) <= 1 and abs(float(first.height) - 841.9) <= 1  # A4 portrait
    assert abs(float(second.width) - 1190.6) <= 1 and abs(float(second.height) - 841.9) <= 1  # A3 landscape


def test_printing_is_at_100_percent_not_shrunk_into_margins(qtbot, tmp_path):
    """A page with a black frame exactly at the document's 15 mm margin prints with the frame there."""
    from PySide6.QtGui import QColor, QImage
    from PySide6.QtPdf import QPdfDocument
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    source = tmp_path / "frame.pdf"
    c = canvas.Canvas(str(source), pagesize=A4)
    c.setFillColorRGB(0, 0, 0)
    c.rect(15 * mm, 15 * mm, A4[0] - 30 * mm, A4[1] - 30 * mm, stroke=0, fill=1)
    c.save()
    document = QPdfDocument()
    document.load(str(source))
    out = print_to_pdf(document, tmp_path)
    printed = QPdfDocument()
    printed.load(str(out))
    image: QImage = printed.render(0, QSize(595, 842))
    assert image.pixelColor(3, 3).alpha() == 255  # the page was printed opaque, on white
    # 15 mm is 42.5 pt: at 37 pt it is white, at 48 pt black (shrunk to 94 % with doubled margins, it was not)
    assert image.pixelColor(37, 421) == QColor("white")
    assert image.pixelColor(48, 421).lightness() < 60
    assert image.pixelColor(297, 37) == QColor("white")
    assert image.pixelColor(297, 48).lightness() < 60


def test_a_page_the_printer_cant_give_its_paper_is_named_in_the_preview(qtbot, two_sizes, monkeypatch):
    preview = PdfPreview(two_sizes, "Sammendrag")
    qtbot.addWidget(preview)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(two_sizes.with_name("ut.pdf")))
    real = QPrinter.setPageLayout

    def a4_only(self, layout):  # a printer with A4 paper only
        if layout.pageSize().id() != QPageSize.PageSizeId.A4:
            return False
        return real(self, layout)

    monkeypatch.setattr(QPrinter, "setPageLayout", a4_only)
    assert preview.print_to(printer)
    assert preview.warning.isVisibleTo(preview)
    assert "2 (A3)" in preview.warning.text()
    assert "1 (" not in preview.warning.text()
    first, second = (p.mediabox for p in PdfReader(two_sizes.with_name("ut.pdf")).pages)
    assert abs(float(first.width) - 595.3) <= 1 and abs(float(first.height) - 841.9) <= 1
    assert abs(float(second.width) - 841.9) <= 1 and abs(float(second.height) - 595.3) <= 1  # A4, turned


def test_the_preview_opens_as_large_as_it_was_left_and_zooms_from_the_keyboard(qtbot, two_sizes, settings):
    preview = PdfPreview(two_sizes, "Sammendrag", settings=settings)
    qtbot.addWidget(preview)
    preview.show()
    preview.resize(QSize(700, 640))
    qtbot.waitUntil(lambda: preview.width() == 700)
    fitted = preview._shown_zoom()
    preview.fit_button.setChecked(True)  # the whole page, then zoomed: the button offers the whole page again
    fitted = preview._shown_zoom()
    preview.zoom_by(1.25)
    assert not preview.fit_button.isChecked()
    assert preview.view.zoomFactor() == pytest.approx(fitted * 1.25)
    for _ in range(30):
        preview.zoom_by(1.25)
    assert preview.view.zoomFactor() == pytest.approx(6.0)  # not beyond 600 %
    preview.reject()  # closing (Esc, ✕ or Lukk) remembers the window

    again = PdfPreview(two_sizes, "Sammendrag", settings=settings)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (700, 640)
    fresh = PdfPreview(two_sizes, "Sammendrag")  # nothing remembered: the default size, as the screen allows
    qtbot.addWidget(fresh)
    room = fresh.screen().availableGeometry()
    assert (fresh.width(), fresh.height()) == (min(900, room.width()), min(1000, room.height() - 40))


def test_save_as_starts_in_the_folder_used_last(qtbot, two_sizes, settings, tmp_path, monkeypatch):
    from desktop.ui.settings import documents_folder

    asked = []
    target = tmp_path / "til-gruppa"
    target.mkdir()

    def save_name(parent, title, start, filters):
        asked.append(start)
        return str(target / "oppsummering.pdf"), filters

    monkeypatch.setattr("desktop.ui.pdf_preview.QFileDialog.getSaveFileName", save_name)
    preview = PdfPreview(two_sizes, "Sammendrag", settings=settings)
    qtbot.addWidget(preview)
    assert documents_folder(settings) == Path.home()
    assert preview.save_as() == target / "oppsummering.pdf"
    assert (target / "oppsummering.pdf").read_bytes() == two_sizes.read_bytes()
    assert documents_folder(settings) == target
    preview.save_as()
    assert Path(asked[-1]).parent == target


def test_the_first_preview_fits_its_screen(qtbot, two_sizes):
    """900 × 1000 was taller than a 768-pixel laptop screen the first time the preview opened."""
    preview = PdfPreview(two_sizes, "Sammendrag")
    qtbot.addWidget(preview)
    room = preview.screen().availableGeometry()
    assert preview.height() <= room.height() and preview.width() <= room.width()
