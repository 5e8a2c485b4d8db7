"""The time-plan editor of a session: blocks with computed start times, pinned blocks, gaps and overlaps
shown (never silently fixed), the planned total against the session's length, and one-click rebalance.

The model only displays; every edit is asked for with a signal and done by an undoable PlanCommand.
"""

from __future__ import annotations

import uuid
from datetime import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QItemSelectionModel, QMimeData, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QStyledItemDelegate,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import timeplan as tp
from desktop.domain.kit import BlockCategory
from desktop.domain.rules import format_time, norwegian_key
from desktop.errors import ValidationError
from desktop.i18n import _
from desktop.services import timeplan
from desktop.ui.commands import PlanCommand
from desktop.ui.widgets import FieldErrors, remember_splitter, time_edit, to_time

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

MIME = "application/x-lup-block-row"
GAP = QColor("#fff4cc")
OVERLAP = QColor("#ffd9d6")
REST = QColor("#eef2f6")
RESTING = (BlockCategory.BREAK, BlockCategory.LUNCH)
BLOCK_ROLE = Qt.ItemDataRole.UserRole + 2


def duration(minutes: int) -> str:
    """«6 t 45 min», «45 min», «-10 min»."""
    sign = "-" if minutes < 0 else ""
    hours, rest = divmod(abs(minutes), 60)
    if hours and rest:
        return f"{sign}{hours} t {rest} min"
    return f"{sign}{hours} t" if hours else f"{sign}{rest} min"


