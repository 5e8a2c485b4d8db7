"""Start-up of the windowed app: paths, logging, crash hook, language, the window, then the register.

The main window is shown first; the database is opened (checked, backed up, migrated) from the event loop
right after, so the facilitator sees the program at once. Then, before the register is shown (so before
anything is on the undo stack), the files of photos deleted in an earlier run are removed.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import logging.handlers
import os
import sys
import tempfile
import traceback
from pathlib import Path

from desktop import APP_NAME, __version__, crash
from desktop.errors import LupError
from desktop.i18n import SOURCE_LANGUAGE, _, current_language, set_language
from desktop.paths import choose_data_dir, chosen_data_dir, default_config_dir, default_data_dir

log = logging.getLogger("desktop")


def setup_logging(log_dir: Path) -> Path | None:
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            log_dir / "lup-verksted.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return None  # a read-only stick: run without a log file
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.INFO)
    return log_dir


def restore_and_tell(window, data_dir: Path, error) -> bool:
    """Take the damaged register's newest whole backup in use (the damaged files kept aside) and say so;
    False (with the reason shown) when that could not be done. Checked again under the lock: a register
    another window has restored meanwhile is left as it is, and opened."""
    from PySide6.QtWidgets import QMessageBox

    from desktop.errors import CorruptDatabaseError, StorageError
    from desktop.storage.backup import backup_dir, made_text, restore_backup, sound_backup
    from desktop.storage.database import DB_NAME, inspect_file
    from desktop.storage.lock import DataDirLock
    from desktop.ui.main_window import report_start_error

    path = data_dir / DB_NAME
    lock = DataDirLock(data_dir)
    try:
        lock.acquire()
        try:
            try:
                inspect_file(path)
                return True  # whole again (restored from another window): open it
            except CorruptDatabaseError:
                pass
            backup = sound_backup(path)
            if backup is None:
                raise StorageError(
                    _("Ingen av sikkerhetskopiene i {folder} er hele. Registeret er ikke endret.").format(
                        folder=backup_dir(path)
                    )
                )
            kept = restore_backup(path, backup)
        finally:
            lock.release()
    except LupError as exc:
        report_start_error(window, exc)
        return False
    QMessageBox.information(
        window,
        _("Sikkerhetskopien er tatt i bruk"),
        _(
            "Registeret er satt tilbake til sikkerhetskopien fra {when}. Det som ble gjort etter den, "
            "er ikke med. Den skadde filen er lagt i {folder}."
        ).format(when=made_text(backup), folder=kept),
    )
    return True


def start_failure_text(report: Path | None) -> str:
    """What a facilitator is told when the register could not be opened for a reason we did not foresee."""
    return _(
        "LUP Verksted kunne ikke starte på grunn av en uventet feil. Ingenting i dataområdet er endret. "
        "En feilrapport ligger i {path}; send den gjerne til den som har ansvar for LUP Verksted."
    ).format(path=report or _("loggen"))


def install_crash_hook(log_dir: Path, interactive: bool = True) -> None:
    """Unexpected errors are logged to a crash file and shown; every edit is already stored, so none is lost.

    Without a person watching (``--exit-after-start``), the program ends with exit code 70 instead.
    """
    crash.set_folder(log_dir)

    def hook(exc_type, exc, tb) -> None:
        written = crash.write_report(exc.with_traceback(tb))
        with contextlib.suppress(Exception):  # never let the report keep the message from her
            (sys.__stderr__ or sys.stderr).write("".join(traceback.format_exception(exc_type, exc, tb)))
        from PySide6.QtWidgets import QApplication, QMessageBox

        if QApplication.instance() is not None and not interactive:
            QApplication.exit(70)
        elif QApplication.instance() is not None:
            QMessageBox.critical(
                None,
                _("Uventet feil"),
                _(
                    "Det oppstod en uventet feil. Alt du har gjort, er lagret. En feilrapport ligger i "
                    "{path}; send den gjerne til den som har ansvar for LUP Verksted."
                ).format(path=written or _("loggen")),
            )

    sys.excepthook = hook


def open_register_for_the_window(data_dir: Path):
    """Open the register (checked, backed up, migrated) for the window, and remove the photo files that no
    row refers to any longer (photos deleted in an earlier run: flip-charts can hold what should not stay
    on a laptop). Run before the window takes any edit, so no undo can need them. Raises ``LupError`` when
    the register can't be opened; a photo folder that can't be tidied is only logged."""
    from desktop.services.cohorts import ensure_programme
    from desktop.services.photos import prune_files
    from desktop.storage.database import open_database

    db = open_database(data_dir)
    try:
        ensure_programme(db)
    except BaseException:
        db.close()
        raise
    try:
        removed = prune_files(db)
    except (LupError, OSError) as exc:
        log.warning("Could not remove unused photo files: %s", getattr(exc, "message", exc))
    else:
        if removed:
            log.info("Put %d photo files no longer in use in the photo bin", removed)
    return db


def run_gui(args: argparse.Namespace) -> int:
    if (
        not os.environ.get("QT_QPA_PLATFORM")
        and sys.platform.startswith("linux")
        and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    ):
        # Without a screen Qt would abort with a misleading "xcb-cursor0 is needed".
        print(f"lup-verksted: {_('Fant ingen skjerm (DISPLAY er ikke satt).')}", file=sys.stderr)
        return 1
    demo_dir = None
    if args.demo:
        # A file still held at the end (Windows) leaves the throw-away folder in TEMP, not a crash report.
        demo_dir = tempfile.TemporaryDirectory(prefix="lup-demo-", ignore_cleanup_errors=True)
        data_dir = Path(demo_dir.name)
        from desktop.services.demo import build_demo
        from desktop.storage.database import open_database

        db = open_database(data_dir, backup=False)
        try:
            build_demo(db)
        finally:
            db.close()
    else:
        data_dir, note = start_data_dir(args.data_dir)
        args.start_note = note
        args.chosen_folder = args.data_dir is None and data_dir != default_data_dir()
    try:
        return _run_window(args, data_dir, demo=args.demo)
    finally:
        if demo_dir is not None:
            demo_dir.cleanup()


def with_start_note(db, note: str) -> None:
    """Put what the start itself has to say (a chosen folder that is gone) first among the register's own
    start notes, which the window shows together."""
    if note:
        db.start_notes.insert(0, note)


def restart_command() -> tuple[str, list[str]]:
    """How to start LUP Verksted again (the data folder chosen in the app is read at start-up)."""
    if getattr(sys, "frozen", False):  # a PyInstaller bundle
        return sys.executable, []
    return sys.executable, ["-m", "desktop"]


def start_data_dir(given: Path | None) -> tuple[Path, str]:
    """The data folder to open: the one given on the command line, else the one chosen in the app (a
    colleague's copy), else her own; and what to say when the chosen one is not there now (a stick taken
    out), as her own is opened instead."""
    from desktop.storage.database import DB_NAME  # before Qt, as the register's modules are (see below)

    if given is not None:
        return given, ""
    chosen = chosen_data_dir()
    if chosen is None:
        return default_data_dir(), ""
    if (chosen / DB_NAME).is_file():
        return chosen, ""
    return default_data_dir(), _(
        "Dataområdet {folder} finnes ikke nå (er minnepinnen tatt ut?), så ditt eget er åpnet. Velg det "
        "igjen under Fil når det er tilbake."
    ).format(folder=chosen)


def _run_window(args: argparse.Namespace, data_dir: Path, demo: bool) -> int:
    # The Qt-free layers are imported before Qt: PySide6 installs an import hook that reads the source of
    # every module imported after it, which costs SQLAlchemy's ~200 modules and ours about a tenth of a
    # second (measured with tests/benchmarks/run.py; see the README).
    from PySide6.QtCore import QLocale, QTimer
    from PySide6.QtWidgets import QApplication

    import desktop.services.cohorts  # noqa: F401
    import desktop.services.groups  # noqa: F401
    import desktop.services.guide  # noqa: F401 - the start page's
    import desktop.services.register  # noqa: F401
    import desktop.services.views  # noqa: F401
    import desktop.storage.database  # noqa: F401
    from desktop.ui.main_window import MainWindow, report_start_error
    from desktop.ui.settings import LANGUAGE, Settings

    log_dir = setup_logging(data_dir / "logs") or Path(tempfile.gettempdir())
    install_crash_hook(log_dir, interactive=not args.exit_after_start)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("lup-verksted")
    from PySide6.QtGui import QIcon

    from desktop.paths import resources_dir

    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "lup-verksted-256.png")))
    QLocale.setDefault(QLocale(QLocale.Language.NorwegianBokmal, QLocale.Country.Norway))
    # A throw-away demo keeps its window state to itself, not in the facilitator's settings.
    settings = Settings((data_dir if demo else default_config_dir()) / "settings.ini")
    if not args.lang:
        set_language(settings.get(LANGUAGE))
    if current_language() == SOURCE_LANGUAGE:  # Qt's own texts (a text field's menu, key names) too
        from desktop.ui import qt_texts

        qt_texts.install()
    window = MainWindow(settings, data_dir, demo=demo)
    window.show()
    result = {"code": 0}

    def open_register() -> None:
        try:
            db = open_register_for_the_window(data_dir)
        except Exception as exc:  # noqa: BLE001 - any failure ends the start with a message, not a stuck window
            if not isinstance(exc, LupError):
                exc = LupError(start_failure_text(crash.write_report(exc)))
            log.error("Start-up refused: %s", exc.message)
            result["code"] = 1
            if getattr(args, "chosen_folder", False):  # a colleague's copy chosen in the app: not again
                with contextlib.suppress(OSError):
                    choose_data_dir(None)
                exc = LupError(exc.message + " " + _("Neste gang åpnes ditt eget dataområde."))
            if args.exit_after_start:
                print(f"lup-verksted: {exc.message}", file=sys.stderr)
            elif report_start_error(window, exc) and restore_and_tell(window, data_dir, exc):
                result["code"] = 0
                QTimer.singleShot(0, open_register)  # again, on the backup
                return
            window.close()
            app.quit()
            return
        with_start_note(db, getattr(args, "start_note", ""))
        window.open_register(db)
        if args.exit_after_start:
            QTimer.singleShot(0, app.quit)  # runs once the event loop is idle with the window drawn

    QTimer.singleShot(0, open_register)
    code = app.exec()
    if window.isVisible():
        window.close()
    for handler in list(logging.getLogger().handlers):
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            logging.getLogger().removeHandler(handler)
            with contextlib.suppress(OSError):  # lines still buffered on a full disk are let go
                handler.close()  # the log file is released (a demo's temporary folder can then go)
    return result["code"] or code
