"""Unexpected errors are written to a crash file in the log folder (and only there)."""

from __future__ import annotations

import sys

import pytest

from desktop import crash


@pytest.fixture
def crash_folder(tmp_path):
    crash.set_folder(tmp_path)
    yield tmp_path
    crash.set_folder(None)


def raised(exc: BaseException) -> BaseException:
    try:
        raise exc
    except BaseException as caught:  # noqa: BLE001 - the point is to have its traceback
        return caught


def test_a_report_is_written_with_its_traceback(crash_folder, caplog):
    path = crash.write_report(raised(KeyError("ødelagt")))
    assert path is not None and path.parent == crash_folder
    text = path.read_text(encoding="utf-8")
    assert "Traceback" in text and "KeyError: 'ødelagt'" in text
    assert "KeyError" in caplog.text


def test_two_reports_in_the_same_second_keep_both(crash_folder):
    first = crash.write_report(raised(ValueError("en")))
    second = crash.write_report(raised(ValueError("to")))
    assert first != second and len(list(crash_folder.glob("crash-*.log"))) == 2


def test_without_a_folder_only_the_log_has_it(tmp_path, caplog, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert crash.write_report(raised(ValueError("bare i loggen"))) is None
    assert "bare i loggen" in caplog.text and not list(tmp_path.iterdir())


def test_a_folder_that_cannot_be_written_is_not_a_second_crash(tmp_path):
    crash.set_folder(tmp_path / "finnes-ikke")
    try:
        assert crash.write_report(raised(ValueError("x"))) is None
    finally:
        crash.set_folder(None)


def test_the_crash_hook_writes_the_report(tmp_path, monkeypatch, qapp):
    from desktop.app import install_crash_hook

    exits = []
    from PySide6.QtWidgets import QApplication

    monkeypatch.setattr(QApplication, "exit", exits.append)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back afterwards
    try:
        install_crash_hook(tmp_path, interactive=False)
        exc = raised(RuntimeError("feil i en knapp"))
        sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        crash.set_folder(None)
    (written,) = tmp_path.glob("crash-*.log")
    assert "RuntimeError: feil i en knapp" in written.read_text(encoding="utf-8")
    assert exits == [70]


def test_a_report_that_cannot_be_written_leaves_no_empty_file(crash_folder, monkeypatch):
    """A full disk: the file is made but its text cannot be stored; no empty crash file is left for a
    message to point at."""
    from pathlib import Path

    def full(self, *_args, **_kwargs):
        self.touch()
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_text", full)
    assert crash.write_report(raised(ValueError("x"))) is None
    assert list(crash_folder.iterdir()) == []
