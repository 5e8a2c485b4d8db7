"""«Eksporter til regneark …» in the File menu: the selected cohort's spreadsheets or the whole register's,
written off the UI thread, asked before files are replaced, and said where with the rows of each file."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from desktop.errors import LupError
from desktop.services import spreadsheet, views
from desktop.services.demo import demo_id
from desktop.ui.navigator import node_key
from desktop.ui.report_actions import ReportActions

LUP3 = demo_id("cohort", "LUP 3")
FILES = ["tiltak.csv", "gevinster.csv", "maalinger.csv", "ideer.csv"]


class Told:
    """Stands in for the message boxes: collects (title, message, details, folder, warning)."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str, tuple[str, ...], Path | None, bool]] = []

    def __call__(self, parent, title, message, details=(), folder=None, warning=False) -> None:
        self.seen.append((title, message, tuple(details), folder, warning))


@pytest.fixture
def reports(window, monkeypatch, tmp_path) -> ReportActions:
    actions = ReportActions.of(window.context)
    monkeypatch.setattr(actions, "tell", Told())
    monkeypatch.setattr(actions, "choose_folder", lambda parent, title: str(tmp_path / "regneark"))
    return actions


def cohorts_in(path: Path) -> set[str]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return {row["Kull"] for row in csv.DictReader(f, delimiter=";")}


def rows_in(path: Path) -> int:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return len(list(csv.DictReader(f, delimiter=";")))


def test_the_menu_item_follows_the_cohort_export(window):
    actions = [a for a in window.menuBar().actions()[0].menu().actions()]
    texts = [a.text().replace("&", "") for a in actions]
    assert texts.index("Eksporter til regneark …") == texts.index("Eksporter alle ledergrupper …") + 1
    assert window.spreadsheet_action.isEnabled()  # with no cohort selected too: the whole register


def test_the_selected_cohort_is_exported_in_the_background_and_the_files_are_listed(
    window, reports, qtbot, tmp_path
):
    window.navigator.select(node_key("cohort", LUP3))
    reports.last_job = None
    window.spreadsheet_action.trigger()
    job = reports.last_job
    assert job is not None
    qtbot.waitUntil(lambda: bool(reports.tell.seen), timeout=30_000)
    folder = tmp_path / "regneark"
    title, message, details, shown, warning = reports.tell.seen[-1]
    assert title == "Regnearkene er lagret" and not warning
    assert "LUP 3" in message and str(folder) in message and shown == folder  # «Åpne mappen»
    assert sorted(p.name for p in folder.iterdir()) == sorted(FILES)
    assert [line.split(":")[0] for line in details] == FILES
    for line in details:
        name, _sep, rows = line.partition(": ")
        assert rows == f"{rows_in(folder / name)} rader"
    assert cohorts_in(folder / "tiltak.csv") == {"LUP 3"}
    assert not job.is_running()


def test_without_a_cohort_selected_the_whole_register_is_exported(window, reports, qtbot, tmp_path):
    programme = views.load_tree(window.context.db).programmes[0]
    window.navigator.select(node_key("programme", programme.id))
    window.spreadsheet_action.trigger()
    qtbot.waitUntil(lambda: bool(reports.tell.seen), timeout=30_000)
    title, message, _details, _folder, _warning = reports.tell.seen[-1]
    assert title == "Regnearkene er lagret" and "hele registeret" in message
    assert cohorts_in(tmp_path / "regneark" / "tiltak.csv") == {c.name for c in programme.cohorts}


def test_files_already_there_are_replaced_only_when_she_says_so(window, reports, qtbot, tmp_path):
    folder = tmp_path / "regneark"
    folder.mkdir()
    (folder / "ideer.csv").write_text("tidligere", encoding="utf-8")
    asked = []

    def no(parent, title, question, details=(), *args, **kwargs):
        asked.append((title, question, tuple(details)))
        return False

    reports.ask = no
    reports.last_job = None
    assert reports.export_spreadsheets(window, cohort_id=LUP3) is None
    assert reports.last_job is None and reports.tell.seen == []
    assert asked == [
        (
            "Filene finnes allerede",
            f"1 av regnearkene finnes allerede i {folder}. Vil du erstatte dem?",
            ("ideer.csv",),
        )
    ]
    assert sorted(p.name for p in folder.iterdir()) == ["ideer.csv"]
    reports.ask = lambda *args, **kwargs: True
    assert reports.export_spreadsheets(window, cohort_id=LUP3) is not None
    qtbot.waitUntil(lambda: bool(reports.tell.seen), timeout=30_000)
    assert cohorts_in(folder / "ideer.csv") == {"LUP 3"}


def test_an_unwritable_folder_or_a_failure_is_a_warning(window, reports, qtbot, tmp_path, monkeypatch):
    blocker = tmp_path / "en-fil"
    blocker.write_text("x")
    reports.last_job = None
    assert reports.export_spreadsheets(window, blocker / "ut") is None
    assert reports.last_job is None
    title, message, _details, _folder, warning = reports.tell.seen[-1]
    assert warning and title == "Kan ikke eksportere" and "Velg en annen mappe" in message

    def held_open(db, folder, cohort_id=None, today=None):
        raise LupError("Kan ikke lagre tiltak.csv: filen er åpen i et annet program (Excel?).")

    monkeypatch.setattr(spreadsheet, "export_spreadsheets", held_open)
    job = reports.export_spreadsheets(window, tmp_path / "ut")
    assert job is not None
    qtbot.waitUntil(lambda: len(reports.tell.seen) == 2, timeout=30_000)
    title, message, _details, _folder, warning = reports.tell.seen[-1]
    assert warning and title == "Regnearkene ble ikke lagret" and "Excel" in message


def test_a_cancelled_folder_choice_does_nothing(window, reports):
    reports.choose_folder = lambda parent, title: ""
    reports.last_job = None
    assert reports.export_spreadsheets(window) is None
    assert reports.last_job is None and reports.tell.seen == []
