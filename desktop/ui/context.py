"""What every part of the window shares: the open register, the undo stack, one "data changed" signal,
and the one place where errors a user meets are shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.errors import LupError, ValidationError
from desktop.i18n import _

if TYPE_CHECKING:
    from desktop.storage.database import Database
    from desktop.ui.commands import ServiceCommand
    from desktop.ui.widgets import FieldErrors


class AppContext(QObject):
    changed = Signal()  # the register changed: views reload what they show
    error = Signal(str)  # a message the user must see (shown by the main window)
    notice = Signal(str)  # a passing remark for the status bar

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.undo_stack = QUndoStack(self)
        self.undo_stack.indexChanged.connect(self._stack_moved)
        self._failed: tuple | None = None  # (command, undoing, message) of a step not stored, until put back
        self._kits: list | None = None
        self.runner_factory = None  # builds the RunController (set by the main window)
        self.settings = None  # the facilitator's settings (desktop.ui.settings), set by the main window
        self._runner = None

    @property
    def runner(self):
        """The run controller (one run at a time), built when first needed: not start-up work."""
        if self._runner is None and self.runner_factory is not None:
            self._runner = self.runner_factory()
        return self._runner

    def live_run(self) -> bool:
        """Whether a session is being run now (without building the run controller to find out)."""
        return self._runner is not None and self._runner.is_live()

    def close_runner(self) -> None:
        if self._runner is not None:
            self._runner.close()

    def _stack_moved(self, _index: int) -> None:
        self.changed.emit()

    def kit_roots(self) -> list:
        """The shipped kits, then the facilitator's own in ``<data folder>/kits``."""
        from desktop.kits.loader import OWN_KITS_DIR
        from desktop.paths import project_root

        return [project_root() / "workshop_kits", self.db.data_dir / OWN_KITS_DIR]

    def kits(self) -> list:
        """Every kit found (``KitEntry``: the kit, or why it cannot be used), read once."""
        if self._kits is None:
            from desktop.kits import list_kits

            self._kits = list_kits(self.kit_roots())
        return self._kits

    def kit(self, kit_id: str):
        """The kit with ``kit_id``: the facilitator's own copy (data folder) before the shipped one."""
        from desktop.kits.loader import OWN_KITS_DIR

        own = self.db.data_dir / OWN_KITS_DIR
        found = [e for e in self.kits() if e.kit is not None and e.kit.id == kit_id]
        found.sort(key=lambda e: not e.folder.is_relative_to(own))
        return found[0].kit if found else None

    def reload_kits(self) -> None:
        """Read the kits again (a facilitator who fixed or added one needs no restart)."""
        self._kits = None

    def perform(self, command: ServiceCommand, fields: FieldErrors | None = None) -> bool:
        """Run ``command`` once and put it on the undo stack; a refused edit shows why and stores nothing.

        A ValidationError for a field in ``fields`` is shown at that field; other errors go to ``error``.
        """
        if fields is not None:
            fields.clear()
        try:
            command.first_run(self.db)
        except ValidationError as exc:
            if fields is not None and fields.show(exc, focus=False):
                self.notice.emit(_("Ikke lagret: {reason}").format(reason=exc.message))
                return False
            self.error.emit(exc.message)
            return False
        except LupError as exc:
            self.error.emit(exc.message)
            return False
        self.push_done(command)
        return True

    def push_done(self, command: ServiceCommand) -> None:
        """Put a command whose first run succeeded on the stack (unless it changed nothing)."""
        if command.is_noop():
            return
        command.report = self._report_later  # a message box must not run the event loop mid-move
        command.step_back = self._step_back
        command.halted = lambda: self._failed is not None
        self.undo_stack.push(command)  # redo() skips the run already made; indexChanged emits changed

    def _report_later(self, message: str) -> None:
        QTimer.singleShot(0, self, lambda: self.error.emit(message))

    def _step_back(self, command: ServiceCommand, undoing: bool, message: str) -> None:
        """An undo (or redo) that could not be stored: the rest of the move is not carried out (the steps
        it still passes mark themselves), and once Qt has moved the stack it is put back where this command
        is still done (or still to do); the steps it passes then are the marked ones. One message."""
        if self._failed is not None:
            return
        self._failed = (command, undoing, message)

        def back() -> None:
            command, undoing, message = self._failed
            self._failed = None
            stack = self.undo_stack
            index = next((i for i in range(stack.count()) if stack.command(i) is command), None)
            if index is not None:
                stack.setIndex(index + 1 if undoing else index)
            else:
                command._skip_next = False  # no longer on the stack: nothing to put back
            self.error.emit(message)

        QTimer.singleShot(0, self, back)


def show_error(parent: QWidget | None, message: str, title: str | None = None) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        title or _("Kunne ikke utføre handlingen"),
        message,
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.addButton(_("OK"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def ask(parent: QWidget | None, title: str, question: str) -> bool:
    """A yes/no question with Norwegian buttons (Qt ships no bokmål translation); "no" is the default."""
    box = QMessageBox(QMessageBox.Icon.Question, title, question, QMessageBox.StandardButton.NoButton, parent)
    yes = box.addButton(_("Ja"), QMessageBox.ButtonRole.YesRole)
    no = box.addButton(_("Nei"), QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(no)
    box.exec()
    return box.clickedButton() is yes
