"""Undo commands: thin wrappers whose redo/undo call services (Orange-canvas style).

Every command is run once by ``AppContext.perform`` before it is pushed, so that a refused edit never
reaches the stack; ``redo`` skips that first run. Three shapes cover the edits of the register:

- ``ChangeCommand``: ``apply(value)`` sets a value and returns the previous one; undo applies that.
- ``CreateCommand``: ``create()`` returns a new id; undo deletes it (keeping a snapshot); redo restores
  the snapshot, so the same row, UUID and all, comes back and later commands still find it.
- ``DeleteCommand``: ``delete()`` returns a snapshot; undo restores it.

Whole values edited by pure domain operations (journey maps, idea boards, prototypes) use a
``StoredEditCommand``; the time plan has its own ``PlanCommand``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from desktop.errors import LupError, StorageError
from desktop.services.common import restore_deleted
from desktop.storage.database import Database
from desktop.storage.snapshot import Snapshot


class ServiceCommand(QUndoCommand):
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.db: Database | None = None
        self._skip_next = False  # the stack's next redo/undo of this command is not to be carried out
        self.report: Callable[[str], None] | None = None
        # Put the stack back over a step that could not be stored, then say why: (command, undoing, message).
        self.step_back: Callable[[ServiceCommand, bool, str], None] | None = None
        # True while a move of the stack is to be put back: the steps it still passes are not carried out.
        self.halted: Callable[[], bool] | None = None

    def first_run(self, db: Database) -> None:
        self.db = db
        self.do()
        self._skip_next = True  # pushing it calls redo(): the run is already made

    def redo(self) -> None:
        self._guard(self.do, undoing=False)

    def undo(self) -> None:
        self._guard(self.revert, undoing=True)

    def _guard(self, step: Callable[[], None], undoing: bool) -> None:
        if self._skip_next:
            self._skip_next = False
            return
        if self.halted is not None and self.halted():
            self._skip_next = True  # a step before this one failed: the move stops here, and is put back
            return
        try:
            step()
        except StorageError as exc:
            # Not stored (a full disk, a file in use or read-only): the data is as it was, so the stack is
            # put back over this step, and the same Ctrl+Z (or Ctrl+Y) works once the cause is gone. The
            # message waits until then: a message box runs the event loop while the stack is still moving.
            self._skip_next = True
            if self.step_back is not None:
                self.step_back(self, undoing, exc.message)
            elif self.report is not None:
                self.report(exc.message)
        except LupError as exc:
            # The data changed under the stack (a row is gone): say so and drop this command rather than
            # let Qt swallow the exception.
            self.setObsolete(True)
            if self.report is not None:
                self.report(exc.message)

    def is_noop(self) -> bool:
        """True when the first run changed nothing (then it is not put on the stack)."""
        return False

    def do(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError


class ChangeCommand(ServiceCommand):
    def __init__(self, text: str, apply: Callable[[Database, Any], Any], value: Any) -> None:
        super().__init__(text)
        self._apply = apply
        self._new = value
        self._old: Any = None

    def do(self) -> None:
        self._old = self._apply(self.db, self._new)

    def is_noop(self) -> bool:
        return self._old == {} or self._old == self._new

    def revert(self) -> None:
        self._apply(self.db, self._old)


class CreateCommand(ServiceCommand):
    def __init__(
        self,
        text: str,
        create: Callable[[Database], uuid.UUID],
        delete: Callable[[Database, uuid.UUID], Snapshot],
    ) -> None:
        super().__init__(text)
        self._create = create
        self._delete = delete
        self.created_id: uuid.UUID | None = None
        self._snapshot: Snapshot | None = None

    def do(self) -> None:
        if self._snapshot is None:
            self.created_id = self._create(self.db)
        else:
            restore_deleted(self.db, self._snapshot)

    def revert(self) -> None:
        self._snapshot = self._delete(self.db, self.created_id)


class DeleteCommand(ServiceCommand):
    """``delete(db)`` removes rows and returns what puts them back, a snapshot by default; undo gives that to
    ``restore`` (by default: every row back as it was). Merging ideas is a delete of this shape too: the
    ideas merged away go, and undo brings them back."""

    def __init__(
        self,
        text: str,
        delete: Callable[[Database], Any],
        restore: Callable[[Database, Any], None] = restore_deleted,
    ) -> None:
        super().__init__(text)
        self._delete = delete
        self._restore = restore
        self._snapshot: Any = None

    def do(self) -> None:
        self._snapshot = self._delete(self.db)

    def revert(self) -> None:
        self._restore(self.db, self._snapshot)


class PlanCommand(ServiceCommand):
    """A time-plan action: ``action(db)`` changes the plan and returns it as it was; undo and redo put the
    whole plan back (so every plan action, from a minute edit to a kit template, undoes the same way)."""

    def __init__(self, text: str, session_id: uuid.UUID, action: Callable[[Database], Any]) -> None:
        super().__init__(text)
        self._session_id = session_id
        self._action = action
        self._before: Any = None
        self._after: Any = None

    def do(self) -> None:
        from desktop.services import timeplan

        if self._after is None:
            self._before = self._action(self.db)
            self._after = timeplan.load_plan(self.db, self._session_id)
        else:
            timeplan.restore_plan(self.db, self._after)

    def revert(self) -> None:
        from desktop.services import timeplan

        timeplan.restore_plan(self.db, self._before)

    def is_noop(self) -> bool:
        return self._before == self._after


class StoredEditCommand(ServiceCommand):
    """An edit of one stored whole (a journey map, a group's idea board, a prototype): ``operation``, a pure
    domain function, is applied to it by the service; undo and redo put the whole value back, as for the
    time plan. Subclasses name the service functions in ``_store``: (edit, load, put)."""

    MERGING = 1  # the undo stack's id for commands that may merge (see ``merge``)

    def __init__(self, text: str, key: uuid.UUID, operation: Callable[[Any], Any], merge: Any = None) -> None:
        """``merge``: commands of one kind and key with the same (not None) ``merge`` that follow each other
        on the stack are one undo step (the arrow presses moving one note)."""
        super().__init__(text)
        self.key = key
        self._operation = operation
        self._merge = merge
        self._before: Any = None
        self._after: Any = None

    def id(self) -> int:
        return self.MERGING if self._merge is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt override
        if type(other) is not type(self) or (other.key, other._merge) != (self.key, self._merge):
            return False
        self._after = other._after
        self.setObsolete(self._before == self._after)  # moved back where it was: no step at all
        return True

    @staticmethod
    def _store() -> tuple[Callable, Callable, Callable]:
        raise NotImplementedError

    def do(self) -> None:
        edit, load, put = self._store()
        if self._after is None:
            self._before = edit(self.db, self.key, self._operation)
            self._after = load(self.db, self.key)
        else:
            put(self.db, self.key, self._after)

    def revert(self) -> None:
        _edit, _load, put = self._store()
        put(self.db, self.key, self._before)

    def is_noop(self) -> bool:
        return self._before == self._after


class JourneyCommand(StoredEditCommand):
    @property
    def map_id(self) -> uuid.UUID:
        return self.key

    @staticmethod
    def _store():
        from desktop.services import journeys

        return journeys.edit_map, journeys.load_map, journeys.set_map


class BoardCommand(StoredEditCommand):
    """An edit of a leader group's ideas (keyed by the group)."""

    @staticmethod
    def _store():
        from desktop.services import ideas

        return ideas.edit_board, ideas.load_board, ideas.set_board


class PrototypeCommand(StoredEditCommand):
    @staticmethod
    def _store():
        from desktop.services import prototypes

        return prototypes.edit_prototype, prototypes.load_prototype, prototypes.set_prototype


class NewPrototypeCommand(ServiceCommand):
    """A new prototype of an idea; the idea becomes chosen with it, and undo puts both back."""

    def __init__(self, text: str, group_id: uuid.UUID, prototype: Any) -> None:
        super().__init__(text)
        self._group_id = group_id
        self.prototype = prototype
        self._was_chosen = False

    def do(self) -> None:
        from desktop.services import prototypes

        self._was_chosen = prototypes.create_prototype(self.db, self._group_id, self.prototype)

    def revert(self) -> None:
        from desktop.services import prototypes

        prototypes.undo_create(self.db, self.prototype.id, self._was_chosen)