class PlanModel(QAbstractTableModel):
    """Rows are blocks; columns: start, minutes, title, category, method, actual."""

    edit_requested = Signal(object, object, str, object)  # session id, block id, field, value
    refused = Signal(str)  # what was typed in a cell cannot be read (the message says what can)
    move_requested = Signal(object, int)  # block ids (in order), the row they go before

    START, MINUTES, TITLE, CATEGORY, METHOD, ACTUAL = range(6)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.plan: timeplan.Plan | None = None
        self.schedule: tp.Schedule | None = None
        self.actuals: dict = {}  # the recorded run's BlockActual by row
        self.method_titles: dict[str, str] = {}

    def headers(self) -> list[str]:
        return [_("Start"), _("Min"), _("Blokk"), _("Type"), _("Metode"), _("Faktisk")]

    def set_plan(self, plan: timeplan.Plan, method_titles: dict[str, str]) -> None:
        self.beginResetModel()
        self.plan = plan
        self.schedule = plan.schedule()
        self.actuals = timeplan.recorded_actuals(plan)
        self.method_titles = method_titles
        self.endResetModel()

    def block(self, row: int) -> timeplan.Block:
        return self.plan.blocks[row]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() or self.plan is None else len(self.plan.blocks)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        block = self.plan.blocks[index.row()]
        slot = self.schedule.blocks[index.row()]
        column = index.column()
        if role == BLOCK_ROLE:
            return block.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == self.START:
                return tp.format_clock(slot.start)
            if column == self.MINUTES:  # typed as text: «+5», «1:30» (timeplan.typed_minutes)
                return block.minutes if role == Qt.ItemDataRole.DisplayRole else str(block.minutes)
            if column == self.TITLE:
                return block.title
            if column == self.CATEGORY:
                return block.category.label if role == Qt.ItemDataRole.DisplayRole else block.category.value
            if column == self.METHOD:
                if role == Qt.ItemDataRole.EditRole:
                    return block.method_id or ""
                return self.method_titles.get(block.method_id or "", block.method_id or "")
            if column == self.ACTUAL and index.row() in self.actuals:
                return round(self.actuals[index.row()].minutes)  # running time, as the run and reports say
        if role == Qt.ItemDataRole.FontRole and column == self.START and slot.pinned:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and slot.gap_before:
            return QBrush(OVERLAP if slot.gap_before < 0 else GAP)
        if role == Qt.ItemDataRole.BackgroundRole and slot.end > self.schedule.session_end:
            return QBrush(OVERLAP)  # runs past the session's end
        if role == Qt.ItemDataRole.BackgroundRole and block.category in RESTING:
            return QBrush(REST)  # breaks and lunch stand apart from the work, as on the handout
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(block, slot)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.START, self.MINUTES, self.ACTUAL):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _tooltip(self, block: timeplan.Block, slot: tp.ScheduledBlock) -> str:
        lines = [f"{tp.format_clock(slot.start)}–{tp.format_clock(slot.end)}  {block.title}"]
        if slot.pinned:
            lines.append(_("Fast starttid {time}").format(time=tp.format_clock(slot.start)))
        if slot.gap_before > 0:
            lines.append(_("Hull på {d} før denne blokken").format(d=duration(slot.gap_before)))
        elif slot.gap_before < 0:
            lines.append(_("Overlapper forrige blokk med {d}").format(d=duration(-slot.gap_before)))
        if slot.end > self.schedule.session_end:
            lines.append(
                _("Slutter etter samlingens slutt ({time})").format(
                    time=tp.format_clock(self.schedule.session_end)
                )
            )
        return "\n".join(lines)

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled
        if not index.isValid():
            return base
        flags = (
            base | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )
        if index.column() in (self.MINUTES, self.TITLE, self.CATEGORY, self.METHOD):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: QModelIndex, value: Any, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        field = {
            self.MINUTES: "minutes",
            self.TITLE: "title",
            self.CATEGORY: "category",
            self.METHOD: "method_id",
        }.get(index.column())
        if field is None:
            return False
        if field == "minutes":
            try:
                value = tp.typed_minutes(value, self.plan.blocks[index.row()].minutes)
            except ValidationError as exc:
                self.refused.emit(exc.message)
                return False
        if field == "category":
            value = BlockCategory(value)
        self.edit_requested.emit(self.plan.session_id, self.plan.blocks[index.row()].id, field, value)
        return False  # the command changes the data; the model is reloaded from it

    # drag to reorder
    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME]

    def mimeData(self, indexes) -> QMimeData:  # noqa: N802
        data = QMimeData()
        rows = sorted({i.row() for i in indexes})
        data.setData(MIME, " ".join(map(str, rows)).encode())
        return data

    def dropMimeData(self, data: QMimeData, action, row: int, column: int, parent: QModelIndex) -> bool:  # noqa: N802
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME) or self.plan is None:
            return False
        try:
            rows = sorted({int(x) for x in bytes(data.data(MIME)).decode().split()})
        except ValueError:
            return False
        blocks = self.plan.blocks
        if not rows or not 0 <= rows[0] <= rows[-1] < len(blocks):
            return False
        before = row if row >= 0 else (parent.row() if parent.isValid() else len(blocks))
        ids = [blocks[r].id for r in rows]
        if [b.id for b in tp.move_before(blocks, rows, before)] != [b.id for b in blocks]:
            self.move_requested.emit(ids, before)
        return False  # nothing is removed by the view: the command reorders


def plan_shortcuts() -> tuple[tuple[str, str, str], ...]:
    """The time plan's actions and their keys (while the plan has focus): (name, text, key). One list for
    the actions and for the key help."""
    return (
        ("from_kit", _("Fra arbeidspakke …"), "Ctrl+K"),
        ("copy", _("Kopier fra samling …"), ""),
        ("add", _("Ny blokk"), "Ctrl+Return"),
        ("duplicate", _("Dupliser"), "Ctrl+D"),
        ("remove", _("Fjern"), "Del"),
        ("up", _("Flytt opp"), "Ctrl+Up"),
        ("down", _("Flytt ned"), "Ctrl+Down"),
        ("rebalance", _("Fordel resten"), "Ctrl+R"),
        ("run", _("Kjør samlingen ▶"), "Ctrl+Shift+R"),
    )


