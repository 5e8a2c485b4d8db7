"""One program per data folder: an OS file lock, released by the OS even if the program dies."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from pathlib import Path
from typing import IO

from desktop.errors import DatabaseLockedError

LOCK_NAME = "lup-verksted.lock"
log = logging.getLogger(__name__)


class DataDirLock:
    """Holds an exclusive, non-blocking lock on ``<data_dir>/lup-verksted.lock`` until released."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._file: IO[str] | None = None

    def acquire(self) -> None:
        from desktop.errors import DataFolderError
        from desktop.i18n import _

        try:
            handle = open(self.data_dir / LOCK_NAME, "a+", encoding="utf-8")  # noqa: SIM115 - held open
        except OSError:
            raise DataFolderError(
                self.data_dir, _("mappen kan ikke skrives til (skrivebeskyttet minnepinne eller mappe?).")
            ) from None
        try:
            _lock(handle)
        except OSError:
            handle.close()
            raise DatabaseLockedError(self.data_dir) from None
        try:  # the process id is for a person looking at the folder; the lock is what counts
            handle.seek(0)
            handle.truncate()
            handle.write(f"{os.getpid()}\n")
            handle.flush()
        except OSError:  # a full disk: the file may stay empty
            log.warning("Could not write the process id into the lock file")
        self._file = handle

    def release(self) -> None:
        if self._file is not None:
            with contextlib.suppress(OSError):  # a process id still buffered on a full disk
                _unlock(self._file)
                self._file.close()
            self._file = None


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
