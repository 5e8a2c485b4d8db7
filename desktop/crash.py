"""Unexpected errors (bugs): logged with their traceback and written to a crash file in the log folder.

The crash hook (``desktop.app``) and work on a background thread (``desktop.ui.background``) both report
through ``write_report``, so every bug leaves the same trace wherever it happened. Until ``set_folder`` is
called (tests, the command line) nothing is written but the log.
"""

from __future__ import annotations

import contextlib
import logging
import traceback
from datetime import datetime
from pathlib import Path

from desktop import APP_NAME, __version__

log = logging.getLogger("desktop")
_folder: Path | None = None


def set_folder(log_dir: Path | None) -> None:
    global _folder
    _folder = log_dir


def write_report(exc: BaseException) -> Path | None:
    """Log ``exc`` and write it to a new crash file; returns the file (None when none could be written)."""
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    log.critical("Unhandled exception\n%s", text)
    if _folder is None:
        return None
    path = _folder / f"crash-{datetime.now():%Y%m%d-%H%M%S-%f}.log"
    try:
        path.write_text(f"{APP_NAME} {__version__}\n{text}", encoding="utf-8")
    except OSError:  # a full disk: no empty crash file for a message to point at
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
        return None
    return path
