"""A table model for rows of plain values: headers, and sorting by a header the way people expect."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from desktop.domain.rules import norwegian_key


class RowsTableModel(QAbstractTableModel):
    """Rows under ``headers``. Clicking a header sorts: the ``TEXT_COLUMNS`` the Norwegian way (æ, ø, å
    after z), the others as numbers with empty cells (None) last; ties keep the order of ``tiebreak``.
    Subclasses say what a cell holds (``value``) and how it looks (``data``)."""

    TEXT_COLUMNS: frozenset[int] = frozenset()

    def __init__(self, headers: list[str], sort: tuple[int, Qt.SortOrder] | None = None, parent=None) -> None:
        super().__init__(parent)
        self.headers = headers
        self.rows: list = []
        self._sort = sort

    def value(self, row: Any, column: int) -> Any:
        raise NotImplementedError

    def tiebreak(self, row: Any) -> tuple:
        return ()

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self.rows = self._sorted(list(rows), *self._sort) if self._sort else list(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self.headers)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        self.rows = self._sorted(self.rows, column, order)
        self.layoutChanged.emit()

    def _sorted(self, rows: list, column: int, order: Qt.SortOrder) -> list:
        descending = order == Qt.SortOrder.DescendingOrder
        rows = sorted(rows, key=self.tiebreak)
        if column in self.TEXT_COLUMNS:
            return sorted(rows, key=lambda r: norwegian_key(self.value(r, column)), reverse=descending)
        filled = [r for r in rows if self.value(r, column) is not None]
        empty = [r for r in rows if self.value(r, column) is None]
        filled.sort(key=lambda r: self.value(r, column), reverse=descending)  # stable: ties keep the tiebreak
        return filled + empty
