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
