"""The data folder the app opens: --data-dir, else the one chosen in the app (a colleague's copy, from
«Åpne et annet dataområde …»), else her own; a chosen folder that is gone (a stick taken out) is said."""

from __future__ import annotations

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


def test_a_chosen_folder_that_cannot_be_opened_is_not_opened_again(tmp_path: Path, monkeypatch) -> None:
    """The app could not start on the chosen copy: the next start opens her own (and the message says so)."""
    import argparse

    from desktop import app

    copy = tmp_path / "kopi"
    open_database(copy, backup=False).close()
    choose_data_dir(copy)
    args = argparse.Namespace(data_dir=None, demo=False, exit_after_start=True, lang=None)
    folder, note = start_data_dir(None)
    args.start_note, args.chosen_folder = note, True

    def refuse(_folder):
        from desktop.errors import StorageError

        raise StorageError("Databasen er fra en nyere versjon.")

    monkeypatch.setattr(app, "open_register_for_the_window", refuse)
    assert app._run_window(args, folder, demo=False) == 1
    assert chosen_data_dir() is None


def test_the_start_note_is_shown_with_the_registers_own(tmp_path: Path, monkeypatch) -> None:
    """«finnes ikke nå» replaced the register's own notes (such as «ny, tom») in the status bar."""
    import argparse

    from desktop import app
    from desktop.ui.main_window import MainWindow

    folder = tmp_path / "pinne"
    open_database(folder / "LUP Verksted-kopi", backup=False).close()  # a new register beside a copy
    seen: list[list[str]] = []
    real = MainWindow.open_register
    monkeypatch.setattr(
        MainWindow, "open_register", lambda self, db: seen.append(list(db.start_notes)) or real(self, db)
    )
    args = argparse.Namespace(data_dir=None, demo=False, exit_after_start=True, lang=None)
    args.start_note, args.chosen_folder = "Dataområdet X finnes ikke nå.", False
    assert app._run_window(args, folder, demo=False) == 0
    assert seen[0][0] == "Dataområdet X finnes ikke nå." and any("ny, tom" in n for n in seen[0][1:])
