"""The data folder the app opens: --data-dir, else the one chosen in the app (a colleague's copy, from
«Åpne et annet dataområde …»), else her own; a chosen folder that is gone (a stick taken out) is said."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop.app import start_data_dir
from desktop.paths import choose_data_dir, chosen_data_dir, default_data_dir
from desktop.storage.database import open_database


def test_her_own_folder_unless_another_was_chosen_or_given(tmp_path: Path) -> None:
    assert start_data_dir(None) == (default_data_dir(), "")
    copy = tmp_path / "pinne" / "LUP Verksted-kopi 2026-11-23 14.05"
    open_database(copy, backup=False).close()
    choose_data_dir(copy)
    assert chosen_data_dir() == copy
    assert start_data_dir(None) == (copy, "")
    assert start_data_dir(tmp_path / "gitt") == (tmp_path / "gitt", "")  # the command line wins
    choose_data_dir(None)
    assert chosen_data_dir() is None and start_data_dir(None) == (default_data_dir(), "")


def test_a_chosen_folder_that_is_gone_opens_her_own_and_says_why(tmp_path: Path) -> None:
    choose_data_dir(tmp_path / "pinne" / "borte")
    folder, note = start_data_dir(None)
    assert folder == default_data_dir()
    assert "borte" in note and "minnepinnen" in note


def _app(*args: str) -> subprocess.CompletedProcess[str]:
    """The app in a process of its own (its whole start and end), on the test's HOME and XDG folders."""
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=Path(__file__).resolve().parents[1],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_chosen_folder_that_cannot_be_opened_is_not_opened_again(tmp_path: Path) -> None:
    """A copy chosen in the app that it then could not open was opened again at every start: she was locked
    out of her own register. The next start opens her own, and the message says so."""
    import sqlite3

    from desktop.storage.database import DB_NAME

    copy = tmp_path / "kopi"
    open_database(copy, backup=False).close()
    with sqlite3.connect(copy / DB_NAME) as con:
        con.execute("UPDATE alembic_version SET version_num = '9999_framtid'")
    choose_data_dir(copy)
    refused = _app("--exit-after-start")
    assert refused.returncode == 1 and "Neste gang åpnes ditt eget dataområde" in refused.stderr
    assert chosen_data_dir() is None
    assert _app("--exit-after-start").returncode == 0  # her own


def test_the_start_note_goes_with_the_registers_own(tmp_path: Path) -> None:
    """«finnes ikke nå» replaced the register's own notes (such as «ny, tom») in the status bar."""
    from desktop.app import with_start_note

    db = open_database(tmp_path / "pinne", backup=False)
    db.start_notes.append("Det var ingen database i pinne, så en ny, tom er laget der.")
    with_start_note(db, "Dataområdet X finnes ikke nå.")
    assert db.start_notes == [
        "Dataområdet X finnes ikke nå.",
        "Det var ingen database i pinne, så en ny, tom er laget der.",
    ]
    with_start_note(db, "")
    assert len(db.start_notes) == 2
    db.close()
