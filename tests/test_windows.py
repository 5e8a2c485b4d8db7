"""What the facilitators' Windows laptops meet and a Linux run does not by itself: a program started without a
console, a register on a network share, no system time-zone database. Each is simulated here."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _without_console(script: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """``script`` in a process whose standard streams are None, as under pythonw.exe or a windowed bundle."""
    prelude = "import sys\nsys.stdout = sys.stderr = sys.__stdout__ = sys.__stderr__ = None\n"
    return subprocess.run(
        [sys.executable, "-c", prelude + script],
        cwd=REPO,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_app_starts_and_ends_cleanly_without_a_console(tmp_path: Path) -> None:
    """Without a console every normal quit flushed a stream that was None: a crash report, exit code 1, and
    the crash message (written to the missing stream first) never shown."""
    data = tmp_path / "data"
    ended = _without_console(
        "from desktop.cli import main\n"
        f"raise SystemExit(main(['--data-dir', {str(data)!r}, '--exit-after-start']))\n",
        tmp_path,
    )
    assert ended.returncode == 0
    assert not list((data / "logs").glob("crash-*")), "a normal quit is not a crash"


def test_the_crash_hook_reaches_its_message_without_a_console(tmp_path: Path) -> None:
    """The hook wrote the traceback to ``sys.__stderr__`` before showing its message; without a console that
    write raised, and she never learned that something went wrong."""
    (tmp_path / "logs").mkdir()
    ended = _without_console(
        "from unittest import mock\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from desktop.app import install_crash_hook\n"
        "app = QApplication([])\n"
        f"install_crash_hook(__import__('pathlib').Path({str(tmp_path / 'logs')!r}))\n"
        "with mock.patch('PySide6.QtWidgets.QMessageBox.critical') as shown:\n"
        "    try:\n"
        "        raise RuntimeError('boom')\n"
        "    except RuntimeError as exc:\n"
        "        sys.excepthook(type(exc), exc, exc.__traceback__)\n"
        "raise SystemExit(0 if shown.called else 3)\n",
        tmp_path,
    )
    assert ended.returncode == 0, ended.stderr
    assert list((tmp_path / "logs").glob("crash-*"))


def test_summer_times_are_right_without_the_systems_time_zone_data() -> None:
    """Windows has no time-zone database: the PDFs fell back to a fixed UTC+1 and printed a block that
    started at 09:00 in June as 08:00. With no system data (an empty PYTHONTZPATH) the zone still knows
    summer time."""
    script = (
        "from datetime import datetime, UTC\n"
        "from desktop.domain.rules import local_zone\n"
        "print(datetime(2026, 6, 10, 7, 0, tzinfo=UTC).astimezone(local_zone()).strftime('%H:%M'),"
        " datetime(2026, 1, 10, 8, 0, tzinfo=UTC).astimezone(local_zone()).strftime('%H:%M'))\n"
    )
    shown = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        env={**os.environ, "PYTHONTZPATH": "", "TZ": "UTC"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert shown.stdout.split() == ["09:00", "09:00"]


def test_a_register_on_a_network_share_is_read_through_an_address_sqlite_accepts(tmp_path: Path) -> None:
    """The read-only checks and backups opened ``Path.resolve().as_uri()``: for ``\\\\server\\share\\…`` (and
    on Windows a mapped drive, which ``resolve()`` turns into one) that is ``file://server/…``, and SQLite
    refuses a host («invalid uri authority»). A register on H:\\ opened once, and was refused at every later
    start."""
    import sqlite3
    from pathlib import PureWindowsPath

    from desktop.storage.read_only import read_only_uri

    share = PureWindowsPath(r"\\server\share\LUP\lup-verksted.sqlite")
    assert read_only_uri(share) == "file:////server/share/LUP/lup-verksted.sqlite?mode=ro"
    assert (
        read_only_uri(PureWindowsPath(r"C:\Users\Åse\LUP #1\lup-verksted.sqlite"))
        == "file:///C:/Users/%C3%85se/LUP%20%231/lup-verksted.sqlite?mode=ro"
    )
    # SQLite takes the empty host and the path that starts with two slashes (here a local one, "//tmp/…").
    made = sqlite3.connect(tmp_path / "x.sqlite")
    made.execute("CREATE TABLE t (x)")
    made.close()
    address = read_only_uri(PureWindowsPath("/" + tmp_path.as_posix() + "/x.sqlite"))
    assert address.startswith("file:////")
    con = sqlite3.connect(address, uri=True)
    try:
        assert con.execute("SELECT name FROM sqlite_master").fetchall() == [("t",)]
    finally:
        con.close()


def test_a_register_in_a_folder_with_uri_characters_is_checked_and_backed_up(tmp_path: Path) -> None:
    from desktop.storage.backup import list_backups
    from desktop.storage.database import DB_NAME, open_database

    folder = tmp_path / "Åse #1 ? 100% ferdig"
    open_database(folder, backup=False).close()
    open_database(folder).close()  # checked read-only, and backed up from a read-only connection
    assert len(list_backups(folder / DB_NAME)) == 1


def test_a_whole_copy_held_by_a_virus_scan_is_named_when_let_go_or_kept(
    db, tmp_path: Path, monkeypatch
) -> None:
    """On Windows a virus scan or OneDrive holds new files for a moment, and the folder cannot be renamed
    then: the whole copy was thrown away with «kunne ikke lagres». It is tried again; if the folder stays
    held, the whole copy is kept under its unfinished name and she is told to name it."""
    import pytest

    from desktop.errors import StorageError
    from desktop.services import data_copy
    from desktop.storage.database import DB_NAME

    monkeypatch.setattr(data_copy.time, "sleep", lambda _s: None)
    rename, refusals = Path.rename, []

    def held(self: Path, target):
        if len(refusals) < 3:
            refusals.append(self)
            raise PermissionError(13, "Access is denied")
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", held)
    named = data_copy.copy_data(db, tmp_path / "ut")
    assert len(refusals) == 3 and (named.folder / DB_NAME).is_file()

    refusals.clear()
    monkeypatch.setattr(
        Path, "rename", lambda self, target: (_ for _ in ()).throw(PermissionError(13, "nei"))
    )
    with pytest.raises(StorageError, match="Kopien er hel"):
        data_copy.copy_data(db, tmp_path / "ut2")
    (kept,) = (tmp_path / "ut2").iterdir()
    assert data_copy.is_unfinished(kept) and (kept / DB_NAME).is_file()


def test_windows_file_errors_are_named_for_what_they_are() -> None:
    """Python maps a file open in another program to EACCES («ingen tilgang til å skrive der») and a path
    over 260 characters to ENOENT («mappen finnes ikke»); Windows' own number says what happened."""
    import errno

    from desktop.file_errors import os_reason

    def windows(code: int, number: int) -> OSError:
        exc = OSError(code, "system text")
        exc.winerror = number
        return exc

    assert os_reason(windows(errno.EACCES, 32)) == "filen er i bruk av et annet program"
    assert os_reason(windows(errno.ENOENT, 206)).startswith("stien er for lang for Windows")
    assert os_reason(windows(errno.EINVAL, 123)) == "navnet inneholder tegn Windows ikke tillater"
    assert os_reason(OSError(errno.EACCES, "x")) == "ingen tilgang til å skrive der"


