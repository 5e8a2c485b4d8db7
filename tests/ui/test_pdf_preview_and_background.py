"""The PDF preview (QtPdf) and printing it, and long work off the UI thread with progress and cancel."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

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

    job = run_with_progress(parent, "Eksporterer", work)  # it may fail before a signal could be awaited
    qtbot.waitUntil(lambda: not job.is_running(), timeout=5000)
    assert job.message == "Kan ikke skrive til mappen."
