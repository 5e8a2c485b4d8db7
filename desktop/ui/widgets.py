"""Small widgets the forms and dialogs share: field errors shown at the field, a form dialog, a facilitator
checklist, and date/time editors with Norwegian formats (``OptionalDate`` for a date that may be left out)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from datetime import date, time
from typing import Any

from PySide6.QtCore import QDate, QEvent, QSize, Qt, QTime, Signal
from PySide6.QtGui import QFont, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import LupError, ValidationError
from desktop.i18n import _

ERROR_STYLE = "color: #b00020; font-weight: 600;"
ID_ROLE = Qt.ItemDataRole.UserRole
# An optional date edit's "no date" value: its minimum, shown as «ikke satt», never stored.
NO_DATE = QDate(2000, 1, 1)


class FieldErrors:
    """Error labels under the fields of a form, keyed by the service's field names."""

    def __init__(self) -> None:
        self._labels: dict[str, QLabel] = {}
        self._widgets: dict[str, QWidget] = {}

    def add_row(self, form: QFormLayout, label: str, widget: QWidget, *fields: str) -> None:
        """Add ``widget`` to ``form`` with an (initially hidden) error line for the named fields."""
        error = QLabel()
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        layout.addWidget(error)
        form.addRow(label, box)
        for field in fields:
            self._labels[field] = error
            self._widgets[field] = widget

    def show(self, exc: ValidationError, focus: bool = True) -> bool:
        """Show the error under its field; ``focus`` moves there (dialogs), not when the field is being left
        (a form edit committed on focus-out must not pull the user back)."""
        label = self._labels.get(exc.field)
        if label is None:
            return False
        label.setText(exc.message)
        label.show()
        if focus:
            self._widgets[exc.field].setFocus()
        return True

    def clear(self) -> None:
        for label in self._labels.values():
            label.clear()
            label.hide()

    def message(self, field: str) -> str:
        label = self._labels.get(field)
        return label.text() if label is not None and not label.isHidden() else ""


class FieldEdit(QLineEdit):
    """A form field whose Ctrl+Z, once its own typing is stored (nothing left to undo in the field), undoes
    the register's last edit: the facilitator means the stored edit, not the field's private history."""

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            undo = event.matches(QKeySequence.StandardKey.Undo)
            redo = event.matches(QKeySequence.StandardKey.Redo) or QKeySequence(event.keyCombination()) == (
                QKeySequence("Ctrl+Shift+Z")
            )
            if (undo and not self.isUndoAvailable()) or (redo and not self.isRedoAvailable()):
                event.ignore()  # not taken by the field: the application's shortcut runs
                return True
        return super().event(event)


