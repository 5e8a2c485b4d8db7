"""The "Idéer" tab of a leader group: capture ideas fast, group them in themes, let the room vote with dots,
place them on the impact/effort matrix, choose which to take further, and show the result on the wall.

Every edit is one undoable ``BoardCommand`` (a pure operation on the group's board). An edit the rules
refuse (a participant out of dots, an empty idea) is tried on the board in memory first and explained in
the panel's message line, where the facilitator is looking, not in a dialog.
"""

from __future__ import annotations

import textwrap
import uuid
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import ideas as board_ops
from desktop.domain.ideas import COUNTED_MAX, DOTS_MAX, Board, Idea, Theme, dots_count
from desktop.errors import LupError, ValidationError
from desktop.i18n import _
from desktop.services import ideas
from desktop.ui import context as context_module
from desktop.ui.actions import RegisterActions
from desktop.ui.commands import BoardCommand, DeleteCommand
from desktop.ui.context import AppContext
from desktop.ui.idea_matrix import MatrixView, render_matrix
from desktop.ui.idea_wall import render_ranking
from desktop.ui.widgets import FormDialog, index_of, local_shortcut, remember_splitter

KIND_ROLE = Qt.ItemDataRole.UserRole  # ("idea" | "theme", id); the "no theme" bucket is ("theme", None)
IDEAS, VOTING, MATRIX = 0, 1, 2
COL_TEXT, COL_VOTES, COL_PLACE, COL_SOURCE, COL_CHOSEN = range(5)
ERROR_STYLE = "color: #a4262c; font-weight: bold;"
COUNTED = "counted"  # the voter list's entry for dots counted off a paper wall (no participant)
NOTE_STYLE = "color: #1d5f8a;"
SIMILAR = 0.6  # ideas at least this alike (shared words) are marked «lik» in the merge dialog


def dots_text(used: int, total: int) -> str:
    return "●" * used + "○" * max(0, total - used)


def dots_cell(dots: int, count: bool = False) -> str:
    """Dots as dots, cut short with the number once there are too many to count at a glance (the number
    always with ``count``)."""
    text = "●" * min(dots, 10) + ("…" if dots > 10 else "")
    return f"{text}  {dots}" if dots and (count or dots > 10) else text


def idea_shortcuts() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """The idea board's keys: (name, text, keys). One list for the shortcuts and for the key help."""
    return (
        ("ideas_view", _("Idéer og temaer"), ("Alt+1",)),
        ("votes_view", _("Prikkstemming"), ("Alt+2",)),
        ("matrix_view", _("Matrise"), ("Alt+3",)),
        ("delete", _("Slett idéen (i listen)"), ("Del",)),
        ("up", _("Flytt idéen opp"), ("Alt+Up",)),
        ("down", _("Flytt idéen ned"), ("Alt+Down",)),
        ("chosen", _("Ta idéen videre, eller ikke (i listen)"), ("Space",)),
        ("prototype", _("Lag prototype av idéen (i listen)"), ("Ctrl+Return",)),
        ("merge", _("Slå sammen idéen med like idéer (i listen)"), ("Ctrl+J",)),
        ("give", _("Gi prikk (i stemmetabellen)"), ("Space", "+")),
        ("take", _("Ta tilbake en prikk"), ("-", "Backspace")),
        ("next_voter", _("Neste deltaker"), ("Ctrl+Down",)),
        ("previous_voter", _("Forrige deltaker"), ("Ctrl+Up",)),
    )