class CategoryDelegate(QStyledItemDelegate):
    def createEditor(self, parent, option, index):  # noqa: N802
        combo = QComboBox(parent)
        for category in BlockCategory:
            combo.addItem(category.label, category.value)
        return combo

    def setEditorData(self, editor, index) -> None:  # noqa: N802
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor, model, index) -> None:  # noqa: N802
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class MethodDelegate(QStyledItemDelegate):
    """The block's method card, chosen from the kit's (or none)."""

    def createEditor(self, parent, option, index):  # noqa: N802
        combo = QComboBox(parent)
        combo.addItem(_("(ingen metode)"), "")
        titles = index.model().method_titles
        for method_id, title in sorted(titles.items(), key=lambda item: norwegian_key(item[1])):
            combo.addItem(title, method_id)
        return combo

    def setEditorData(self, editor, index) -> None:  # noqa: N802
        method_id = index.data(Qt.ItemDataRole.EditRole)
        if method_id and editor.findData(method_id) < 0:  # a card the kit no longer has: kept as it is
            editor.addItem(method_id, method_id)
        editor.setCurrentIndex(max(0, editor.findData(method_id)))

    def setModelData(self, editor, model, index) -> None:  # noqa: N802
        model.setData(index, editor.currentData() or None, Qt.ItemDataRole.EditRole)