class FormDialog(QDialog):
    """A dialog of labelled fields whose OK runs ``accept_with``; a refusal is shown at its field and the
    dialog stays open with what was typed."""

    def __init__(self, parent: QWidget | None, title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.form = QFormLayout()
        self.errors = FieldErrors()
        self.general_error = QLabel()
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Avbryt"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        self.accept_with: Callable[[], bool] | None = None
        self.fields: dict[str, QWidget] = {}

    def add(self, label: str, widget: QWidget, *fields: str) -> QWidget:
        """Add a labelled field; ``fields`` are the service field names whose errors show under it."""
        self.errors.add_row(self.form, label, widget, *fields)
        for field in fields:
            self.fields.setdefault(field, widget)
        return widget

    def accept(self) -> None:
        self.errors.clear()
        self.general_error.hide()
        try:
            ok = self.accept_with() if self.accept_with else True
        except ValidationError as exc:
            if not self.errors.show(exc):
                self._general(exc.message)
            return
        except LupError as exc:
            self._general(exc.message)
            return
        if ok:
            super().accept()

    def _general(self, message: str) -> None:
        self.general_error.setText(message)
        self.general_error.show()


class FacilitatorChecklist(QListWidget):
    """Check the facilitators of a cohort or session; ``edited`` carries the checked ids."""

    edited = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaximumHeight(150)
        self.itemChanged.connect(lambda _item: self.edited.emit(self.checked_ids()))

    def set_choices(self, choices: Iterable[Any], checked: Iterable[uuid.UUID]) -> None:
        checked = set(checked)
        row = self.currentRow()  # a keyboard user toggling with Space keeps her place
        self.blockSignals(True)
        self.clear()
        for choice in choices:
            item = QListWidgetItem(choice.name)
            item.setData(ID_ROLE, choice.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if choice.id in checked else Qt.CheckState.Unchecked)
            self.addItem(item)
        if 0 <= row < self.count():
            self.setCurrentRow(row)
        self.blockSignals(False)

    def checked_ids(self) -> list[uuid.UUID]:
        return [
            self.item(i).data(ID_ROLE)
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        ]


def first_size(widget: QWidget, width: int, height: int) -> None:
    """Give a window shown for the first time ``width`` × ``height``, or what its screen has room for (a
    1366 × 768 laptop), its title bar included."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    room = screen.availableGeometry()
    widget.resize(min(width, room.width()), min(height, room.height() - 40))


def remember_splitter(splitter: QSplitter, settings, name: str) -> None:
    """Put ``splitter`` where the facilitator left it last time (on any page of its kind), and remember where
    they move it. Without settings (a panel made alone) it keeps the sizes it was given."""
    if settings is None:
        return
    from desktop.ui.settings import splitter_state

    setting = splitter_state(name)
    state = settings.get(setting)
    if not state.isEmpty():
        splitter.restoreState(state)
    splitter.splitterMoved.connect(lambda *_moved: settings.set(setting, splitter.saveState()))


def local_shortcut(key, widget: QWidget, slot) -> QShortcut:
    """A key that acts only while ``widget`` has focus (a plain QShortcut is window-wide and would take
    Return, Delete or ↓ away from every other field and table in the window)."""
    shortcut = QShortcut(QKeySequence(key), widget, slot)
    shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
    return shortcut


def date_edit(value: date | None = None) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd.MM.yyyy")
    if value is not None:
        edit.setDate(QDate(value.year, value.month, value.day))
    return edit


class OptionalDate(QWidget):
    """A date that may be left out (a round's workshop not yet set, an initiative's end date).

    A date edit that shows «ikke satt» for no date (its minimum, ``NO_DATE``), and a ✕ button that clears
    it: clearing is one click, not scrolling the date back to 2000. ``value()`` is a ``date`` or None;
    ``set_value`` shows one without signalling. ``edited`` carries the new value (a date or None) once each
    time the facilitator changes it: on leaving the edit, on a day picked in the calendar, or on ✕.
    ``name`` is the field's accessible name (the ✕ button is named after it)."""

    edited = Signal(object)

    def __init__(self, name: str, value: date | None = None) -> None:
        super().__init__()
        self.edit = QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("dd.MM.yyyy")
        self.edit.setMinimumDate(NO_DATE)
        self.edit.setSpecialValueText(_("ikke satt"))
        self.edit.setAccessibleName(name)
        self.edit.setMinimumWidth(104)
        self.edit.editingFinished.connect(self._maybe_edited)
        self.edit.calendarWidget().clicked.connect(lambda _day: self._maybe_edited())
        self.clear_button = QToolButton()
        self.clear_button.setText("✕")
        self.clear_button.setToolTip(_("Fjern datoen"))
        self.clear_button.setAccessibleName(_("Fjern {name}").format(name=name.lower()))
        self.clear_button.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.clear_button)
        self.setFocusProxy(self.edit)
        self._reported: date | None = None
        self.set_value(value)

    def value(self) -> date | None:
        q = self.edit.date()
        return None if q == NO_DATE else date(q.year(), q.month(), q.day())

    def set_value(self, value: date | None) -> None:
        """Show ``value`` (None: «ikke satt») without emitting ``edited``."""
        self.edit.blockSignals(True)
        self.edit.setDate(QDate(value.year, value.month, value.day) if value else NO_DATE)
        if value is None:  # the calendar opens on today, not on the "none" date
            today = date.today()
            self.edit.calendarWidget().setCurrentPage(today.year, today.month)
        self.edit.blockSignals(False)
        self._reported = value

    def clear(self) -> None:
        """No date (as the ✕ button): ``edited`` says so when there was one."""
        if self.value() is not None:
            self.set_value(None)
            self.edited.emit(None)

    def _maybe_edited(self) -> None:
        value = self.value()
        if value != self._reported:
            self._reported = value
            self.edited.emit(value)


def time_edit(value: time | None = None) -> QTimeEdit:
    edit = QTimeEdit()
    edit.setDisplayFormat("HH:mm")
    if value is not None:
        edit.setTime(QTime(value.hour, value.minute))
    return edit