class IdeaTree(QTreeWidget):
    """Themes with their ideas; dragging reports where an idea or theme should go and leaves the moving to
    the stored board (the tree is rebuilt from it)."""

    idea_dropped = Signal(object, object, int)  # idea id, theme id (None: no theme), index in the theme
    theme_dropped = Signal(object, int)  # theme id, index among the themes

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(5)
        self.setHeaderLabels([_("Idé"), _("Prikker"), _("Matrise"), _("Kilde"), _("Tas videre")])
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        for column in (COL_VOTES, COL_PLACE, COL_SOURCE, COL_CHOSEN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.setAccessibleName(_("Idéer etter tema"))

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        dragged = self.currentItem()
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        if dragged is None:
            return
        kind, dragged_id = dragged.data(COL_TEXT, KIND_ROLE)
        target = self.itemAt(event.position().toPoint())
        where = self.dropIndicatorPosition()
        # Reported once the drop is over: storing it rebuilds the tree, which must not happen while Qt
        # is still inside the drop with these items.
        if kind == "idea":
            theme_id, index = self._idea_target(dragged_id, target, where)
            QTimer.singleShot(0, lambda: self.idea_dropped.emit(dragged_id, theme_id, index))
        elif dragged_id is not None:
            themes = [
                self.topLevelItem(n).data(COL_TEXT, KIND_ROLE)[1] for n in range(self.topLevelItemCount())
            ]
            themes = [t for t in themes if t is not None and t != dragged_id]
            if target is None:
                index = len(themes)
            else:
                top = target if target.parent() is None else target.parent()
                target_id = top.data(COL_TEXT, KIND_ROLE)[1]
                below = where == QAbstractItemView.DropIndicatorPosition.BelowItem or target is not top
                index = themes.index(target_id) + (1 if below else 0) if target_id in themes else 0
            QTimer.singleShot(0, lambda: self.theme_dropped.emit(dragged_id, index))

    def edit(self, index, trigger, event) -> bool:
        """Only the text of an idea or a theme is typed in; the other columns are computed."""
        if index.column() != COL_TEXT:
            return False
        return super().edit(index, trigger, event)

    def _idea_target(self, idea_id, target: QTreeWidgetItem | None, where) -> tuple[uuid.UUID | None, int]:
        Position = QAbstractItemView.DropIndicatorPosition
        if target is None:
            return None, 10**6
        if target.parent() is None:  # a theme row: into that theme (first if dropped just below the header)
            theme_id = target.data(COL_TEXT, KIND_ROLE)[1]
            return theme_id, 0 if where == Position.BelowItem else 10**6
        theme = target.parent()
        theme_id = theme.data(COL_TEXT, KIND_ROLE)[1]
        members = [theme.child(n).data(COL_TEXT, KIND_ROLE)[1] for n in range(theme.childCount())]
        members = [m for m in members if m != idea_id]
        target_id = target.data(COL_TEXT, KIND_ROLE)[1]
        index = members.index(target_id) if target_id in members else len(members)
        if where in (Position.BelowItem, Position.OnItem) and target_id in members:
            index += 1
        return theme_id, index


class IdeaPanel(QWidget):
    make_prototype = Signal(object, str)  # idea id, idea text: the group page opens the prototype dialog

    def __init__(self, context: AppContext, actions: RegisterActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.actions = actions
        self.group_id: uuid.UUID | None = None
        self.group_title = ""
        self.view: ideas.BoardView | None = None
        self._voter_id: uuid.UUID | str | None = None  # a participant's id, COUNTED, or None (nobody chosen)
        self._building = False
        self._wall_picture = None  # the image this panel last put on the wall
        self._watching_wall = False  # connected to the wall's picture_replaced
        self._refresh_soon = QTimer(self)
        self._refresh_soon.setSingleShot(True)
        self._refresh_soon.setInterval(0)
        self._refresh_soon.timeout.connect(self.refresh)
        self._build()
        context.changed.connect(self._changed)

    # --- building -------------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.ideas_button = QPushButton(_("Idéer og temaer"))
        self.voting_button = QPushButton(_("Prikkstemming"))
        self.matrix_button = QPushButton(_("Matrise"))
        self._views = QButtonGroup(self)
        switch = QHBoxLayout()
        switch.setSpacing(0)
        for index, button in enumerate((self.ideas_button, self.voting_button, self.matrix_button)):
            button.setCheckable(True)
            self._views.addButton(button, index)
            switch.addWidget(button)
        self.ideas_button.setChecked(True)
        self.ideas_button.setToolTip(_("Alt+1"))
        self.voting_button.setToolTip(_("Alt+2"))
        self.matrix_button.setToolTip(_("Alt+3"))
        self._views.idToggled.connect(self._view_toggled)

        self.wall_button = QPushButton(_("Vis på veggen"))
        self.wall_button.setCheckable(True)
        self.wall_button.setToolTip(
            _("Viser stemmeresultatet eller matrisen på veggen og holder den oppdatert mens dere arbeider")
        )
        self.wall_button.toggled.connect(self._wall_toggled)
        self.prototype_button = QPushButton(_("Lag prototype …"))
        self.prototype_button.setToolTip(_("Ta den valgte idéen videre til en prototype"))
        self.prototype_button.clicked.connect(self.prototype_from_selected)

        top = QHBoxLayout()
        top.addLayout(switch)
        top.addStretch(1)
        top.addWidget(self.prototype_button)
        top.addWidget(self.wall_button)

        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_ideas())
        self.stack.addWidget(self._build_voting())
        self.matrix = MatrixView()
        self.matrix.matrix.dropped.connect(self._placed_many)
        self.matrix.nudged.connect(self._nudged)
        self.matrix.matrix.selectionChanged.connect(self._sync_buttons)
        matrix_page = QWidget()
        matrix_layout = QVBoxLayout(matrix_page)
        matrix_layout.setContentsMargins(0, 0, 0, 0)
        matrix_hint = QLabel(
            _(
                "Dra idéene inn i matrisen. Piltaster flytter den valgte, Delete tar den ut igjen, "
                "Tab går til neste idé og Shift+Tab ut av matrisen."
            )
        )
        matrix_hint.setWordWrap(True)
        matrix_layout.addWidget(matrix_hint)
        matrix_layout.addWidget(self.matrix, 1)
        self.stack.addWidget(matrix_page)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.message)
        views = {
            "ideas_view": self.ideas_button,
            "votes_view": self.voting_button,
            "matrix_view": self.matrix_button,
        }
        for name, _text, keys in idea_shortcuts():
            if name in views:
                shortcut = local_shortcut(QKeySequence(keys[0]), self, views[name].click)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    @staticmethod
    def _shortcuts(widget: QWidget, slots: dict) -> None:
        """The keys of ``idea_shortcuts`` named in ``slots``, on ``widget`` (while it has focus)."""
        for name, _text, keys in idea_shortcuts():
            for key in keys if name in slots else ():
                local_shortcut(key, widget, slots[name])

    def _build_ideas(self) -> QWidget:
        self.tree = IdeaTree()
        self.tree.idea_dropped.connect(self._idea_dropped)
        self.tree.theme_dropped.connect(
            lambda theme_id, index: self.apply(
                _("Flytt tema"), lambda b: board_ops.move_theme(b, theme_id, index)
            )
        )
        self.tree.itemChanged.connect(self._item_changed)
        self.tree.currentItemChanged.connect(lambda *_args: self._sync_buttons())
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._tree_menu)
        self._shortcuts(
            self.tree,
            {
                "delete": self.delete_selected,
                "up": lambda: self.move_selected(-1),
                "down": lambda: self.move_selected(1),
                "chosen": self.toggle_chosen,
                "prototype": self.prototype_from_selected,
                "merge": self.merge_selected,
            },
        )

        self.capture = QLineEdit()
        self.capture.setPlaceholderText(_("Skriv en idé og trykk Enter …"))
        self.capture.setAccessibleName(_("Ny idé"))
        self.capture.returnPressed.connect(self.add_from_capture)
        self.capture_theme = QComboBox()
        self.capture_theme.setToolTip(_("Temaet nye idéer havner i"))
        self.capture_theme.setMinimumContentsLength(14)
        self.theme_button = QPushButton(_("Nytt tema"))
        self.theme_button.clicked.connect(self.add_theme)
        capture_row = QHBoxLayout()
        capture_row.addWidget(self.capture, 1)
        capture_row.addWidget(QLabel(_("i")))
        capture_row.addWidget(self.capture_theme)
        capture_row.addWidget(self.theme_button)

        hint = QLabel(
            _(
                "Dra idéer mellom temaene (eller Alt+↑/↓). F2 retter teksten, Ctrl+J slår sammen like "
                "idéer, Delete sletter. Kryss av for idéene dere tar videre."
            )
        )
        hint.setWordWrap(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree, 1)
        layout.addWidget(hint)
        layout.addLayout(capture_row)
        return page

    def _build_voting(self) -> QWidget:
        self.voters = QListWidget()
        self.voters.setAccessibleName(_("Deltakere"))
        self.voters.currentItemChanged.connect(self._voter_changed)
        self.voters.setMinimumWidth(220)
        self.votes_table = QTableWidget(0, 3)
        self.votes_table.setHorizontalHeaderLabels([_("Idé"), _("Prikker"), _("Fra valgt deltaker")])
        self.votes_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.votes_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.votes_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.votes_table.verticalHeader().hide()
        self.votes_table.setWordWrap(True)
        header = self.votes_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        # After the click is handled: giving a dot rebuilds the table.
        self.votes_table.cellDoubleClicked.connect(lambda row, _col: QTimer.singleShot(0, self.give_dot))
        self.votes_table.currentCellChanged.connect(lambda *_args: self._sync_buttons())
        self._shortcuts(
            self.votes_table,
            {
                "give": self.give_dot,
                "take": self.take_dot,
                "next_voter": lambda: self._step_voter(1),
                "previous_voter": lambda: self._step_voter(-1),
            },
        )

        self.give_button = QPushButton(_("Gi prikk"))
        self.give_button.setToolTip(_("Mellomrom, + eller dobbeltklikk"))
        self.give_button.clicked.connect(self.give_dot)
        self.take_button = QPushButton(_("Ta tilbake"))
        self.take_button.setToolTip(_("− eller Backspace"))
        self.take_button.clicked.connect(self.take_dot)
        self.dots_spin = QSpinBox()
        self.dots_spin.setRange(1, DOTS_MAX)
        self.dots_spin.setSuffix(_(" prikker per deltaker"))
        self.dots_spin.setKeyboardTracking(False)
        self.dots_spin.valueChanged.connect(self.set_dots)
        self.reset_button = QPushButton(_("Nullstill stemmene"))
        self.reset_button.clicked.connect(self.reset_votes)
        self.hide_result = QCheckBox(_("Skjul resultatet på veggen"))
        self.hide_result.setToolTip(
            _(
                "Veggen viser bare hvor mange prikker som er brukt, til du tar bort haken. Da stemmer ingen "
                "etter de andres prikker."
            )
        )
        self.hide_result.toggled.connect(self._follow_wall)
        self.votes_summary = QLabel()
        self.counted_spin = QSpinBox()  # the count off the wall for the chosen idea, typed at once
        self.counted_spin.setRange(0, COUNTED_MAX)
        self.counted_spin.setPrefix(_("Talt: "))
        self.counted_spin.setSuffix(_(" prikker"))
        self.counted_spin.valueChanged.connect(self._counted_suffix)
        self.counted_spin.setToolTip(_("Skriv antallet prikker på idéens papirlapp i rommet og trykk Enter"))
        self.counted_spin.setKeyboardTracking(False)
        self.counted_spin.valueChanged.connect(self.set_counted)
        self.counted_spin.hide()

        buttons = QHBoxLayout()
        buttons.addWidget(self.give_button)
        buttons.addWidget(self.take_button)
        buttons.addWidget(self.counted_spin)
        buttons.addStretch(1)
        buttons.addWidget(self.votes_summary)
        buttons.addSpacing(12)
        buttons.addWidget(self.hide_result)
        buttons.addWidget(self.dots_spin)
        buttons.addWidget(self.reset_button)

        self.no_voters = QLabel(
            _("Ledergruppen har ingen deltakere ennå. Legg dem til under «Detaljer», så kan de stemme.")
        )
        self.no_voters.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(_("Hvem stemmer? (Ctrl+↑/↓)")))
        left_layout.addWidget(self.voters, 1)
        left_layout.addWidget(self.no_voters)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self.votes_table)
        split.setStretchFactor(1, 1)
        remember_splitter(split, self.context.settings, "ideas/votes")
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        return page

    # --- showing --------------------------------------------------------------------------------------------

    def set_group(self, group_id: uuid.UUID | None, title: str = "") -> None:
        changed = group_id != self.group_id
        if changed:
            self._voter_id = None
            self.message.clear()
            self.wall_button.setChecked(False)
            self.hide_result.setChecked(False)
        self.group_id = group_id
        self.group_title = title
        if changed and self.isVisible():
            self.refresh()  # the same group again (the page reloading) refreshes through ``changed``

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.refresh()

    def _changed(self) -> None:
        """The register changed (an undo, another panel): read the board again once things settle, and
        keep the wall up to date if it still shows this panel's picture."""
        if self.group_id is not None and self.isVisible():
            self._refresh_soon.start()

    def _follow_wall(self) -> None:
        if not self.wall_button.isChecked():
            return
        wall = self.context.runner.projection if self.context.runner is not None else None
        if wall is None or not wall.isVisible() or wall.current_image is not self._wall_picture:
            self.wall_button.setChecked(False)  # something else took the wall (or it was closed)
            return
        if self.isVisible():
            self.show_on_wall()

    @property
    def board(self) -> Board:
        return self.view.board if self.view is not None else Board()

    def refresh(self) -> None:
        self._refresh_soon.stop()
        if self.group_id is None:
            return
        try:
            self.view = ideas.board_view(self.context.db, self.group_id)
        except LupError as exc:  # the group was deleted under us
            self.view = None
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(exc.message)
            return
        self._building = True
        try:
            self._fill_tree()
            self._fill_themes()
            self._fill_voting()
            self.matrix.set_board(self.board)
            self._select_matrix_note()
        finally:
            self._building = False
        self._follow_wall()
        self._sync_buttons()

    def _fill_tree(self) -> None:
        board, view = self.board, self.view
        selected = self.selected_idea_id()
        expanded = {
            self.tree.topLevelItem(n).data(COL_TEXT, KIND_ROLE)[1]
            for n in range(self.tree.topLevelItemCount())
            if not self.tree.topLevelItem(n).isExpanded()
        }
        self.tree.clear()
        counts = {idea.id: n for idea, n in board.ranking()}
        buckets: list[tuple[Theme | None, tuple[Idea, ...]]] = [(None, board.in_theme(None))]
        buckets += [(theme, board.in_theme(theme.id)) for theme in board.themes]
        current = None
        for theme, members in buckets:
            top = QTreeWidgetItem()
            title = theme.title if theme else _("Uten tema")
            top.setText(COL_TEXT, title)
            top.setText(COL_VOTES, str(sum(counts[i.id] for i in members)) if members else "")
            top.setData(COL_TEXT, KIND_ROLE, ("theme", theme.id if theme else None))
            font = top.font(COL_TEXT)
            font.setBold(True)
            top.setFont(COL_TEXT, font)
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDropEnabled
            if theme is not None:
                flags |= Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDragEnabled
            top.setFlags(flags)
            self.tree.addTopLevelItem(top)
            for idea in members:
                item = QTreeWidgetItem(top)
                item.setText(COL_TEXT, idea.text)
                item.setToolTip(COL_TEXT, idea.text)
                item.setData(COL_TEXT, KIND_ROLE, ("idea", idea.id))
                item.setText(COL_VOTES, dots_cell(counts[idea.id], count=True))
                item.setText(COL_PLACE, idea.quadrant.label if idea.quadrant else "")
                source = view.sources.get(idea.source_card_id) if idea.source_card_id else None
                if idea.source_card_id is not None:  # the lane in the column, the map and card on hover
                    item.setText(COL_SOURCE, source.lane_title if source else _("(kortet er slettet)"))
                    item.setToolTip(COL_SOURCE, f"{source.label}\n«{source.text}»" if source else "")
                made = view.prototypes.get(idea.id, 0)
                chosen_text = _("{n} prototyper").format(n=made) if made != 1 else _("1 prototype")
                item.setText(COL_CHOSEN, chosen_text if made else "")
                item.setCheckState(
                    COL_CHOSEN, Qt.CheckState.Checked if idea.chosen else Qt.CheckState.Unchecked
                )
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsEditable
                    | Qt.ItemFlag.ItemIsDragEnabled
                    | Qt.ItemFlag.ItemIsUserCheckable
                )
                if idea.chosen:
                    item.setForeground(COL_TEXT, QColor("#1b7a3a"))
                if idea.id == selected:
                    current = item
            top.setExpanded((theme.id if theme else None) not in expanded)
        if current is not None:
            self.tree.setCurrentItem(current)

    def _fill_themes(self) -> None:
        chosen = self.capture_theme.currentData()
        self.capture_theme.clear()
        self.capture_theme.addItem(_("Uten tema"), None)
        for theme in self.board.themes:
            self.capture_theme.addItem(theme.title, theme.id)
        index = index_of(self.capture_theme, chosen)
        self.capture_theme.setCurrentIndex(max(0, index))

    def _fill_voting(self) -> None:
        board, view = self.board, self.view
        voters = view.voters if view else ()
        self.voters.clear()
        counted = QListWidgetItem(
            _("Lapper på veggen i rommet\n{count} på papirlappene").format(count=dots_count(board.counted))
            if board.counted
            else _("Lapper på veggen i rommet\nprikker limt på papirlapper")
        )
        counted.setData(Qt.ItemDataRole.UserRole, COUNTED)
        counted.setToolTip(
            _("Stemte rommet med klistremerker på veggen? Velg denne og gi én prikk per merke du teller.")
        )
        self.voters.addItem(counted)
        current = counted if self._voter_id == COUNTED else None
        for voter in voters:
            used = board.used(voter.id)
            item = QListWidgetItem(f"{voter.name}\n{dots_text(used, board.dots)}")
            item.setData(Qt.ItemDataRole.UserRole, voter.id)
            item.setToolTip(_("{used} av {n} prikker brukt").format(used=used, n=board.dots))
            if used >= board.dots:
                item.setForeground(QColor("#5b6670"))
            self.voters.addItem(item)
            if voter.id == self._voter_id:
                current = item
        if current is None:
            current = self.voters.item(1 if voters else 0)  # the first participant, else the wall
        self.voters.setCurrentItem(current)
        self._voter_id = current.data(Qt.ItemDataRole.UserRole)
        self.no_voters.setVisible(not voters)

        row_of_selected = self.votes_table.currentRow()
        self.votes_table.setRowCount(len(board.ideas))
        for row, idea in enumerate(board.ideas):
            votes = board.votes_for(idea.id)
            mine = board.given(idea.id, self._participant()) if self._voter_id else 0
            cells = (idea.text, dots_cell(votes, count=True), dots_cell(mine))
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, idea.id)
                if column == 0:
                    cell.setToolTip(idea.text)
                self.votes_table.setItem(row, column, cell)
        self.votes_table.resizeRowsToContents()
        if board.ideas:
            self.votes_table.setCurrentCell(min(max(0, row_of_selected), len(board.ideas) - 1), 0)
        self.dots_spin.blockSignals(True)
        self.dots_spin.setValue(board.dots)
        self.dots_spin.blockSignals(False)
        parts = []
        if voters:
            parts.append(
                _("{used} av {total} prikker brukt").format(
                    used=sum(board.used(v.id) for v in voters), total=len(voters) * board.dots
                )
            )
        if board.counted:
            parts.append(_("{count} talt på lappene i rommet").format(count=dots_count(board.counted)))
        self.votes_summary.setText(", ".join(parts))
        self._name_mine_column()
        self._show_counted()

    def _select_matrix_note(self) -> None:
        selected = self.selected_idea_id()
        note = self.matrix.matrix.notes.get(selected) if selected else None
        if note is not None and self.stack.currentIndex() != MATRIX:
            self.matrix.matrix.clearSelection()
            note.setSelected(True)

    def _sync_buttons(self) -> None:
        idea_id = self.selected_idea_id()
        self.prototype_button.setEnabled(idea_id is not None)
        has_voter = self._voter_id is not None and self.votes_table.currentRow() >= 0
        self._show_counted()
        self.give_button.setEnabled(has_voter)
        self.take_button.setEnabled(has_voter)
        self.reset_button.setEnabled(bool(self.board.votes))

    def _view_toggled(self, index: int, checked: bool) -> None:
        if checked:
            self.stack.setCurrentIndex(index)
            if index == MATRIX:
                self.matrix.fit()
            if self.wall_button.isChecked():
                self.show_on_wall()
            self._sync_buttons()

    def show_view(self, index: int) -> None:
        self._views.button(index).setChecked(True)

    # --- what is selected -----------------------------------------------------------------------------------

    def selected_idea_id(self) -> uuid.UUID | None:
        page = self.stack.currentIndex()
        if page == VOTING:
            row = self.votes_table.currentRow()
            item = self.votes_table.item(row, 0) if row >= 0 else None
            return item.data(Qt.ItemDataRole.UserRole) if item else None
        if page == MATRIX:
            return self.matrix.matrix.selected_idea()
        item = self.tree.currentItem()
        if item is None:
            return None
        kind, item_id = item.data(COL_TEXT, KIND_ROLE)
        return item_id if kind == "idea" else None

    def select_idea(self, idea_id: uuid.UUID) -> None:
        for n in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(n)
            for m in range(top.childCount()):
                if top.child(m).data(COL_TEXT, KIND_ROLE)[1] == idea_id:
                    self.tree.setCurrentItem(top.child(m))
        for row in range(self.votes_table.rowCount()):
            if self.votes_table.item(row, 0).data(Qt.ItemDataRole.UserRole) == idea_id:
                self.votes_table.setCurrentCell(row, 0)
        note = self.matrix.matrix.notes.get(idea_id)
        if note is not None:
            self.matrix.matrix.clearSelection()
            note.setSelected(True)

    # --- edits ----------------------------------------------------------------------------------------------

    def apply(self, text: str, operation: Callable[[Board], Board], merge: object = None) -> bool:
        """Try ``operation`` on the board in memory (a refusal is explained here, nothing is stored), then
        store it as one undoable command (one with the commands before it of the same ``merge``)."""
        if self.group_id is None:
            return False
        try:
            operation(self.board)
        except ValidationError as exc:
            self.say(exc.message, error=True)
            return False
        done = self.context.perform(BoardCommand(text, self.group_id, operation, merge))
        if done:
            self.message.clear()
            self.refresh()  # now, so that what follows (selecting the new idea) finds it
        return done

    def say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else NOTE_STYLE)
        self.message.setText(text)

    def add_from_capture(self) -> None:
        text = self.capture.text()
        if not text.strip():
            return
        idea = Idea(uuid.uuid4(), text, self.capture_theme.currentData())
        if self.apply(_("Ny idé"), lambda b: board_ops.add_idea(b, idea)):
            self.capture.clear()
            self.select_idea(idea.id)
        self.capture.setFocus()

    def add_from_card(self, card_id: uuid.UUID) -> uuid.UUID | None:
        """A journey card (pain point or opportunity) becomes an idea of this group."""
        if self.group_id is None:
            return None
        try:
            idea = ideas.idea_from_card(self.context.db, self.group_id, card_id)
        except LupError as exc:
            self.context.error.emit(exc.message)
            return None
        if not self.apply(_("Idé fra brukerreisen"), lambda b: board_ops.add_idea(b, idea)):
            return None
        shown = textwrap.shorten(idea.text, width=80, placeholder=" …")  # a long card's idea is cut at 500
        self.context.notice.emit(_("«{text}» er lagt til under Idéer").format(text=shown))
        return idea.id

    def add_theme(self) -> None:
        names = {t.title.casefold() for t in self.board.themes}
        number = len(self.board.themes) + 1
        while _("Tema {n}").format(n=number).casefold() in names:
            number += 1
        theme = Theme(uuid.uuid4(), _("Tema {n}").format(n=number))
        if self.apply(_("Nytt tema"), lambda b: board_ops.add_theme(b, theme)):
            self.show_view(IDEAS)
            self.capture_theme.setCurrentIndex(max(0, index_of(self.capture_theme, theme.id)))
            for n in range(self.tree.topLevelItemCount()):
                item = self.tree.topLevelItem(n)
                if item.data(COL_TEXT, KIND_ROLE)[1] == theme.id:
                    self.tree.setCurrentItem(item)
                    self.tree.editItem(item, COL_TEXT)

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        """A text typed in the tree or a box ticked: stored once Qt has finished with the item (storing
        rebuilds the tree, and the item must not be deleted while Qt is still setting its data)."""
        if self._building:
            return
        kind, item_id = item.data(COL_TEXT, KIND_ROLE)
        if kind == "theme" and column == COL_TEXT and item_id is not None:
            title = item.text(COL_TEXT)
            edit = (_("Gi nytt navn til tema"), lambda b: board_ops.rename_theme(b, item_id, title))
        elif kind == "idea" and column == COL_TEXT:
            text = item.text(COL_TEXT)
            edit = (_("Endre idé"), lambda b: board_ops.edit_text(b, item_id, text))
        elif kind == "idea" and column == COL_CHOSEN:
            chosen = item.checkState(COL_CHOSEN) == Qt.CheckState.Checked
            text = _("Ta idé videre") if chosen else _("Ikke ta idé videre")
            edit = (text, lambda b: board_ops.set_chosen(b, item_id, chosen))
        else:
            return
        QTimer.singleShot(0, lambda: self.apply(*edit) or self.refresh())

    def _idea_dropped(self, idea_id: uuid.UUID, theme_id: uuid.UUID | None, index: int) -> None:
        self.apply(_("Flytt idé"), lambda b: board_ops.move_idea(b, idea_id, theme_id, index))
        self.select_idea(idea_id)

    def move_selected(self, step: int) -> None:
        """Alt+↑/↓: one place up or down, across into the neighbouring theme at the ends."""
        idea_id = self.selected_idea_id()
        if idea_id is None:
            return
        board = self.board
        idea = board.idea(idea_id)
        members = [i.id for i in board.in_theme(idea.theme_id)]
        index = members.index(idea_id) + step
        if 0 <= index < len(members):
            target, at = idea.theme_id, index
        else:
            order = [None, *(t.id for t in board.themes)]
            position = order.index(idea.theme_id) + step
            if not 0 <= position < len(order):
                return
            target = order[position]
            at = 10**6 if step < 0 else 0
        self._idea_dropped(idea_id, target, at)

    def delete_selected(self) -> None:
        item = self.tree.currentItem()
        if item is None:
            return
        kind, item_id = item.data(COL_TEXT, KIND_ROLE)
        if kind == "theme" and item_id is not None:
            self.apply(_("Slett tema"), lambda b: board_ops.remove_theme(b, item_id))
        elif kind == "idea":
            self.delete_idea(item_id)

    def delete_idea(self, idea_id: uuid.UUID) -> bool:
        """Delete an idea (undoable); one that has prototypes is deleted with them, after asking."""
        made = self.view.prototypes.get(idea_id, 0) if self.view else 0
        if made and not context_module.ask(
            self,
            _("Slette idéen?"),
            _("Idéen har {n} prototyper. Slettes idéen, slettes prototypene med den. (Kan angres.)").format(
                n=made
            )
            if made != 1
            else _("Idéen har 1 prototype. Slettes idéen, slettes prototypen med den. (Kan angres.)"),
        ):
            return False
        return self.context.perform(
            DeleteCommand(_("Slett idé"), lambda db: ideas.delete_idea(db, idea_id), ideas.restore_idea)
        )

    def merge_selected(self) -> None:
        idea_id = self.selected_idea_id()
        if idea_id is not None:
            self.merge_idea(idea_id)

    def merge_idea(self, idea_id: uuid.UUID) -> bool:
        """Fold other ideas into this one (the same idea on several notes), chosen in a dialog that lists
        the most alike first; the dots are added up, prototypes and initiatives follow (undoable)."""
        board = self.board
        keep = board.idea(idea_id)
        if len(board.ideas) < 2:
            self.say(_("Det er ingen andre idéer å slå sammen med."), error=True)
            return False
        counts = dict((i.id, n) for i, n in board.ranking())
        dialog = FormDialog(self, _("Slå sammen idéer"))
        dialog.setMinimumWidth(620)
        text = dialog.add(_("Idéen etterpå"), QLineEdit(keep.text), "text")
        others = dialog.add(_("Slå sammen med"), QListWidget(), "ideas")
        others.setMinimumHeight(260)
        for idea, alike in board_ops.similar_ideas(board, idea_id):
            label = idea.text if not counts[idea.id] else f"{idea.text}  ({dots_count(counts[idea.id])})"
            item = QListWidgetItem(f"{label}  – {_('lik')}" if alike >= SIMILAR else label)
            item.setToolTip(idea.text)
            item.setData(Qt.ItemDataRole.UserRole, idea.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            others.addItem(item)
        others.setCurrentRow(0)
        note = QLabel(
            _(
                "Kryss av idéene som sier det samme (de mest like står øverst). Prikkene legges sammen, "
                "og prototyper og tiltak flyttes til idéen som blir igjen. Kan angres."
            )
        )
        note.setWordWrap(True)
        dialog.form.addRow(note)

        def command() -> DeleteCommand:
            chosen = [
                others.item(n).data(Qt.ItemDataRole.UserRole)
                for n in range(others.count())
                if others.item(n).checkState() == Qt.CheckState.Checked
            ]
            group_id, typed = self.group_id, text.text()
            return DeleteCommand(
                _("Slå sammen idéer"),
                lambda db: ideas.merge_ideas(db, group_id, idea_id, chosen, typed),
                ideas.unmerge,
            )

        return self.actions.run_dialog(dialog, command) is not None

    def choose_source(self, idea_id: uuid.UUID) -> bool:
        """Link an idea to the pain point or opportunity of a journey map that it answers."""
        choices = ideas.source_choices(self.context.db, self.group_id)
        current = self.board.idea(idea_id).source_card_id
        linked = self.view.sources.get(current) if current is not None else None
        if linked is not None and all(c.card_id != current for c in choices):
            choices = (linked, *choices)  # its card was moved to another lane since: the link is kept on OK
        if not choices:
            self.say(
                _("Ledergruppen har ingen smertepunkter eller muligheter i brukerreisene ennå."), error=True
            )
            return False
        dialog = FormDialog(self, _("Knytt idéen til et kort"))
        combo = dialog.add(_("Kort"), QComboBox(), "card")
        combo.addItem(_("(ingen kobling)"), None)
        for source in choices:
            combo.addItem(f"{source.text}  ({source.label})", source.card_id)
        combo.setCurrentIndex(max(0, index_of(combo, current)))

        def command() -> BoardCommand:
            card_id = combo.currentData()
            return BoardCommand(
                _("Knytt idé til kort"), self.group_id, lambda b: board_ops.set_source(b, idea_id, card_id)
            )

        return self.actions.run_dialog(dialog, command) is not None

    # --- voting ---------------------------------------------------------------------------------------------

    def _voter_changed(self, current: QListWidgetItem | None, _previous=None) -> None:
        if self._building or current is None:
            return
        self._voter_id = current.data(Qt.ItemDataRole.UserRole)
        self._name_mine_column()
        board = self.board
        for row, idea in enumerate(board.ideas):
            item = self.votes_table.item(row, 2)
            if item is not None:
                item.setText(dots_cell(board.given(idea.id, self._participant())))
        self._sync_buttons()

    def _name_mine_column(self) -> None:
        label = _("Lapper i rommet") if self._voter_id == COUNTED else _("Fra valgt deltaker")
        self.votes_table.horizontalHeaderItem(2).setText(label)

    def _participant(self) -> uuid.UUID | None:
        """The chosen voter as the board knows it: a participant's id, None for the dots counted off the
        wall (and when nobody is chosen)."""
        return None if self._voter_id == COUNTED else self._voter_id

    def _show_counted(self) -> None:
        """The typed count is there while the wall is the chosen voter, for the chosen idea."""
        idea_id = self.selected_idea_id() if self.stack.currentIndex() == VOTING else None
        shown = self._voter_id == COUNTED and idea_id is not None
        self.counted_spin.setVisible(shown)
        if shown:
            self.counted_spin.blockSignals(True)
            self.counted_spin.setValue(self.board.given(idea_id, None))
            self.counted_spin.blockSignals(False)
            self._counted_suffix(self.counted_spin.value())

    def _counted_suffix(self, dots: int) -> None:
        self.counted_spin.setSuffix(_(" prikk") if dots == 1 else _(" prikker"))

    def set_counted(self, dots: int) -> None:
        idea_id = self.selected_idea_id() if self.stack.currentIndex() == VOTING else None
        if self._building or idea_id is None or self._voter_id != COUNTED:
            return
        if dots != self.board.given(idea_id, None):
            self.apply(_("Tell prikker"), lambda b: board_ops.set_counted(b, idea_id, dots))

    def _step_voter(self, step: int) -> None:
        count = self.voters.count()
        if count:
            self.voters.setCurrentRow((self.voters.currentRow() + step) % count)

    def _voter_name(self) -> str:
        voters = self.view.voters if self.view else ()
        if self._voter_id == COUNTED:
            return _("Veggen")
        return next((v.name for v in voters if v.id == self._voter_id), "")

    def give_dot(self) -> None:
        idea_id = self.selected_idea_id() if self.stack.currentIndex() == VOTING else None
        if idea_id is None or self._voter_id is None:
            return
        if self._voter_id == COUNTED:
            self.apply(_("Tell prikk"), lambda b: board_ops.cast_vote(b, idea_id, None))
            return
        voter = self._voter_id
        if self.board.dots_left(voter) <= 0:
            self.say(
                _(
                    "{name} har brukt alle sine {n} prikker. Ta en prikk tilbake først, eller velg en annen."
                ).format(name=self._voter_name(), n=self.board.dots),
                error=True,
            )
            return
        if not self.apply(_("Gi prikk"), lambda b: board_ops.cast_vote(b, idea_id, voter)):
            return
        if self.board.dots_left(voter) == 0:
            self._next_voter_with_dots(self._voter_name())

    def _next_voter_with_dots(self, done: str) -> None:
        """When someone has placed all their dots, the next one with dots left gets the turn."""
        voters = self.view.voters if self.view else ()
        ids = [v.id for v in voters]
        start = ids.index(self._voter_id) if self._voter_id in ids else -1
        for step in range(1, len(ids) + 1):
            candidate = voters[(start + step) % len(ids)]
            if self.board.dots_left(candidate.id) > 0:
                self.voters.setCurrentRow(ids.index(candidate.id) + 1)  # after the wall's entry
                self.say(
                    _("{done} har brukt alle prikkene. Nå stemmer {name}.").format(
                        done=done, name=candidate.name
                    )
                )
                return
        self.say(_("Alle har brukt prikkene sine."))

    def take_dot(self) -> None:
        idea_id = self.selected_idea_id() if self.stack.currentIndex() == VOTING else None
        if idea_id is None or self._voter_id is None:
            return
        voter = self._participant()
        self.apply(_("Ta tilbake prikk"), lambda b: board_ops.withdraw_vote(b, idea_id, voter))

    def set_dots(self, dots: int) -> None:
        if self._building or dots == self.board.dots:
            return
        if not self.apply(_("Antall prikker"), lambda b: board_ops.set_dots(b, dots)):
            self.dots_spin.blockSignals(True)
            self.dots_spin.setValue(self.board.dots)
            self.dots_spin.blockSignals(False)

    def reset_votes(self) -> None:
        if self.apply(_("Nullstill stemmene"), board_ops.reset_votes):
            self.say(_("Stemmene er nullstilt. Ctrl+Z angrer."))

    # --- matrix ---------------------------------------------------------------------------------------------

    def _placed_many(self, places: list) -> None:
        """Notes dragged together: one edit (one undo) for all of them."""
        if len(places) == 1:
            self._placed(*places[0])
            return

        def operation(board: Board) -> Board:
            for idea_id, place in places:
                board = (
                    board_ops.place(board, idea_id, *place) if place else board_ops.unplace(board, idea_id)
                )
            return board

        self.apply(_("Plasser idéer"), operation)

    def _nudged(self, idea_id: uuid.UUID, place: tuple[float, float] | None) -> None:
        """A note moved by keys: the presses in a row on one note are one undo step."""
        self._placed(idea_id, place, merge=("place", idea_id) if place else None)

    def _placed(self, idea_id: uuid.UUID, place: tuple[float, float] | None, merge: object = None) -> None:
        if place is None:
            if self.board.idea(idea_id).placed:
                self.apply(_("Ta idé ut av matrisen"), lambda b: board_ops.unplace(b, idea_id))
            else:
                self.refresh()  # moved within the tray: put it back in line
        else:
            impact, effort = place
            self.apply(_("Plasser idé"), lambda b: board_ops.place(b, idea_id, impact, effort), merge)
        note = self.matrix.matrix.notes.get(idea_id)
        if note is not None:
            note.setSelected(True)

    # --- prototypes and the wall ----------------------------------------------------------------------------

    def toggle_chosen(self) -> None:
        """Tick or untick «Tas videre» for the selected idea."""
        idea_id = self.selected_idea_id()
        if idea_id is not None:
            chosen = not self.board.idea(idea_id).chosen
            self.apply(_("Ta idé videre"), lambda b: board_ops.set_chosen(b, idea_id, chosen))

    def prototype_from_selected(self) -> None:
        idea_id = self.selected_idea_id()
        if idea_id is not None:
            self.make_prototype.emit(idea_id, self.board.idea(idea_id).text)

    def _tree_menu(self, point) -> None:
        item = self.tree.itemAt(point)
        if item is None:
            return
        self.tree.setCurrentItem(item)
        kind, item_id = item.data(COL_TEXT, KIND_ROLE)
        menu = QMenu(self)
        if kind == "idea":
            idea = self.board.idea(item_id)
            menu.addAction(_("Endre teksten"), lambda: self.tree.editItem(item, COL_TEXT))
            move_to = menu.addMenu(_("Flytt til tema"))
            for theme_id, title in [(None, _("Uten tema")), *((t.id, t.title) for t in self.board.themes)]:
                action = move_to.addAction(title, lambda t=theme_id: self._idea_dropped(item_id, t, 10**6))
                action.setEnabled(theme_id != idea.theme_id)
            menu.addAction(_("Ikke ta videre") if idea.chosen else _("Ta videre"), self.toggle_chosen)
            menu.addAction(_("Knytt til kort i brukerreisen …"), lambda: self.choose_source(item_id))
            menu.addAction(_("Lag prototype …"), self.prototype_from_selected)
            merge = menu.addAction(_("Slå sammen med like idéer …"), lambda: self.merge_idea(item_id))
            merge.setEnabled(len(self.board.ideas) > 1)
            menu.addSeparator()
            menu.addAction(_("Slett idé"), lambda: self.delete_idea(item_id))
        elif item_id is not None:
            menu.addAction(_("Gi nytt navn"), lambda: self.tree.editItem(item, COL_TEXT))
            menu.addAction(
                _("Slett tema (idéene blir værende)"),
                lambda: self.apply(_("Slett tema"), lambda b: board_ops.remove_theme(b, item_id)),
            )
        else:
            return
        menu.popup(self.tree.viewport().mapToGlobal(point))

    def _wall_toggled(self, checked: bool) -> None:
        if checked:
            self.show_on_wall()

    def wall_image(self, width: int, height: int):
        if self.stack.currentIndex() == MATRIX:
            title = (
                _("Effekt og innsats – {group}").format(group=self.group_title) if self.group_title else ""
            )
            return render_matrix(self.board, width, height, title)
        title = _("Stemmene – {group}").format(group=self.group_title) if self.group_title else _("Stemmene")
        voters = len(self.view.voters) if self.view else 0
        return render_ranking(self.board, width, height, title, voters, self.hide_result.isChecked())

    def show_on_wall(self) -> None:
        runner = self.context.runner
        if runner is None or self.group_id is None:
            return
        if runner.projection is None or not runner.projection.isVisible():
            runner.show_projection()
        wall = runner.projection
        self._wall_picture = self.wall_image(*wall.picture_size().toTuple())
        wall.show_image(self._wall_picture)
        if not self._watching_wall:
            self._watching_wall = True
            wall.picture_replaced.connect(self._wall_replaced)

    def _wall_replaced(self) -> None:
        """The countdown, a card or another picture took the wall: the button says so at once."""
        wall = self.context.runner.projection
        if self.wall_button.isChecked() and (wall is None or wall.current_image is not self._wall_picture):
            self.wall_button.setChecked(False)