class TimePlanEditor(QWidget):
    """The "Tidsplan" tab of a session."""

    run_requested = Signal(object)  # session id

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.session_id: uuid.UUID | None = None
        self._flushing = False  # storing typed details (an edit they start must not store them again)
        self.errors = FieldErrors()
        self.model = PlanModel(self)
        # Queued: the edit reloads the model, which must not happen while the cell's editor is committing
        # (the keys stayed with the closed editor, and Qt warned of an editor not of this view).
        self.model.edit_requested.connect(self._edit_field, Qt.ConnectionType.QueuedConnection)
        self.model.refused.connect(self._say)
        self.model.move_requested.connect(self._move)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(PlanModel.CATEGORY, CategoryDelegate(self.table))
        self.table.setItemDelegateForColumn(PlanModel.METHOD, MethodDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.table.setDragEnabled(True)
        self.table.setAcceptDrops(True)
        self.table.setDropIndicatorShown(True)
        self.table.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(  # typing in a cell writes in it, as in a spreadsheet (also during a run)
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setAlternatingRowColors(False)
        self.table.setAccessibleName(_("Tidsplan"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PlanModel.TITLE, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show_details())

        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        slots = {
            "from_kit": self._from_kit,
            "copy": self._copy_from,
            "add": self._add,
            "duplicate": self._duplicate,
            "remove": self._remove,
            "up": lambda: self._shift(-1),
            "down": lambda: self._shift(1),
            "rebalance": self._rebalance,
            "run": lambda: self.run_requested.emit(self.session_id),
        }
        for name, text, key in plan_shortcuts():
            if name in ("add", "rebalance", "run"):
                self.toolbar.addSeparator()
            setattr(self, f"{name}_action", self._action(text, slots[name], key))
        self.rebalance_action.setToolTip(
            _(
                "Juster lengden på blokkene fra den valgte og ut, slik at planen slutter i tide "
                "(faste blokker står)."
            )
        )

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #8a3b00;")

        details = QWidget()
        form = QFormLayout(details)
        self.pin_box = QCheckBox(_("Fast starttid"))
        self.pin_time = time_edit(time(11, 30))
        pin_row = QHBoxLayout()
        pin_row.addWidget(self.pin_box)
        pin_row.addWidget(self.pin_time)
        pin_row.addStretch(1)
        pin_widget = QWidget()
        pin_widget.setLayout(pin_row)
        pin_row.setContentsMargins(0, 0, 0, 0)
        self.errors.add_row(form, _("Tidspunkt"), pin_widget, "pinned")
        self.pin_box.toggled.connect(lambda _on: self._pin())
        self.pin_time.editingFinished.connect(lambda: self.pin_box.isChecked() and self._pin())
        self.materials = QLineEdit()
        self.materials.setPlaceholderText(_("Skill med komma: post-it, tusjer, A3-ark"))
        self.materials.editingFinished.connect(lambda: self._detail("materials", self._materials_value()))
        self.errors.add_row(form, _("Materiell"), self.materials, "materials")
        from desktop.ui.pages import CommitTextEdit

        self.projector = CommitTextEdit()
        self.projector.setMaximumHeight(70)
        self.projector.setPlaceholderText(_("Det rommet ser på veggen mens blokken pågår"))
        self.projector.editingFinished.connect(
            lambda: self._detail("projector_text", self.projector.toPlainText())
        )
        self.errors.add_row(form, _("På veggen"), self.projector, "projector_text")
        self.notes = CommitTextEdit()
        self.notes.setMaximumHeight(70)
        self.notes.setPlaceholderText(_("Bare for veilederen"))
        self.notes.editingFinished.connect(lambda: self._detail("notes", self.notes.toPlainText()))
        self.errors.add_row(form, _("Notater"), self.notes, "notes")
        self.details = details

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.toolbar)
        top_layout.addWidget(self.table, 1)
        top_layout.addWidget(self.summary)
        top_layout.addWidget(self.warnings)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b00020; font-weight: 600;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        top_layout.addWidget(self.error_label)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(details)
        split.setStretchFactor(0, 3)
        remember_splitter(split, context.settings, "timeplan/details")
        layout = QVBoxLayout(self)
        layout.addWidget(split)

    def _action(self, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        action.setIconText(text)  # Qt would drop the «…» of a button that opens a dialog
        action.triggered.connect(lambda _checked=False: slot())
        self.toolbar.addAction(action)
        self.toolbar.widgetForAction(action).setFocusPolicy(Qt.FocusPolicy.TabFocus)  # reached by Tab too
        return action

    # --- loading ----------------------------------------------------------------------------------------

    def load(self, session_id: uuid.UUID) -> None:
        self.session_id = session_id
        plan = timeplan.load_plan(self.context.db, session_id)
        current = self.current_block()
        row = self.table.currentIndex().row()
        kit = self.context.kit(plan.kit_id) if plan.kit_id else None
        titles = {m.id: m.title for m in kit.methods} if kit else {}
        self.model.set_plan(plan, titles)
        if current is not None and any(b.id == current.id for b in plan.blocks):
            self.select_block(current.id)
        elif row >= 0 and plan.blocks:  # the selected block went: select the one now in its place
            self.table.setCurrentIndex(self.model.index(min(row, len(plan.blocks) - 1), PlanModel.TITLE))
        self._show_summary()
        self._show_details()

    def _show_summary(self) -> None:
        plan, sched = self.model.plan, self.model.schedule
        if not plan.blocks:
            self.summary.setText(
                _(
                    "Ingen tidsplan ennå. Lag den fra arbeidspakken, kopier en annen samlings plan, "
                    "eller legg til blokker."
                )
            )
            self.warnings.hide()
            return
        if sched.over_by > 0:
            state = _("{d} for lang").format(d=duration(sched.over_by))
        elif sched.over_by < 0:
            state = _("{d} til overs").format(d=duration(-sched.over_by))
        elif sched.overlaps:
            state = _("slutter i tide, men blokker overlapper (se under)")
        elif sched.gaps:
            state = _("slutter i tide, med hull (se under)")
        else:
            state = _("slutter i tide")
        self.summary.setText(
            _("Planlagt {planned} av {length} · {start}–{end} · {state}").format(
                planned=duration(sched.planned_minutes),
                length=duration(sched.session_minutes),
                start=tp.format_clock(sched.session_start),
                end=tp.format_clock(sched.end),
                state=state,
            )
        )
        notes = []
        for slot in sched.blocks:
            title = plan.blocks[slot.index].title
            if slot.gap_before > 0:
                notes.append(
                    _("Hull på {d} før «{title}» ({time}).").format(
                        d=duration(slot.gap_before), title=title, time=tp.format_clock(slot.start)
                    )
                )
            elif slot.gap_before < 0:
                notes.append(
                    _("«{title}» ({time}) overlapper blokken før med {d}.").format(
                        d=duration(-slot.gap_before), title=title, time=tp.format_clock(slot.start)
                    )
                )
        if sched.over_by > 0:
            notes.append(
                _(
                    "Planen går {d} over samlingens slutt ({time}). Kort ned blokker (Ctrl+R fordeler "
                    "resten), eller endre tidene under Detaljer."
                ).format(d=duration(sched.over_by), time=tp.format_clock(sched.session_end))
            )
        self.warnings.setText("\n".join(notes))
        self.warnings.setVisible(bool(notes))

    def current_block(self) -> timeplan.Block | None:
        index = self.table.currentIndex()
        if not index.isValid() or self.model.plan is None or index.row() >= len(self.model.plan.blocks):
            return None
        return self.model.block(index.row())

    def select_block(self, block_id: uuid.UUID) -> None:
        self.select_blocks([block_id])

    def select_blocks(self, block_ids: list[uuid.UUID]) -> None:
        """Select the rows of ``block_ids``; the first of them becomes the current row."""
        wanted = set(block_ids)
        rows = [row for row, block in enumerate(self.model.plan.blocks) if block.id in wanted]
        if not rows:
            return
        selection = self.table.selectionModel()
        self.table.setCurrentIndex(self.model.index(rows[0], PlanModel.TITLE))
        for row in rows[1:]:
            selection.select(
                self.model.index(row, PlanModel.TITLE),
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _show_details(self) -> None:
        block = self.current_block()
        self.details.setEnabled(block is not None)
        for widget in (self.pin_box, self.pin_time):
            widget.blockSignals(True)
        self.pin_box.setChecked(bool(block and block.pinned_start))
        if block and block.pinned_start:
            self.pin_time.setTime(block.pinned_start)
        elif block is not None:
            slot = self.model.schedule.blocks[self.table.currentIndex().row()]
            self.pin_time.setTime(time(*divmod(min(slot.start, 24 * 60 - 1), 60)))
        for widget in (self.pin_box, self.pin_time):
            widget.blockSignals(False)
        self.materials.setText(", ".join(block.materials) if block else "")
        self.projector.setPlainText(block.projector_text if block else "")
        self.projector.document().setModified(False)
        self.notes.setPlainText(block.notes if block else "")
        self.notes.document().setModified(False)

    def _flush_details(self) -> None:
        """Text typed in the details and not yet stored (a toolbar button takes no focus) is stored first."""
        block = self.current_block()
        if block is None or self._flushing:
            return
        pending = {}
        if self.projector.document().isModified():
            pending["projector_text"] = self.projector.toPlainText()
        if self.notes.document().isModified():
            pending["notes"] = self.notes.toPlainText()
        if self._materials_value() != block.materials and self.materials.isModified():
            pending["materials"] = self._materials_value()
        self._flushing = True
        try:
            for field, value in pending.items():
                self._detail(field, value)
        finally:
            self._flushing = False
        self.projector.document().setModified(False)
        self.notes.document().setModified(False)
        self.materials.setModified(False)

    def _materials_value(self) -> tuple[str, ...]:
        return tuple(part.strip() for part in self.materials.text().split(",") if part.strip())

    # --- actions ----------------------------------------------------------------------------------------

    def _edit_field(self, session_id: uuid.UUID, block_id: uuid.UUID, field: str, value) -> None:
        """A cell's edit, stored once its editor has closed: in the session it was made in, also when a
        click elsewhere has shown another session meanwhile."""
        label = {
            "minutes": _("Endre minutter"),
            "title": _("Endre tittel på blokk"),
            "category": _("Endre type blokk"),
            "method_id": _("Endre metode"),
        }[field]
        self._perform_shown(
            label, lambda db: timeplan.update_block(db, session_id, block_id, **{field: value}), session_id
        )

    def _perform_shown(self, text: str, action, session_id: uuid.UUID | None = None) -> bool:
        """Plan edits from the table: a refusal is shown under the table (the table has no field labels)."""
        from desktop.errors import LupError

        self.error_label.hide()
        session_id = session_id or self.session_id
        if session_id == self.session_id:
            self._flush_details()
        command = PlanCommand(text, session_id, action)
        try:
            command.first_run(self.context.db)
        except LupError as exc:
            if session_id == self.session_id:
                self._say(exc.message)
            else:  # the edit of a session just left: not under the plan shown now
                self.context.error.emit(exc.message)
            return False
        self.context.push_done(command)
        return True

    def _detail(self, field: str, value) -> None:
        block = self.current_block()
        if block is None or getattr(block, field) == value:
            return
        labels = {
            "materials": _("Endre materiell"),
            "projector_text": _("Endre tekst på veggen"),
            "notes": _("Endre notater"),
        }
        self._perform_shown(
            labels[field], lambda db: timeplan.update_block(db, self.session_id, block.id, **{field: value})
        )

    def _pin(self) -> None:
        block = self.current_block()
        if block is None:
            return
        value = to_time(self.pin_time) if self.pin_box.isChecked() else None
        if value == block.pinned_start:
            return
        text = (
            _("Fest «{title}» til {time}").format(title=block.title, time=format_time(value))
            if value
            else _("Løsne «{title}»").format(title=block.title)
        )
        self._perform_shown(
            text, lambda db: timeplan.update_block(db, self.session_id, block.id, pinned_start=value)
        )

    def _add(self) -> None:
        index = self.table.currentIndex()
        position = index.row() + 1 if index.isValid() else None
        block = timeplan.new_block()
        if self._perform_shown(
            _("Ny blokk"), lambda db: timeplan.add_block(db, self.session_id, block, position)
        ):
            self.select_block(block.id)
            self.table.edit(self.model.index(self.table.currentIndex().row(), PlanModel.TITLE))

    def add_method(self, method) -> None:
        """A method card as a new block after the selected one (its steps' minutes, materials, purpose)."""
        index = self.table.currentIndex()
        position = index.row() + 1 if index.isValid() else None
        block = timeplan.new_block(
            method.title,
            method.minutes,
            category=BlockCategory.EXERCISE,
            method_id=method.id,
            materials=method.materials,
            projector_text=method.purpose,
        )
        text = _("Legg til metoden «{title}»").format(title=method.title)
        if self._perform_shown(text, lambda db: timeplan.add_block(db, self.session_id, block, position)):
            self.select_block(block.id)

    def _duplicate(self) -> None:
        """Copies of the selected blocks after the selection, selected (Ctrl+D again copies them again)."""
        rows = self.selected_rows()
        ids = [self.model.block(r).id for r in rows]
        if not ids:
            return
        text = (
            _("Dupliser «{title}»").format(title=self.model.block(rows[0]).title)
            if len(ids) == 1
            else _("Dupliser {n} blokker").format(n=len(ids))
        )
        before = {b.id for b in self.model.plan.blocks}
        if self._perform_shown(text, lambda db: timeplan.duplicate_blocks(db, self.session_id, ids)):
            self.select_blocks([b.id for b in self.model.plan.blocks if b.id not in before])

    def _remove(self) -> None:
        rows = self.selected_rows()
        ids = {self.model.block(r).id for r in rows}
        if ids:
            text = (
                _("Fjern «{title}»").format(title=self.model.block(rows[0]).title)
                if len(ids) == 1
                else _("Fjern {n} blokker").format(n=len(ids))
            )
            self._perform_shown(text, lambda db: timeplan.remove_blocks(db, self.session_id, ids))

    def selected_rows(self) -> list[int]:
        """The selected rows in order (the current row when none is selected)."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if not rows and self.current_block() is not None:
            rows = [self.table.currentIndex().row()]
        return rows

    def _shift(self, step: int) -> None:
        """Ctrl+Up/Down: the selected blocks one place up or down, together."""
        rows = self.selected_rows()
        if not rows:
            return
        before = rows[0] - 1 if step < 0 else rows[-1] + 2
        if 0 <= before <= len(self.model.plan.blocks):
            self._move([self.model.block(r).id for r in rows], before)

    def _move(self, block_ids: list[uuid.UUID], before: int) -> None:
        blocks = self.model.plan.blocks
        titles = [b.title for b in blocks if b.id in set(block_ids)]
        if not titles:
            return
        text = (
            _("Flytt «{title}»").format(title=titles[0])
            if len(titles) == 1
            else _("Flytt {n} blokker").format(n=len(titles))
        )
        if self._perform_shown(text, lambda db: timeplan.move_blocks(db, self.session_id, block_ids, before)):
            self.select_blocks(block_ids)

    def _rebalance(self) -> None:
        index = self.table.currentIndex()
        start = index.row() if index.isValid() else 0
        if not self.model.plan.blocks:
            return
        title = self.model.block(start).title
        if not any(part.adjustable for part in self.model.plan.segments_from(start)):
            self._say(
                _(
                    "Ingen blokker fra «{title}» og ut dagen kan endres (pauser, lunsj og faste tider står). "
                    "Velg en tidligere blokk."
                ).format(title=title)
            )
            return
        done = self._perform_shown(
            _("Fordel tiden fra «{title}»").format(title=title),
            lambda db: timeplan.rebalance(db, self.session_id, start),
        )
        if done and not all(part.fits for part in self.model.plan.segments_from(start) if part.adjustable):
            # Not silently half-done: say why the day still does not fit.
            self._say(
                _(
                    "Dagen får ikke plass selv med kortest mulige blokker (pauser og faste tider står). "
                    "Ta bort en blokk, eller flytt en fast tid."
                )
            )

    def _say(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def _from_kit(self) -> None:
        from desktop.ui import context
        from desktop.ui.plan_dialogs import choose_template

        choice = choose_template(self, self.context, self.model.plan, self.session_id)
        if choice is None:
            return
        kit, template = choice
        plan = self.model.plan
        start, end = timeplan.template_hours(template)
        hours = False
        ran = plan is not None and any(b.actual_start for b in plan.blocks)
        if plan is not None and not ran and (plan.start, plan.end) != (start, end):
            hours = context.ask(
                self,
                _("Bruke malens tider?"),
                _(
                    "«{title}» er laget for {start}–{end}, og samlingen er satt til {own_start}–{own_end}. "
                    "Skal samlingen gå {start}–{end}? (Nei: planen legges inn i samlingens tider.)"
                ).format(
                    title=template.title,
                    start=format_time(start),
                    end=format_time(end),
                    own_start=format_time(plan.start),
                    own_end=format_time(plan.end),
                ),
            )
        self._perform_shown(
            _("Tidsplan fra «{title}»").format(title=template.title),
            lambda db: timeplan.plan_from_template(db, self.session_id, kit, template.id, hours=hours),
        )

    def _copy_from(self) -> None:
        from desktop.ui.plan_dialogs import choose_session_plan

        other = choose_session_plan(self, self.context, self.session_id, self.model.plan)
        if other is not None:
            self._perform_shown(
                _("Kopier tidsplan"), lambda db: timeplan.copy_plan(db, self.session_id, other)
            )
