"""Long work off the UI thread (exporting a cohort's PDFs), with progress and a Cancel that is honoured.

The work is a plain function ``work(report, cancelled) -> result``: it calls ``report(done, total, what)``
as it goes and checks ``cancelled()`` between steps. It runs in a QThread; the window stays responsive, the
progress dialog shows where it is, and Cancel stops it after the current step (what was finished is kept).
Errors a user can meet (``LupError``) come back as a message (``failed``). Anything else (a bug) is written
to the log and a crash file like any crash (``desktop.crash``) and ends the job with a general message
naming that file, also through ``failed``: the progress dialog closes, the caller says it where the work
was started, nothing is shown from the worker thread itself (a message box there would break Qt), and the
job never hangs half-ended.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop import crash
from desktop.errors import LupError
from desktop.i18n import _

log = logging.getLogger(__name__)

Work = Callable[[Callable[[int, int, str], None], Callable[[], bool]], Any]


class Job(QObject):
    """One piece of work on its own thread; connect to the signals, then ``start()``."""

    progress = Signal(int, int, str)  # done, total, what is being done
    done = Signal(object)  # the work's result (also after a cancel: what was finished)
    failed = Signal(str)  # a message for the user

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._cancel = threading.Event()
        self._thread = QThread()
        self._runner = _Runner(self)
        self._runner.moveToThread(self._thread)
        self._thread.started.connect(self._runner.run)
        # Direct: the worker ends its own thread's loop, so ``wait()`` from the UI thread returns at once
        # (queued, the quit would wait for the UI thread's event loop, which ``wait()`` blocks).
        self._runner.finished.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
        self.result: Any = None
        self.message = ""
        self.error: BaseException | None = None  # the unexpected exception, if the work raised one
        self.last_progress: tuple[int, int, str] | None = None
        self.dialog: QProgressDialog | None = None  # run_with_progress's, while it is shown

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def wait(self, ms: int = 30_000) -> bool:
        return self._thread.wait(ms)


class _Runner(QObject):
    finished = Signal()

    def __init__(self, job: Job) -> None:
        super().__init__()
        self._job = job

    def _report(self, done: int, total: int, what: str) -> None:
        self._job.last_progress = (done, total, what)
        self._job.progress.emit(done, total, what)

    @Slot()
    def run(self) -> None:
        job = self._job
        try:
            job.result = job._work(self._report, job._cancel.is_set)
            job.done.emit(job.result)
        except LupError as exc:
            job.message = exc.message
            job.failed.emit(exc.message)
        except Exception as exc:  # a bug: written down, reported on the UI thread, and the job still ends
            job.error = exc
            written = crash.write_report(exc)
            job.message = _(
                "Arbeidet ble stoppet av en uventet feil. Det du har lagret, er ikke berørt. En feilrapport "
                "ligger i {path}; send den gjerne til den som har ansvar for LUP Verksted."
            ).format(path=written or _("loggen"))
            job.failed.emit(job.message)
        finally:
            self.finished.emit()


def run_with_progress(
    parent: QWidget,
    title: str,
    work: Work,
    done: Callable[[Any], None],
    failed: Callable[[str], None],
    modal: bool = False,
) -> Job:
    """Start ``work`` with a progress dialog (Cancel stops it after the current step); returns the job (the
    dialog is ``job.dialog`` while it runs). ``done`` gets the result, ``failed`` the message: connected
    before the work starts, for work that fails at once (a folder without a copy, an unexpected error) can
    end before the caller would connect, and a signal no one is connected to yet is lost.
    ``modal``: the dialog blocks the window it belongs to (which still repaints) until the work ends."""
    dialog = QProgressDialog(title, _("Avbryt"), 0, 0, parent)
    dialog.setWindowTitle(title)
    if modal:
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    job = Job(work, parent)
    job.dialog = dialog

    def moved(done: int, total: int, what: str) -> None:
        if dialog.wasCanceled():
            return  # Cancel hid it; the current step is finishing: don't bring it back
        dialog.setLabelText(what)
        dialog.setMaximum(max(1, total))
        dialog.setValue(done)  # a modal dialog processes events here: last, with the dialog up to date

    def ended(*_args) -> None:
        job.dialog = None
        dialog.close()
        dialog.deleteLater()

    job.progress.connect(moved)
    job.done.connect(ended)
    job.failed.connect(ended)
    job.done.connect(done)
    job.failed.connect(failed)
    dialog.canceled.connect(job.cancel)
    dialog.show()
    job.start()
    return job
