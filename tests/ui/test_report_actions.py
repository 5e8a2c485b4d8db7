"""The documents in the app: a group's summary and the cohort report in the preview, the export of a cohort
off the UI thread (progress, Cancel, an unwritable folder), worksheets for a session, the File menu."""

from __future__ import annotations

import dataclasses
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QLabel, QProgressDialog, QPushButton

from desktop.services import groups, views
from desktop.services import reports as report_data
from desktop.services.demo import demo_id
from desktop.ui.navigator import node_key
from desktop.ui.report_actions import (
    PREFILLED,
    ReportActions,
    WorksheetDialog,
    safe_file_name,
)

LUP3 = demo_id("cohort", "LUP 3")
CAPRALHAUGEN = demo_id("group", "LUP 4:Capralhaugen BBS")


class Told:
    """Stands in for the message boxes: collects (title, message, details, warning)."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str, tuple[str, ...], bool]] = []

    def __call__(self, parent, title, message, details=(), folder=None, warning=False) -> None:
        self.seen.append((title, message, tuple(details), warning))


@pytest.fixture
def reports(window, monkeypatch) -> ReportActions:
    actions = ReportActions.of(window.context)
    monkeypatch.setattr(actions, "tell", Told())
    return actions


def button(page, text: str) -> QPushButton:
    found = [b for b in page.findChildren(QPushButton) if b.text() == text]
    assert found, f"no button {text!r}"
    return found[0]


def wait_for_preview(qtbot, reports: ReportActions, count: int = 1):
    qtbot.waitUntil(lambda: len(reports.previews) >= count, timeout=20_000)
    return reports.previews[-1]


def cohort_groups(db, cohort_id) -> list[tuple]:
    for programme in views.load_tree(db).programmes:
        for cohort in programme.cohorts:
            if cohort.id == cohort_id:
                return list(cohort.groups)
    raise AssertionError("cohort not found")


def keep_groups(db, cohort_id, n: int) -> list[str]:
    """Leave ``n`` leader groups in the cohort (an export of all 20 would make the test slow)."""
    kept = cohort_groups(db, cohort_id)
    for g in kept[n:]:
        groups.remove_leader_group(db, g.id)
    return [g.location_name for g in kept[:n]]


# --- a leader group's summary ----------------------------------------------------------------------------


def test_the_group_page_button_builds_the_final_summary_and_opens_the_preview(window, reports, qtbot):
    window.navigator.select(node_key("group", CAPRALHAUGEN))
    page = window.workspace.current_page()
    asked = []

    def whole_programme(dialog) -> bool:
        asked.append(dialog)
        scope = dialog.findChild(QComboBox)
        assert scope.count() == 1 + 6  # the whole programme and the cohort's six sessions
        scope.setCurrentIndex(0)
        return True

    reports.exec_dialog = whole_programme
    button(page, "Oppsummering (PDF) …").click()
    preview = wait_for_preview(qtbot, reports)
    assert asked
    assert preview.page_count() >= 3
    assert "Capralhaugen" in preview.windowTitle()
    assert preview.path.parent == window.context.db.data_dir / "exports"
    assert preview.path.name == "Sluttoppsummering – Capralhaugen BBS.pdf"
    assert "Sluttoppsummering" in PdfReader(preview.path).pages[0].extract_text()
    assert preview.isVisible() and not preview.isModal()  # the window stays usable beside it
    assert preview.findChild(QLabel, "previewNote") is None  # nothing went missing


def test_one_session_summary_and_a_missing_photo_is_a_line_in_the_preview(
    window, reports, qtbot, monkeypatch, tmp_path
):
    real = report_data.group_report
    gone = tmp_path / "photos" / "3f" / "3f9a0c1d.jpg"  # stored by content hash

    def with_a_missing_photo(db, group_id, today=None):
        data = real(db, group_id, today)
        photo = report_data.PhotoData(
            demo_id("photo", "x"),
            gone,
            "Veggen etter idémyldringen",
            datetime(2017, 5, 9, tzinfo=UTC),
            "session",
            frozenset({data.sessions[2].id}),
            "borte.jpg",
        )
        return dataclasses.replace(data, photos=(photo,))

    monkeypatch.setattr(report_data, "group_report", with_a_missing_photo)
    detail = views.group_detail(window.context.db, CAPRALHAUGEN)
    session_id = session_of(window, detail.cohort_id, 2).id  # "Idéutvikling"
    window.navigator.select(node_key("group", CAPRALHAUGEN))
    job = reports.preview_group_summary(window.workspace.current_page(), CAPRALHAUGEN, session_id)
    assert job is not None
    preview = wait_for_preview(qtbot, reports)
    assert preview.path.name.startswith("Oppsummering Idéutvikling")
    note = preview.findChild(QLabel, "previewNote")
    assert note is not None and "borte.jpg" in note.text()
    assert "3f9a0c1d" not in note.text() and str(tmp_path) not in note.text()
    assert "3f9a0c1d" not in " ".join(p.extract_text() for p in PdfReader(preview.path).pages)
    assert reports.tell.seen == []  # a warning, not an error box


def test_a_new_build_removes_the_old_preview_files_but_not_one_still_shown(window, reports, qtbot):
    folder = window.context.db.data_dir / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    stale = folder / "gammel.pdf"
    stale.write_bytes(b"%PDF-1.4 old")
    page = window.workspace.current_page()
    reports.preview_group_summary(page, CAPRALHAUGEN)
    first = wait_for_preview(qtbot, reports)
    assert not stale.exists()
    reports.preview_group_summary(page, CAPRALHAUGEN)
    qtbot.waitUntil(lambda: len(reports.previews) == 2, timeout=20_000)
    second = reports.previews[-1]
    assert first.path.exists() and second.path.exists() and first.path != second.path
    assert second.path.name == "Sluttoppsummering – Capralhaugen BBS (2).pdf"
    first.close()  # WA_DeleteOnClose: forgotten
    qtbot.waitUntil(lambda: len(reports.previews) == 1)
    reports.preview_group_summary(page, CAPRALHAUGEN)
    qtbot.waitUntil(lambda: len(reports.previews) == 2, timeout=20_000)
    assert sorted(f.name for f in folder.iterdir()) == sorted(p.path.name for p in reports.previews)


# --- a cohort ---------------------------------------------------------------------------------------------


def test_the_cohort_report_opens_in_the_preview_from_the_cohort_page(window, reports, qtbot):
    window.navigator.select(node_key("cohort", LUP3))
    button(window.workspace.current_page(), "Kullrapport (PDF) …").click()
    preview = wait_for_preview(qtbot, reports)
    assert preview.windowTitle() == "Kullrapport – LUP 3"
    assert preview.page_count() >= 2


def test_export_writes_one_pdf_per_group_and_the_cohort_report_while_the_ui_keeps_running(
    window, reports, qtbot, tmp_path
):
    names = keep_groups(window.context.db, LUP3, 4)
    target = tmp_path / "eksport"
    target.mkdir()
    reports.choose_folder = lambda parent, title: str(target)
    window.navigator.select(node_key("cohort", LUP3))
    ticks = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(reports.last_job.is_running() if reports.last_job else None))
    timer.start()
    button(window.workspace.current_page(), "Eksporter alle ledergrupper …").click()
    job = reports.last_job
    assert job is not None and job.is_running()  # the click returned while the work goes on
    assert window.findChild(QProgressDialog) is not None
    qtbot.waitUntil(lambda: bool(reports.tell.seen), timeout=60_000)
    timer.stop()
    assert ticks.count(True) >= 5  # the event loop kept running while the job ran
    files = sorted(p.name for p in target.iterdir())
    assert files == sorted(
        [f"{safe_file_name('LUP 3 – ' + n)}.pdf" for n in names] + ["Kullrapport LUP 3.pdf"]
    )
    for name in names:
        assert (
            "Sluttoppsummering"
            in PdfReader(target / f"{safe_file_name('LUP 3 – ' + name)}.pdf").pages[0].extract_text()
        )
    title, message, _details, warning = reports.tell.seen[-1]
    assert title == "Eksporten er ferdig" and not warning
    assert "5 PDF-er" in message and str(target) in message
    from desktop.ui.settings import documents_folder

    assert documents_folder(window.settings) == target  # the next export or save starts there
    assert job.result.written and not job.result.cancelled
    qtbot.waitUntil(
        lambda: window.findChild(QProgressDialog) is None or not window.findChild(QProgressDialog).isVisible()
    )


def test_cancel_stops_after_the_current_group_and_keeps_the_finished_files(
    window, reports, qtbot, tmp_path, monkeypatch
):
    keep_groups(window.context.db, LUP3, 4)
    entered = threading.Event()
    go_on = threading.Event()
    real = report_data.group_report
    calls = []

    def slow_first(db, group_id, today=None):
        calls.append(group_id)
        if len(calls) == 1:
            entered.set()
            go_on.wait(10)  # the facilitator presses Cancel while the first group is being made
        return real(db, group_id, today)

    monkeypatch.setattr(report_data, "group_report", slow_first)
    window.navigator.select(node_key("cohort", LUP3))
    job = reports.export_cohort(window.workspace.current_page(), LUP3, tmp_path)
    qtbot.waitUntil(entered.is_set, timeout=20_000)
    dialog = window.findChild(QProgressDialog)
    cancel = [b for b in dialog.findChildren(QPushButton) if b.text() == "Avbryt"][0]
    cancel.click()
    go_on.set()
    qtbot.waitUntil(lambda: bool(reports.tell.seen), timeout=20_000)
    assert len(calls) == 1  # no group after the cancel
    written = sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".pdf")
    assert len(written) == 2 and "Kullrapport LUP 3.pdf" in written  # the report and the finished group
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".lup-")]  # no half-written file
    title, message, _details, _warning = reports.tell.seen[-1]
    assert title == "Eksporten ble avbrutt"
    assert "2 av 5 PDF-er" in message
    assert job.result.cancelled


def test_an_unwritable_folder_is_a_clear_message_and_nothing_starts(window, reports, tmp_path):
    blocker = tmp_path / "ikke-en-mappe"
    blocker.write_text("en fil")
    reports.choose_folder = lambda parent, title: str(blocker / "pdf")
    window.navigator.select(node_key("cohort", LUP3))
    reports.last_job = None
    button(window.workspace.current_page(), "Eksporter alle ledergrupper …").click()
    assert reports.last_job is None
    title, message, _details, warning = reports.tell.seen[-1]
    assert warning and title == "Kan ikke eksportere"
    assert "Kan ikke skrive til mappen" in message and "Velg en annen mappe" in message


def test_export_names_files_after_the_cohort_and_asks_before_replacing_files(
    window, reports, qtbot, tmp_path
):
    names = keep_groups(window.context.db, LUP3, 1)
    tmp_path = tmp_path / "eksport"
    tmp_path.mkdir()
    existing = tmp_path / f"{safe_file_name('LUP 3 – ' + names[0])}.pdf"
    existing.write_bytes(b"an earlier export")
    asked = []

    def no(parent, title, question, details=()):
        asked.append((title, question, tuple(details)))
        return False

    reports.ask = no
    reports.last_job = None
    assert reports.export_cohort(window, LUP3, tmp_path) is None
    assert reports.last_job is None and existing.read_bytes() == b"an earlier export"
    assert asked and existing.name in asked[0][2] and "1 av PDF-ene finnes allerede" in asked[0][1]
    reports.ask = lambda parent, title, question, details=(): True
    job = reports.export_cohort(window, LUP3, tmp_path)
    assert job is not None
    qtbot.waitUntil(lambda: bool(reports.tell.seen), timeout=60_000)
    assert existing.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([existing.name, "Kullrapport LUP 3.pdf"])


def test_a_cancelled_folder_choice_does_nothing(window, reports):
    reports.choose_folder = lambda parent, title: ""
    reports.last_job = None
    assert reports.export_cohort(window, LUP3) is None
    assert reports.last_job is None and reports.tell.seen == []


# --- worksheets -------------------------------------------------------------------------------------------


def session_of(window, cohort_id, index: int):
    for p in views.load_tree(window.context.db).programmes:
        for c in p.cohorts:
            if c.id == cohort_id:
                return c.sessions[index]
    raise AssertionError


def test_worksheets_for_a_session_build_into_one_pdf_with_a3_pages_last(window, reports, qtbot):
    session = session_of(window, LUP3, 1)  # "Innsikt og brukerreiser"
    window.navigator.select(node_key("session", session.id))
    seen = []

    def tick(dialog: WorksheetDialog) -> bool:
        seen.append(dialog)
        assert dialog.windowTitle() == f"Arbeidsark for {session.title}"
        for sheet_id, box in dialog.sheets.items():
            box.setChecked(sheet_id in {"tidsplan-deltaker", "brukerreise-a3", "persona-a4", "prototypekort"})
        assert dialog.filled["tidsplan-deltaker"].isChecked()
        dialog.filled["brukerreise-a3"].setChecked(True)
        return True

    reports.exec_dialog = tick
    button(window.workspace.current_page(), "Arbeidsark …").click()
    preview = wait_for_preview(qtbot, reports)
    assert seen
    pages = PdfReader(preview.path).pages
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in pages]
    a3 = [n for n, (w, h) in enumerate(sizes, start=1) if max(w, h) > 900]
    assert a3 and a3 == list(range(a3[0], len(pages) + 1))  # A4 first, A3 last
    text = " ".join(p.extract_text() for p in pages)
    assert "Innsikt og brukerreiser" in text  # the handout filled in for the session
    groups_here = [g.location_name for g in cohort_groups(window.context.db, LUP3)]
    assert any(name in text for name in groups_here)  # journey maps filled in per group
    note = preview.findChild(QLabel, "previewNote")
    assert note is not None and "A3" in note.text()


def test_the_dialog_offers_pre_filled_versions_only_where_they_exist(window, qtbot):
    kit = window.context.kit("lup")
    dialog = WorksheetDialog(window, kit, "Idéutvikling", {"idekort"}, {"journey": 3, "prototype": 0}, 20)
    qtbot.addWidget(dialog)
    assert [sid for sid, _filled in dialog.choices()] == ["idekort"]
    assert "idekort" not in dialog.filled  # no pre-filled version of idea cards
    assert not dialog.filled["brukerreise-a3"].isEnabled()  # not ticked
    dialog.sheets["brukerreise-a3"].setChecked(True)
    assert dialog.filled["brukerreise-a3"].isEnabled()
    dialog.sheets["prototypekort"].setChecked(True)
    assert not dialog.filled["prototypekort"].isEnabled()  # no group has a prototype
    for box in dialog.sheets.values():
        box.setChecked(False)
    assert not dialog.ok.isEnabled()


def test_pre_filled_kinds_match_the_worksheet_builders():
    from desktop.reports import worksheets as ws

    assert frozenset({ws.JOURNEY, ws.PROTOTYPE, ws.BENEFITS}) == PREFILLED


# --- the File menu ----------------------------------------------------------------------------------------


def test_file_menu_entries_follow_the_selection(window):
    window.navigator.select(node_key("group", CAPRALHAUGEN))
    assert window.print_action.isEnabled() and not window.export_action.isEnabled()
    assert not window.worksheets_action.isEnabled()
    window.navigator.select(node_key("cohort", LUP3))
    assert window.print_action.isEnabled() and window.export_action.isEnabled()
    window.navigator.select(node_key("session", session_of(window, LUP3, 0).id))
    assert window.worksheets_action.isEnabled() and not window.export_action.isEnabled()
    keys = [
        k.toString()
        for menu in window.menuBar().actions()
        if menu.menu() is not None
        for a in menu.menu().actions()
        for k in a.shortcuts()
    ]
    assert "Ctrl+P" in keys and "Ctrl+E" in keys and len(keys) == len(set(keys))  # no clash in the menus
    assert window.print_action.shortcut().toString() == "Ctrl+P"


def test_ctrl_p_on_a_cohort_previews_its_report(window, reports, qtbot):
    window.navigator.select(node_key("cohort", LUP3))
    window.print_action.trigger()
    preview = wait_for_preview(qtbot, reports)
    assert preview.windowTitle() == "Kullrapport – LUP 3"


# --- file names ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Bærum legevakt", "Bærum legevakt"),
        ("Hjemmetjenesten Vest/Øst", "Hjemmetjenesten Vest-Øst"),
        ('Skole: "Nord" <1|2>?', "Skole- -Nord- -1-2"),
        ("  Sámi áčđŋšŧž.  ", "Sámi áčđŋšŧž"),
        ("CON", "CON-"),
        ("...", "dokument"),
        ("a" * 300, "a" * 100),
    ],
)
def test_safe_file_names(name, expected):
    assert safe_file_name(name) == expected


def test_closing_the_window_stops_a_running_export(window, reports, qtbot, tmp_path):
    keep_groups(window.context.db, LUP3, 6)
    job = reports.export_cohort(window, LUP3, tmp_path / "ut")
    assert job.is_running()
    window.close()
    assert not job.is_running()
    assert reports.tell.seen == []  # nothing more is said once the window closes
    assert Path(tmp_path / "ut").is_dir()


def test_a_copy_of_the_data_is_saved_in_the_background_and_said_where(window, reports, qtbot, tmp_path):
    from desktop.storage.database import DB_NAME
    from desktop.ui.settings import documents_folder

    target = tmp_path / "minnepinne"
    target.mkdir()
    reports.choose_folder = lambda parent, title: str(target)
    window.copy_action.trigger()
    job = reports.last_job
    assert job is not None
    qtbot.waitUntil(lambda: bool(reports.tell.seen), timeout=60_000)
    title, message, _details, warning = reports.tell.seen[-1]
    assert title == "Kopien er lagret" and not warning
    (copy,) = target.iterdir()
    assert (copy / DB_NAME).is_file() and str(copy) in message
    assert documents_folder(window.settings) == target
    reports.choose_folder = lambda parent, title: ""  # the folder dialog cancelled: nothing happens
    assert reports.save_copy(window) is None


def test_the_preview_counts_the_notes_it_does_not_show(window, reports, tmp_path):
    """«… og 1 merknad til», not «1 merknader»; every note is in the tooltip."""
    from reportlab.pdfgen.canvas import Canvas

    from desktop.ui.report_actions import NOTE_LINES, Built

    path = tmp_path / "ark.pdf"
    canvas = Canvas(str(path))
    canvas.drawString(100, 700, "Arbeidsark")
    canvas.save()
    for more, text in ((1, "… og 1 merknad til"), (3, "… og 3 merknader til")):
        notes = tuple(f"Merknad {n}" for n in range(NOTE_LINES + more))
        preview = reports.open_preview(window, Built(path, "Arbeidsark", notes))
        note = preview.findChild(QLabel, "previewNote")
        assert text in note.text() and note.toolTip().count("Merknad") == len(notes)
        preview.reject()


def test_the_facilitators_run_sheet_is_filled_in_for_the_session(window, reports, qtbot):
    """«Kjøreplan for veilederne»: the session's own blocks, times, methods and notes, ticked by default."""
    from desktop.services import timeplan

    session = session_of(window, LUP3, 0)
    plan = timeplan.load_plan(window.context.db, session.id)
    noted = next(b for b in plan.blocks if b.notes.strip())
    window.navigator.select(node_key("session", session.id))

    def tick(dialog: WorksheetDialog) -> bool:
        assert (
            dialog.sheets["kjoreplan-veileder"].isChecked()
            and dialog.filled["kjoreplan-veileder"].isChecked()
        )
        for sheet_id, box in dialog.sheets.items():
            box.setChecked(sheet_id == "kjoreplan-veileder")
        return True

    reports.exec_dialog = tick
    button(window.workspace.current_page(), "Arbeidsark …").click()
    preview = wait_for_preview(qtbot, reports)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(preview.path).pages)
    assert "Kjøreplan for veilederne" in text and session.title in text
    assert " ".join(noted.notes.split())[:30] in text


def test_a_copy_names_the_files_this_laptop_could_not_read(window, reports):
    from desktop.services.data_copy import CopyResult

    reports._copied(window, CopyResult(Path("/media/pinne/kopi"), 3, unreadable=("photos/ab/abcd.jpg",)))
    title, message, _details, _warning = reports.tell.seen[-1]
    assert title == "Kopien er lagret"
    assert "Én fil på denne maskinen kunne ikke leses" in message and "photos/ab/abcd.jpg" in message