def test_a_home_folder_in_a_path_is_read_where_the_shell_does_not() -> None:
    """cmd and PowerShell pass «~\\lup» on as it is: a folder named «~» was made in the current folder."""
    from desktop.cli import build_parser

    args = build_parser().parse_args(["--data-dir", "~/lup"])
    assert args.data_dir == Path.home() / "lup"
    out = build_parser().parse_args(["report", "group", "--group", "x", "--out", "~/a.pdf"]).out
    assert out == Path.home() / "a.pdf"


def test_a_chosen_folder_written_by_notepad_is_read(tmp_path: Path) -> None:
    """Notepad can save the one line with a byte-order mark; the folder's name then began with it."""
    from desktop.paths import DATA_FOLDER_FILE, chosen_data_dir

    (tmp_path / DATA_FOLDER_FILE).write_text("\ufeffD:\\LUP\\kopi\n", encoding="utf-8")
    assert chosen_data_dir(tmp_path) == Path("D:\\LUP\\kopi")


def test_a_register_in_onedrive_or_on_a_network_share_is_warned_of(tmp_path: Path, monkeypatch) -> None:
    """OneDrive syncs SQLite's files half-written, and a share lets two laptops at it: both damage a register.
    «Lagre en kopi» suggested Documents, which is in OneDrive on the municipality's laptops."""
    from desktop.storage.database import open_database, synced_or_shared

    onedrive = tmp_path / "OneDrive - Bærum kommune"
    monkeypatch.setenv("OneDriveCommercial", str(onedrive))
    db = open_database(onedrive / "Dokumenter" / "LUP", backup=False)
    try:
        assert any("i OneDrive" in note for note in db.start_notes)
    finally:
        db.close()
    assert synced_or_shared(tmp_path / "lokal", {"OneDrive": str(onedrive)}) == []
    (shared,) = synced_or_shared(Path("//fil01/felles/LUP"), {})
    assert "på en nettverksdisk" in shared
