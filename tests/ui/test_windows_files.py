"""Files as Windows has them, in the app: a file held by another program (a PDF open in Acrobat, a virus scan)
cannot be replaced, one such file does not stop a cohort's export, and a brief hold is waited out; names
Windows refuses; the Documents folder; previews that hold their PDFs open."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop import files
from desktop.reports import layout
from desktop.ui.navigator import node_key
from desktop.ui.report_actions import ReportActions, safe_file_name

from .test_report_actions import LUP3, Told, keep_groups


@pytest.fixture
def reports(window, monkeypatch) -> ReportActions:
    actions = ReportActions.of(window.context)
    monkeypatch.setattr(actions, "tell", Told())
    monkeypatch.setattr(actions, "ask", lambda *a, **k: True)  # replace the files already there
    monkeypatch.setattr(files.time, "sleep", lambda _s: None)
    return actions


def held(monkeypatch, names: set[str], times: int | None = None) -> list[str]:
    """``os.replace`` onto one of ``names`` is refused (``times`` times, or always)."""
    refused: list[str] = []
    real = os.replace

    def replace(source, target) -> None:
        name = Path(target).name
        if name in names and (times is None or refused.count(name) < times):
            refused.append(name)
            raise PermissionError(13, "The process cannot access the file")
        real(source, target)

    monkeypatch.setattr(layout.os, "replace", replace)
    return refused


def test_one_pdf_open_in_a_reader_does_not_stop_the_cohorts_export(
    window, reports, qtbot, tmp_path, monkeypatch
):
    """One try covered every group: a file open in a PDF reader stopped the export there, and the groups
    after it were never written."""
    names = keep_groups(window.context.db, LUP3, 3)
    files = [f"{safe_file_name('LUP 3 – ' + n)}.pdf" for n in names]
    (tmp_path / files[0]).write_bytes(b"%PDF- an old one, open in Acrobat")
    refused = held(monkeypatch, {files[0]})
    window.navigator.select(node_key("cohort", LUP3))
    reports.export_cohort(window.workspace.current_page(), LUP3, tmp_path)
    qtbot.waitUntil(lambda: bool(reports.tell.seen), timeout=60_000)
    title, message, details, warning = reports.tell.seen[-1]
    assert title == "Noen PDF-er ble ikke lagret" and warning
    assert "3 av 4 PDF-er" in message and "1 kunne ikke lagres" in message
    assert any(files[0] in line and "åpen i et annet program" in line for line in details)
    for name in files[1:] + ["Kullrapport LUP 3.pdf"]:
        assert (tmp_path / name).read_bytes().startswith(b"%PDF-1")
    assert (tmp_path / files[0]).read_bytes().startswith(b"%PDF- an old one")  # left as it was
    assert len(refused) == 10  # tried for a while first


def test_a_pdf_held_for_a_moment_is_written(window, reports, qtbot, tmp_path, monkeypatch):
    names = keep_groups(window.context.db, LUP3, 1)
    name = f"{safe_file_name('LUP 3 – ' + names[0])}.pdf"
    refused = held(monkeypatch, {name}, times=3)
    window.navigator.select(node_key("cohort", LUP3))
    reports.export_cohort(window.workspace.current_page(), LUP3, tmp_path)
    qtbot.waitUntil(lambda: bool(reports.tell.seen), timeout=60_000)
    title, _message, _details, warning = reports.tell.seen[-1]
    assert title == "Eksporten er ferdig" and not warning and len(refused) == 3
    assert (tmp_path / name).read_bytes().startswith(b"%PDF-1")


def test_the_first_save_starts_in_her_documents_folder(settings, isolated_user_folders: Path) -> None:
    """The first save or export dialog opened in the home folder; on Windows people look in Documents."""
    from desktop.ui.settings import documents_folder

    assert documents_folder(settings) == Path.home()  # no Documents folder here
    (isolated_user_folders / "Documents").mkdir()
    assert documents_folder(settings) == isolated_user_folders / "Documents"


def test_closing_the_window_lets_go_of_the_previews_pdfs(window, reports, qtbot) -> None:
    """An open preview held its PDF to the end; on Windows the demo's throw-away folder could then not be
    removed, and the quit wrote a crash report."""
    from PySide6.QtPdf import QPdfDocument

    from .test_report_actions import CAPRALHAUGEN, wait_for_preview

    reports.preview_group_summary(window, CAPRALHAUGEN)
    preview = wait_for_preview(qtbot, reports)
    assert preview.document.status() == QPdfDocument.Status.Ready
    window.close()
    assert preview.document.status() == QPdfDocument.Status.Null and not preview.isVisible()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("AUX.avd", "AUX-.avd"),
        ("CON .x", "CON-.x"),
        ("com¹", "com¹-"),
        ("CONIN$", "CONIN$-"),
        ("lpt9.referat", "lpt9-.referat"),
        ("Konsert", "Konsert"),
        ("A\u030ase", "\u00c5se"),  # «Å» as A + ring, as macOS writes it, is one name
    ],
)
def test_names_windows_keeps_for_devices_are_not_used(name, expected):
    assert safe_file_name(name) == expected


def test_a_journey_map_picture_is_offered_a_name_windows_accepts(window, monkeypatch):
    """The picture's suggested name was the map's title as it was: «Før/etter: …» named a folder, and the
    colon made Windows' save dialog refuse it."""
    import dataclasses

    from desktop.services import journeys

    from .test_report_actions import CAPRALHAUGEN

    window.navigator.select(node_key("group", CAPRALHAUGEN))
    page = window.workspace.current_page()
    page.tabs.setCurrentWidget(page.journeys)
    real = journeys.load_map
    monkeypatch.setattr(
        journeys,
        "load_map",
        lambda db, map_id: dataclasses.replace(real(db, map_id), title="Før/etter: hjemmetjenesten"),
    )
    offered = []
    monkeypatch.setattr(
        "desktop.ui.journey_panel.QFileDialog.getSaveFileName",
        lambda parent, title, start, filters: (offered.append(start), ("", ""))[1],
    )
    assert page.journeys.export_png() is None
    assert Path(offered[0]).name == "Før-etter- hjemmetjenesten.png"
