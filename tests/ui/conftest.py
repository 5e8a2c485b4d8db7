"""Fixtures for widget tests: a main window on a copy of the demo, and a way to answer dialogs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings
from desktop.ui.widgets import FormDialog


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch):
    """A modal dialog nobody answers would block the run: fail the test instead, naming the dialog."""
    from PySide6.QtWidgets import QDialog, QMessageBox

    def refuse(self, *args):
        text = self.text() if isinstance(self, QMessageBox) else self.windowTitle()
        raise AssertionError(f"unexpected modal dialog: {type(self).__name__}: {text}")

    monkeypatch.setattr(QDialog, "exec", refuse)
    monkeypatch.setattr(QMessageBox, "exec", refuse)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(tmp_path / "config" / "settings.ini")


@pytest.fixture
def window(qtbot, demo_db, settings) -> MainWindow:
    def end_run(widget) -> None:
        runner = widget.context._runner if widget.context is not None else None
        if runner is not None and runner.is_live():
            runner.run.finish()  # a test that leaves a run going must not make closing ask

    win = MainWindow(settings, demo_db.data_dir)
    qtbot.addWidget(win, before_close_func=end_run)
    win.show()
    win.open_register(demo_db)
    return win


class DialogFiller:
    """Answers the next dialogs an action opens: ``fill(fields_dict) -> None`` then OK is pressed."""

    def __init__(self) -> None:
        self.seen: list[FormDialog] = []
        self._answers: list[Callable[[FormDialog], None]] = []

    def answer(self, fill: Callable[[FormDialog], None]) -> None:
        self._answers.append(fill)

    def __call__(self, dialog: FormDialog) -> bool:
        self.seen.append(dialog)
        fill = self._answers.pop(0)
        fill(dialog)
        dialog.accept()
        return dialog.result() == FormDialog.DialogCode.Accepted


@pytest.fixture
def dialogs(window, monkeypatch) -> DialogFiller:
    filler = DialogFiller()
    monkeypatch.setattr(window.actions, "exec_dialog", filler)
    return filler


@pytest.fixture
def set_cell():
    """Write a value in a time-plan cell as its editor does: the edit is stored when the event loop runs
    next (the model is not reloaded while the cell's editor commits)."""
    from PySide6.QtWidgets import QApplication

    def write(editor, index, value) -> None:
        editor.model.setData(index, value)
        QApplication.processEvents()

    return write
