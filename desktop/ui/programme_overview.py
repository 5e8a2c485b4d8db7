"""Across the programme: ideas and prototypes per service location, sector or cohort, as a table and a
chart that can be put on the wall ("which unit had the most ideas")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.rules import norwegian_key
from desktop.i18n import _
from desktop.services.overview import UnitFigures, by_unit, most_ideas, total
from desktop.services.views import group_figures
from desktop.ui.charts import BarChart, format_value
from desktop.ui.table_models import RowsTableModel

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

TOP = 15  # units in the chart
SORT_ROLE = Qt.ItemDataRole.UserRole


def _units() -> list[tuple[str, str, str]]:
    """(key, combo text, chart title) per grouping."""
    return [
        ("location", _("Tjenestested"), _("Tjenestesteder med flest idéer")),
        ("sector", _("Kommunalområde"), _("Kommunalområder med flest idéer")),
        ("cohort", _("Kull"), _("Kull med flest idéer")),
    ]


SIDE_BY_SIDE = 1200  # px: narrower than this, the chart goes under the table


class UnitTableModel(RowsTableModel):
    """The rows of ``by_unit``: a name, then whole numbers (right-aligned, sorted as numbers)."""

    NAME = 0
    TEXT_COLUMNS = frozenset({NAME})

    def __init__(self, parent=None) -> None:
        headers = [
            _("Navn"),
            _("Grupper"),
            _("Idéer"),
            _("Stemmer"),
            _("Valgt"),
            _("Prototyper"),
            _("Testet"),
        ]
        super().__init__(headers, (2, Qt.SortOrder.DescendingOrder), parent)  # most ideas first, as by_unit

    def value(self, row: UnitFigures, column: int):
        return row[column]

    def tiebreak(self, row: UnitFigures) -> tuple:
        return (norwegian_key(row.name), row.name)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt override
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return self.headers[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and section != self.NAME:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        value = self.rows[index.row()][index.column()]
        numeric = index.column() != self.NAME
        if role == Qt.ItemDataRole.DisplayRole:
            return format_value(value) if numeric else value
        if role == SORT_ROLE:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and not numeric:
            return value
        return None


class InnovationOverview(QWidget):
    """Table and chart of the programme's ideas and prototypes per unit; see the module's docstring."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.programme_id = None  # None: every programme in the register
        self._stale = True

        self.grouping = QComboBox()
        for key, text, _title in _units():
            self.grouping.addItem(text, key)
        self.grouping.currentIndexChanged.connect(lambda _i: self.refresh())
        self.wall_button = QPushButton(_("Vis på veggen"))
        self.wall_button.setToolTip(_("Vis diagrammet stort på veggen"))
        self.wall_button.clicked.connect(self.show_on_wall)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Vis per:")))
        top.addWidget(self.grouping)
        top.addStretch(1)
        top.addWidget(self.wall_button)

        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        font = self.summary.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.summary.setFont(font)
        self.totals = QLabel()
        self.totals.setObjectName("totals")
        self.totals.setWordWrap(True)

        self.model = UnitTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)  # a long name is elided (its tooltip has it all)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        self.chart = BarChart()
        table_box = QWidget()
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.table, 1)
        table_layout.addWidget(self.totals)
        self.splitter = splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(table_box)
        splitter.addWidget(self.chart)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        self._sized = False

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        context.changed.connect(self._changed)

    # --- loading ----------------------------------------------------------------------------------------

    @property
    def key(self) -> str:
        return self.grouping.currentData()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.refresh()
        if not self._sized:
            self._sized = True
            self._size_table()

    def _size_table(self) -> None:
        """Give the table room for its numbers and a fair share of the names (never less than a short
        name: the name column must not collapse), the chart the rest."""
        header = self.table.horizontalHeader()
        numbers = sum(header.sectionSizeHint(c) for c in range(1, self.model.columnCount()))
        chars = self.fontMetrics().averageCharWidth()
        frame = 2 * self.table.frameWidth() + self.table.verticalScrollBar().sizeHint().width()
        self.table.setMinimumWidth(numbers + 16 * chars + frame)
        wanted = numbers + 24 * chars + frame
        available = sum(self.splitter.sizes())
        if self.splitter.orientation() == Qt.Orientation.Vertical:
            if available > 0:
                self.splitter.setSizes([available // 2, available - available // 2])
        elif available > 0:
            width = min(wanted, int(available * 0.55))
            self.splitter.setSizes([width, available - width])

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Side by side when there is room (a big screen), the chart under the table on a laptop."""
        super().resizeEvent(event)
        wanted = Qt.Orientation.Horizontal if self.width() >= SIDE_BY_SIDE else Qt.Orientation.Vertical
        if self.splitter.orientation() != wanted:
            self.splitter.setOrientation(wanted)
            self._size_table()

    def _changed(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True  # read again when shown

    def set_programme(self, programme_id) -> None:
        """Count the groups of this programme only."""
        if programme_id != self.programme_id:
            self.programme_id = programme_id
            self._stale = True
            if self.isVisible():
                self.refresh()

    def refresh(self) -> None:
        self._stale = False
        rows = by_unit(group_figures(self.context.db, self.programme_id), self.key)
        self.model.set_rows(rows)
        self._summarise(rows)
        title = next(t for k, _text, t in _units() if k == self.key)
        top = rows[:TOP]
        if len(rows) > TOP:
            title = _("{title} (topp {n})").format(title=title, n=TOP)
        self.chart.set_data(
            title,
            [r.name for r in top],
            [(_("Idéer"), [r.ideas for r in top]), (_("Prototyper"), [r.prototypes for r in top])],
        )

    def _summarise(self, rows) -> None:
        names, count = most_ideas(rows)
        if not names:
            self.summary.setText(_("Ingen idéer registrert ennå."))
        elif len(names) == 1:
            self.summary.setText(_("{name} hadde flest idéer ({n})").format(name=names[0], n=count))
        else:
            if len(names) <= 3:
                joined = _("{names} og {last}").format(names=", ".join(names[:-1]), last=names[-1])
            else:  # a long tie: the first few, and how many more
                joined = _("{names} og {more} andre").format(names=", ".join(names[:3]), more=len(names) - 3)
            self.summary.setText(_("{names} hadde flest idéer ({n} hver)").format(names=joined, n=count))
        t = total(rows)
        self.totals.setText(
            _(
                "Totalt: {groups} ledergrupper · {ideas} idéer · {votes} stemmer · {chosen} valgt · "
                "{prototypes} prototyper · {tested} testet"
            ).format(**{k: format_value(v) for k, v in t._asdict().items() if k != "name"})
        )

    # --- the wall ---------------------------------------------------------------------------------------

    def show_on_wall(self) -> None:
        """The chart, large, on the projector (opened if needed)."""
        runner = self.context.runner
        if runner is None:
            return
        if self._stale:
            self.refresh()
        if runner.projection is None or not runner.projection.isVisible():
            runner.show_projection()
        wall = runner.projection
        wall.show_image(self.chart.render_image(*wall.picture_size().toTuple()))