def to_date(edit: QDateEdit) -> date:
    q = edit.date()
    return date(q.year(), q.month(), q.day())


def to_time(edit: QTimeEdit) -> time:
    q = edit.time()
    return time(q.hour(), q.minute())


def combo_choice(combo: QComboBox, field: str, message: str):
    """The id of an editable combo's choice; text typed that matches no item is refused at ``field``."""
    index = combo.findText(combo.currentText().strip(), Qt.MatchFlag.MatchFixedString)
    if index < 0 or combo.itemData(index) is None:
        raise ValidationError(field, message)
    return combo.itemData(index)


def choice_combo(
    choices: Iterable[Any], current: uuid.UUID | None = None, none_text: str | None = None
) -> QComboBox:
    """A combo of ``Choice`` values (id in the item data); ``none_text`` adds an empty first choice."""
    combo = QComboBox()
    fill_choices(combo, choices, current, none_text)
    return combo


def index_of(combo: QComboBox, value: Any) -> int:
    """The index of the item whose data is ``value``, or -1. (``findData`` compares QVariants, which does
    not match Python objects such as UUIDs: this compares in Python.)"""
    return next((i for i in range(combo.count()) if combo.itemData(i) == value), -1)


def fill_choices(
    combo: QComboBox, choices: Iterable[Any], current: uuid.UUID | None, none_text: str | None
) -> None:
    combo.blockSignals(True)
    combo.clear()
    if none_text is not None:
        combo.addItem(none_text, None)
    for choice in choices:
        combo.addItem(choice.name, choice.id)
    combo.setCurrentIndex(max(0, index_of(combo, current)))
    combo.blockSignals(False)


class TextField(QPlainTextEdit):
    """A few lines of text that store themselves: Tab moves on; leaving the field or Ctrl+Enter emits
    ``commit`` (the owner stores it when it changed); Ctrl+Z with nothing left to undo in the field undoes
    the register's last edit (as ``FieldEdit``). ``lines`` is the height it asks for, ``grow`` lets it take
    spare room, ``scale`` enlarges the type (to be read across a room)."""

    commit = Signal()

    def __init__(self, lines: int = 3, grow: bool = False, scale: float = 1.0, min_lines: int = 2) -> None:
        super().__init__()
        self.setTabChangesFocus(True)
        if scale != 1.0:
            font = self.font()
            font.setPointSizeF(font.pointSizeF() * scale)
            self.setFont(font)
        self._lines, self._min_lines = lines, min_lines
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * min_lines + 14)
        self.setSizePolicy(
            QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred if grow else QSizePolicy.Policy.Maximum
        )
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            local_shortcut(key, self, self.commit.emit)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(280, self.fontMetrics().lineSpacing() * self._lines + 14)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override (a scroll area's is 70 px tall)
        return QSize(120, self.fontMetrics().lineSpacing() * self._min_lines + 14)

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:  # noqa: N802 - the same name as QLineEdit's, so forms treat both alike
        self.setPlainText(text)

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self.commit.emit()

    def commit_typing(self) -> None:
        """Store what is typed (the window does this before an undo or redo, so the typing is one step); the
        field then counts as unchanged, so the undone value is shown in it."""
        self.commit.emit()
        self.document().setModified(False)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            document = self.document()
            undo = event.matches(QKeySequence.StandardKey.Undo)
            redo = event.matches(QKeySequence.StandardKey.Redo) or QKeySequence(event.keyCombination()) == (
                QKeySequence("Ctrl+Shift+Z")
            )
            if (undo and not document.isUndoAvailable()) or (redo and not document.isRedoAvailable()):
                event.ignore()
                return True
        return super().event(event)


def button(text: str, slot, tip: str = "") -> QPushButton:
    """A push button that calls ``slot()`` (without Qt's ``checked`` argument) when clicked."""
    result = QPushButton(text)
    result.clicked.connect(lambda: slot())
    if tip:
        result.setToolTip(tip)
    return result


def bold(label: QLabel, scale: float = 1.0) -> QLabel:
    """``label`` in semi-bold type, ``scale`` times its size."""
    font = label.font()
    font.setWeight(QFont.Weight.DemiBold)
    if scale != 1.0:
        font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


def rows_table(table: QTableView, name: str) -> QTableView:
    """``table`` set up as a list of read-only rows: whole rows selected one at a time, no row numbers,
    alternating colours, one line per cell; ``name`` for screen readers."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.setAccessibleName(name)
    return table
